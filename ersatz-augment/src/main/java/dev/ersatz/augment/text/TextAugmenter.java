package dev.ersatz.augment.text;

import dev.ersatz.core.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Label-preserving text augmentation: EDA's four word operations (Wei &amp; Zou 2019), antonyms, and
 * character noise, applied so that sentence labels and entity spans stay valid.
 *
 * <p><b>What each copy is.</b> Copy {@code k} of sentence {@code i} applies one method,
 * {@code methods[(i + k) % methods.size()]}, with a random stream seeded from (seed, i, k) alone:
 * the output depends on the input, the options and the seed, never on threads or on the order of
 * work. When a draw of the method leaves the sentence unchanged (no deletion came up), it is drawn
 * again, up to four times; when the method cannot change the sentence at all (no synonym, one word),
 * the other methods are tried in turn; a copy no method can change repeats the original and is
 * counted as unchanged. With safe mode's label filter ({@link LabelFilter}), a draft the filter
 * rejects is drawn again in the same way (the same budget of draws, the copy's own random stream);
 * a copy whose every draft is rejected repeats the original, and is counted as such.
 *
 * <p><b>What is never edited.</b> Negation and contrast words ({@code not}, {@code n't},
 * {@code never}, {@code but}, ...), the caller's protected words and, in safe mode, the words most
 * associated with a label ({@link LabelWords}) are never replaced, deleted, swapped or misspelt.
 * Stop words are never replaced by synonyms nor used as the source of an inserted synonym (EDA's
 * rule). Synonyms and antonyms are looked up under the word's part of speech from the tagger
 * ({@link PosTagger}, {@link Lexicon}); proper nouns, auxiliaries and contractions have none. An
 * antonym is not put under a negation (a negation among the three words before it), since "not bad"
 * does not contrast with "not good" the way "bad" does with "good".
 *
 * <p><b>Entities.</b> An inserted word is outside any entity, and is never put inside one; a
 * deleted word shrinks its entity, which keeps at least one word; a swap moves a whole entity as one
 * unit; a split word stays inside its entity; synonyms and antonyms do not replace entity words
 * (a name's WordNet synonyms are other names or common nouns). So no entity is ever split or lost.
 *
 * <p><b>Counts.</b> For a sentence of {@code L} words (tokens with a letter or digit; punctuation is
 * never counted, moved or deleted), {@code n = max(1, floor(alpha * L))} words are replaced,
 * inserted, swapped (pairs) or misspelt; deletion drops each eligible word with probability alpha
 * and, as in EDA, keeps one word if all would go. Antonym replacement changes one word: a minimal,
 * contrastive edit.
 */
public final class TextAugmenter {
    /** Sentences per unit of parallel work; results do not depend on it. */
    private static final int CHUNK = 64;
    /**
     * Draws of a copy's own method before the next method is tried. Deletion at alpha 0.05 leaves a
     * 20-word sentence unchanged 36% of the time (0.95^20); four draws bring that to 1.7%, so the
     * methods keep their equal shares.
     */
    private static final int SAME_METHOD_TRIES = 4;
    /** Words before an antonym candidate in which a negation blocks it. */
    private static final int NEGATION_SCOPE = 3;

    /** What {@link #augment} returns. */
    public record Result(List<List<Augmented>> copies, AugmentReport report) {}

    private final AugmentOptions options;

    public TextAugmenter(AugmentOptions options) {
        this.options = options;
    }

    public AugmentOptions options() { return options; }

    /** Augments every example; {@code copies().get(i)} holds the copies of {@code examples.get(i)}. */
    public Result augment(List<Example> examples) {
        return augment(examples, Progress.NONE);
    }

    /** As {@link #augment(List)}, reporting progress in sentences. */
    public Result augment(List<Example> examples, Progress progress) {
        return augment(examples, progress, options.labelFilter() != null ? LabelFilter.train(examples, options.labelFilter()) : null);
    }

    /**
     * As {@link #augment(List)} with a label filter trained elsewhere on these examples (benchmarks
     * compare variants of it); it is used only when the options ask for the filter.
     */
    public Result augment(List<Example> examples, LabelFilter filter) {
        return augment(examples, Progress.NONE, options.labelFilter() != null ? filter : null);
    }

    private Result augment(List<Example> examples, Progress progress, LabelFilter filter) {
        int n = examples.size();
        double alpha = options.alphaFor(n);
        int copies = options.copiesFor(n);
        boolean tags = false;
        for (Method m : options.methods()) tags |= m.needsTags();
        Run run = new Run(alpha, copies, tags ? Lexicon.get() : null, tags ? PosTagger.get() : null,
                options.safe() ? LabelWords.of(examples) : null, flips(examples), filter);

        @SuppressWarnings("unchecked")
        List<Augmented>[] out = new List[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        AugmentReport[] reports = new AugmentReport[chunks];
        AtomicLong done = new AtomicLong();
        Runnable work = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            AugmentReport r = new AugmentReport();
            for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) out[i] = run.augment(i, examples.get(i), r);
            reports[c] = r;
            progress.update("augmenting", done.addAndGet(Math.min(n, (c + 1) * CHUNK) - c * CHUNK), n);
        });
        if (options.threads() == 1) {
            for (int c = 0; c < chunks; c++) {
                AugmentReport r = new AugmentReport();
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) out[i] = run.augment(i, examples.get(i), r);
                reports[c] = r;
                progress.update("augmenting", Math.min(n, (c + 1) * CHUNK), n);
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(options.threads());
            try {
                pool.submit(work).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        AugmentReport report = new AugmentReport();
        for (AugmentReport r : reports) report.merge(r);
        report.setRun(n, alpha, copies, options.methods(), run.labelWords == null ? 0 : run.labelWords.all().size());
        report.setLabelFilter(filter == null ? null : filter.margin());
        return new Result(Arrays.asList(out), report);
    }

    /** For a corpus with exactly two labels, each label's other; otherwise {@code null} (antonyms keep labels). */
    private static String[] flips(List<Example> examples) {
        Set<String> labels = new TreeSet<>();
        for (Example e : examples) if (e.label() != null) labels.add(e.label());
        return labels.size() == 2 ? labels.toArray(new String[0]) : null;
    }

    /** A token under edit, with what the rules need to know about it. */
    private record W(String text, String lower, String space, int entity, String[] columns, WordClass wc,
                     boolean prot, boolean stop, boolean source) {
        W(String text, String space, int entity, String[] columns, WordClass wc, boolean prot, boolean stop, boolean source) {
            this(text, text.toLowerCase(Locale.ROOT), space, entity, columns, wc, prot, stop, source);
        }
        boolean word() { return Token.isWord(text); }
        W withText(String t) { return new W(t, space, entity, columns, wc, prot, stop, source); }
        W withSpace(String s) { return new W(text, lower, s, entity, columns, wc, prot, stop, source); }
    }

    /** One run's shared, read-only state. */
    private final class Run {
        final double alpha;
        final int copies;
        final Lexicon lexicon;
        final PosTagger tagger;
        final LabelWords labelWords;
        final String[] twoLabels;
        final LabelFilter filter;
        final List<Method> methods = options.methods();

        Run(double alpha, int copies, Lexicon lexicon, PosTagger tagger, LabelWords labelWords, String[] twoLabels, LabelFilter filter) {
            this.filter = filter;
            this.alpha = alpha;
            this.copies = copies;
            this.lexicon = lexicon;
            this.tagger = tagger;
            this.labelWords = labelWords;
            this.twoLabels = twoLabels;
        }

        List<Augmented> augment(int index, Example ex, AugmentReport report) {
            Doc doc = ex.doc();
            WordClass[] wc = tagger != null && doc.size() > 0 ? tagger.classes(doc.words()) : new WordClass[doc.size()];
            List<W> base = new ArrayList<>(doc.size());
            int words = 0;
            for (int t = 0; t < doc.size(); t++) {
                Token tok = doc.token(t);
                String lower = tok.text().toLowerCase(Locale.ROOT);
                boolean isWord = tok.isWord();
                if (isWord) words++;
                boolean prot = WordLists.isNegation(lower) || options.protectedWords().contains(lower)
                        || (labelWords != null && labelWords.all().contains(lower));
                boolean stop = WordLists.STOP_WORDS.contains(lower) || lower.indexOf('\'') >= 0 || lower.indexOf('\u2019') >= 0;
                base.add(new W(tok.text(), lower, tok.space(), tok.entity(), tok.columns(), wc[t], prot, stop, isWord));
            }
            int perOp = Math.max(1, (int) Math.floor(alpha * words));
            LabelFilter.Source judged = filter != null && ex.label() != null ? filter.source(index, ex) : null;
            List<Augmented> out = new ArrayList<>(copies);
            for (int k = 0; k < copies; k++) {
                SplittableRandom rng = Sampling.stream(options.seed(), index, k);
                Method first = methods.get((int) ((index + (long) k) % methods.size()));
                Augmented made = null;
                boolean rejected = false;
                for (int attempt = 0; attempt < methods.size() * SAME_METHOD_TRIES && made == null; attempt++) {
                    Method m = methods.get((methods.indexOf(first) + attempt / SAME_METHOD_TRIES) % methods.size());
                    List<W> work = new ArrayList<>(base);
                    long[] changed = new long[AugmentReport.Count.values().length];
                    if (apply(m, work, perOp, ex.label(), rng, changed)) {
                        String label = ex.label();
                        if (m == Method.ANTONYM && twoLabels != null && label != null) {
                            label = label.equals(twoLabels[0]) ? twoLabels[1] : twoLabels[0];
                            changed[AugmentReport.Count.LABELS_FLIPPED.ordinal()]++;
                        }
                        Doc draft = toDoc(work, doc);
                        if (judged != null && m != Method.ANTONYM && !judged.accepts(draft)) {
                            // The label filter no longer believes the label: draw again.
                            report.add(m, AugmentReport.Count.REJECTED, 1);
                            rejected = true;
                            continue;
                        }
                        made = new Augmented(draft, label, m);
                        report.add(m, AugmentReport.Count.COPIES, 1);
                        for (AugmentReport.Count c : AugmentReport.Count.values()) {
                            if (c != AugmentReport.Count.COPIES && changed[c.ordinal()] != 0) report.add(m, c, changed[c.ordinal()]);
                        }
                    }
                }
                if (made == null) {
                    made = new Augmented(doc, ex.label(), null);
                    if (rejected) report.addRepeatedAfterRejection();
                    else report.addUnchanged();
                }
                out.add(made);
            }
            return out;
        }

        private boolean apply(Method m, List<W> w, int n, String label, SplittableRandom rng, long[] changed) {
            return switch (m) {
                case SYNONYM -> count(changed, AugmentReport.Count.WORDS_REPLACED, synonym(w, n, rng));
                case INSERT -> count(changed, AugmentReport.Count.WORDS_INSERTED, insert(w, n, label, rng));
                case SWAP -> count(changed, AugmentReport.Count.WORDS_SWAPPED, swap(w, n, rng));
                case DELETE -> count(changed, AugmentReport.Count.WORDS_DELETED, delete(w, rng));
                case ANTONYM -> count(changed, AugmentReport.Count.WORDS_REPLACED, antonym(w, rng));
                case KEYBOARD, OCR, CHAR -> misspell(m, w, n, rng, changed);
                case SPLIT -> count(changed, AugmentReport.Count.WORDS_SPLIT, split(w, n, rng));
            };
        }

        private boolean count(long[] changed, AugmentReport.Count c, int n) {
            changed[c.ordinal()] += n;
            return n > 0;
        }

        /**
         * Whether a token may be replaced or give an inserted synonym. One- and two-letter words are
         * left out: WordNet's entries for them are mostly abbreviations ("r" is the gas constant).
         */
        private boolean replaceable(W t) {
            return t.source && t.entity < 0 && t.wc != null && !t.prot && !t.stop && t.text.length() >= 3;
        }

        private String[] synonymsOf(W t) {
            return lexicon.synonyms(t.lower, t.wc);
        }

        /** EDA's synonym replacement: up to n distinct eligible words, each by a random synonym. */
        private int synonym(List<W> w, int n, SplittableRandom rng) {
            List<Integer> cand = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) if (replaceable(w.get(i)) && synonymsOf(w.get(i)).length > 0) cand.add(i);
            Sampling.shuffle(cand, rng);
            List<Integer> chosen = new ArrayList<>(cand.subList(0, Math.min(n, cand.size())));
            chosen.sort(null);
            // Right to left, so a multi-word synonym does not move the positions still to edit.
            int[] picks = new int[chosen.size()];
            for (int c = 0; c < chosen.size(); c++) picks[c] = rng.nextInt(synonymsOf(w.get(chosen.get(c))).length);
            for (int c = chosen.size() - 1; c >= 0; c--) {
                int i = chosen.get(c);
                replace(w, i, synonymsOf(w.get(i))[picks[c]]);
            }
            return chosen.size();
        }

        /** Replaces token i by {@code phrase} (space-separated words, in the token's case); new words are never edited again. */
        private void replace(List<W> w, int i, String phrase) {
            W t = w.get(i);
            String[] parts = Inflector.matchCase(t.text, phrase).split(" ");
            if (Character.isUpperCase(t.text.charAt(0)) && parts.length > 1 && !t.text.equals(t.text.toUpperCase(Locale.ROOT))) {
                // Capitalised: only the first word of the phrase takes the capital.
                for (int p = 1; p < parts.length; p++) parts[p] = parts[p].toLowerCase(Locale.ROOT);
            }
            List<W> repl = new ArrayList<>();
            repl.add(new W(parts[0], t.space, t.entity, t.columns, null, true, false, false));
            for (int p = 1; p < parts.length; p++) repl.add(new W(parts[p], " ", t.entity, blank(t.columns), null, true, false, false));
            w.remove(i);
            w.addAll(i, repl);
        }

        /** EDA's random insertion: n times, a synonym of a random eligible word, at a random place outside any entity. */
        private int insert(List<W> w, int n, String label, SplittableRandom rng) {
            List<String[]> sources = new ArrayList<>();
            for (W t : w) {
                if (!replaceable(t)) continue;
                String[] syn = synonymsOf(t);
                if (labelWords != null) {
                    // Safe mode: never insert a word that speaks for another label.
                    List<String> keep = new ArrayList<>();
                    for (String s : syn) if (!labelWords.associatedWithOther(s, label)) keep.add(s);
                    syn = keep.toArray(new String[0]);
                }
                if (syn.length > 0) sources.add(syn);
            }
            if (sources.isEmpty()) return 0;
            int inserted = 0;
            for (int k = 0; k < n; k++) {
                String[] syn = sources.get(rng.nextInt(sources.size()));
                String phrase = syn[rng.nextInt(syn.length)];
                List<Integer> slots = new ArrayList<>();
                for (int p = 0; p <= w.size(); p++) {
                    boolean inside = p > 0 && p < w.size() && w.get(p - 1).entity >= 0 && w.get(p - 1).entity == w.get(p).entity;
                    if (!inside) slots.add(p);
                }
                int at = slots.get(rng.nextInt(slots.size()));
                String[] parts = phrase.split(" ");
                String[] cols = w.isEmpty() ? null : blank(w.get(0).columns);
                List<W> add = new ArrayList<>();
                for (String part : parts) add.add(new W(part, " ", -1, cols, null, true, false, false));
                if (at == 0 && !w.isEmpty()) {
                    // The new first word takes the text's leading whitespace; the old first word gets a space.
                    add.set(0, add.get(0).withSpace(w.get(0).space));
                    w.set(0, w.get(0).withSpace(" "));
                }
                w.addAll(at, add);
                inserted += parts.length;
            }
            return inserted;
        }

        /** EDA's random swap, n times: two units exchange places; a unit is a free word or a whole entity. */
        private int swap(List<W> w, int n, SplittableRandom rng) {
            int swapped = 0;
            for (int k = 0; k < n; k++) {
                // Segments: runs that move together (entities, single free words) or stay (punctuation, protected words).
                List<int[]> seg = new ArrayList<>();
                List<Integer> movable = new ArrayList<>();
                int i = 0;
                while (i < w.size()) {
                    W t = w.get(i);
                    int j = i + 1;
                    if (t.entity >= 0) while (j < w.size() && w.get(j).entity == t.entity) j++;
                    boolean moves = t.entity >= 0 || (t.word() && !t.prot);
                    if (moves) movable.add(seg.size());
                    seg.add(new int[] {i, j});
                    i = j;
                }
                if (movable.size() < 2) break;
                int ia = rng.nextInt(movable.size());
                int ib = rng.nextInt(movable.size() - 1);
                if (ib >= ia) ib++;
                int a = movable.get(ia), b = movable.get(ib);
                List<List<W>> parts = new ArrayList<>();
                List<String> lead = new ArrayList<>();
                for (int[] s : seg) {
                    parts.add(new ArrayList<>(w.subList(s[0], s[1])));
                    lead.add(w.get(s[0]).space);
                }
                List<W> tmp = parts.get(a);
                parts.set(a, parts.get(b));
                parts.set(b, tmp);
                w.clear();
                for (int s = 0; s < parts.size(); s++) {
                    List<W> p = parts.get(s);
                    p.set(0, p.get(0).withSpace(lead.get(s)));
                    w.addAll(p);
                }
                swapped++;
            }
            return swapped;
        }

        /** EDA's random deletion: each eligible word with probability alpha; an entity keeps a word, the sentence keeps one. */
        private int delete(List<W> w, SplittableRandom rng) {
            int words = 0;
            int maxEntity = -1;
            for (W t : w) {
                if (t.word()) words++;
                maxEntity = Math.max(maxEntity, t.entity);
            }
            if (words <= 1) return 0;
            int[] left = new int[maxEntity + 1];
            for (W t : w) if (t.entity >= 0) left[t.entity]++;
            boolean[] drop = new boolean[w.size()];
            int dropped = 0;
            List<Integer> droppedAt = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                W t = w.get(i);
                if (!t.word() || t.prot) continue;
                boolean coin = rng.nextDouble() < alpha;
                if (!coin || (t.entity >= 0 && left[t.entity] <= 1)) continue;
                drop[i] = true;
                dropped++;
                droppedAt.add(i);
                if (t.entity >= 0) left[t.entity]--;
            }
            if (dropped == words) {
                int keep = droppedAt.get(rng.nextInt(droppedAt.size()));
                drop[keep] = false;
                dropped--;
            }
            if (dropped == 0) return 0;
            List<W> kept = new ArrayList<>(w.size() - dropped);
            String pendingLead = null;
            for (int i = 0; i < w.size(); i++) {
                if (drop[i]) {
                    if (kept.isEmpty() && pendingLead == null) pendingLead = w.get(i).space;
                    continue;
                }
                W t = w.get(i);
                if (kept.isEmpty() && pendingLead != null) t = t.withSpace(pendingLead);
                kept.add(t);
            }
            w.clear();
            w.addAll(kept);
            return dropped;
        }

        /** One word, not under a negation, replaced by a random antonym. */
        private int antonym(List<W> w, SplittableRandom rng) {
            List<Integer> cand = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                W t = w.get(i);
                if (!replaceable(t) || lexicon.antonyms(t.lower, t.wc).length == 0) continue;
                boolean negated = false;
                for (int j = Math.max(0, i - NEGATION_SCOPE); j < i; j++) negated |= WordLists.isNegation(w.get(j).lower);
                if (!negated) cand.add(i);
            }
            if (cand.isEmpty()) return 0;
            int i = cand.get(rng.nextInt(cand.size()));
            String[] ant = lexicon.antonyms(w.get(i).lower, w.get(i).wc);
            replace(w, i, ant[rng.nextInt(ant.length)]);
            return 1;
        }

        /** n random eligible words (not protected, at least 3 characters), misspelt by the method. */
        private boolean misspell(Method m, List<W> w, int n, SplittableRandom rng, long[] changed) {
            List<Integer> cand = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                W t = w.get(i);
                if (t.word() && !t.prot && t.text.length() >= 3) cand.add(i);
            }
            Sampling.shuffle(cand, rng);
            int words = 0, chars = 0;
            for (int c = 0; c < Math.min(n, cand.size()); c++) {
                int i = cand.get(c);
                String before = w.get(i).text;
                String after = switch (m) {
                    case KEYBOARD -> CharNoise.keyboard(before, options.charRate(), rng);
                    case OCR -> CharNoise.ocr(before, options.charRate(), rng);
                    default -> CharNoise.random(before, options.charRate(), rng);
                };
                // A misspelling that happens to spell a negation ("nut" typed "not") would change the meaning.
                if (after.equals(before) || WordLists.isNegation(after.toLowerCase(Locale.ROOT))) continue;
                w.set(i, w.get(i).withText(after));
                words++;
                chars += distance(before, after);
            }
            changed[AugmentReport.Count.WORDS_MISSPELT.ordinal()] += words;
            changed[AugmentReport.Count.CHARS_CHANGED.ordinal()] += chars;
            return words > 0;
        }

        /** n random words of at least 4 characters, each split in two at a random inner place. */
        private int split(List<W> w, int n, SplittableRandom rng) {
            List<Integer> cand = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                W t = w.get(i);
                if (t.word() && !t.prot && t.text.codePointCount(0, t.text.length()) >= 4) cand.add(i);
            }
            Sampling.shuffle(cand, rng);
            List<Integer> chosen = new ArrayList<>(cand.subList(0, Math.min(n, cand.size())));
            chosen.sort(null);
            int[] at = new int[chosen.size()];
            for (int c = 0; c < chosen.size(); c++) {
                String s = w.get(chosen.get(c)).text;
                at[c] = s.offsetByCodePoints(0, 1 + rng.nextInt(s.codePointCount(0, s.length()) - 1));
                // A half that spells a negation ("debut" as "de but") would change the meaning: leave the word whole.
                if (WordLists.isNegation(s.substring(0, at[c]).toLowerCase(Locale.ROOT))
                        || WordLists.isNegation(s.substring(at[c]).toLowerCase(Locale.ROOT))) at[c] = -1;
            }
            int split = 0;
            for (int c = chosen.size() - 1; c >= 0; c--) {
                if (at[c] < 0) continue;
                split++;
                int i = chosen.get(c);
                W t = w.get(i);
                W left = new W(t.text.substring(0, at[c]), t.space, t.entity, t.columns, null, true, false, false);
                W right = new W(t.text.substring(at[c]), " ", t.entity, blank(t.columns), null, true, false, false);
                w.set(i, left);
                w.add(i + 1, right);
            }
            return split;
        }

        private Doc toDoc(List<W> w, Doc original) {
            List<Token> tokens = new ArrayList<>(w.size());
            for (W t : w) tokens.add(new Token(t.text, t.space, t.entity, t.columns));
            return new Doc(tokens, original.entityTypes(), original.trailing());
        }
    }

    /** CoNLL middle columns for a token augmentation created: all "_", as the true values are unknown. */
    private static String[] blank(String[] columns) {
        if (columns == null) return null;
        String[] b = new String[columns.length];
        Arrays.fill(b, "_");
        return b;
    }

    /** Levenshtein distance, to count characters changed by noise. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /** The distinct labels of a corpus, sorted (for reports). */
    static Set<String> labels(List<Example> examples) {
        Set<String> s = new HashSet<>();
        for (Example e : examples) if (e.label() != null) s.add(e.label());
        return new TreeSet<>(s);
    }
}
