package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The copula fit tells t-dependence from Gaussian dependence and recovers the correlation. */
class CopulaTest {

    /** n draws of a 3-d elliptical vector with pairwise correlation rho; t with ν when nu is finite. */
    private static double[][] draws(int n, double rho, double nu, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] l = MarketModel.cholesky(new double[][] {{1, rho, rho}, {rho, 1, rho}, {rho, rho, 1}});
        double[][] out = new double[n][3];
        for (int t = 0; t < n; t++) {
            double[] e = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double w = Double.isInfinite(nu) ? 1 : Math.sqrt(2 * Sampling.gamma(rng, nu / 2) / nu);
            for (int i = 0; i < 3; i++) {
                double g = 0;
                for (int j = 0; j <= i; j++) g += l[i][j] * e[j];
                out[t][i] = g / w;
            }
        }
        return out;
    }

    // Kendall's τ from n = 2,000 has a standard error near √(4/(9n)) ≈ 0.015, so ρ = sin(πτ/2)
    // is within about 0.024 (slope ≤ π/2); 0.08 is more than 3 of those.
    private static final double RHO_TOLERANCE = 0.08;

    @Test
    void fit_tDependence_choosesTWithHeavyTailDependence() {
        Copula c = Copula.fit(draws(2000, 0.6, 4, 1));
        assertThat(c.gaussian()).isFalse();
        assertThat(c.nu()).isBetween(2.5, 8.0);
        assertThat(c.correlation()[1][0]).isCloseTo(0.6, within(RHO_TOLERANCE));
        assertThat(c.logLikT()).isGreaterThan(c.logLikGaussian() + 1);
    }

    @Test
    void fit_gaussianDependence_keepsGaussianOrAVeryLightT() {
        Copula c = Copula.fit(draws(2000, 0.6, Double.POSITIVE_INFINITY, 2));
        assertThat(c.gaussian() || c.nu() >= 20).as("nu = " + c.nu()).isTrue();
        assertThat(c.correlation()[2][1]).isCloseTo(0.6, within(RHO_TOLERANCE));
    }

    @Test
    void kendall_perfectAndReversedOrder_isPlusMinusOne() {
        int[] a = {1, 2, 3, 4, 5}, b = {5, 4, 3, 2, 1};
        assertThat(Copula.kendall(a, a)).isEqualTo(1.0);
        assertThat(Copula.kendall(a, b)).isEqualTo(-1.0);
    }
}
