package dev.ersatz.augment.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The bundled word lists (stop words, negations) and the loader of the bundled data files. */
final class WordLists {
    private WordLists() {}

    static final Set<String> STOP_WORDS = Set.copyOf(lines("stopwords.txt"));
    static final Set<String> NEGATIONS = Set.copyOf(lines("negations.txt"));

    /** Whether a lower-case word negates or contrasts: listed, or ending in n't (doesn't, won't). */
    static boolean isNegation(String lower) {
        return NEGATIONS.contains(lower) || lower.endsWith("n't") || lower.endsWith("n\u2019t");
    }

    /** The non-blank, non-comment lines of a bundled resource, trimmed. */
    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing bundled resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) out.add(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Set<String> lowerSet(List<String> words) {
        Set<String> out = new HashSet<>();
        for (String w : words) out.add(w.toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
