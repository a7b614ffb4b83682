package dev.ersatz.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The learning metrics on hand-computed cases (scikit-learn's definitions). */
class StatsTest {
    private static final double EPS = 1e-12;

    @Test
    void auc_withTies_averagesRanks() {
        // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) ½, (0.4>0.1) 1 -> 3.5/4
        assertThat(Stats.auc(new float[] {0.8f, 0.4f, 0.4f, 0.1f}, new int[] {1, 1, 0, 0})).isCloseTo(0.875, within(EPS));
        assertThat(Stats.auc(new float[] {0.1f, 0.2f}, new int[] {1, 1})).isEqualTo(0.5);
    }

    @Test
    void macroF1_likeScikitLearn() {
        // truth 0 0 1 1 2, predicted 0 1 1 1 1: F1(0) = 2/3, F1(1) = 2·2/(4+2+0) = .666..7, F1(2) = 0 -> mean 4/9
        assertThat(Stats.macroF1(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 1})).isCloseTo(4.0 / 9, within(EPS));
    }

    @Test
    void r2AndMae_handComputed() {
        double[] y = {1, 2, 3};
        float[] p = {1, 2, 4};
        // SS_res 1, SS_tot 2 -> R² .5; MAE 1/3
        assertThat(Stats.r2(y, p)).isCloseTo(0.5, within(EPS));
        assertThat(Stats.mae(y, p)).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void sample_distinctSortedAndSeeded() {
        int[] a = Stats.sample(1000, 100, new SplittableRandom(3)), b = Stats.sample(1000, 100, new SplittableRandom(3));
        assertThat(a).isEqualTo(b).isSorted().doesNotHaveDuplicates().hasSize(100);
    }
}
