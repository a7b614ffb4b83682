package dev.ersatz.augment.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An augmentation method: the four EDA operations, antonyms, and four kinds of character noise.
 *
 * <p>Word-level methods follow EDA (Wei &amp; Zou 2019): with {@code n = max(1, floor(alpha * L))} for a
 * sentence of {@code L} words, synonym replacement changes {@code n} words, random insertion adds
 * {@code n} synonyms of words in the sentence at random places, random swap exchanges {@code n} pairs,
 * and random deletion drops each word with probability {@code alpha}. Character methods misspell
 * {@code n} words, each at about {@code charRate} of its characters.
 */
public enum Method {
    /** Replace words by a WordNet synonym of the same part of speech. */
    SYNONYM("synonym", true),
    /** Insert a synonym of a word of the sentence at a random place outside any entity. */
    INSERT("insert", true),
    /** Swap two words (an entity moves as one unit). */
    SWAP("swap", false),
    /** Delete words; an entity shrinks but keeps at least one word. */
    DELETE("delete", false),
    /** Replace one word by a WordNet antonym (a contrastive example; a two-class label is flipped). */
    ANTONYM("antonym", true),
    /** Type a letter as one of its QWERTY neighbours. */
    KEYBOARD("keyboard", false),
    /** Read a glyph as a common OCR confusion (rn for m, 0 for o). */
    OCR("ocr", false),
    /** Insert, substitute, swap or delete random characters. */
    CHAR("char", false),
    /** Split a word in two at a random place. */
    SPLIT("split", false);

    private final String key;
    private final boolean needsTags;

    Method(String key, boolean needsTags) {
        this.key = key;
        this.needsTags = needsTags;
    }

    /** The name used on the command line. */
    public String key() { return key; }

    /** Whether the method needs parts of speech (and so the tagger and WordNet). */
    public boolean needsTags() { return needsTags; }

    /** The four EDA methods, in the paper's order. */
    public static final List<Method> EDA = List.of(SYNONYM, INSERT, SWAP, DELETE);

    /**
     * Parses a comma-separated list of method names; {@code eda} stands for synonym, insert, swap and
     * delete. Duplicates are dropped, the first occurrence keeps its place.
     *
     * @throws IllegalArgumentException naming an unknown method and listing the known ones
     */
    public static List<Method> parseList(String spec) {
        Set<Method> out = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            if (p.equals("eda")) { out.addAll(EDA); continue; }
            Method m = null;
            for (Method x : values()) if (x.key.equals(p)) m = x;
            if (m == null) throw new IllegalArgumentException("unknown method '" + part.trim() + "'; methods: " + names());
            out.add(m);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no method given; methods: " + names());
        return List.copyOf(new ArrayList<>(out));
    }

    /** All method names, with {@code eda}. */
    public static String names() {
        StringBuilder sb = new StringBuilder("eda");
        for (Method m : values()) sb.append(", ").append(m.key);
        return sb.toString();
    }
}
