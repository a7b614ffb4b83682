package dev.ersatz.synth.dp;

import java.util.SplittableRandom;

/** Noise for differential privacy, drawn from a seeded stream. */
public final class Noise {
    private Noise() {}

    /** A Laplace(0, b) draw: the difference of two exponentials with mean b. */
    public static double laplace(double b, SplittableRandom rng) {
        return b * (-Math.log(1 - rng.nextDouble()) + Math.log(1 - rng.nextDouble()));
    }

    /** A N(0, σ²) draw. */
    public static double gaussian(double sigma, SplittableRandom rng) {
        return sigma * rng.nextGaussian();
    }

    /**
     * The exponential mechanism (McSherry and Talwar, 2007): index i with probability
     * ∝ exp(ε·q_i / (2Δ)) ({@code monotonic}: ε·q_i/Δ, for scores that only move one way between
     * neighbours). Computed through the largest score so that large scores do not overflow.
     */
    public static int exponential(double[] scores, double epsilon, double sensitivity, boolean monotonic, SplittableRandom rng) {
        double coef = (monotonic ? 1.0 : 0.5) * epsilon / sensitivity;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) max = Math.max(max, s);
        double[] w = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            w[i] = Math.exp(coef * (scores[i] - max));
            sum += w[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) return i;
        }
        return w.length - 1;
    }

    /**
     * Post-processing of a noisy count vector into non-negative counts summing to {@code total}
     * ("norm-sub", Wang, Lopuhaä-Zwakenberg, Li, Škorić and Li, "Locally differentially private
     * frequency estimation with consistency", NDSS 2020): subtract the one constant δ for which
     * Σ max(0, z_i − δ) = total. Unlike clipping negatives at zero, it does not add the noise of every
     * empty cell to the total, which is what makes sparse tables (rare categories, unseen combinations)
     * come out clean. A non-positive total gives all zeros.
     */
    public static double[] normSub(double[] z, double total) {
        double[] out = new double[z.length];
        if (!(total > 0) || z.length == 0) return out;
        double[] s = z.clone();
        java.util.Arrays.sort(s);
        // Find δ: with the k largest values kept, δ = (Σ top k − total) / k, valid when s[n−k−1] ≤ δ < s[n−k].
        double sum = 0;
        double delta = Double.NaN;
        int n = s.length;
        for (int k = 1; k <= n; k++) {
            sum += s[n - k];
            double d = (sum - total) / k;
            double next = k < n ? s[n - k - 1] : Double.NEGATIVE_INFINITY;
            if (d >= next && d < s[n - k]) { delta = d; break; }
        }
        if (Double.isNaN(delta)) delta = (sum - total) / n;
        for (int i = 0; i < z.length; i++) out[i] = Math.max(0, z[i] - delta);
        return out;
    }
}
