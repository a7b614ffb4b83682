package dev.ersatz.synth.dp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ZcdpTest {

    @Test
    void rho_matchesPrivatePgmReferenceValues() {
        // private-pgm's cdp_rho (mechanisms/cdp2adp.py), evaluated in Python on this machine.
        assertThat(Zcdp.rho(1, 1e-9)).isCloseTo(0.014973057673588523, within(1e-12));
        assertThat(Zcdp.rho(1, 1e-5)).isCloseTo(0.03055659519763956, within(1e-12));
        assertThat(Zcdp.rho(0.5, 1e-9)).isCloseTo(0.003953191141217897, within(1e-12));
        assertThat(Zcdp.rho(5, 1e-9)).isCloseTo(0.31169326160725636, within(1e-12));
        assertThat(Zcdp.delta(0.05, 1.0)).isCloseTo(0.00038570916374441227, within(1e-15));
    }

    @Test
    void rho_isTheLargestBudgetThatKeepsDelta() {
        for (double eps : new double[] {0.1, 1, 3, 10}) {
            for (double delta : new double[] {1e-12, 1e-9, 1e-6}) {
                double rho = Zcdp.rho(eps, delta);
                assertThat(Zcdp.delta(rho, eps)).isLessThanOrEqualTo(delta);
                assertThat(Zcdp.delta(rho * 1.001, eps)).isGreaterThan(delta);
            }
        }
    }
}
