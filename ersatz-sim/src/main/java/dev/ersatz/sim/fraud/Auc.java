package dev.ersatz.sim.fraud;

import java.util.Arrays;

/** The area under the ROC curve, exact, from scores of positives and (optionally weighted) negatives. */
final class Auc {
    private Auc() {}

    /**
     * P(score of a random positive > score of a random negative) + half the probability of a tie, with
     * negatives weighted by {@code negWeights} (null = all 1): the Mann-Whitney statistic divided by
     * {@code n1 * sum(w)}, by sorting.
     */
    static double auc(double[] pos, double[] neg, double[] negWeights) {
        int n1 = pos.length, n0 = neg.length;
        if (n1 == 0 || n0 == 0) return Double.NaN;
        double[] p = pos.clone();
        Arrays.sort(p);
        Integer[] idx = new Integer[n0];
        for (int i = 0; i < n0; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(neg[a], neg[b]));
        double total = 0, acc = 0;
        int j = 0;
        // for each negative (ascending), count positives above it and tied with it
        double wsum = 0;
        for (int k = 0; k < n0; k++) {
            int i = idx[k];
            double w = negWeights == null ? 1 : negWeights[i];
            wsum += w;
            double s = neg[i];
            int below = lowerBound(p, s), upTo = upperBound(p, s);
            double above = n1 - upTo, tied = upTo - below;
            acc += w * (above + 0.5 * tied);
        }
        total = wsum * n1;
        return total > 0 ? acc / total : Double.NaN;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * The standard error of the AUC when the classes do not differ (Mann and Whitney's null variance,
     * {@code (n1 + n0 + 1) / (12 n1 n0)}), with {@code n0} the effective number of weighted negatives.
     */
    static double nullStandardError(double n1, double n0) {
        return Math.sqrt((n1 + n0 + 1) / (12 * n1 * n0));
    }

    /** Kish's effective sample size of weights: (Σw)² / Σw². */
    static double effectiveSize(double[] w) {
        double s = 0, s2 = 0;
        for (double x : w) {
            s += x;
            s2 += x * x;
        }
        return s2 > 0 ? s * s / s2 : 0;
    }
}
