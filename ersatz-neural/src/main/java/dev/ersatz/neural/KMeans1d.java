package dev.ersatz.neural;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-dimensional weighted k-means (Lloyd's algorithm) with k-means++ seeding (Arthur and Vassilvitskii,
 * "k-means++: the advantages of careful seeding", SODA 2007): the initial responsibilities of
 * {@link Vgm}, as scikit-learn's mixtures use.
 *
 * <p>Edge cases: when there are fewer distinct values than clusters, seeding stops early and the
 * surplus clusters stay empty (no point is labelled with them).
 */
final class KMeans1d {
    static final int MAX_ITER = 300;

    private KMeans1d() {}

    /** The cluster of each value ({@code w} = multiplicities), from {@code k} clusters. */
    static int[] labels(double[] x, double[] w, int k, SplittableRandom rng) {
        int n = x.length;
        double[] centres = seed(x, w, k, rng);
        int used = centres.length;
        double[] sorted = centres.clone();
        Arrays.sort(sorted);
        int[] labels = new int[n];
        double[] sum = new double[used];
        double[] count = new double[used];
        for (int iter = 0; iter < MAX_ITER; iter++) {
            Arrays.fill(sum, 0);
            Arrays.fill(count, 0);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int c = nearest(sorted, x[i]);
                changed |= c != labels[i];
                labels[i] = c;
                sum[c] += w[i] * x[i];
                count[c] += w[i];
            }
            double shift = 0;
            for (int c = 0; c < used; c++) {
                if (count[c] == 0) continue;
                double m = sum[c] / count[c];
                shift = Math.max(shift, Math.abs(m - sorted[c]));
                sorted[c] = m;
            }
            // Centres stay sorted in 1-D under Lloyd's update (each is a mean of a contiguous range).
            if (iter > 0 && !changed && shift == 0) break;
            if (iter > 0 && shift < 1e-10) break;
        }
        return labels;
    }

    private static int nearest(double[] sorted, double v) {
        int lo = 0, hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v > 0.5 * (sorted[mid] + sorted[mid + 1])) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D². */
    static double[] seed(double[] x, double[] w, int k, SplittableRandom rng) {
        int n = x.length;
        double[] centres = new double[k];
        double weight = 0;
        for (double v : w) weight += v;
        double r0 = rng.nextDouble() * weight, acc0 = 0;
        int first = n - 1;
        for (int i = 0; i < n; i++) { acc0 += w[i]; if (acc0 > r0) { first = i; break; } }
        centres[0] = x[first];
        double[] d2 = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) { d2[i] = w[i] * sq(x[i] - centres[0]); total += d2[i]; }
        int used = 1;
        while (used < k && total > 0) {
            double r = rng.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += d2[i];
                if (acc > r) { pick = i; break; }
            }
            centres[used++] = x[pick];
            total = 0;
            for (int i = 0; i < n; i++) { d2[i] = Math.min(d2[i], w[i] * sq(x[i] - x[pick])); total += d2[i]; }
        }
        return Arrays.copyOf(centres, used);
    }

    private static double sq(double v) { return v * v; }
}
