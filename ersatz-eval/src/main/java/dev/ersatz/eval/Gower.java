package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.Arrays;

/**
 * Mixed-type (Gower) distances between rows, as SDMetrics' DCR metrics and Anonymeter compute them:
 * <pre>
 *   d(x, y) = (1/m) Σ_features d_f(x_f, y_f)
 *   d_f = min(1, |x_f − y_f| / range_f)      ordered column (a zero range: 0 if equal, else 1)
 *   d_f = [x_f ≠ y_f]                        categorical column
 *   d_f = 0 if both are missing, 1 if one is
 * </pre>
 * over the m features of the index. Range [0, 1] per row pair; 0 means identical.
 *
 * <p>The index holds one set of reference rows column by column, pre-scaled, so that the distances from
 * one query row to every reference row are a few tight loops over float arrays (which the JIT
 * vectorises). Sums are kept in float: 24 bits are plenty for at most a few hundred terms in [0, 1].
 */
final class Gower {
    /** Missing ordered values are stored as this, so that |x − MISSING| capped at 1 gives 1. */
    private static final float MISSING = 1e30f;

    /** Rows of the features in kernel form: ordered values unscaled ({@code NaN} = missing), codes ({@code -1} = missing). */
    static final class Rows {
        final double[][] num;
        final int[][] cat;
        final int n;
        /** Per categorical feature: how many codes the feature has in all tables (so packed fields fit them all). */
        final int[] catLevels;

        Rows(double[][] num, int[][] cat, int n, int[] catLevels) {
            this.num = num;
            this.cat = cat;
            this.n = n;
            this.catLevels = catLevels;
        }

        /** Rows {@code rows} (null: all) of a table, over the features {@code features}. */
        static Rows of(EvalData data, int[] features, Role role, int[] rows) {
            int n = rows == null ? data.rows(role) : rows.length;
            double[][] num = new double[features.length][];
            int[][] cat = new int[features.length][];
            int[] levels = new int[features.length];
            for (int k = 0; k < features.length; k++) {
                Feature f = data.features.get(features[k]);
                if (f.numeric) {
                    double[] v = f.values[role.ordinal()];
                    num[k] = rows == null ? v : select(v, rows);
                } else {
                    int[] c = f.codes[role.ordinal()];
                    cat[k] = rows == null ? c : select(c, rows);
                    levels[k] = f.levels.size();
                }
            }
            return new Rows(num, cat, n, levels);
        }
    }

    final int n;
    final int m;
    /** Column-major, for {@link #add}: scaled ordered values (missing = {@link #MISSING}) or codes. */
    private final float[][] ref;
    private final float[][] refPresent;
    private final int[][] refCat;
    private final double[] invRange;
    /** Row-major, for {@link #nearest}: the ordered features' scaled values, {@code p} per row. */
    private final float[] rowNum;
    private final int p;
    private final int[] numFeatures;
    /** Row-major: the categorical features packed into {@code words} longs per row (see {@link Packing}). */
    private final long[] rowCat;
    private final Packing packing;

    /**
     * An index over {@code reference}; {@code ranges[k]} is the range used for feature k (ignored for
     * categorical features).
     */
    Gower(Rows reference, double[] ranges) {
        this.n = reference.n;
        this.m = reference.num.length;
        ref = new float[m][];
        refPresent = new float[m][];
        refCat = new int[m][];
        invRange = new double[m];
        int numCount = 0;
        for (int k = 0; k < m; k++) if (reference.num[k] != null) numCount++;
        numFeatures = new int[numCount];
        int[] catFeatures = new int[m - numCount];
        int a = 0, b = 0;
        for (int k = 0; k < m; k++) {
            if (reference.num[k] != null) {
                numFeatures[a++] = k;
                // A zero range makes any difference 1 and equality 0, as SDMetrics does.
                invRange[k] = ranges[k] > 0 ? 1 / ranges[k] : 1e12;
                float[] v = new float[n], pr = new float[n];
                for (int i = 0; i < n; i++) {
                    double x = reference.num[k][i];
                    v[i] = scaled(x, invRange[k]);
                    pr[i] = Double.isNaN(x) ? 0f : 1f;
                }
                ref[k] = v;
                refPresent[k] = pr;
            } else {
                catFeatures[b++] = k;
                refCat[k] = reference.cat[k];
            }
        }
        p = numCount;
        rowNum = new float[n * p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) rowNum[i * p + j] = ref[numFeatures[j]][i];
        packing = new Packing(reference, catFeatures);
        rowCat = new long[n * packing.words];
        for (int i = 0; i < n; i++) packing.pack(reference, i, rowCat, i * packing.words);
    }

    private static float scaled(double x, double invRange) {
        return Double.isNaN(x) ? MISSING : (float) (x * invRange);
    }

    /**
     * Categorical codes packed several to a long, so one XOR and a SWAR step count the differing
     * columns of a row pair at once. Feature k gets a field of {@code b_k + 1} bits, where {@code b_k}
     * bits hold code + 1 (0 = missing) and the top bit stays 0; for {@code x = a XOR b},
     * {@code (((x & M) + M) | x) & H} sets the top bit of exactly the fields where x is non-zero
     * (M: the low bits of every field, H: the top bits), and {@link Long#bitCount} counts them.
     */
    static final class Packing {
        final int words;
        final int[] features, word, shift;
        final long[] low, high;

