package dev.ersatz.sim.engine;

import dev.ersatz.sim.engine.example.Epidemic;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example against theory: Newman's final size for SIR on an Erdős–Rényi network. */
class EpidemicTest {

    /** Solves z = 1 - exp(-k T z) for the positive root by fixed-point iteration. */
    static double finalSize(double k, double transmissibility) {
        double z = 0.9;
        for (int i = 0; i < 10_000; i++) z = 1 - Math.exp(-k * transmissibility * z);
        return z;
    }

    @Test
    void erdosRenyi_meanDegreeAsAsked() {
        int n = 20_000;
        int[][] net = Epidemic.erdosRenyi(n, 6, 3);
        long ends = 0;
        for (int[] c : net) ends += c.length;
        double mean = (double) ends / n;
        // degree ~ Poisson(6): sd of the mean degree = sqrt(6/n)*sqrt(2) (each edge counted twice) ~ 0.025; 4 sd
        assertThat(mean).isCloseTo(6, org.assertj.core.data.Offset.offset(0.1));
        for (int i = 0; i < 100; i++) for (int j : net[i]) assertThat(net[j]).contains(i);
    }

    @Test
    void finalSize_matchesNewmanOnErdosRenyi() {
        int n = 20_000;
        double k = 5, beta = 0.1;
        int duration = 4;
        double t = 1 - Math.pow(1 - beta, duration);
        double expected = finalSize(k, t);   // k T = 1.72, z ~ 0.69
        int[][] net = Epidemic.erdosRenyi(n, k, 5);
        Set<Integer> infected = new HashSet<>();
        Epidemic.run(net, beta, duration, 40, 10_000, 9, 2, (step, events) -> {
            for (Epidemic.Event e : events) if (e.state() == Epidemic.INFECTIOUS) infected.add(e.person());
        });
        double share = (infected.size() + 40.0) / n;
        // Finite-size spread of a major outbreak's size is about sqrt(z(1-z)/n) ~ 0.0033 at n = 20,000;
        // Newman's result is for n -> infinity, and the 40 seeds add 0.002. Tolerance: 5 sd + 0.005.
        double tolerance = 5 * Math.sqrt(expected * (1 - expected) / n) + 0.005;
        assertThat(share).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
    }

    @Test
    void belowThreshold_outbreakStaysSmall() {
        int n = 20_000;
        int[][] net = Epidemic.erdosRenyi(n, 5, 5);
        int[] count = {0};
        // k T = 5 * (1 - 0.99^4) = 0.197 < 1: no major outbreak; expected size per seed 1/(1 - kT) ~ 1.25.
        Epidemic.run(net, 0.01, 4, 40, 10_000, 9, 1, (step, events) -> {
            for (Epidemic.Event e : events) if (e.state() == Epidemic.INFECTIOUS) count[0]++;
        });
        assertThat(count[0]).isLessThan(200);
    }
}
