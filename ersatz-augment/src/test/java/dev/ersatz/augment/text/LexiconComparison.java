package dev.ersatz.augment.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares {@link Lexicon} (WordNet in tables) with {@link ExtJwnlLexicon} (WordNet through extJWNL,
 * as before) word by word: the lemma found, the synonyms and the antonyms, in order, under each of the
 * four word classes. Used by {@link LexiconEquivalenceTest} on a sample and by the benchmark's
 * {@code lexicon-check} mode on every word.
 */
public final class LexiconComparison {
    private LexiconComparison() {}

    /** How many (word, class) pairs were compared, how many differed, and the first differences. */
    public record Result(long compared, long differing, long withLemma, long withSynonyms, long withAntonyms, List<String> examples) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d (word, class) pairs compared: %,d differ; %,d have a lemma, %,d synonyms, %,d antonyms%s",
                    compared, differing, withLemma, withSynonyms, withAntonyms, examples.isEmpty() ? "" : "; first: " + examples);
        }
    }

    /** A new lexicon of each kind, loaded from the classpath. */
    public static Lexicon tables() {
        return Lexicon.load();
    }

    /** Compares both lexicons on every word under every class. */
    public static Result compare(Lexicon fresh, ExtJwnlLexicon reference, Collection<String> words) {
        long compared = 0, differing = 0, lemmas = 0, syns = 0, ants = 0;
        List<String> examples = new ArrayList<>();
        for (String word : words) {
            for (WordClass wc : WordClass.values()) {
                compared++;
                String l1 = fresh.lemma(word, wc), l2 = reference.lemma(word, wc);
                String[] s1 = fresh.synonyms(word, wc), s2 = reference.synonyms(word, wc);
                String[] a1 = fresh.antonyms(word, wc), a2 = reference.antonyms(word, wc);
                if (l2 != null) lemmas++;
                if (s2.length > 0) syns++;
                if (a2.length > 0) ants++;
                if (!java.util.Objects.equals(l1, l2) || !Arrays.equals(s1, s2) || !Arrays.equals(a1, a2)) {
                    differing++;
                    if (examples.size() < 10) {
                        examples.add(String.format(Locale.ROOT, "%s/%s: lemma %s vs %s, synonyms %s vs %s, antonyms %s vs %s",
                                word, wc, l1, l2, Arrays.toString(s1), Arrays.toString(s2), Arrays.toString(a1), Arrays.toString(a2)));
                    }
                }
            }
        }
        return new Result(compared, differing, lemmas, syns, ants, examples);
    }

    /** Whether both lexicons hold the same irregular base forms (those whose candidates are never inflected). */
    public static boolean sameIrregularForms(Lexicon fresh, ExtJwnlLexicon reference) {
        return fresh.irregular(true).equals(reference.irregular(true)) && fresh.irregular(false).equals(reference.irregular(false));
    }

    /**
     * Every lemma of WordNet's four indexes (words joined by spaces, as extJWNL gives them, and by
     * underscores, as the files hold them) and every form and base form of its exception lists, in
     * file order, each once.
     */
    public static List<String> wordNetForms() {
        Set<String> out = new LinkedHashSet<>();
        for (String pos : List.of("noun", "verb", "adj", "adv")) {
            for (String line : lines("index." + pos)) {
                String key = line.substring(0, line.indexOf(' '));
                out.add(key.replace('_', ' '));
                out.add(key);
            }
            for (String line : lines(pos + ".exc")) {
                for (String form : line.trim().split(" ")) out.add(form.replace('_', ' '));
            }
        }
        return new ArrayList<>(out);
    }

    /** The lines of a WordNet file after its licence. */
    static List<String> lines(String name) {
        try (InputStream in = LexiconComparison.class.getResourceAsStream(WordNetTables.RESOURCE_DIR + name)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n")) {
                if (!line.isEmpty() && line.charAt(0) != ' ') out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct lower-case words of some sentences, as the augmenter looks them up. */
    public static List<String> distinctWords(Collection<String> sentences) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : sentences) {
            for (String w : Tokenizer.tokenize(s).words()) out.add(w.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(out);
    }
}
