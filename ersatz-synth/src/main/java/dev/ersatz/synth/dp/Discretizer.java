package dev.ersatz.synth.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts a numeric column into the pieces and bins of a {@link Domain}, with differential privacy when
 * a budget is given.
 *
 * <p>Pieces (public domain: the column's range, whether it is whole-numbered and whether it has
 * missing values, all of which the codec reveals anyway). A whole-numbered column spanning at most
 * {@value #MAX_INTEGER_PIECES} values gets one atom per integer; any other column gets
 * {@value #INTERVALS} intervals over its range, split by atoms at its ends and at zero, the values such
 * columns pile up on (zero-inflation, top-coding). The intervals are equal-width for columns with
 * negative values and geometric from the minimum for non-negative ones (widths from 1/1000 of the
 * range up), where right-skewed amounts (weights, incomes, prices) have their mass.
 *
 * <p>Masses. Exact counts without a budget. With one, a hierarchical histogram (Hay, Rastogi, Miklau
 * and Suciu, "Boosting the accuracy of differentially private histograms through consistency", VLDB
 * 2010): a tree of fan-out {@value #FANOUT} over the pieces (the missing value first), up to the first
 * level of at most {@value #FANOUT} nodes (no root: only relative masses are needed), each level's
 * node counts released with the level's share of the budget (adding or removing a row changes one
 * count per level, so the sensitivity per level is 1; substituting a row, 2 in L1), then estimated top-down: the top level's noisy counts made
 * non-negative by norm-sub ({@link Noise#normSub}), then each node's estimate shared among its
 * children by norm-sub of their noisy counts to that total. Dense regions are resolved finely, empty ones stay empty, and the cumulative
 * distribution (what the bins need) sums only O(log) noisy counts.
 *
 * <p>Bins: consecutive pieces of equal estimated mass, cutting whenever the mass since the last cut
 * reaches the remaining mass over the remaining bins.
 */
public final class Discretizer {
    static final int MAX_INTEGER_PIECES = 1024;
    static final int INTERVALS = 256;
    static final int FANOUT = 8;

    private Discretizer() {}

    /** How the masses are released: exactly, with the Laplace mechanism (ε), or the Gaussian one (ρ). */
    public record Budget(boolean gaussian, double amount) {
        public static Budget laplace(double epsilon) { return new Budget(false, epsilon); }
        public static Budget gaussian(double rho) { return new Budget(true, rho); }
    }

    /**
     * The domain of a numeric column with at most {@code bins} bins of present values; {@code budget}
     * null for exact masses. Every noisy release is recorded in {@code ledger} under {@code purpose}.
     */
    public static Domain numeric(double[] values, int bins, Budget budget, double sensitivity, Ledger ledger, String purpose, SplittableRandom rng) {
        boolean nullable = false, integral = true;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) { nullable = true; continue; }
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v != Math.rint(v)) integral = false;
        }
        if (min > max) {
            // No present value: one empty bin besides missing (never drawn).
            return Domain.numeric(new double[] {0}, new double[] {0}, new double[] {0}, new int[] {0, 1}, true);
        }
        List<double[]> pieces = pieces(min, max, integral);
        int m = pieces.size();
        double[] lo = new double[m], hi = new double[m];
        for (int k = 0; k < m; k++) { lo[k] = pieces.get(k)[0]; hi[k] = pieces.get(k)[1]; }
        Domain shape = Domain.numeric(lo, hi, new double[m], new int[] {0, m}, nullable);
        // Leaves of the histogram: [missing] + pieces.
        int off = nullable ? 1 : 0;
        double[] counts = new double[m + off];
        for (double v : values) {
            if (Double.isNaN(v)) counts[0]++;
            else counts[off + shape.pieceOf(v)]++;
        }
        double[] est = budget == null ? counts : hierarchical(counts, budget, sensitivity, ledger, purpose, rng);
        double[] mass = Arrays.copyOfRange(est, off, off + m);
        int[] binStart = bins(mass, bins);
        return Domain.numeric(lo, hi, mass, binStart, nullable);
    }

    /** Pieces [lo, hi] of the range; lo == hi marks an atom. */
    static List<double[]> pieces(double min, double max, boolean integral) {
        List<double[]> out = new ArrayList<>();
        if (min == max) {
            out.add(new double[] {min, min});
            return out;
        }
        if (integral && max - min + 1 <= MAX_INTEGER_PIECES) {
            for (double v = min; v <= max; v++) out.add(new double[] {v, v});
            return out;
        }
        List<Double> atoms = new ArrayList<>();
        atoms.add(min);
        if (min < 0 && max > 0) atoms.add(0.0);
        atoms.add(max);
        double[] edges = new double[INTERVALS + 1];
        if (min >= 0) {
            // Geometric spacing from the minimum: widths grow from 1/1000 of the range, so that
            // right-skewed amounts (the usual non-negative column) keep resolution where their mass is.
            double s = (max - min) / 1000, top = Math.log1p((max - min) / s);
            for (int i = 0; i <= INTERVALS; i++) edges[i] = i == INTERVALS ? max : min + s * Math.expm1(top * i / INTERVALS);
        } else {
            for (int i = 0; i <= INTERVALS; i++) edges[i] = i == INTERVALS ? max : min + i * (max - min) / INTERVALS;
        }
        int a = 0;
        for (int i = 0; i < INTERVALS; i++) {
            double l = edges[i], r = edges[i + 1];
            // atoms at or inside this interval split it
            while (a < atoms.size() && atoms.get(a) < r) {
                double at = atoms.get(a);
                if (at > l) out.add(new double[] {l, at});
                out.add(new double[] {at, at});
                l = at;
                a++;
            }
            if (r > l) out.add(new double[] {l, r});
        }
        while (a < atoms.size()) out.add(new double[] {atoms.get(a), atoms.get(a++)});
        return out;
    }

    /** Top-down estimates of the leaf counts from a noisy hierarchical histogram. */
    static double[] hierarchical(double[] counts, Budget budget, double sensitivity, Ledger ledger, String purpose, SplittableRandom rng) {
        int n = counts.length;
        // levels[0] = leaves; each level above groups FANOUT consecutive nodes.
        List<double[]> levels = new ArrayList<>();
        levels.add(counts);
        // Stop at the first level of at most FANOUT nodes: its total is not needed (masses are relative).
        while (levels.get(levels.size() - 1).length > FANOUT) {
            double[] below = levels.get(levels.size() - 1);
            double[] up = new double[(below.length + FANOUT - 1) / FANOUT];
            for (int i = 0; i < below.length; i++) up[i / FANOUT] += below[i];
            levels.add(up);
        }
        int depth = levels.size();
        // Each level is one release with its share of the budget (one row moves one count per level).
        double scale = 0;
        for (int l = 0; l < depth; l++) {
            scale = budget.gaussian()
                    ? ledger.gaussian(purpose, sensitivity, budget.amount() / depth)
                    : ledger.laplace(purpose, sensitivity, budget.amount() / depth);
        }
        List<double[]> noisy = new ArrayList<>();
        for (double[] lv : levels) {
            double[] z = new double[lv.length];
            for (int i = 0; i < lv.length; i++) z[i] = lv[i] + (budget.gaussian() ? Noise.gaussian(scale, rng) : Noise.laplace(scale, rng));
            noisy.add(z);
        }
        double[] top = noisy.get(depth - 1);
        double topSum = 0;
        for (double v : top) topSum += v;
        double[] est = Noise.normSub(top, Math.max(1, topSum));
        for (int l = depth - 2; l >= 0; l--) {
            double[] z = noisy.get(l);
            double[] next = new double[z.length];
            for (int p = 0; p < est.length; p++) {
                int s = p * FANOUT, e = Math.min(z.length, s + FANOUT);
                double[] part = Noise.normSub(java.util.Arrays.copyOfRange(z, s, e), est[p]);
                System.arraycopy(part, 0, next, s, e - s);
            }
            est = next;
        }
        return est;
    }

    /** Bin starts over pieces of the given masses: up to {@code bins} consecutive runs of equal mass. */
    static int[] bins(double[] mass, int bins) {
        int m = mass.length;
        double remaining = 0;
        for (double v : mass) remaining += v;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        double acc = 0;
        int left = bins;
        for (int k = 0; k < m; k++) {
            acc += mass[k];
            if (left > 1 && k < m - 1 && remaining > 0 && acc >= remaining / left) {
                starts.add(k + 1);
                remaining -= acc;
                acc = 0;
                left--;
            }
        }
        starts.add(m);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
