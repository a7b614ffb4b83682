package dev.ersatz.neural;

import org.hipparchus.special.Erf;

/** The standard normal distribution's CDF and quantile function (through Hipparchus' erf). */
final class Gaussian {
    private Gaussian() {}

    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    static double quantile(double u) {
        return -Math.sqrt(2) * Erf.erfcInv(2 * u);
    }
}
