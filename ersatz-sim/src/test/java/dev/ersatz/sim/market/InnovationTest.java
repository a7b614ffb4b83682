package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each innovation is a standardised density whose sampler, quantile function and moments agree. */
class InnovationTest {

    private static final List<Innovation> ALL = List.of(new Innovation.Normal(), new Innovation.StudentT(5),
            new Innovation.StudentT(30), new Innovation.SkewT(6, -0.3), new Innovation.SkewT(12, 0.2));

    /** ∫ g(z) f(z) dz by the midpoint rule on z = tan θ (reaches the heavy tails). */
    private static double integrate(Innovation d, java.util.function.DoubleUnaryOperator g) {
        int steps = 200_000;
        double s = 0, h = Math.PI / steps;
        for (int i = 0; i < steps; i++) {
            double th = -Math.PI / 2 + (i + 0.5) * h;
            double z = Math.tan(th);
            s += g.applyAsDouble(z) * Math.exp(d.logPdf(z)) * h / (Math.cos(th) * Math.cos(th));
        }
        return s;
    }

    @Test
    void logPdf_everyKind_isAStandardisedDensity() {
        for (Innovation d : ALL) {
            assertThat(integrate(d, z -> 1)).as(d + " mass").isCloseTo(1, within(1e-4));
            assertThat(integrate(d, z -> z)).as(d + " mean").isCloseTo(0, within(1e-4));
            // ν = 5 has a slowly converging fourth-moment tail but a finite variance: 1e-3 is the quadrature's reach
            assertThat(integrate(d, z -> z * z)).as(d + " variance").isCloseTo(1, within(2e-3));
            assertThat(integrate(d, Math::abs)).as(d + " E|z|").isCloseTo(d.expectedAbs(), within(1e-3));
            assertThat(integrate(d, z -> z < 0 ? z * z : 0)).as(d + " E[z² 1(z<0)]").isCloseTo(d.negativeSecondMoment(), within(2e-3));
        }
    }

    @Test
    void sample_everyKind_matchesMomentsAndQuantiles() {
        int n = 400_000;
        for (Innovation d : ALL) {
            SplittableRandom rng = new SplittableRandom(11);
            double s = 0, s2 = 0;
            double q10 = d.quantile(0.1), q90 = d.quantile(0.9);
            int below10 = 0, below90 = 0;
            for (int i = 0; i < n; i++) {
                double z = d.sample(rng);
                s += z;
                s2 += z * z;
                if (z <= q10) below10++;
                if (z <= q90) below90++;
            }
            // 4 standard errors of a mean of n unit-variance draws; a proportion's SE is √(p(1−p)/n)
            double se = 1 / Math.sqrt(n);
            assertThat(s / n).as(d + " sample mean").isCloseTo(0, within(4 * se));
            assertThat(s2 / n).as(d + " sample variance").isCloseTo(1, within(0.03));
            double pse = Math.sqrt(0.09 / n);
            assertThat((double) below10 / n).as(d + " P(z ≤ q.1)").isCloseTo(0.1, within(4 * pse));
            assertThat((double) below90 / n).as(d + " P(z ≤ q.9)").isCloseTo(0.9, within(4 * pse));
        }
    }

    @Test
    void with_infeasibleShape_isNull() {
        assertThat(new Innovation.StudentT(5).with(new double[] {2.0})).isNull();
        assertThat(new Innovation.SkewT(5, 0).with(new double[] {5, 0.99})).isNull();
    }
}
