package dev.ersatz.neural;

import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's conditional vector and training-by-sampling (Xu et al., NeurIPS 2019, §4.3).
 *
 * <p>Training: for each row of a batch, a discrete column is chosen uniformly, then a category of it
 * with probability proportional to log(1 + its count) (the "log frequency", so rare categories are
 * seen often enough to be learned); the conditional vector is that category's one-hot over all
 * discrete columns' slots, the mask marks the chosen column. The real rows the critic sees are drawn
 * uniformly from the training rows that have the chosen categories (the conditions shuffled across
 * the batch, as CTGAN does). Sampling without conditions draws the column uniformly and the category
 * with its true frequency, so the generated data keeps the real proportions.
 *
 * <p>A table with no categorical column has no conditional vector: real rows are drawn uniformly.
 */
final class CondSampler {
    private final List<DataTransformer.Discrete> discrete;
    private final int condDim;
    private final int n;
    private final int[][][] rowsByCategory;   // [column][category] -> training row indices
    private final double[][] logCum;          // cumulative log-frequency probabilities
    private final double[][] trueCum;         // cumulative true-frequency probabilities

    CondSampler(DataTransformer t, float[] data, int n, boolean logFrequency) {
        this.discrete = t.discrete();
        this.condDim = t.condDim();
        this.n = n;
        int dim = t.dim();
        rowsByCategory = new int[discrete.size()][][];
        logCum = new double[discrete.size()][];
        trueCum = new double[discrete.size()][];
        for (int d = 0; d < discrete.size(); d++) {
            DataTransformer.Discrete dc = discrete.get(d);
            int[] count = new int[dc.width()];
            int[] cat = new int[n];
            for (int i = 0; i < n; i++) {
                int base = i * dim + dc.start();
                int c = 0;
                for (int k = 0; k < dc.width(); k++) if (data[base + k] > 0.5f) { c = k; break; }
                cat[i] = c;
                count[c]++;
            }
            int[][] rows = new int[dc.width()][];
            for (int k = 0; k < dc.width(); k++) rows[k] = new int[count[k]];
            int[] at = new int[dc.width()];
            for (int i = 0; i < n; i++) rows[cat[i]][at[cat[i]]++] = i;
            rowsByCategory[d] = rows;
            logCum[d] = cumulative(count, logFrequency);
            trueCum[d] = cumulative(count, false);
        }
    }

    /** Category counts per discrete column (what sampling needs to draw conditions with the true frequencies). */
    int[][] counts() {
        int[][] out = new int[rowsByCategory.length][];
        for (int d = 0; d < out.length; d++) {
            out[d] = new int[rowsByCategory[d].length];
            for (int k = 0; k < out[d].length; k++) out[d][k] = rowsByCategory[d][k].length;
        }
        return out;
    }

    int columns() { return discrete.size(); }
    int condDim() { return condDim; }

    private static double[] cumulative(int[] count, boolean log) {
        double[] p = new double[count.length];
        double total = 0;
        for (int k = 0; k < count.length; k++) {
            p[k] = log ? Math.log(count[k] + 1.0) : count[k];
            total += p[k];
        }
        double acc = 0;
        for (int k = 0; k < count.length; k++) { acc += p[k] / total; p[k] = acc; }
        p[count.length - 1] = 1;
        return p;
    }

    private static int draw(double[] cum, double u) {
        int lo = 0, hi = cum.length - 1;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (u < cum[mid]) hi = mid; else lo = mid + 1; }
        return lo;
    }

    /** A training batch's conditions: chosen column and category per row. */
    record Conditions(int[] column, int[] category) {}

    Conditions sampleTraining(int batch, SplittableRandom rng) {
        int[] col = new int[batch], cat = new int[batch];
        for (int b = 0; b < batch; b++) {
            col[b] = rng.nextInt(discrete.size());
            cat[b] = draw(logCum[col[b]], rng.nextDouble());
            // A category with no rows cannot be drawn: its log(1 + 0) weight is zero.
        }
        return new Conditions(col, cat);
    }

    /** Conditions for unconditional sampling: true frequencies. */
    Conditions sampleOriginal(int batch, SplittableRandom rng) {
        int[] col = new int[batch], cat = new int[batch];
        for (int b = 0; b < batch; b++) {
            col[b] = rng.nextInt(discrete.size());
            cat[b] = draw(trueCum[col[b]], rng.nextDouble());
        }
        return new Conditions(col, cat);
    }

    /** Writes the one-hot conditional vectors ({@code batch × condDim}) into {@code out} (zeroed first). */
    void condVector(Conditions c, float[] out) {
        java.util.Arrays.fill(out, 0);
        for (int b = 0; b < c.column().length; b++) {
            out[b * condDim + discrete.get(c.column()[b]).condStart() + c.category()[b]] = 1;
        }
    }

    /** The column mask ({@code batch × columns()}). */
    void mask(Conditions c, float[] out) {
        java.util.Arrays.fill(out, 0);
        int cols = discrete.size();
        for (int b = 0; b < c.column().length; b++) out[b * cols + c.column()[b]] = 1;
    }

    /** A training row having each condition (row {@code b} matches condition {@code perm[b]}). */
    int[] realRows(Conditions c, int[] perm, SplittableRandom rng) {
        int batch = perm.length;
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            int[] cands = rowsByCategory[c.column()[perm[b]]][c.category()[perm[b]]];
            rows[b] = cands[rng.nextInt(cands.length)];
        }
        return rows;
    }

    /** Uniformly drawn training rows (no discrete columns). */
    int[] uniformRows(int batch, SplittableRandom rng) {
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) rows[b] = rng.nextInt(n);
        return rows;
    }
}
