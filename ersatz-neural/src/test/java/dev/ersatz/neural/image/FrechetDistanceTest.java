package dev.ersatz.neural.image;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Fréchet distance against closed forms. */
class FrechetDistanceTest {
    static double[][] gaussian(int n, int d, double shift, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) for (int j = 0; j < d; j++) row[j] = shift + scale * r.nextGaussian();
        return x;
    }

    @Test
    void sameSetIsZeroAndAShiftCostsItsSquaredLength() {
        double[][] a = gaussian(4000, 3, 0, 1, 1);
        assertThat(FrechetDistance.of(a, a)).isCloseTo(0, within(1e-9));
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) b[i] = new double[] {a[i][0] + 2, a[i][1], a[i][2] - 1};
        // Same covariance, means 2 and −1 apart: exactly 2² + 1² = 5.
        assertThat(FrechetDistance.of(a, b)).isCloseTo(5, within(1e-6));
    }

    @Test
    void scaledCovarianceMatchesTheClosedForm() {
        // N(0, I) against N(0, 4I) in d dimensions: d·(1 + 4 − 2·2) = d.
        double[][] a = gaussian(20000, 4, 0, 1, 2), b = gaussian(20000, 4, 0, 2, 3);
        assertThat(FrechetDistance.of(a, b)).isCloseTo(4, within(0.15));
    }
}
