package dev.ersatz.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Small statistics shared by the metrics: ranks, AUC, F1, R², seeded sampling. */
final class Stats {
    private Stats() {}

    /**
     * The area under the ROC curve of scores for binary labels (1 = positive), by the Mann–Whitney
     * statistic with average ranks for ties: {@code (R₁ − n₁(n₁+1)/2) / (n₁ n₀)}, R₁ the rank sum of the
     * positives. 0.5 when one class is absent.
     */
    static double auc(float[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return 0.5;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Macro-averaged F1 as scikit-learn computes it: the mean over the labels that occur in the truth or
     * the predictions of {@code 2 TP / (2 TP + FP + FN)}.
     */
    static double macroF1(int[] truth, int[] predicted) {
        TreeSet<Integer> labels = new TreeSet<>();
        for (int t : truth) labels.add(t);
        for (int p : predicted) labels.add(p);
        double sum = 0;
        for (int c : labels) {
            long tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean t = truth[i] == c, p = predicted[i] == c;
                if (t && p) tp++;
                else if (p) fp++;
                else if (t) fn++;
            }
            long d = 2 * tp + fp + fn;
            sum += d == 0 ? 0 : 2.0 * tp / d;
        }
        return labels.isEmpty() ? Double.NaN : sum / labels.size();
    }

    static double accuracy(int[] truth, int[] predicted) {
        long ok = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
        return truth.length == 0 ? Double.NaN : (double) ok / truth.length;
    }

    /** The coefficient of determination {@code 1 − Σ(y − ŷ)² / Σ(y − ȳ)²}; may be negative. */
    static double r2(double[] truth, float[] predicted) {
        double mean = 0;
        for (double y : truth) mean += y;
        mean /= truth.length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < truth.length; i++) {
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            ssTot += (truth[i] - mean) * (truth[i] - mean);
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    static double mae(double[] truth, float[] predicted) {
        double s = 0;
        for (int i = 0; i < truth.length; i++) s += Math.abs(truth[i] - predicted[i]);
        return truth.length == 0 ? Double.NaN : s / truth.length;
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }

    /** 0, 1, ..., n−1 in a seeded random order (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code k} distinct indices below {@code n} (all of them, in order, when k ≥ n), sorted. */
    static int[] sample(int n, int k, SplittableRandom rng) {
        if (k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] p = Arrays.copyOf(permutation(n, rng), k);
        Arrays.sort(p);
        return p;
    }

    /** Indices 0..n−1. */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** 0..n−1 as a list. */
    static java.util.List<Integer> rangeList(int n) {
        java.util.List<Integer> r = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) r.add(i);
        return r;
    }

    /** A child seed for a named sub-computation, so metrics draw from independent streams. */
    static long seed(long seed, String purpose) {
        long h = seed;
        for (int i = 0; i < purpose.length(); i++) h = h * 31 + purpose.charAt(i);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
