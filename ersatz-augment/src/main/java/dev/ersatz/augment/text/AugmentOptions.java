package dev.ersatz.augment.text;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Options of a text augmentation run, validated on construction.
 *
 * @param methods        the methods, applied in turn: copy {@code k} of sentence {@code i} uses
 *                       {@code methods[(i + k) % size]}, so each method gets an equal share
 * @param alpha          the share of words changed (EDA's alpha), in (0, 1]; {@code null} for EDA's
 *                       recommendation for the corpus size ({@link #defaultAlpha})
 * @param copies         augmented copies per sentence, at least 1; {@code null} for EDA's
 *                       recommendation ({@link #defaultCopies})
 * @param charRate       the share of a misspelt word's characters that character methods change, in
 *                       (0, 1]; at least one character always changes
 * @param seed           the seed: the same input, options and seed give the same output
 * @param protectedWords words (matched in lower case) never replaced, deleted, swapped or misspelt, on
 *                       top of the built-in negation and contrast words
 * @param safe           also protect the words most associated with a label in the input (log-odds
 *                       z-score of at least {@value LabelWords#Z_THRESHOLD}), and never insert a word
 *                       associated with another label
 * @param threads        worker threads, at least 1; the output does not depend on it
 * @param labelFilter    safe mode's label-consistency filter ({@link LabelFilter}): the margin, in
 *                       [0, 1], by which a copy may lower a classifier's probability of its label
 *                       before it is drawn again; {@code null} for no filter. Needs {@code safe}.
 */
public record AugmentOptions(List<Method> methods, Double alpha, Integer copies, double charRate, long seed,
                             Set<String> protectedWords, boolean safe, int threads, Double labelFilter) {

    /** The default share of a misspelt word's characters changed by character methods. */
    public static final double DEFAULT_CHAR_RATE = 0.1;

    public AugmentOptions {
        methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
        if (methods.isEmpty()) throw new IllegalArgumentException("no method given");
        if (alpha != null && !(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (copies != null && copies < 1) throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        if (!(charRate > 0 && charRate <= 1)) throw new IllegalArgumentException("the character rate must be in (0, 1], got " + charRate);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (labelFilter != null && !(labelFilter >= 0 && labelFilter <= 1)) {
            throw new IllegalArgumentException("the label filter's margin must be in [0, 1], got " + labelFilter);
        }
        if (labelFilter != null && !safe) throw new IllegalArgumentException("the label filter is part of safe mode: it needs safe");
        Set<String> lower = new TreeSet<>();
        for (String w : Objects.requireNonNull(protectedWords, "protectedWords")) lower.add(w.toLowerCase(Locale.ROOT));
        protectedWords = Set.copyOf(lower);
    }

    /** Options without the label filter. */
    public AugmentOptions(List<Method> methods, Double alpha, Integer copies, double charRate, long seed,
                          Set<String> protectedWords, boolean safe, int threads) {
        this(methods, alpha, copies, charRate, seed, protectedWords, safe, threads, null);
    }

    /** EDA with EDA's defaults for the corpus size, seed 0, one thread. */
    public static AugmentOptions eda() {
        return new AugmentOptions(Method.EDA, null, null, DEFAULT_CHAR_RATE, 0, Set.of(), false, 1);
    }

    public AugmentOptions withMethods(List<Method> m) { return new AugmentOptions(m, alpha, copies, charRate, seed, protectedWords, safe, threads, labelFilter); }
    public AugmentOptions withAlpha(Double a) { return new AugmentOptions(methods, a, copies, charRate, seed, protectedWords, safe, threads, labelFilter); }
    public AugmentOptions withCopies(Integer c) { return new AugmentOptions(methods, alpha, c, charRate, seed, protectedWords, safe, threads, labelFilter); }
    public AugmentOptions withSeed(long s) { return new AugmentOptions(methods, alpha, copies, charRate, s, protectedWords, safe, threads, labelFilter); }
    public AugmentOptions withSafe(boolean s) { return new AugmentOptions(methods, alpha, copies, charRate, seed, protectedWords, s, threads, labelFilter); }
    public AugmentOptions withThreads(int t) { return new AugmentOptions(methods, alpha, copies, charRate, seed, protectedWords, safe, t, labelFilter); }
    public AugmentOptions withProtectedWords(Set<String> p) { return new AugmentOptions(methods, alpha, copies, charRate, seed, p, safe, threads, labelFilter); }
    public AugmentOptions withLabelFilter(Double margin) { return new AugmentOptions(methods, alpha, copies, charRate, seed, protectedWords, safe, threads, margin); }
    public AugmentOptions withCharRate(double r) { return new AugmentOptions(methods, alpha, copies, r, seed, protectedWords, safe, threads, labelFilter); }

    /**
     * EDA's recommended alpha for a training set of {@code n} sentences (Wei &amp; Zou 2019, table 3):
     * 0.05 up to about 2,000 sentences, 0.1 from about 5,000. The switch sits at the geometric mean
     * of the paper's neighbouring sizes (sqrt(2,000 x 5,000) = 3,162).
     */
    public static double defaultAlpha(int n) {
        return n < 3162 ? 0.05 : 0.1;
    }

    /**
     * EDA's recommended number of copies for {@code n} sentences: 16 at 500, 8 at 2,000, 4 from 5,000;
     * switching at the geometric means of the paper's sizes (1,000 and 3,162).
     */
    public static int defaultCopies(int n) {
        if (n < 1000) return 16;
        if (n < 3162) return 8;
        return 4;
    }

    /** The alpha used for a corpus of {@code n} sentences. */
    public double alphaFor(int n) { return alpha != null ? alpha : defaultAlpha(n); }

    /** The copies made for a corpus of {@code n} sentences. */
    public int copiesFor(int n) { return copies != null ? copies : defaultCopies(n); }
}