        Packing(Rows reference, int[] catFeatures) {
            features = catFeatures;
            word = new int[catFeatures.length];
            shift = new int[catFeatures.length];
            int w = 0, used = 0;
            java.util.List<long[]> masks = new java.util.ArrayList<>();
            masks.add(new long[2]);
            for (int j = 0; j < catFeatures.length; j++) {
                int maxValue = 1;
                for (int c : reference.cat[catFeatures[j]]) maxValue = Math.max(maxValue, c + 1);
                // Query tables may hold codes the reference lacks; the field must hold every code of the feature.
                maxValue = Math.max(maxValue, reference.catLevels == null ? 0 : reference.catLevels[catFeatures[j]]);
                int bits = 32 - Integer.numberOfLeadingZeros(maxValue) + 1;
                if (used + bits > 64) {
                    w++;
                    used = 0;
                    masks.add(new long[2]);
                }
                word[j] = w;
                shift[j] = used;
                masks.get(w)[0] |= ((1L << (bits - 1)) - 1) << used;
                masks.get(w)[1] |= 1L << (used + bits - 1);
                used += bits;
            }
            words = catFeatures.length == 0 ? 0 : w + 1;
            low = new long[words];
            high = new long[words];
            for (int i = 0; i < words; i++) {
                low[i] = masks.get(i)[0];
                high[i] = masks.get(i)[1];
            }
        }

        void pack(Rows rows, int row, long[] out, int at) {
            for (int i = 0; i < words; i++) out[at + i] = 0;
            for (int j = 0; j < features.length; j++) {
                long v = rows.cat[features[j]][row] + 1L;
                out[at + word[j]] |= v << shift[j];
            }
        }
    }

    /** The ranges (max − min over present values) of the given rows' ordered features; NaN for categorical ones. */
    static double[] ranges(Rows... tables) {
        int m = tables[0].num.length;
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            if (tables[0].num[k] == null) {
                r[k] = Double.NaN;
                continue;
            }
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Rows t : tables) {
                for (double x : t.num[k]) {
                    if (Double.isNaN(x)) continue;
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            r[k] = hi > lo ? hi - lo : 0;
        }
        return r;
    }

    /**
     * Adds feature k's distance from row {@code row} of {@code q} to every reference row into {@code acc}
     * (column by column, branch-free, so the JIT vectorises it).
     */
    void add(int k, Rows q, int row, float[] acc) {
        if (ref[k] != null) {
            double x = q.num[k][row];
            float[] v = ref[k];
            if (Double.isNaN(x)) {
                float[] pr = refPresent[k];
                for (int i = 0; i < n; i++) acc[i] += pr[i];
            } else {
                float qs = (float) (x * invRange[k]);
                for (int i = 0; i < n; i++) {
                    float d = Math.abs(qs - v[i]);
                    acc[i] += d < 1f ? d : 1f;
                }
            }
        } else {
            int c = q.cat[k][row];
            int[] codes = refCat[k];
            for (int i = 0; i < n; i++) {
                int x = codes[i] ^ c;
                acc[i] += (x | -x) >>> 31;
            }
        }
    }

    /** The summed distances (not yet divided by m) from a query row to every reference row. */
    void sums(Rows q, int row, float[] acc) {
        Arrays.fill(acc, 0f);
        for (int k = 0; k < m; k++) add(k, q, row, acc);
    }

    /** The nearest reference rows of every query row. */
    record Nearest(double[] d1, double[] d2, int[] index) {}

    /**
     * For each row of {@code q}: the distance to its nearest reference row and to the second nearest (as
     * means over the features), and the nearest row's index (the lowest index among equals).
     *
     * <p>Row by row with pruning: the categorical mismatches of a pair are counted first (one SWAR step
     * per packed word), and a pair whose count already reaches the second-best distance found so far is
     * skipped. Distances and the result are exactly those of the full computation.
     */
    Nearest nearest(Rows q, Parallel parallel) {
        double[] d1 = new double[q.n], d2 = new double[q.n];
        int[] idx = new int[q.n];
        int words = packing.words;
        long[] lowMask = packing.low, highMask = packing.high;
        parallel.forRange(q.n, r -> {
            long[] qc = new long[Math.max(1, words)];
            packing.pack(q, r, qc, 0);
            float[] qn = new float[p];
            for (int j = 0; j < p; j++) qn[j] = scaled(q.num[numFeatures[j]][r], invRange[numFeatures[j]]);
            float best = Float.POSITIVE_INFINITY, second = Float.POSITIVE_INFINITY;
            int bi = -1;
            for (int i = 0; i < n; i++) {
                int mis = 0;
                for (int w = 0; w < words; w++) {
                    long x = qc[w] ^ rowCat[i * words + w];
                    mis += Long.bitCount((((x & lowMask[w]) + lowMask[w]) | x) & highMask[w]);
                }
                if (mis >= second) continue;
                float d = mis;
                int o = i * p;
                for (int j = 0; j < p && d < second; j++) {
                    float e = Math.abs(qn[j] - rowNum[o + j]);
                    d += e < 1f ? e : 1f;
                }
                if (d < second) {
                    if (d < best) {
                        second = best;
                        best = d;
                        bi = i;
                    } else {
                        second = d;
                    }
                }
            }
            d1[r] = best / m;
            d2[r] = second / m;
            idx[r] = bi;
        });
        return new Nearest(d1, d2, idx);
    }

    private static double[] select(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static int[] select(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }
}
