package dev.ersatz.augment.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The augmenter on real sentences (rt_polarity) and on token-labelled documents, over every method. */
class TextAugmenterTest {
    private static final List<Method> ALL = List.of(Method.values());

    private static List<String> texts(TextAugmenter.Result r) {
        List<String> out = new ArrayList<>();
        for (List<Augmented> copies : r.copies()) for (Augmented a : copies) out.add(a.doc().text() + "\t" + a.label());
        return out;
    }

    @Test
    void augment_sameSeed_sameOutputOnAnyNumberOfThreads() {
        List<Example> ex = RtPolarity.sample(300, 37);
        AugmentOptions o = AugmentOptions.eda().withMethods(ALL).withCopies(4).withSeed(11);
        List<String> one = texts(new TextAugmenter(o.withThreads(1)).augment(ex));
        List<String> four = texts(new TextAugmenter(o.withThreads(4)).augment(ex));
        List<String> again = texts(new TextAugmenter(o.withThreads(3)).augment(ex));
        List<String> other = texts(new TextAugmenter(o.withSeed(12).withThreads(1)).augment(ex));
        assertThat(four).isEqualTo(one);
        assertThat(again).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void augment_edaDefaults_followCorpusSize() {
        assertThat(AugmentOptions.defaultCopies(500)).isEqualTo(16);
        assertThat(AugmentOptions.defaultAlpha(500)).isEqualTo(0.05);
        assertThat(AugmentOptions.defaultCopies(2000)).isEqualTo(8);
        assertThat(AugmentOptions.defaultCopies(5000)).isEqualTo(4);
        assertThat(AugmentOptions.defaultAlpha(5000)).isEqualTo(0.1);
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda()).augment(RtPolarity.sample(50, 200));
        assertThat(r.report().copiesPerSentence()).isEqualTo(16);
        for (List<Augmented> c : r.copies()) assertThat(c).hasSize(16);
    }

