package dev.ersatz.augment.text;

/** The four WordNet parts of speech: the only words that synonym and antonym methods touch. */
public enum WordClass {
    NOUN, VERB, ADJECTIVE, ADVERB;

    /**
     * The WordNet class of a Universal Dependencies tag as the OpenNLP English model emits it, or
     * {@code null} for every other tag.
     *
     * <p>Proper nouns (PROPN) map to {@code null}: a name has no synonyms, and WordNet's entries for
     * capitalised words are mostly other names. Auxiliaries (AUX) are left out as stop words would be.
     * Contractions get joined tags such as {@code PRON+AUX}; they are never replaced.
     */
    public static WordClass ofUniversalTag(String tag) {
        return switch (tag) {
            case "NOUN" -> NOUN;
            case "VERB" -> VERB;
            case "ADJ" -> ADJECTIVE;
            case "ADV" -> ADVERB;
            default -> null;
        };
    }
}
