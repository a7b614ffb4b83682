package dev.ersatz.eval;

import dev.ersatz.core.Table;
import dev.ersatz.eval.EvalData.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Accuracy's binning (mostlyai-qa's rules) and its 1 − TVD scores on hand-computed cases. */
class AccuracyTest {
    private static final double EPS = 1e-9;

    @Test
    void numericBreaks_fewDistinctValues_oneBinPerValue() {
        assertThat(Accuracy.numericBreaks(new double[] {3, 1, 2, 2, Double.NaN})).containsExactly(1, 2, 3, 4);
    }

    @Test
    void numericBreaks_manyValues_greedyQuantileSearch() {
        // 1..100: 10 ranks give 10 distinct values; 11 ranks (k · 9.9, truncated) give 1, 10, 20, ..., 100.
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) v[i] = 100 - i;
        assertThat(Accuracy.numericBreaks(v)).containsExactly(1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
    }

    @Test
    void numericBreaks_decimals_flooredToFewestDigitsThatKeepThemDistinct() {
        // 0.0, 0.11, 0.22, ... : one decimal keeps the boundaries distinct; the last stays exact.
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) v[i] = i * 0.11 + 0.001;
        double[] b = Accuracy.numericBreaks(v);
        assertThat(b[1]).isEqualTo(0.1);
        assertThat(b[b.length - 1]).isEqualTo(v[11]);
    }

    @Test
    void numericBin_clipsAndBinsLeftClosed() {
        double[] breaks = {1, 10, 20, 30};
        assertThat(Accuracy.numericBin(breaks, -5, 4)).isZero();
        assertThat(Accuracy.numericBin(breaks, 10, 4)).isEqualTo(1);
        assertThat(Accuracy.numericBin(breaks, 30, 4)).isEqualTo(2);
        assertThat(Accuracy.numericBin(breaks, 99, 4)).isEqualTo(2);
        assertThat(Accuracy.numericBin(breaks, Double.NaN, 4)).isEqualTo(3);
    }

    @Test
    void tvd_handComputed() {
        // real bins 0 0 1 2 -> .5 .25 .25; other 0 1 1 1 -> .25 .75 0; L1 = .25 + .5 + .25 = 1 -> TVD .5
        assertThat(Accuracy.tvd(new int[] {0, 0, 1, 2}, null, new int[] {0, 1, 1, 1}, null, 3, 1)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void categoricalBins_topTenWithAtLeastFiveRows_restIsOther() {
        // 11 labels: l0..l9 seen 6 times, rare seen 4 times, rarer once; missing 2 times.
        java.util.List<String> cells = new java.util.ArrayList<>();
        for (int l = 0; l < 10; l++) for (int k = 0; k < 6; k++) cells.add("l" + l);
        for (int k = 0; k < 4; k++) cells.add("rare");
        cells.add("rarer");
        cells.add("");
        cells.add("");
        Table real = TestTables.of("c", cells.toArray(String[]::new));
        EvalData d = TestTables.data(real, real, null, TestTables.meta("c:categorical"));
        Accuracy.Binning b = Accuracy.binning(d);
        assertThat(b.labels.get(0)).startsWith("l0", "l1").contains("(other)", "(n/a)").doesNotContain("rare", "rarer");
        assertThat(b.binCount[0]).isEqualTo(12);
        int[] bins = b.bins(d.features.get(0), 0, Role.REAL);
        assertThat(bins[60]).isEqualTo(10); // "rare" -> (other)
        assertThat(bins[cells.size() - 1]).isEqualTo(11); // missing
    }

    @Test
    void score_identicalTables_isOne_andAveragesUnivariateAndBivariate() {
        // Each row five times, so both labels reach the 5-row minimum of a bin of their own.
        String[] realRows = new String[25], otherRows = new String[25];
        String[] base = {"1,a", "2,b", "3,a", "4,b", "5,a"};
        for (int i = 0; i < 25; i++) {
            realRows[i] = base[i % 5];
            otherRows[i] = "1,a";
        }
        Table real = TestTables.of("x,c", realRows);
        Table other = TestTables.of("x,c", otherRows);
        EvalData d = TestTables.data(real, real, other, TestTables.meta("x:integer", "c:categorical"));
        Accuracy.Binning b = Accuracy.binning(d);
        assertThat(Accuracy.score(d, b, Role.SYNTHETIC, null).accuracy()).isCloseTo(1, within(EPS));
        Accuracy.Result r = Accuracy.score(d, b, Role.HOLDOUT, null);
        // x: real .2 each of 5 bins, other all in bin 0 -> TVD .8; c: real a .6 b .4, other a 1 -> TVD .4
        assertThat(r.univariate()).containsExactly(new double[] {0.2, 0.6}, within(EPS));
        // pair: real (1,a) .2 ... five cells of .2; other (1,a) 1 -> TVD .8
        assertThat(r.bivariateMean()).isCloseTo(0.2, within(EPS));
        assertThat(r.accuracy()).isCloseTo((0.4 + 0.2) / 2, within(EPS));
    }
}
