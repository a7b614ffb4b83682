package dev.ersatz.eval;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator is sensible on cases whose answer is known, on adult (three disjoint random samples
 * of 8,000 rows of the training file: training, "synthetic" and holdout):
 * <ul>
 *   <li>fresh real rows as the synthetic table score at the ceiling, look real, and carry no attack risk;</li>
 *   <li>a copy of the training rows scores perfect fidelity, a DCR share near 1 and high attack risks;</li>
 *   <li>the training rows with every column shuffled on its own keep every column's shape exactly but lose
 *       the pair trends and the utility.</li>
 * </ul>
 * Tolerances are derived from the sample sizes and named where they are used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownCasesTest {
    private static final int N = 8_000;
    private Evaluation fresh, copy, shuffled;

    @BeforeAll
    void evaluate() {
        // Three disjoint random samples of one file, so the tables are exchangeable (rows near each other in a
        // file, or the two official files, may differ in ways a synthesizer is not to blame for).
        Table all = TestTables.adultTrain().table();
        int[] p = Stats.permutation(all.rowCount(), new java.util.SplittableRandom(2024));
        Table train = all.select(java.util.Arrays.copyOfRange(p, 0, N));
        Table other = all.select(java.util.Arrays.copyOfRange(p, N, 2 * N));
        Table holdout = all.select(java.util.Arrays.copyOfRange(p, 2 * N, 3 * N));
        Metadata meta = MetadataDetector.detect(train);
        Evaluator.Options o = Evaluator.Options.defaults().withTarget("income").withSeed(5);
        fresh = Evaluator.evaluate(train, "train", other, "fresh", holdout, "holdout", meta, o, Progress.NONE);
        copy = Evaluator.evaluate(train, "train", train, "copy", holdout, "holdout", meta, o, Progress.NONE);
        shuffled = Evaluator.evaluate(train, "train", TestTables.shuffledColumns(train, 11), "shuffled", holdout, "holdout", meta, o, Progress.NONE);
        for (Evaluation e : new Evaluation[] {fresh, copy, shuffled}) System.out.println(e.data.source(EvalData.Role.SYNTHETIC) + ": " + e);
    }

    /**
     * Two real samples of n rows differ in a binned distribution by about Σ_bins sqrt(2 p(1−p)·2/n / π) / 2
     * in total variation (mostlyai-qa's expected-L1 formula); for adult's bins at n = 8,000 that is
     * below 0.02 for every column and pair, so two independent real samples' accuracies agree to well within it.
     */
    private static final double ACCURACY_NOISE = 0.02;

    @Test
    void freshRealRows_scoreAtTheCeiling() {
        Map<String, Double> s = fresh.summary();
        assertThat(s.get("accuracy")).isCloseTo(s.get("accuracy_ceiling"), org.assertj.core.data.Offset.offset(ACCURACY_NOISE));
        assertThat(s.get("shapes")).isGreaterThan(fresh.holdoutColumns.shapes() - ACCURACY_NOISE);
        assertThat(s.get("trends")).isGreaterThan(PairTrends.mean(fresh.holdoutPairs) - ACCURACY_NOISE);
    }

    @Test
    void freshRealRows_lookReal() {
        // The AUC of a classifier with no signal, over 3 folds of ~5,333 test rows each: SE ≈ sqrt((n₁+n₂+1)/(12 n₁ n₂))/sqrt(3)
        // with n₁ = n₂ ≈ 2,667 is 0.0046; four standard errors.
        double se = Math.sqrt((2667.0 + 2667 + 1) / (12.0 * 2667 * 2667)) / Math.sqrt(3);
        assertThat(fresh.summary().get("detection_auc")).isBetween(0.5 - 4 * se, 0.5 + 4 * se);
    }

    @Test
    void freshRealRows_dcrShareNearHalf_andNoMoreCopiesThanTheHoldout() {
        // DCR share of 8,000 rows under no memorisation: binomial SE sqrt(.25/8000) = 0.0056; four SEs.
        double se = Math.sqrt(0.25 / N);
        assertThat(fresh.summary().get("dcr_share")).isBetween(0.5 - 4 * se, 0.5 + 4 * se);
        double h = fresh.distances.imsHoldoutToTrain();
        // Identical matches are rare coincidences: four Poisson SEs of the holdout's count, at least one row.
        double tol = 4 * Math.sqrt(Math.max(h * N, 1)) / N;
        assertThat(fresh.summary().get("ims_train")).isLessThanOrEqualTo(h + tol);
    }

    @Test
    void freshRealRows_noAttackRisk() {
        // Under no leak each risk estimate is noise around 0 with the propagated error of its Wilson rates (the
        // reported 95% half-width is 1.96 standard errors); three standard errors, for each of the 18 attacks.
        for (Attacks.Attack a : fresh.allAttacks()) {
            assertThat(a.risk()).as(a.name()).isLessThanOrEqualTo(3 * a.error() / 1.96);
        }
        assertThat(fresh.verdicts().get("privacy")).contains("No attack risk is distinguishable from zero");
    }

    @Test
    void copyOfTraining_perfectFidelityAndEveryRowCopied() {
        Map<String, Double> s = copy.summary();
        assertThat(s.get("shapes")).isEqualTo(1.0);
        assertThat(s.get("trends")).isEqualTo(1.0);
        assertThat(s.get("accuracy")).isEqualTo(1.0).isGreaterThan(s.get("accuracy_ceiling"));
        assertThat(s.get("ims_train")).isEqualTo(1.0);
        // Every copy is at distance 0 from training; only holdout rows identical to a training row tie (counted half).
        assertThat(s.get("dcr_share")).isGreaterThanOrEqualTo(1 - copy.distances.imsHoldout());
        assertThat(copy.verdicts().get("fidelity")).contains("above the ceiling");
    }

    @Test
    void copyOfTraining_highAttackRisks() {
        Map<String, Double> s = copy.summary();
        // Each query, link or guess that works on a copied row works on the training row it copies; against the
        // holdout the same attacks succeed only by coincidence. "High" = the low end of the 95% interval above 0.5.
        assertThat(copy.singlingOutMultivariate.low()).isGreaterThan(0.5);
        assertThat(copy.linkability.low()).isGreaterThan(0.5);
        assertThat(s.get("singling_out_risk")).isGreaterThan(0.5);
        assertThat(s.get("inference_risk")).isGreaterThan(0.5);
        assertThat(copy.verdicts().get("privacy")).contains("8,000 synthetic rows (100.0%) copy a training row")
                .contains("Above zero even allowing for the 18 attacks run: singling out");
    }

    @Test
    void shuffledColumns_keepShapesButLoseTrendsAndUtility() {
        Map<String, Double> s = shuffled.summary();
        // A permutation of each column is the same multiset of values: KS and TV distances are exactly 0.
        assertThat(s.get("shapes")).isEqualTo(1.0);
        assertThat(s.get("validity")).isEqualTo(1.0);
        // Independent columns keep no association: every strongly related pair loses most of its trend.
        assertThat(shuffled.trendsStrong()).isLessThan(PairTrends.meanStrong(shuffled.holdoutPairs) - 0.2);
        assertThat(s.get("trends")).isLessThan(PairTrends.mean(shuffled.holdoutPairs) - ACCURACY_NOISE);
        // With no relation between income and the other columns a model can do no better than guessing the
        // majority class; TSTR ends closer to that trivial macro-F1 than to TRTR's.
        double majority = majorityClassMacroF1(shuffled);
        assertThat(s.get("tstr_f1")).isLessThan((s.get("trtr_f1") + majority) / 2);
        assertThat(s.get("tstr_auc")).isLessThan(0.6);
    }

    /** The macro-F1 on the holdout of always predicting the majority class: F1 of that class, 0 for the other. */
    private static double majorityClassMacroF1(Evaluation e) {
        EvalData.Feature income = e.data.feature("income");
        int[] h = income.codes[EvalData.Role.HOLDOUT.ordinal()];
        int[] counts = new int[income.levels.size()];
        for (int c : income.codes[0]) if (c >= 0) counts[c]++;
        int major = counts[0] >= counts[1] ? 0 : 1;
        long tp = 0, n = 0;
        for (int c : h) {
            if (c < 0) continue;
            n++;
            if (c == major) tp++;
        }
        double f1 = 2.0 * tp / (2.0 * tp + (n - tp));
        return f1 / 2;
    }
}
