package dev.ersatz.augment.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Safe mode's label filter on real sentences (rt_polarity). */
class LabelFilterTest {
    private static List<String> texts(TextAugmenter.Result r) {
        List<String> out = new ArrayList<>();
        for (List<Augmented> copies : r.copies()) for (Augmented a : copies) out.add(a.doc().text() + "\t" + a.label());
        return out;
    }

    @Test
    void crossFittedFilter_turnsAwayAntonymEditsFarMoreOftenThanSwaps() {
        // An antonym changes what the sentence says about its label; a swap keeps every word. A model
        // that never saw the sentence tells them apart (safe mode's in-sample model does not: see LabelFilter).
        List<Example> ex = RtPolarity.sample(400, 26);
        LabelFilter filter = LabelFilter.train(ex, LabelFilter.DEFAULT_MARGIN, LabelFilter.CROSS_FIT_FOLDS);
        double antonym = rejectedShare(filter, ex, Method.ANTONYM);
        double swap = rejectedShare(filter, ex, Method.SWAP);
        assertThat(antonym).isGreaterThan(2 * swap);
    }

    /** Share of a method's copies (label kept as the original's) the filter rejects. */
    private static double rejectedShare(LabelFilter filter, List<Example> ex, Method m) {
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(List.of(m)).withCopies(2).withSeed(5)).augment(ex);
        long judged = 0, rejected = 0;
        for (int i = 0; i < ex.size(); i++) {
            LabelFilter.Source s = filter.source(i, ex.get(i));
            for (Augmented a : r.copies().get(i)) {
                if (a.method() != m) continue;
                judged++;
                if (!s.accepts(a.doc())) rejected++;
            }
        }
        assertThat(judged).isGreaterThan(100);
        return (double) rejected / judged;
    }

    @Test
    void safeModeWithFilter_everyCopyPassesTheFilter_rejectionsReported_sameOnAnyThreads() {
        List<Example> ex = RtPolarity.sample(300, 35);
        AugmentOptions o = AugmentOptions.eda().withSafe(true).withLabelFilter(LabelFilter.DEFAULT_MARGIN).withCopies(4).withSeed(3);
        TextAugmenter.Result one = new TextAugmenter(o.withThreads(1)).augment(ex);
        TextAugmenter.Result three = new TextAugmenter(o.withThreads(3)).augment(ex);
        assertThat(texts(three)).isEqualTo(texts(one));
        AugmentReport rep = one.report();
        assertThat(rep.labelFilterMargin()).isEqualTo(LabelFilter.DEFAULT_MARGIN);
        assertThat(rep.rejected()).isPositive();
        assertThat(rep.toMap()).containsKey("labelFilter");
        assertThat(rep.summary()).contains("drafts rejected by the label filter");

        // The same filter, trained again on the same sentences, accepts every copy that was kept.
        LabelFilter filter = LabelFilter.train(ex, LabelFilter.DEFAULT_MARGIN);
        long repeats = 0;
        for (int i = 0; i < ex.size(); i++) {
            LabelFilter.Source s = filter.source(i, ex.get(i));
            for (Augmented a : one.copies().get(i)) {
                if (a.method() == null) {
                    repeats++;
                    assertThat(a.doc().text()).isEqualTo(ex.get(i).doc().text());
                } else {
                    assertThat(s.accepts(a.doc())).as(a.doc().text()).isTrue();
                    assertThat(a.label()).isEqualTo(ex.get(i).label());
                }
            }
        }
        assertThat(repeats).isEqualTo(rep.unchanged() + rep.repeatedAfterRejection());

        // Without the filter, some of the copies made are ones it would have turned away.
        TextAugmenter.Result plain = new TextAugmenter(o.withLabelFilter(null).withThreads(2)).augment(ex);
        long wouldReject = 0;
        for (int i = 0; i < ex.size(); i++) {
            LabelFilter.Source s = filter.source(i, ex.get(i));
            for (Augmented a : plain.copies().get(i)) if (a.method() != null && !s.accepts(a.doc())) wouldReject++;
        }
        assertThat(wouldReject).isPositive();
        assertThat(plain.report().labelFilterMargin()).isNull();
    }

    @Test
    void filter_needsSafeMode_aMarginInRange_andTwoLabels() {
        assertThatThrownBy(() -> AugmentOptions.eda().withLabelFilter(0.05)).hasMessageContaining("safe mode");
        assertThatThrownBy(() -> AugmentOptions.eda().withSafe(true).withLabelFilter(1.5)).hasMessageContaining("[0, 1]");
        List<Example> one = new ArrayList<>();
        for (Example e : RtPolarity.sample(20, 1)) one.add(new Example(e.doc(), "pos"));
        assertThat(LabelFilter.train(one, 0.05)).isNull();
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withSafe(true).withLabelFilter(0.05).withCopies(2)).augment(one);
        assertThat(r.report().labelFilterMargin()).isNull();
        assertThat(r.report().rejected()).isZero();
    }
}
