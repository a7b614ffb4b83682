package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * Column pair trends, as SDMetrics' {@code ColumnPairTrends} property computes them: how well each
 * pair of columns keeps its relationship, averaged over pairs.
 *
 * <ul>
 *   <li>Two ordered columns (numeric, integer, datetime): correlation similarity
 *       {@code 1 − |ρ_real − ρ_synthetic| / 2}, with Pearson's ρ over the rows where both values are
 *       present. Undefined (left out of the mean) when either column is constant in either table.</li>
 *   <li>Any other pair: contingency similarity {@code 1 − ½ Σ_(a,b) |p_real(a,b) − p_synthetic(a,b)|}
 *       over the joint frequencies, missing values counted as a category. An ordered column is first
 *       cut into 10 equal-width bins over <em>its own table's</em> range (numpy's
 *       {@code histogram_bin_edges} and {@code digitize}, as SDMetrics does: the real and the
 *       synthetic column are each binned over their own range; a value equal to the maximum and a
 *       missing value share the eleventh bin).</li>
 * </ul>
 * Range [0, 1], higher is better.
 *
 * <p>Thresholds (SDMetrics 0.27 and later, whose quality report uses them by default): a pair counts
 * towards {@link #meanStrong} only when the real data has a relationship worth keeping: |ρ_real| &gt;
 * {@value #CORRELATION_THRESHOLD} for two ordered columns, Cramér's V of the real contingency table
 * &gt; {@value #ASSOCIATION_THRESHOLD} otherwise. Cramér's V is
 * {@code sqrt(χ² / (n · (min(rows, columns) − 1)))} with the uncorrected Pearson χ² of the table
 * (scipy's {@code association(method="cramer")}); it is undefined for a table with one row or column.
 */
final class PairTrends {
    /** SDMetrics' default real-correlation threshold of its quality report. */
    static final double CORRELATION_THRESHOLD = 0.5;
    /** SDMetrics' default real-association (Cramér's V) threshold of its quality report. */
    static final double ASSOCIATION_THRESHOLD = 0.3;
    /** numpy's default number of histogram bins, as SDMetrics uses it. */
    static final int BINS = 10;

    private PairTrends() {}

    /**
     * One pair's result.
     *
     * @param correlation whether the pair was scored by correlation similarity (else contingency)
     * @param score       the similarity in [0, 1]; {@code NaN} when undefined
     * @param real        Pearson's ρ (correlation pairs) or Cramér's V (contingency pairs) in the real table
     * @param other       the same measure in the compared table
     * @param strong      whether the real relationship passes SDMetrics' threshold
     */
    record Pair(String first, String second, boolean correlation, double score, double real, double other, boolean strong) {}

    /** Every pair of compared columns, real against {@code other}, in metadata order. */
    static List<Pair> pairs(EvalData data, Role other) {
        List<Feature> fs = data.features;
        int[][] realBins = new int[fs.size()][], otherBins = new int[fs.size()][];
        for (int i = 0; i < fs.size(); i++) {
            Feature f = fs.get(i);
            if (f.numeric) {
                realBins[i] = discretize(f.values[Role.REAL.ordinal()]);
                otherBins[i] = discretize(f.values[other.ordinal()]);
            } else {
                realBins[i] = f.codes[Role.REAL.ordinal()];
                otherBins[i] = f.codes[other.ordinal()];
            }
        }
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            for (int j = i + 1; j < fs.size(); j++) {
                Feature a = fs.get(i), b = fs.get(j);
                if (a.numeric && b.numeric) {
                    double[] ra = a.values[Role.REAL.ordinal()], rb = b.values[Role.REAL.ordinal()];
                    double[] sa = a.values[other.ordinal()], sb = b.values[other.ordinal()];
                    double rr = pearson(ra, rb), rs = pearson(sa, sb);
                    boolean constant = isConstant(ra) || isConstant(rb) || isConstant(sa) || isConstant(sb);
                    double score = constant || Double.isNaN(rr) || Double.isNaN(rs) ? Double.NaN : 1 - Math.abs(rr - rs) / 2;
                    out.add(new Pair(a.name, b.name, true, score, rr, rs, !Double.isNaN(rr) && Math.abs(rr) > CORRELATION_THRESHOLD));
                } else {
                    double score = contingencySimilarity(realBins[i], realBins[j], otherBins[i], otherBins[j]);
                    double vr = cramersV(realBins[i], realBins[j]), vs = cramersV(otherBins[i], otherBins[j]);
                    out.add(new Pair(a.name, b.name, false, score, vr, vs, !Double.isNaN(vr) && vr > ASSOCIATION_THRESHOLD));
                }
            }
        }
        return out;
    }

    /** The mean score over pairs with a defined score ({@code NaN} when there is none). */
    static double mean(List<Pair> pairs) {
        double sum = 0;
        int n = 0;
        for (Pair p : pairs) {
            if (Double.isNaN(p.score)) continue;
            sum += p.score;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The mean score over the pairs whose real relationship passes SDMetrics' thresholds ({@code NaN} when none does). */
    static double meanStrong(List<Pair> pairs) {
        double sum = 0;
        int n = 0;
        for (Pair p : pairs) {
            if (!p.strong || Double.isNaN(p.score)) continue;
            sum += p.score;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Correlation similarity of two ordered columns: {@code 1 − |ρ_real − ρ_synthetic| / 2}, each ρ over the
     * rows where both values are present; {@code NaN} when a column is constant or a ρ is undefined.
     */
    static double correlationSimilarity(double[] realA, double[] realB, double[] synA, double[] synB) {
        if (isConstant(realA) || isConstant(realB) || isConstant(synA) || isConstant(synB)) return Double.NaN;
        double rr = pearson(realA, realB), rs = pearson(synA, synB);
        if (Double.isNaN(rr) || Double.isNaN(rs)) return Double.NaN;
        return 1 - Math.abs(rr - rs) / 2;
    }

    /** Whether a column has exactly one distinct present value (pandas' {@code nunique() == 1}). */
    static boolean isConstant(double[] v) {
        double first = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            if (Double.isNaN(first)) first = x;
            else if (x != first) return false;
        }
        return !Double.isNaN(first);
    }

    /**
     * Pearson's correlation over the rows where both values are present (two-pass, so large offsets such as
     * epoch seconds do not cost precision); {@code NaN} with fewer than two rows or zero variance.
     */
    static double pearson(double[] a, double[] b) {
        int n = 0;
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            ma += a[i];
            mb += b[i];
            n++;
        }
        if (n < 2) return Double.NaN;
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) return Double.NaN;
        double r = sab / Math.sqrt(saa * sbb);
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * numpy's {@code digitize(x, histogram_bin_edges(x[present]))}: 11 edges evenly spaced over the present
     * values' range ({@code [0, 1]} when there are none; widened by ½ each way when the range is a point); a
     * value's bin is the number of edges at or below it, so the maximum gets bin 11, as does a missing value.
     */
    static int[] discretize(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[BINS + 1];
        double step = (hi - lo) / BINS;
        for (int k = 0; k < BINS; k++) edges[k] = k * step + lo;
        edges[BINS] = hi;
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isNaN(x)) {
                out[i] = BINS + 1;
                continue;
            }
            int c = 0;
            while (c <= BINS && edges[c] <= x) c++;
            out[i] = c;
        }
        return out;
    }

    /** Contingency similarity of two pairs of discrete columns (codes ≥ −1; any value, missing included, is a category). */
    static double contingencySimilarity(int[] realA, int[] realB, int[] synA, int[] synB) {
        if (realA.length == 0 || synA.length == 0) return Double.NaN;
        int wa = Math.max(max(realA), max(synA)) + 2, wb = Math.max(max(realB), max(synB)) + 2;
        if ((long) wa * wb > DENSE_CELLS) return sparseContingencySimilarity(realA, realB, synA, synB);
        double[] pr = new double[wa * wb], ps = new double[wa * wb];
        for (int i = 0; i < realA.length; i++) pr[(realA[i] + 1) * wb + realB[i] + 1]++;
        for (int i = 0; i < synA.length; i++) ps[(synA[i] + 1) * wb + synB[i] + 1]++;
        double nr = realA.length, ns = synA.length, tv = 0;
        for (int c = 0; c < pr.length; c++) tv += Math.abs(pr[c] / nr - ps[c] / ns);
        return 1 - tv / 2;
    }

    /** Above this many cells (two columns of thousands of labels each) the joint counts go in a hash map. */
    private static final long DENSE_CELLS = 1L << 22;

    private static double sparseContingencySimilarity(int[] realA, int[] realB, int[] synA, int[] synB) {
        java.util.Map<Long, double[]> cells = new java.util.HashMap<>();
        for (int i = 0; i < realA.length; i++) cells.computeIfAbsent(key(realA[i], realB[i]), k -> new double[2])[0]++;
        for (int i = 0; i < synA.length; i++) cells.computeIfAbsent(key(synA[i], synB[i]), k -> new double[2])[1]++;
        double tv = 0;
        for (double[] c : cells.values()) tv += Math.abs(c[0] / realA.length - c[1] / synA.length);
        return 1 - tv / 2;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL);
    }

    private static int max(int[] v) {
        int m = -1;
        for (int x : v) if (x > m) m = x;
        return m;
    }

    /** Cramér's V of the contingency table of two discrete columns; {@code NaN} when it has one row or one column. */
    static double cramersV(int[] a, int[] b) {
        int wa = max(a) + 2, wb = max(b) + 2;
        if ((long) wa * wb > DENSE_CELLS) {
            // Relabel by first appearance: the table only needs the values that occur.
            a = compact(a);
            b = compact(b);
            wa = max(a) + 2;
            wb = max(b) + 2;
            if ((long) wa * wb > DENSE_CELLS) return sparseCramersV(a, b);
        }
        double[] table = new double[wa * wb];
        for (int i = 0; i < a.length; i++) table[(a[i] + 1) * wb + b[i] + 1]++;
        double n = a.length;
        double[] rowSum = new double[wa], colSum = new double[wb];
        for (int i = 0; i < wa; i++) for (int j = 0; j < wb; j++) {
            rowSum[i] += table[i * wb + j];
            colSum[j] += table[i * wb + j];
        }
        int r = 0, c = 0;
        for (double x : rowSum) if (x > 0) r++;
        for (double x : colSum) if (x > 0) c++;
        if (r < 2 || c < 2) return Double.NaN;
        // The table has only the values that occur (pandas' unstack), so empty rows and columns are skipped.
        double chi2 = 0;
        for (int i = 0; i < wa; i++) {
            if (rowSum[i] == 0) continue;
            for (int j = 0; j < wb; j++) {
                if (colSum[j] == 0) continue;
                double e = rowSum[i] * colSum[j] / n;
                double d = table[i * wb + j] - e;
                chi2 += d * d / e;
            }
        }
        return Math.sqrt(chi2 / n / (Math.min(r, c) - 1));
    }

    private static int[] compact(int[] v) {
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = index.computeIfAbsent(v[i], k -> index.size());
        return out;
    }

    /** Cramér's V from a sparse table: χ² = n (Σ_cells O²/(r_i c_j) − 1), which needs only the non-empty cells. */
    private static double sparseCramersV(int[] a, int[] b) {
        int ra = max(a) + 1, rb = max(b) + 1;
        double[] rowSum = new double[ra], colSum = new double[rb];
        java.util.Map<Long, double[]> cells = new java.util.HashMap<>();
        for (int i = 0; i < a.length; i++) {
            rowSum[a[i]]++;
            colSum[b[i]]++;
            cells.computeIfAbsent(key(a[i], b[i]), k -> new double[1])[0]++;
        }
        double n = a.length, s = 0;
        for (java.util.Map.Entry<Long, double[]> e : cells.entrySet()) {
            int i = (int) (e.getKey() >>> 32), j = (int) (long) e.getKey();
            double o = e.getValue()[0];
            s += o * o / (rowSum[i] * colSum[j]);
        }
        double chi2 = n * (s - 1);
        return Math.sqrt(Math.max(0, chi2) / n / (Math.min(ra, rb) - 1));
    }
}