    @Test
    void augment_eachMethod_changesAtMostItsShareOfWords() {
        List<Example> ex = RtPolarity.sample(200, 53);
        double alpha = 0.1;
        for (Method m : List.of(Method.SYNONYM, Method.INSERT, Method.SWAP, Method.KEYBOARD, Method.OCR, Method.CHAR, Method.SPLIT)) {
            TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(List.of(m)).withAlpha(alpha).withCopies(2).withSeed(3)).augment(ex);
            long bound = 0;
            for (Example e : ex) {
                long words = e.doc().tokens().stream().filter(Token::isWord).count();
                bound += 2 * Math.max(1, (long) Math.floor(alpha * words));
            }
            AugmentReport rep = r.report();
            long changed = switch (m) {
                case SYNONYM -> rep.get(m, AugmentReport.Count.WORDS_REPLACED);
                case INSERT -> rep.get(m, AugmentReport.Count.WORDS_INSERTED);
                case SWAP -> rep.get(m, AugmentReport.Count.WORDS_SWAPPED);
                case SPLIT -> rep.get(m, AugmentReport.Count.WORDS_SPLIT);
                default -> rep.get(m, AugmentReport.Count.WORDS_MISSPELT);
            };
            // Insertions count words of multi-word synonyms, so they may pass the bound by those extra words.
            assertThat(changed).as(m.key()).isPositive();
            if (m != Method.INSERT) assertThat(changed).as(m.key()).isLessThanOrEqualTo(bound);
            assertThat(rep.get(m, AugmentReport.Count.COPIES)).as(m.key()).isGreaterThan((long) (0.9 * 2 * ex.size()));
        }
    }

    @Test
    void augment_negationsAndProtectedWords_areNeverEdited() {
        List<Example> ex = new ArrayList<>();
        for (Example e : RtPolarity.sample(3000, 3)) {
            String t = e.doc().text();
            if (t.contains(" not ") || t.contains("n't") || t.contains(" never ")) ex.add(e);
        }
        assertThat(ex).hasSizeGreaterThan(100);
        AugmentOptions o = AugmentOptions.eda().withMethods(ALL).withAlpha(0.3).withCopies(8).withSeed(5).withProtectedWords(Set.of("Film"));
        TextAugmenter.Result r = new TextAugmenter(o).augment(ex);
        for (int i = 0; i < ex.size(); i++) {
            List<String> negations = guarded(ex.get(i).doc(), false), film = guarded(ex.get(i).doc(), true);
            for (Augmented a : r.copies().get(i)) {
                // Negations are never edited, moved or inserted; a protected word may be inserted as a synonym, never lost.
                assertThat(guarded(a.doc(), false)).as(a.doc().text()).isEqualTo(negations);
                assertThat(isSubsequence(film, guarded(a.doc(), true))).as(a.doc().text()).isTrue();
            }
        }
    }

    /** The negations (or the protected word "film") of a document, in order. */
    private static List<String> guarded(Doc d, boolean film) {
        List<String> out = new ArrayList<>();
        for (Token t : d.tokens()) {
            String l = t.text().toLowerCase(Locale.ROOT);
            if (film ? l.equals("film") : WordLists.isNegation(l)) out.add(l);
        }
        return out;
    }

    @Test
    void synonym_stopWords_areNeverReplaced() {
        List<Example> ex = RtPolarity.sample(300, 31);
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(List.of(Method.SYNONYM)).withAlpha(1.0).withCopies(2).withSeed(9)).augment(ex);
        for (int i = 0; i < ex.size(); i++) {
            List<String> stops = stops(ex.get(i).doc());
            for (Augmented a : r.copies().get(i)) {
                // Synonyms may add stop words ("turn up"), so the original stop words form a subsequence.
                assertThat(isSubsequence(stops, stops(a.doc()))).as(a.doc().text()).isTrue();
            }
        }
    }

    private static List<String> stops(Doc d) {
        List<String> out = new ArrayList<>();
        for (Token t : d.tokens()) if (WordLists.STOP_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) out.add(t.text().toLowerCase(Locale.ROOT));
        return out;
    }

    private static boolean isSubsequence(List<String> a, List<String> b) {
        int j = 0;
        for (String s : b) if (j < a.size() && a.get(j).equals(s)) j++;
        return j == a.size();
    }

    @Test
    void antonym_twoClassCorpus_flipsTheLabelOfChangedCopies() {
        List<Example> ex = RtPolarity.sample(200, 53);
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(List.of(Method.ANTONYM)).withCopies(1).withSeed(2)).augment(ex);
        int flipped = 0;
        for (int i = 0; i < ex.size(); i++) {
            Augmented a = r.copies().get(i).get(0);
            if (a.method() == Method.ANTONYM) {
                assertThat(a.label()).isNotEqualTo(ex.get(i).label());
                flipped++;
            } else {
                assertThat(a.label()).isEqualTo(ex.get(i).label());
            }
        }
        assertThat(flipped).isEqualTo((int) r.report().get(Method.ANTONYM, AugmentReport.Count.LABELS_FLIPPED)).isPositive();
    }

    @Test
    void safeMode_labelAssociatedWords_areProtected() {
        List<Example> ex = RtPolarity.sample(2000, 5);
        LabelWords lw = LabelWords.of(ex);
        // Both classes get words, and the strongest sentiment words are among them.
        assertThat(lw.labels()).containsExactly("neg", "pos");
        assertThat(lw.of("neg")).contains("bad", "dull");
        assertThat(lw.of("pos")).contains("performances");
        List<Example> both = new ArrayList<>();
        for (int i = 0; i < ex.size(); i += 4) both.add(ex.get(i));
        LabelWords small = LabelWords.of(both);
        assertThat(small.all()).isNotEmpty();
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(List.of(Method.DELETE, Method.SYNONYM)).withAlpha(0.5)
                .withCopies(2).withSeed(4).withSafe(true)).augment(both);
        assertThat(r.report().protectedWords()).isEqualTo(small.all().size());
        for (int i = 0; i < both.size(); i++) {
            long want = countIn(both.get(i).doc(), small.all());
            for (Augmented a : r.copies().get(i)) assertThat(countIn(a.doc(), small.all())).isGreaterThanOrEqualTo(want);
        }
    }

    private static long countIn(Doc d, Set<String> words) {
        return d.tokens().stream().filter(t -> words.contains(t.text().toLowerCase(Locale.ROOT))).count();
    }

    @Test
    void augment_entities_stayAlignedUnderEveryMethod() {
        // Random documents with entities of one to three words; every method, many seeds.
        SplittableRandom rng = new SplittableRandom(42);
        String[] vocab = {"the", "film", "Paris", "good", "walked", "quickly", "bank", "river", "said", "of", "new", ",", "."};
        List<Example> ex = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            List<Token> toks = new ArrayList<>();
            List<String> types = new ArrayList<>();
            int len = 1 + rng.nextInt(12);
            for (int t = 0; t < len; ) {
                if (rng.nextInt(4) == 0) {
                    int e = types.size();
                    types.add(rng.nextBoolean() ? "PER" : "LOC");
                    int span = 1 + rng.nextInt(3);
                    for (int k = 0; k < span && t < len; k++, t++) toks.add(new Token(vocab[rng.nextInt(vocab.length - 2)], t == 0 ? "" : " ", e, new String[] {"X"}));
                } else {
                    toks.add(new Token(vocab[rng.nextInt(vocab.length)], t == 0 ? "" : " ", -1, new String[] {"X"}));
                    t++;
                }
            }
            ex.add(new Example(new Doc(toks, types, ""), null));
        }
        for (long seed = 0; seed < 5; seed++) {
            TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withMethods(ALL).withAlpha(0.3).withCopies(9).withSeed(seed)).augment(ex);
            for (int i = 0; i < ex.size(); i++) {
                Doc in = ex.get(i).doc();
                for (Augmented a : r.copies().get(i)) {
                    Doc out = a.doc();
                    List<Span> before = in.tokenSpans(), after = out.tokenSpans();
                    // No entity lost, split or merged: same entities, same types, same order unless swapped as units.
                    assertThat(after).as(out.toString()).hasSameSizeAs(before);
                    assertThat(types(after)).containsExactlyInAnyOrderElementsOf(types(before));
                    if (a.method() == Method.DELETE || a.method() == Method.INSERT || a.method() == Method.SYNONYM || a.method() == Method.ANTONYM) {
                        for (int e = 0; e < before.size(); e++) {
                            // Insertions and synonyms never enter an entity; deletion only shrinks it.
                            List<String> was = words(in, before.get(e)), now = words(out, after.get(e));
                            assertThat(isSubsequence(now, was)).as(out.toString()).isTrue();
                            assertThat(now).isNotEmpty();
                        }
                    }
                    for (Token t : out.tokens()) assertThat(t.columns()).isNotNull();
                }
            }
        }
    }

    private static List<String> types(List<Span> spans) {
        List<String> t = new ArrayList<>();
        for (Span s : spans) t.add(s.label());
        return t;
    }

    private static List<String> words(Doc d, Span s) {
        List<String> w = new ArrayList<>();
        for (int i = s.start(); i < s.end(); i++) w.add(d.token(i).text());
        return w;
    }

    @Test
    void charNoise_keyboardNeighbours_followTheLayoutFile() {
        assertThat(new String(CharNoise.KEYBOARD.get('g'))).isEqualTo("tyfhvb");
        assertThat(new String(CharNoise.KEYBOARD.get('q'))).isEqualTo("12wa");
        assertThat(CharNoise.KEYBOARD).doesNotContainKey(';');
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            String w = CharNoise.keyboard("Wonderful", 0.2, rng);
            assertThat(w).hasSize(9).matches("[A-Za-z0-9]+").isNotEqualTo("Wonderful");
            assertThat(Character.isUpperCase(w.charAt(0)) || Character.isDigit(w.charAt(0))).isTrue();
        }
        assertThat(CharNoise.ocr("modern", 1.0, new SplittableRandom(3))).isNotEqualTo("modern").matches("[a-z0-9]+");
    }
}
