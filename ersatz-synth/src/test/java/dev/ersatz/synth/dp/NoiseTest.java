package dev.ersatz.synth.dp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseTest {

    @Test
    void laplace_drawsFollowTheLaplaceCdf() {
        int n = 20_000;
        double b = 3.5;
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Noise.laplace(b, rng);
        Arrays.sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double f = x[i] < 0 ? 0.5 * Math.exp(x[i] / b) : 1 - 0.5 * Math.exp(-x[i] / b);
            ks = Math.max(ks, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (double) (i + 1) / n)));
        }
        // One-sample Kolmogorov–Smirnov critical value at α = 0.001: 1.95/√n.
        assertThat(ks).isLessThan(1.95 / Math.sqrt(n));
    }

    @Test
    void exponential_picksInProportionToExpOfHalfEpsilonScoreOverSensitivity() {
        double[] scores = {0, 1, 2, 2};
        double eps = 2, sens = 1;
        int n = 100_000;
        int[] count = new int[scores.length];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < n; i++) count[Noise.exponential(scores, eps, sens, false, rng)]++;
        double z = 0;
        for (double s : scores) z += Math.exp(0.5 * eps * s / sens);
        for (int k = 0; k < scores.length; k++) {
            double p = Math.exp(0.5 * eps * scores[k] / sens) / z;
            assertThat(Math.abs(count[k] / (double) n - p)).as("index %d", k).isLessThan(4 * Math.sqrt(p * (1 - p) / n));
        }
    }

    @Test
    void exponential_hugeScores_noOverflow() {
        double[] scores = {1e9, 1e9 + 1, 0};
        int pick = Noise.exponential(scores, 50, 1, false, new SplittableRandom(3));
        assertThat(pick).isEqualTo(1);
    }

    @Test
    void normSub_nonNegativeKeepsTotalAndOrder() {
        double[] z = {120.5, -30, 4, 60, -2, 0.5};
        double[] out = Noise.normSub(z, 150);
        assertThat(Arrays.stream(out).sum()).isCloseTo(150, org.assertj.core.data.Offset.offset(1e-9));
        for (double v : out) assertThat(v).isGreaterThanOrEqualTo(0);
        for (int i = 0; i < z.length; i++) for (int j = 0; j < z.length; j++) if (z[i] > z[j]) assertThat(out[i]).isGreaterThanOrEqualTo(out[j]);
        // Shifting by one constant: the surviving cells keep their differences.
        assertThat(out[0] - out[3]).isCloseTo(60.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Noise.normSub(new double[] {1, 2}, 0)).containsExactly(0, 0);
        // A total above the positive mass adds to every cell (δ < 0).
        assertThat(Arrays.stream(Noise.normSub(new double[] {1, 2, 3}, 12)).sum()).isCloseTo(12, org.assertj.core.data.Offset.offset(1e-9));
    }
}
