package dev.ersatz.sim.market;

import java.util.SplittableRandom;

/** Random variates the simulators need beyond uniforms and Gaussians, drawn from a given stream. */
final class Sampling {
    private Sampling() {}

    /**
     * A Gamma(shape, 1) variate by Marsaglia and Tsang (2000), "A simple method for generating gamma
     * variables": d = k − 1/3, c = 1/√(9d); repeat v = (1 + c g)³ until ln u &lt; g²/2 + d − d v + d ln v,
     * return d v. Shapes below 1 use Gamma(k) = Gamma(k + 1) · U^{1/k}.
     */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double g, v;
            do {
                g = rng.nextGaussian();
                v = 1 + c * g;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * g * g * g * g) return d * v;
            if (Math.log(u) < 0.5 * g * g + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /** A Poisson(mean) count by inversion (the means here are small: jump counts per day). */
    static int poisson(SplittableRandom rng, double mean) {
        double p = Math.exp(-mean), cdf = p, u = rng.nextDouble();
        int k = 0;
        while (u > cdf && k < 1000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }
}
