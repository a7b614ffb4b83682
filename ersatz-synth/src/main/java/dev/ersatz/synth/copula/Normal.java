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
}
