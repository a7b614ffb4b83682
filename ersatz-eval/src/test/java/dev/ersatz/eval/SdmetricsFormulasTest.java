package dev.ersatz.eval;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.Table;
import dev.ersatz.eval.EvalData.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Column shapes and column pair trends on fixed inputs, against values computed by hand from SDMetrics'
 * definitions (KSComplement, TVComplement, CorrelationSimilarity, ContingencySimilarity, the
 * ColumnPairTrends discretization, and scipy's Cramér's V for the 0.27 thresholds). Each expected value's
 * arithmetic is in the comment beside it. Tolerance 1e-6, as the issue asks.
 */
class SdmetricsFormulasTest {
    private static final double EPS = 1e-6;

    @Test
    void ksComplement_smallSamples_matchesHandComputedStatistic() {
        // F_real at 1..6: .2 .4 .6 .8 1 1; F_syn: .25 .75 .75 .75 .75 1; the largest gap is .35 at x = 2.
        Table real = TestTables.of("x", "1", "2", "", "3", "4", "5");
        Table syn = TestTables.of("x", "1", "2", "2", "6");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("x:numeric"));
        assertThat(ColumnMetrics.score(d, Role.SYNTHETIC).columns().get(0).shape()).isCloseTo(1 - 0.35, within(EPS));
    }

    @Test
    void tvComplement_missingIsACategory_matchesHandComputedDistance() {
        // real a .5, b .25, missing .25; syn a .25, b .5, c .25: ½(.25 + .25 + .25 + .25) = .5.
        // (SDMetrics adds 1e-6 to the real count of an unseen label; the effect is below 1e-6.)
        Table real = TestTables.of("c", "a", "a", "b", "");
        Table syn = TestTables.of("c", "a", "b", "b", "c");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("c:categorical"));
        assertThat(ColumnMetrics.score(d, Role.SYNTHETIC).columns().get(0).shape()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void correlationSimilarity_pairsWithMissing_matchesHandComputedPearson() {
        // real, missing row dropped: x 1 2 3, y 1 3 2 -> Σdxdy 1, Σdx² 2, Σdy² 2 -> ρ = .5
        // syn: x 1 2 3 4, y 2 1 4 3 -> Σdxdy 3, Σdx² 5, Σdy² 5 -> ρ = .6;  score 1 − |.5 − .6|/2 = .95
        Table real = TestTables.of("x,y", "1,1", "2,3", "3,2", ",5");
        Table syn = TestTables.of("x,y", "1,2", "2,1", "3,4", "4,3");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("x:numeric", "y:numeric"));
        List<PairTrends.Pair> pairs = PairTrends.pairs(d, Role.SYNTHETIC);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).correlation()).isTrue();
        assertThat(pairs.get(0).real()).isCloseTo(0.5, within(EPS));
        assertThat(pairs.get(0).other()).isCloseTo(0.6, within(EPS));
        assertThat(pairs.get(0).score()).isCloseTo(0.95, within(EPS));
    }

    @Test
    void correlationSimilarity_constantColumn_isUndefinedAndLeftOutOfTheMean() {
        Table real = TestTables.of("x,y", "1,1", "2,1", "3,1");
        Table syn = TestTables.of("x,y", "1,2", "2,1", "3,4");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("x:numeric", "y:numeric"));
        List<PairTrends.Pair> pairs = PairTrends.pairs(d, Role.SYNTHETIC);
        assertThat(pairs.get(0).score()).isNaN();
        assertThat(PairTrends.mean(pairs)).isNaN();
    }

    @Test
    void contingencySimilarity_twoCategoricals_matchesHandComputedDistance() {
        // real (a,x) .25 (a,y) .25 (b,x) .5; syn (a,x) .25 (b,y) .5 (b,x) .25
        // |diffs| 0 + .25 + .25 + .5 = 1 -> score 1 − 1/2 = .5
        Table real = TestTables.of("c,d", "a,x", "a,y", "b,x", "b,x");
        Table syn = TestTables.of("c,d", "a,x", "b,y", "b,y", "b,x");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("c:categorical", "d:categorical"));
        assertThat(PairTrends.pairs(d, Role.SYNTHETIC).get(0).score()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void discretize_numpyDigitizeOfOwnHistogramEdges_maximumAndMissingShareTheLastBin() {
        // edges 0, 1, ..., 10: a value's bin is the count of edges at or below it.
        assertThat(PairTrends.discretize(new double[] {0, 0.5, 5, 9.99, 10, Double.NaN})).containsExactly(1, 1, 6, 10, 11, 11);
        // a constant column is widened by ½ each way: edges -0.5, -0.4, ..., 0.5 -> 3 falls at edge index 5.
        assertThat(PairTrends.discretize(new double[] {3, 3})).containsExactly(6, 6);
    }

    @Test
    void contingencySimilarity_numericBinnedOverItsOwnRange_matchesHandComputedDistance() {
        // real n: edges 0..10 step 1 -> 0:1, 5:6, 10:11, missing:11; pairs (1,a) (6,a) (11,b) (11,b)
        // syn n: edges 0..2 step .2 -> 0:1, 1:6, 2:11; pairs (1,a) (6,a) (11,b) (11,a)
        // |diffs| 0 + 0 + (.5 − .25) + .25 = .5 -> score .75
        Table real = TestTables.of("n,c", "0,a", "5,a", "10,b", ",b");
        Table syn = TestTables.of("n,c", "0,a", "1,a", "2,b", "2,a");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("n:numeric", "c:categorical"));
        PairTrends.Pair p = PairTrends.pairs(d, Role.SYNTHETIC).get(0);
        assertThat(p.correlation()).isFalse();
        assertThat(p.score()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void cramersV_handComputedTables() {
        // [[10, 0], [0, 10]]: χ² = 20, n = 20 -> V = 1
        assertThat(PairTrends.cramersV(repeat(new int[][] {{0, 0, 10}, {1, 1, 10}}), repeat2(new int[][] {{0, 0, 10}, {1, 1, 10}})))
                .isCloseTo(1, within(EPS));
        // [[20, 10, 10], [10, 20, 10]]: expected 15 15 10 per row; χ² = 2(25/15 + 25/15) = 6.666667; V = sqrt(6.666667/80) = 0.288675
        int[][] cells = {{0, 0, 20}, {0, 1, 10}, {0, 2, 10}, {1, 0, 10}, {1, 1, 20}, {1, 2, 10}};
        assertThat(PairTrends.cramersV(repeat(cells), repeat2(cells))).isCloseTo(0.2886751, within(EPS));
        // one row only: undefined
        assertThat(PairTrends.cramersV(new int[] {0, 0}, new int[] {0, 1})).isNaN();
    }

    @Test
    void contingencyAndCramersV_thousandsOfLabels_sparsePathAgreesWithDense() {
        // Two columns of 3,000 labels each exceed the dense table; the hash-map path must give the same values.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 20_000;
        int[] ra = new int[n], rb = new int[n], sa = new int[n], sb = new int[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextInt(3000);
            rb[i] = (ra[i] + r.nextInt(3)) % 3000;
            sa[i] = r.nextInt(3000);
            sb[i] = r.nextInt(3000);
        }
        double sparse = PairTrends.contingencySimilarity(ra, rb, sa, sb);
        // By definition: 1 − ½ Σ |p_r − p_s| over cells, computed with a plain map here.
        java.util.Map<Long, double[]> cells = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) cells.computeIfAbsent(((long) ra[i] << 32) | rb[i], k -> new double[2])[0] += 1.0 / n;
        for (int i = 0; i < n; i++) cells.computeIfAbsent(((long) sa[i] << 32) | sb[i], k -> new double[2])[1] += 1.0 / n;
        double tv = 0;
        for (double[] c : cells.values()) tv += Math.abs(c[0] - c[1]);
        assertThat(sparse).isCloseTo(1 - tv / 2, within(EPS));
        // Cramér's V of a 3,000 × 3,000 table goes the sparse way (χ² = n(Σ O²/(r c) − 1)); check it cell by cell.
        int k = 3000;
        int[] counts = new int[k * k];
        double[] rows = new double[k], cols = new double[k];
        for (int i = 0; i < n; i++) {
            counts[ra[i] * k + rb[i]]++;
            rows[ra[i]]++;
            cols[rb[i]]++;
        }
        int nr = 0, nc = 0;
        for (int i = 0; i < k; i++) {
            if (rows[i] > 0) nr++;
            if (cols[i] > 0) nc++;
        }
        double chi2 = 0;
        for (int i = 0; i < k; i++) {
            if (rows[i] == 0) continue;
            for (int j = 0; j < k; j++) {
                if (cols[j] == 0) continue;
                double e = rows[i] * cols[j] / n, d = counts[i * k + j] - e;
                chi2 += d * d / e;
            }
        }
        assertThat(PairTrends.cramersV(ra, rb)).isCloseTo(Math.sqrt(chi2 / n / (Math.min(nr, nc) - 1)), within(EPS));
    }

    @Test
    void meanStrong_sdmetricsThresholds_countOnlyStronglyRelatedPairs() {
        // x–y: real ρ = 1 (strong), x–z: real ρ = 0 (weak, score 1 − |0 − 1|/2 = .5 with syn ρ = 1)
        Table real = TestTables.of("x,y,z", "1,1,1", "2,2,-1", "3,3,-1", "4,4,1");
        Table syn = TestTables.of("x,y,z", "1,1,1", "2,2,2", "3,3,3", "4,4,4");
        EvalData d = TestTables.data(real, syn, null, TestTables.meta("x:numeric", "y:numeric", "z:numeric"));
        List<PairTrends.Pair> pairs = PairTrends.pairs(d, Role.SYNTHETIC);
        assertThat(pairs.get(0).strong()).isTrue();
        assertThat(pairs.get(1).real()).isCloseTo(0, within(EPS));
        assertThat(pairs.get(1).strong()).isFalse();
        assertThat(PairTrends.meanStrong(pairs)).isCloseTo(1.0, within(EPS));
        assertThat(pairs.get(1).score()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void columnShapes_textApi_agreesWithParsedEvaluation() {
        Table real = TestTables.of("x,c", "1,a", "2,a", ",b", "3,");
        Table syn = TestTables.of("x,c", "1,a", "2,b", "2,b", "6,c");
        Metadata meta = TestTables.meta("x:integer", "c:categorical");
        double viaText = ColumnShapes.score(real, syn, meta).value();
        double viaEval = ColumnMetrics.score(TestTables.data(real, syn, null, meta), Role.SYNTHETIC).shapes();
        assertThat(viaEval).isCloseTo(viaText, within(EPS));
    }

    private static int[] repeat(int[][] cells) {
        return expand(cells, 0);
    }

    private static int[] repeat2(int[][] cells) {
        return expand(cells, 1);
    }

    /** Rows (a, b) repeated count times, for each {a, b, count}; returns column {@code which}. */
    private static int[] expand(int[][] cells, int which) {
        int n = 0;
        for (int[] c : cells) n += c[2];
        int[] out = new int[n];
        int k = 0;
        for (int[] c : cells) for (int i = 0; i < c[2]; i++) out[k++] = c[which];
        return out;
    }
}
