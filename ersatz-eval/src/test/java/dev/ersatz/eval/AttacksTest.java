package dev.ersatz.eval;

import dev.ersatz.core.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Anonymeter's statistics (Wilson rates, residual risk, the singling-out size model) and the attacks on small cases. */
class AttacksTest {
    private static final double EPS = 1e-9;

    @Test
    void rate_wilsonScore_matchesAnonymeter() {
        // (k + z²/2)/(n + z²) and z/(n + z²)·sqrt(k(n−k)/n + z²/4), z = 1.959964: for n 500, k 250 -> .5 ± .0436587347
        Attacks.Rate r = Attacks.rate(500, 250);
        assertThat(r.rate()).isCloseTo(0.5, within(EPS));
        assertThat(r.error()).isCloseTo(0.04365873469751569, within(EPS));
        assertThat(Attacks.rate(500, 0).rate()).isCloseTo(0.0038121702307761206, within(EPS));
    }

    @Test
    void result_residualRiskAndPropagatedError_matchAnonymeter() {
        // main 300/500 -> .5992376 ± .0427834; control 250/500 -> .5 ± .0436587
        // risk (.5992376 − .5)/.5 = .1984751; error sqrt((.0427834/.5)² + (.0436587·(.5992376 − 1)/.25)²) = .1105436
        Attacks.Attack a = Attacks.result("x", 500, 300, 250, 10);
        assertThat(a.risk()).isCloseTo(0.19847513190768962, within(EPS));
        assertThat(a.low()).isCloseTo(0.08793152299671002, within(EPS));
        assertThat(a.high()).isCloseTo(0.3090187408186692, within(EPS));
        assertThat(a.weak()).isFalse();
        // a control that beats the main attack gives risk 0, never negative
        assertThat(Attacks.result("y", 500, 100, 200, 10).risk()).isZero();
    }

    @Test
    void distinguishable_bonferroniAcrossTheAttacks() {
        // risk .1985, σ = .1105/1.96 = .0564: with 18 attacks z = Φ⁻¹(1 − .025/18) = 2.991 -> lower bound .030 > 0;
        // with 1,000 attacks z = 4.056 -> .1985 − .229 < 0.
        Attacks.Attack a = Attacks.result("x", 500, 300, 250, 10);
        assertThat(Attacks.distinguishable(a, 18)).isTrue();
        assertThat(Attacks.distinguishable(a, 1000)).isFalse();
    }

    @Test
    void model_singlingOutProbabilityIntegral_matchesClosedForm() {
        // ∫₀^w n v (1 − v)^(n−1) dv = (1 − (n w + 1)(1 − w)^n)/(n + 1); at w = 1 it is 1/(n + 1)
        assertThat(Attacks.model(10, 1, 1)).isCloseTo(1.0 / 11, within(EPS));
        double n = 50, w = 0.03, integral = 0;
        int steps = 200_000;
        for (int i = 0; i < steps; i++) {
            double v = (i + 0.5) * w / steps;
            integral += n * v * Math.pow(1 - v, n - 1) * w / steps;
        }
        assertThat(Attacks.model(n, w, 1)).isCloseTo(integral, within(1e-9));
    }

    @Test
    void fitSinglingOutModel_recoversGeneratingParameters() {
        List<double[]> pts = new ArrayList<>();
        for (int size = 1000; size <= 10_000; size += 1000) pts.add(new double[] {size, Attacks.model(size, 2e-4, 3000)});
        double[] fit = Attacks.fitSinglingOutModel(pts);
        for (double[] p : pts) assertThat(Attacks.model(p[0], fit[0], fit[1])).isCloseTo(p[1], within(p[1] * 1e-3));
    }

    @Test
    void singlingOut_copiedRows_everyQuerySinglesOutATrainingRow() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) rows.add(i + "," + (i % 7) + "," + (i % 3 == 0 ? "a" : "b"));
        Table train = TestTables.of("id,x,c", rows.toArray(String[]::new));
        List<String> other = new ArrayList<>();
        for (int i = 0; i < 300; i++) other.add((i + 1000) + "," + (i % 5) + "," + (i % 2 == 0 ? "a" : "b"));
        Table holdout = TestTables.of("id,x,c", other.toArray(String[]::new));
        EvalData d = TestTables.data(train, train, holdout, TestTables.meta("id:integer", "x:integer", "c:categorical"));
        Attacks.Attack uni = Attacks.singlingOut(d, false, 100, 1);
        // every id value occurs once in the synthetic copy and once in training, never in the holdout
        assertThat(uni.attacks()).isEqualTo(100);
        assertThat(uni.main().successes()).isEqualTo(100);
        assertThat(uni.risk()).isGreaterThan(0.9);
    }
}
