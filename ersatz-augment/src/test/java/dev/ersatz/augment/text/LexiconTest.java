package dev.ersatz.augment.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconTest {
    private final Lexicon lex = Lexicon.get();

    @Test
    void synonyms_pluralNoun_areInflectedPlural() {
        assertThat(lex.synonyms("films", WordClass.NOUN)).contains("movies", "pictures").doesNotContain("movie", "films");
    }

    @Test
    void synonyms_regularVerbForms_areInflectedAlike() {
        assertThat(lex.synonyms("stopped", WordClass.VERB)).contains("halted");
        for (String s : lex.synonyms("stopping", WordClass.VERB)) assertThat(s.split(" ")[0]).endsWith("ing");
    }

    @Test
    void synonyms_irregularForm_giveNothingRatherThanAWrongForm() {
        assertThat(lex.synonyms("went", WordClass.VERB)).isEmpty();
        // Past-tense synonyms never include regular forms of irregular verbs ("goed", "runned").
        for (String s : lex.synonyms("walked", WordClass.VERB)) assertThat(s).doesNotContain("goed", "runned");
    }

    @Test
    void synonyms_leaveOutNamesAndRareSenses() {
        // "dog" sense 1 has "Canis familiaris" (capitalised) and sense 5 "frank": neither is offered.
        assertThat(lex.synonyms("dog", WordClass.NOUN)).contains("domestic dog").doesNotContain("Canis familiaris", "frank");
    }

    @Test
    void antonyms_adjectives_comeFromWordNetPointers() {
        assertThat(lex.antonyms("good", WordClass.ADJECTIVE)).contains("bad");
        assertThat(lex.antonyms("happy", WordClass.ADJECTIVE)).containsExactly("unhappy");
        assertThat(lex.antonyms("table", WordClass.NOUN)).isEmpty();
    }

    @Test
    void inflector_regularPatterns() {
        assertThat(Inflector.plural("city")).isEqualTo("cities");
        assertThat(Inflector.plural("box")).isEqualTo("boxes");
        assertThat(Inflector.past("stop")).isEqualTo("stopped");
        assertThat(Inflector.past("visit")).isEqualTo("visited");
        assertThat(Inflector.past("like")).isEqualTo("liked");
        assertThat(Inflector.gerund("make")).isEqualTo("making");
        assertThat(Inflector.gerund("die")).isEqualTo("dying");
        assertThat(Inflector.gerund("see")).isEqualTo("seeing");
        assertThat(Inflector.matchCase("Film", "motion picture")).isEqualTo("Motion picture");
        assertThat(Inflector.matchCase("FILM", "movie")).isEqualTo("MOVIE");
    }

    @Test
    void wordClass_universalTags_mapToWordNetClasses() {
        assertThat(WordClass.ofUniversalTag("NOUN")).isEqualTo(WordClass.NOUN);
        assertThat(WordClass.ofUniversalTag("ADJ")).isEqualTo(WordClass.ADJECTIVE);
        assertThat(WordClass.ofUniversalTag("ADV")).isEqualTo(WordClass.ADVERB);
        assertThat(WordClass.ofUniversalTag("PROPN")).isNull();
        assertThat(WordClass.ofUniversalTag("PRON+AUX")).isNull();
    }
}
