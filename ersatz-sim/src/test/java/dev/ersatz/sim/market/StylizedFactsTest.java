package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report's metrics reproduce the reference figures of {@code shared/PEERS.md} for the EU indices
 * (1,859 log returns each, zeros kept), at the precision PEERS prints them: each value must round to
 * the published figure, so the tolerance is half a unit of its last printed digit.
 */
class StylizedFactsTest {

    /** PEERS.md rows, per index in the order DAX, SMI, CAC, FTSE. */
    private static final double[][] MEAN_E4_STD_PCT = {{6.52, 1.03}, {8.18, 0.925}, {4.37, 1.10}, {4.32, 0.796}};
    private static final double[][] SKEW_KURT = {{-0.554, 6.28}, {-0.632, 5.74}, {-0.177, 2.39}, {0.110, 2.64}};
    private static final double[][] HILL = {{2.85, 3.68}, {2.67, 3.47}, {3.20, 3.61}, {3.79, 3.65}};
    private static final double[][] ACF_R = {
            {-0.000, -0.027, -0.010, 0.000, -0.032}, {0.048, -0.020, -0.017, 0.007, -0.045},
            {0.030, 0.003, -0.045, 0.006, -0.031}, {0.092, -0.008, 0.001, -0.024, -0.030}};
    private static final int[] LAGS = {1, 5, 10, 20, 50};
    private static final double[][] ACF_ABS = {
            {0.109, 0.119, 0.091, 0.100, 0.050}, {0.154, 0.114, 0.094, 0.036, 0.056},
            {0.056, 0.038, 0.049, 0.013, 0.021}, {0.099, 0.083, 0.097, 0.084, 0.049}};
    private static final double[][] ACF_SQ = {
            {0.079, 0.053, 0.043, 0.035, 0.018}, {0.135, 0.037, 0.033, 0.004, 0.031},
            {0.120, 0.044, 0.039, 0.005, 0.010}, {0.107, 0.049, 0.090, 0.047, 0.034}};
    private static final double[] LEVERAGE = {-0.036, -0.049, -0.034, -0.024};
    private static final double[][] KURT_AGG = {{6.28, 1.23, 0.37}, {5.74, 1.54, -0.29}, {2.39, 0.30, -0.40}, {2.64, 1.26, 0.25}};
    private static final double[][] KR_AGG = {{3.71, 3.74, 3.28}, {3.88, 3.78, 2.87}, {3.37, 2.88, 2.74}, {3.18, 3.52, 3.19}};
    private static final double[][] SKEW_AGG = {{-0.19, -0.34}, {-0.41, 0.09}, {-0.06, -0.26}, {-0.04, -0.13}};
    private static final double[] P_UP = {0.462, 0.473, 0.505, 0.538};

    @Test
    void of_euIndices_reproducesPeersFigures() {
        PriceSeries eu = TestData.eu();
        assertThat(eu.names()).containsExactly("DAX", "SMI", "CAC", "FTSE");
        for (int i = 0; i < 4; i++) {
            double[] r = eu.returns(i);
            assertThat(r).hasSize(1859);
            StylizedFacts f = StylizedFacts.of(r);
            String idx = eu.names().get(i);
            printed(idx + " mean", f.mean() * 1e4, MEAN_E4_STD_PCT[i][0], 2);
            printed(idx + " std", f.std() * 100, MEAN_E4_STD_PCT[i][1], i == 1 || i == 3 ? 3 : 2);
            printed(idx + " skew", f.skew(), SKEW_KURT[i][0], 3);
            printed(idx + " kurt", f.excessKurtosis(), SKEW_KURT[i][1], 2);
            printed(idx + " hill loss", f.hillLoss(), HILL[i][0], 2);
            printed(idx + " hill gain", f.hillGain(), HILL[i][1], 2);
            for (int k = 0; k < 5; k++) printed(idx + " acf r " + (k + 1), f.acfR()[k], ACF_R[i][k], 3);
            for (int j = 0; j < LAGS.length; j++) {
                printed(idx + " acf |r| " + LAGS[j], f.acfAbs()[LAGS[j] - 1], ACF_ABS[i][j], 3);
                printed(idx + " acf r2 " + LAGS[j], f.acfSq()[LAGS[j] - 1], ACF_SQ[i][j], 3);
            }
            printed(idx + " leverage", f.leverageMean10(), LEVERAGE[i], 3);
            printed(idx + " kurt 1d", f.excessKurtosis(), KURT_AGG[i][0], 2);
            printed(idx + " kurt 5d", f.excessKurtosis5(), KURT_AGG[i][1], 2);
            printed(idx + " kurt 20d", f.excessKurtosis20(), KURT_AGG[i][2], 2);
            printed(idx + " KR 1d", f.kr(), KR_AGG[i][0], 2);
            printed(idx + " KR 5d", f.kr5(), KR_AGG[i][1], 2);
            printed(idx + " KR 20d", f.kr20(), KR_AGG[i][2], 2);
            printed(idx + " skew 5d", f.skew5(), SKEW_AGG[i][0], 2);
            printed(idx + " skew 20d", f.skew20(), SKEW_AGG[i][1], 2);
            printed(idx + " P(up|large)", f.pUpGivenLarge(), P_UP[i], 3);
        }
    }

    /** Asserts that {@code actual} rounds to {@code published} at {@code decimals} decimals. */
    private static void printed(String what, double actual, double published, int decimals) {
        double half = 0.5 * Math.pow(10, -decimals);
        assertThat(actual).as(what).isCloseTo(published, within(half + 1e-12));
    }

    @Test
    void robustKurtosis_gaussianQuantiles_isTwoPointNineOne() {
        // the normal quantiles themselves: KR = 2·1.959964 / (2·0.6744898)
        double[] x = new double[200_001];
        org.hipparchus.distribution.continuous.NormalDistribution nd = new org.hipparchus.distribution.continuous.NormalDistribution();
        for (int i = 0; i < x.length; i++) x[i] = nd.inverseCumulativeProbability((i + 0.5) / x.length);
        assertThat(Stats.robustKurtosis(x)).isCloseTo(2.906, within(0.001));
    }

    @Test
    void wasserstein1_shiftedSample_isTheShift() {
        double[] a = {0, 1, 2, 3}, b = {0.5, 1.5, 2.5, 3.5};
        assertThat(Stats.wasserstein1(a, b)).isCloseTo(0.5, within(1e-12));
        assertThat(Stats.wasserstein1(a, new double[] {1.5})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void passage_steadyRise_takesLevelOverStep() {
        double[] r = new double[60];
        java.util.Arrays.fill(r, 0.01);
        // +0.05 needs 5 days from every start that has 5 days left
        assertThat(StylizedFacts.passage(r, 0.05)).isEqualTo(5.0);
        assertThat(StylizedFacts.passage(r, -0.05)).isNaN();
    }
}
