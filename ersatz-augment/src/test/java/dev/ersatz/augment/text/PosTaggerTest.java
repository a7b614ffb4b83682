package dev.ersatz.augment.text;

import opennlp.tools.postag.POSTaggerME;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast decoder gives OpenNLP's own tags on real sentences (rt_polarity), both through its
 * dense fast path and through the exact path it takes near a tie (forced here on every token).
 */
class PosTaggerTest {
    @Test
    void tag_rtPolaritySentences_equalOpenNlpGreedyTagger() {
        // Every third sentence, both classes; the text benchmark's speed mode checks all of them.
        List<Example> all = RtPolarity.sample(Integer.MAX_VALUE, 3);
        PosTagger fast = PosTagger.get();
        PosTagger exactEverywhere = PosTagger.load(Double.POSITIVE_INFINITY);
        POSTaggerME openNlp = fast.reference();
        long tokens = 0, differing = 0, differingExact = 0;
        for (Example e : all) {
            String[] words = e.doc().words();
            String[] expected = openNlp.tag(words);
            String[] got = fast.tag(words);
            String[] gotExact = exactEverywhere.tag(words);
            for (int i = 0; i < words.length; i++) {
                if (!got[i].equals(expected[i])) differing++;
                if (!gotExact[i].equals(expected[i])) differingExact++;
            }
            tokens += words.length;
        }
        assertThat(all).hasSize(3_554);
        assertThat(tokens).isGreaterThan(70_000);
        assertThat(differing).isZero();
        assertThat(differingExact).isZero();
    }

    @Test
    void classes_mapUniversalTagsToWordNetClasses() {
        PosTagger t = PosTagger.get();
        String[] s = {"A", "good", "film", "that", "quietly", "moves", "its", "audience", "."};
        assertThat(t.tag(s)).containsExactly("DET", "ADJ", "NOUN", "SCONJ", "ADV", "VERB", "PRON", "NOUN", "PUNCT");
        assertThat(t.classes(s)).containsExactly(null, WordClass.ADJECTIVE, WordClass.NOUN, null, WordClass.ADVERB, WordClass.VERB, null,
                WordClass.NOUN, null);
        assertThat(t.tag(new String[0])).isEmpty();
    }
}
