package dev.ersatz.synth.cart;

import dev.ersatz.eval.ColumnShapes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NumericLeavesTest {
    // One leaf: 0 ×6 (an atom), 3, 5, 9 (rare values), 12 ×6 (an atom); m = 15.
    private static final double[] VALUES = {0, 3, 5, 9, 12};
    private static final int[] COUNTS = {6, 1, 1, 1, 6};
    private static final double[] ATOMS = {0, 12};
    private static final NumericLeaves LEAF = new NumericLeaves(new int[] {0, 5}, VALUES, COUNTS, ATOMS, true);
    private static final int N = 200_000;

    /** Four standard errors of a proportion p estimated from N draws. */
    private static double tol(double p) {
        return 4 * Math.sqrt(p * (1 - p) / N);
    }

    @Test
    void draw_atomsKeepTheirMassAndRareValuesAreNeverReplayed() {
        SplittableRandom rng = new SplittableRandom(1);
        int zero = 0, twelve = 0, rareExact = 0;
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double v = LEAF.draw(0, rng);
            if (v == 0) zero++;
            if (v == 12) twelve++;
            if (v == 3 || v == 5 || v == 9) rareExact++;
            sum += v;
        }
        assertThat(Math.abs(zero / (double) N - 6 / 15.0)).isLessThan(tol(0.4));
        assertThat(Math.abs(twelve / (double) N - 6 / 15.0)).isLessThan(tol(0.4));
        assertThat(rareExact).isZero();
        // Each rare value is spread evenly over its cell, so the leaf's mean is kept: (6·12 + 3 + 5 + 9)/15.
        double sd = 5.5; // a bound on the draws' standard deviation
        assertThat(Math.abs(sum / N - (72 + 17) / 15.0)).isLessThan(4 * sd / Math.sqrt(N));
    }

    @Test
    void draw_rareValuesStayInsideTheirVoronoiCells() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < N; i++) {
            double v = LEAF.draw(0, rng);
            if (v == 0 || v == 12) continue;
            // cells: 3 -> [1.5, 4], 5 -> [4, 7], 9 -> [7, 10.5]
            assertThat(v).isBetween(1.5, 10.5);
        }
    }

    @Test
    void drawIn_interval_matchesUnconditionalDrawsFilteredToIt() {
        double a = 2, b = 12;
        SplittableRandom rng = new SplittableRandom(3);
        double[] filtered = new double[N];
        int k = 0;
        for (int i = 0; i < N; i++) {
            double v = LEAF.draw(0, rng);
            if (v >= a && v <= b) filtered[k++] = v;
        }
        double share = k / (double) N;
        assertThat(Math.abs(LEAF.mass(0, a, b) - share)).isLessThan(tol(share));
        int m = 50_000;
        double[] direct = new double[m];
        for (int i = 0; i < m; i++) {
            direct[i] = LEAF.drawIn(0, a, b, rng);
            assertThat(direct[i]).isBetween(a, b);
        }
        double[] f = Arrays.copyOf(filtered, k);
        Arrays.sort(f);
        Arrays.sort(direct);
        // Kolmogorov–Smirnov at α = 0.001: 1.95·√((n+m)/(nm)).
        assertThat(ColumnShapes.ksStatistic(f, direct)).isLessThan(1.95 * Math.sqrt((double) (k + m) / ((double) k * m)));
    }

    @Test
    void mass_pointIntervalOnAnAtom_isItsShare() {
        assertThat(LEAF.mass(0, 12, 12)).isEqualTo(6 / 15.0);
        assertThat(LEAF.mass(0, 0, 0)).isEqualTo(6 / 15.0);
        assertThat(LEAF.mass(0, 13, 20)).isZero();
    }

    @Test
    void draw_oneDistinctValue_drawnExactly() {
        NumericLeaves single = new NumericLeaves(new int[] {0, 1}, new double[] {7.25}, new int[] {11}, new double[0], true);
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 100; i++) assertThat(single.draw(0, rng)).isEqualTo(7.25);
    }
}
