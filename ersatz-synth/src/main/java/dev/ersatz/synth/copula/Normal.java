package dev.ersatz.synth.copula;

import org.hipparchus.special.Erf;

import java.util.SplittableRandom;

/** The standard normal distribution: CDF, quantile and truncated draws (Hipparchus's erf underneath). */
final class Normal {
    private static final double SQRT2 = Math.sqrt(2.0);

    private Normal() {}

    /** Φ(x), accurate in both tails. */
    static double cdf(double x) {
        if (x == Double.NEGATIVE_INFINITY) return 0;
        if (x == Double.POSITIVE_INFINITY) return 1;
        return 0.5 * Erf.erfc(-x / SQRT2);
    }

    /** Φ⁻¹(p); ±infinity at 0 and 1. */
    static double quantile(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        // erfcInv keeps precision for small p; mirror for the upper half.
        if (p < 0.5) return -SQRT2 * Erf.erfcInv(2 * p);
        return SQRT2 * Erf.erfcInv(2 * (1 - p));
    }

    /**
     * A draw from N(mu, sigma²) truncated to [a, b], by inverting the CDF over the interval.
     * The upper tail is drawn through the mirror image so that intervals far above the mean keep
     * their precision.
     */
    static double truncated(double mu, double sigma, double a, double b, SplittableRandom rng) {
        if (sigma <= 0) return Math.min(Math.max(mu, a), b);
        double alpha = (a - mu) / sigma, beta = (b - mu) / sigma;
        double z;
        if (alpha > 0) {
            double lo = cdf(-beta), hi = cdf(-alpha);
            z = -quantile(lo + rng.nextDouble() * (hi - lo));
        } else {
            double lo = cdf(alpha), hi = cdf(beta);
            z = quantile(lo + rng.nextDouble() * (hi - lo));
        }
        if (Double.isInfinite(z) || Double.isNaN(z)) z = alpha > 0 ? alpha : (beta < 0 ? beta : 0);
        double x = mu + sigma * z;
        return Math.min(Math.max(x, a), b);
    }

    /**
     * A draw from N(mu, sigma²) truncated to a union of disjoint intervals {@code [b0, b1] ∪ [b2, b3] ∪ ...}:
     * an interval chosen with probability proportional to its mass, then a truncated draw in it. When
     * every interval lies so far in the tails that its mass underflows, the interval nearest the mean is used.
     */
    static double truncatedUnion(double mu, double sigma, double[] b, SplittableRandom rng) {
        if (b.length == 2) return truncated(mu, sigma, b[0], b[1], rng);
        int n = b.length / 2;
        double[] cum = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += sigma > 0 ? mass((b[2 * i] - mu) / sigma, (b[2 * i + 1] - mu) / sigma) : 0;
            cum[i] = total;
        }
        int pick = 0;
        if (total > 0) {
            double u = rng.nextDouble() * total;
            while (pick < n - 1 && cum[pick] <= u) pick++;
        } else {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double d = mu < b[2 * i] ? b[2 * i] - mu : (mu > b[2 * i + 1] ? mu - b[2 * i + 1] : 0);
                if (d < best) { best = d; pick = i; }
            }
        }
        return truncated(mu, sigma, b[2 * pick], b[2 * pick + 1], rng);
    }

    /** Φ(beta) − Φ(alpha), through the mirror image above the mean for precision. */
    static double mass(double alpha, double beta) {
        return alpha > 0 ? cdf(-alpha) - cdf(-beta) : cdf(beta) - cdf(alpha);
    }
}
