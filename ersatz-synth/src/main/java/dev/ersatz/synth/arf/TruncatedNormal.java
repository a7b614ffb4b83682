package dev.ersatz.synth.arf;

import org.hipparchus.special.Erf;

import java.util.SplittableRandom;

/** The normal distribution truncated to an interval: mass and draws by CDF inversion (Hipparchus's erf underneath). */
final class TruncatedNormal {
    private static final double SQRT2 = Math.sqrt(2.0);

    private TruncatedNormal() {}

    static double cdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) return 0;
        if (z == Double.POSITIVE_INFINITY) return 1;
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    static double quantile(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        if (p < 0.5) return -SQRT2 * Erf.erfcInv(2 * p);
        return SQRT2 * Erf.erfcInv(2 * (1 - p));
    }

    /** P(a ≤ X ≤ b) for X ~ N(mu, sigma²); a point mass at mu when sigma is 0. */
    static double mass(double mu, double sigma, double a, double b) {
        if (!(a <= b)) return 0;
        if (sigma <= 0) return mu >= a && mu <= b ? 1 : 0;
        double alpha = (a - mu) / sigma, beta = (b - mu) / sigma;
        return alpha > 0 ? cdf(-alpha) - cdf(-beta) : cdf(beta) - cdf(alpha);
    }

    /** A draw from N(mu, sigma²) truncated to [a, b] (the nearer end when the interval's mass underflows). */
    static double draw(double mu, double sigma, double a, double b, SplittableRandom rng) {
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
        return Math.min(Math.max(mu + sigma * z, a), b);
    }
}
