package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The jump diffusion and the stochastic-volatility model: their fits, shocks and diagnostics. */
class MertonHestonTest {

    @Test
    void mertonFit_8000Days_recoversParametersWithinStandardErrors() {
        MertonMarginal truth = new MertonMarginal(4e-4, 0.008, 0.05, -0.02, 0.03, List.of(), Double.NaN);
        SplittableRandom rng = new SplittableRandom(5);
        double[] r = new double[8000];
        for (int t = 0; t < r.length; t++) r[t] = truth.step(new double[0], truth.drawShock(rng), 1, 0, rng);
        MertonMarginal fit = MertonMarginal.fit(r, false, false);
        double[] want = {4e-4, 0.008, 0.05, -0.02, 0.03};
        for (int i = 0; i < 5; i++) {
            Estimate e = fit.estimates().get(i);
            assertThat(e.se()).as(e.name()).isFinite().isPositive();
            // 4 standard errors: a miss once in 15,000 per parameter when the SEs are right
            assertThat(e.value()).as(e.name()).isCloseTo(want[i], within(4 * e.se()));
        }
    }

    @Test
    void mertonShock_quantileInvertsTheCdfAndDrawsFollowIt() {
        MertonMarginal m = new MertonMarginal(4e-4, 0.008, 0.2, -0.01, 0.02, List.of(), Double.NaN);
        for (double u : new double[] {1e-6, 0.001, 0.1, 0.5, 0.9, 0.999, 1 - 1e-6}) {
            assertThat(m.cdf(m.quantile(u))).isCloseTo(u, within(1e-10));
        }
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200_000, below = 0;
        double q = m.quantile(0.01), s2 = 0;
        for (int i = 0; i < n; i++) {
            double z = m.drawShock(rng);
            if (z <= q) below++;
            s2 += z * z;
        }
        // a proportion's standard error √(p(1−p)/n); the variance of a heavy-tailed mixture gets 3%
        assertThat((double) below / n).isCloseTo(0.01, within(4 * Math.sqrt(0.0099 / n)));
        assertThat(s2 / n).isCloseTo(1, within(0.03));
    }

    @Test
    void hestonFit_dax_reportsFellerAndFiniteStandardErrors() {
        PriceSeries eu = TestData.eu();
        double[] r = Returns.maskZeros(eu.returns(0));
        HestonMarginal h = HestonMarginal.fit(r, 7);
        assertThat(h.feller()).isEqualTo(2 * h.kappa() * h.theta() >= h.xi() * h.xi());
        assertThat(h.theta()).isEqualTo(GarchFitter.backcast(r, Stats.mean(r)));
        assertThat(h.rho()).isNegative();
        for (Estimate e : h.estimates()) if (!e.fixed()) assertThat(e.se()).as(e.name()).isFinite().isPositive();
        // fitting twice with one seed gives one answer (common random numbers)
        assertThat(HestonMarginal.fit(r, 7)).isEqualTo(h);
    }
}
