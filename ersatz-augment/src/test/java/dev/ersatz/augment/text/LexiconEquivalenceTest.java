package dev.ersatz.augment.text;

import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lexicon read into tables gives, word for word, what the extJWNL-backed lexicon gave: the same
 * lemma, the same synonyms and antonyms in the same order, under each word class. Here on a sample
 * of real words (a third of rt_polarity's sentences, every 20th WordNet lemma and irregular form, and
 * the forms where extJWNL's morphology has quirks); the benchmark's {@code lexicon-check} mode
 * compares every one.
 */
class LexiconEquivalenceTest {
    private static Lexicon tables;
    private static ExtJwnlLexicon reference;

    @BeforeAll
    static void load() {
        tables = Lexicon.load();
        reference = ExtJwnlLexicon.load();
    }

    @Test
    void irregularBaseForms_areExtJwnls() {
        assertThat(LexiconComparison.sameIrregularForms(tables, reference)).isTrue();
        assertThat(tables.irregular(true)).contains("go", "run");
    }

    @Test
    void morphologyQuirks_areFollowed() {
        List<String> words = List.of(
                // exception lists: irregular forms, and forms listed twice ("aurar", adjective "offer"),
                // where extJWNL's binary search decides which line counts
                "went", "geese", "better", "best", "aurar", "offer", "diastemata", "involucra", "sudatoria", "farther",
                // suffix rules in their order, stems found through the exception list
                "films", "boxes", "churches", "women", "cities", "stopped", "making", "dying", "hoping", "bigger", "largest",
                // the tokenizer operation: hyphens, apostrophes, digits, collocations, spaces
                "well-made", "half-hearted", "over-the-top", "look up", "look_up", "run-of-the-mill", "rock'n'roll", "o'clock",
                "90s", "2-d", "a-b-c", "heart-warming", "feel-good", "---", "'", " film ", "FILM", "x", "", "s", "es", "ing",
                "united states", "united_states_of_america", "café", "naïve");
        LexiconComparison.Result r = LexiconComparison.compare(tables, reference, words);
        assertThat(r.differing()).as(r.toString()).isZero();
        assertThat(tables.lemma("aurar", WordClass.NOUN)).isEqualTo(reference.lemma("aurar", WordClass.NOUN));
        assertThat(tables.lemma("well-made", WordClass.ADJECTIVE)).isEqualTo(reference.lemma("well-made", WordClass.ADJECTIVE));
    }

    @Test
    void rtPolarityWords_sameAsExtJwnl() {
        Table t = TableReader.read(RtPolarity.file().toString(), ReadOptions.defaults().withMissingMarkers(List.of(""))).table();
        List<String> sentences = new ArrayList<>();
        int text = t.indexOf("sentence");
        for (int r = 0; r < t.rowCount(); r += 3) sentences.add(t.text(r, text));
        List<String> words = LexiconComparison.distinctWords(sentences);
        LexiconComparison.Result r = LexiconComparison.compare(tables, reference, words);
        assertThat(r.differing()).as(r.toString()).isZero();
        assertThat(words.size()).isGreaterThan(8_000);
        assertThat(r.withSynonyms()).isGreaterThan(5_000);
        assertThat(r.withAntonyms()).isGreaterThan(300);
    }

    @Test
    void wordNetLemmasAndIrregularForms_sameAsExtJwnl() {
        List<String> all = LexiconComparison.wordNetForms();
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 20) sample.add(all.get(i));
        LexiconComparison.Result r = LexiconComparison.compare(tables, reference, sample);
        assertThat(r.differing()).as(r.toString()).isZero();
        assertThat(all.size()).isGreaterThan(200_000);
        assertThat(r.withAntonyms()).isGreaterThan(50);
    }

    @Test
    void tables_findExtJwnlsExceptionLine_forFormsListedTwice() {
        byte[] exc = "  1 licence\naurar eyir\naurar eyrir\nbest good\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int line = WordNetTables.searchLine(exc, "aurar");
        assertThat(line).isIn(12, 23);
        assertThat(WordNetTables.searchLine(exc, "best")).isEqualTo(35);
        assertThat(WordNetTables.searchLine(exc, "zzz")).isEqualTo(-1);
        assertThat(WordNetTables.searchLine(exc, "a")).isEqualTo(-1);
    }
}
