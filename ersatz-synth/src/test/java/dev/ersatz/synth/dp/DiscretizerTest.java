package dev.ersatz.synth.dp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DiscretizerTest {

    @Test
    void numeric_zeroInflatedColumn_zeroIsABinOfItsOwn() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 10_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble() < 0.9 ? 0 : 1000 + Math.floor(rng.nextDouble() * 50_000);
        Domain d = Discretizer.numeric(v, 10, null, 1, new Ledger(), "test", rng);
        int zeroBin = d.binOf(0);
        assertThat(d.binOf(1000)).isNotEqualTo(zeroBin);
        for (int i = 0; i < 1000; i++) assertThat(d.draw(zeroBin, rng)).isEqualTo(0.0);
        assertThat(d.nullable()).isFalse();
    }

    @Test
    void numeric_smallIntegerRange_onePieceAndExactDrawsPerInteger() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] v = new double[5000];
        for (int i = 0; i < v.length; i++) v[i] = i % 10 == 0 ? Double.NaN : 17 + rng.nextInt(74);
        Domain d = Discretizer.numeric(v, 8, null, 1, new Ledger(), "test", rng);
        assertThat(d.nullable()).isTrue();
        assertThat(d.draw(d.missingBin(), rng)).isNaN();
        for (int b = 0; b < d.size() - 1; b++) {
            for (int i = 0; i < 200; i++) {
                double x = d.draw(b, rng);
                assertThat(x).isEqualTo(Math.rint(x));
                assertThat(d.binOf(x)).isEqualTo(b);
            }
        }
    }

    @Test
    void numeric_equalMassBins_eachHoldsAboutItsShare() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.exp(rng.nextGaussian());
        Domain d = Discretizer.numeric(v, 8, null, 1, new Ledger(), "test", rng);
        int[] count = new int[d.size()];
        for (double x : v) count[d.binOf(x)]++;
        assertThat(d.size()).isEqualTo(8);
        // A cut lands within one piece of the equal split of the remaining mass, so a bin misses its
        // 1/8 share by at most two pieces' mass.
        double heaviest = java.util.Arrays.stream(d.pieceMass()).max().orElse(0) / n;
        assertThat(heaviest).isLessThan(1.0 / 16);
        for (int c : count) assertThat(Math.abs(c / (double) n - 1.0 / 8)).isLessThanOrEqualTo(2 * heaviest);
    }

    @Test
    void numeric_withBudget_recordsEveryLevelAndSpendsExactlyIt() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] v = new double[3000];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        Ledger l = new Ledger();
        Discretizer.numeric(v, 8, Discretizer.Budget.laplace(0.3), 2, l, "disc", rng);
        assertThat(l.epsilon()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        int levels = l.entries().size();
        // 259 pieces (256 intervals split by atoms at min, 0, max), fan-out 8: 259 -> 33 -> 5 nodes.
        assertThat(levels).isEqualTo(3);
        for (var e : l.entries()) assertThat(e.scale()).isCloseTo(2 / (0.3 / levels), org.assertj.core.data.Offset.offset(1e-9));
        Ledger g = new Ledger();
        Discretizer.numeric(v, 8, Discretizer.Budget.gaussian(0.02), 1, g, "disc", rng);
        assertThat(g.rho()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
        for (var e : g.entries()) assertThat(e.scale()).isCloseTo(Math.sqrt(1 / (2 * 0.02 / 3)), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void share_andDrawIn_respectIntervalsInsideABin() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] v = new double[20_000];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() * 100;
        Domain d = Discretizer.numeric(v, 4, null, 1, new Ledger(), "test", rng);
        int b = d.binOf(10);
        double[] iv = {5, 15};
        double share = d.share(b, iv, null);
        int in = 0, m = 50_000;
        for (int i = 0; i < m; i++) {
            double x = d.draw(b, rng);
            if (x >= 5 && x <= 15) in++;
            double y = d.drawIn(b, iv, null, rng);
            assertThat(y).isBetween(5.0, 15.0);
        }
        assertThat(Math.abs(in / (double) m - share)).isLessThan(4 * Math.sqrt(share * (1 - share) / m));
    }
}
