package dev.ersatz.augment.text;

import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.UniformPrior;
import opennlp.tools.ml.model.Context;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An English part-of-speech tagger: OpenNLP's maximum-entropy model for Universal Dependencies
 * (English Web Treebank) from the {@code opennlp-models-pos-en} jar, read from the classpath, decoded
 * greedily with each word's features worked out once per distinct word form.
 *
 * <p><b>Why not {@link POSTaggerME} as it is.</b> For every token of every sentence OpenNLP builds
 * some 17 feature strings (suffixes, prefixes, the word and its four neighbours, the sentence start,
 * the word class, the two previous tags), looks each one up in the model's map and adds the rows it
 * finds: about three microseconds a token, which made tagging the bound of every method that needs
 * parts of speech (1,500-4,800 sentences a second). The model is the same here; what changes is when
 * the work is done:
 * <ul>
 *   <li>a word form's own features are produced once, by OpenNLP's context generator run on the word
 *       alone, and kept as the model's rows for them and as their dense sum; its word feature as
 *       each neighbour sees it ({@code p1w=}, {@code n2w=}, ...) is kept as a row too;</li>
 *   <li>the rows of the sentence start and of every pair of previous tags are looked up when the
 *       model loads, the tag rows also as dense sums.</li>
 * </ul>
 * Tagging a token is then adding two dense vectors (the word's, the previous tags') and at most five
 * rows (the neighbours', the sentence start's): about 0.2 microseconds.
 *
 * <p><b>Same tags as OpenNLP.</b> {@link POSTaggerME} with a beam of 1 takes at each token the tag of
 * highest probability, OpenNLP's {@code exp} of the sums over its features, normalised. The fast
 * sums differ from OpenNLP's only by rounding (they add the same numbers in another order, an error
 * below 1e-12), so when the best sum leads the second by more than {@value #TIE_MARGIN} the tag is
 * OpenNLP's. Otherwise the token is computed exactly as OpenNLP computes it: the rows added one by
 * one in its context's order from the uniform prior, {@link StrictMath#exp}, normalisation, the
 * first highest probability (what its beam keeps on a tie). Checked on all 225,833 tokens of
 * rt_polarity, through both paths (the tests): identical tags. Greedy decoding itself gives the
 * same tags as the model's default beam of 3 on every rt_polarity token.
 *
 * <p>Thread-safe. The per-word cache holds at most {@value #MAX_CACHED_WORDS} word forms; past that,
 * new forms are worked out each time. A form's entry does not depend on what was cached before, so
 * tags never depend on threads or on order.
 */
public final class PosTagger {
    /** The model's resource name inside {@code opennlp-models-pos-en} 1.3.0. */
    static final String MODEL_RESOURCE = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    /** Below this gap between the two best sums, the probabilities are computed in full, as OpenNLP does. */
    static final double TIE_MARGIN = 1e-6;
    /** The most word forms whose features are kept. */
    static final int MAX_CACHED_WORDS = 200_000;

    private static final String SENTENCE_BEGIN = "S=begin";
    private static final Context[] NO_ROWS = new Context[0];

    /** The rows of one word form: its own features before and after the window ones, and the row of its word feature seen from each neighbour. */
    private record Word(Context[] before, Context[] after, double[] own, Context p1, Context p2, Context n1, Context n2) {}

    private final POSModel model;
    private final double tieMargin;
    private final Map<String, Context> rows;
    private final String[] tags;
    private final WordClass[] classes;
    private final double[] prior;
    private final Context[] beginRows;           // S=begin, p1S=begin, p2S=begin
    private final Context[] previousTag;         // t=TAG
    private final Context[][] previousTwoTags;   // t2=TAG2,TAG1
    private final double[][] previousTagSums;    // dense t=TAG
    private final double[][] previousTagsSums;   // dense t=TAG1 plus t2=TAG2,TAG1, at TAG2 * tags + TAG1
    private final ThreadLocal<POSContextGenerator> generators;
    private final ConcurrentHashMap<String, Word> words = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private PosTagger(POSModel model, double tieMargin) {
        this.model = model;
        this.tieMargin = tieMargin;
        GISModel gis = (GISModel) model.getArtifact("pos.model");
        Object[] data = gis.getDataStructures();
        this.rows = (Map<String, Context>) data[1];
        this.tags = ((String[]) data[2]).clone();
        this.classes = new WordClass[tags.length];
        for (int o = 0; o < tags.length; o++) classes[o] = WordClass.ofUniversalTag(tags[o]);
        // OpenNLP starts every sum from the uniform prior's log-probability.
        UniformPrior uniform = new UniformPrior();
        uniform.setLabels(tags, null);
        this.prior = new double[tags.length];
        uniform.logPrior(prior, new Context[0], null);
        this.beginRows = new Context[] {rows.get(SENTENCE_BEGIN), rows.get("p1" + SENTENCE_BEGIN), rows.get("p2" + SENTENCE_BEGIN)};
        this.previousTag = new Context[tags.length];
        this.previousTwoTags = new Context[tags.length][tags.length];
        for (int a = 0; a < tags.length; a++) {
            previousTag[a] = rows.get("t=" + tags[a]);
            for (int b = 0; b < tags.length; b++) previousTwoTags[a][b] = rows.get("t2=" + tags[a] + "," + tags[b]);
        }
        this.previousTagSums = new double[tags.length][];
        this.previousTagsSums = new double[tags.length * tags.length][];
        for (int a = 0; a < tags.length; a++) {
            previousTagSums[a] = dense(previousTag[a]);
            for (int b = 0; b < tags.length; b++) previousTagsSums[a * tags.length + b] = dense(previousTag[b], previousTwoTags[a][b]);
        }
        this.generators = ThreadLocal.withInitial(() -> model.getFactory().getPOSContextGenerator(0));
    }

    private static final class Holder {
        static final PosTagger INSTANCE = load();
    }

    /** The shared tagger, loaded on first use (a fraction of a second). */
    public static PosTagger get() {
        return Holder.INSTANCE;
    }

    /** A new tagger read from the classpath, not the shared one (tests of loading use it). */
    static PosTagger load() {
        return load(TIE_MARGIN);
    }

    /** As {@link #load()}, with another margin below which OpenNLP's exact computation runs (infinity: always; tests). */
    static PosTagger load(double tieMargin) {
        try (InputStream in = PosTagger.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the POS model " + MODEL_RESOURCE + " is not on the classpath (opennlp-models-pos-en)");
            POSModel m = new POSModel(in);
            if (!(m.getArtifact("pos.model") instanceof GISModel) || m.getFactory().getTagDictionary() != null) {
                throw new IllegalStateException("the POS model " + MODEL_RESOURCE + " is not the maximum-entropy model without tag dictionary this tagger reads");
            }
            return new PosTagger(m, tieMargin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the POS model " + MODEL_RESOURCE, e);
        }
    }

    /** OpenNLP's own tagger over the same model, greedy (a beam of 1): what {@link #tag} must agree with (tests and benchmark). */
    public POSTaggerME reference() {
        POSModel greedy = new POSModel(model.getLanguage(), model.getArtifact("pos.model"), 1, null, model.getFactory());
        return new POSTaggerME(greedy);
    }

    /** Forgets every cached word form (benchmarks use it to time a first pass over unseen words); tags do not change. */
    public void clearCache() {
        words.clear();
    }

    /** The Universal Dependencies tag of each token. */
    public String[] tag(String[] tokens) {
        int[] t = tagIndexes(tokens);
        String[] out = new String[t.length];
        for (int i = 0; i < t.length; i++) out[i] = tags[t[i]];
        return out;
    }

    /** The WordNet class of each token, {@code null} where it has none. */
    public WordClass[] classes(String[] tokens) {
        int[] t = tagIndexes(tokens);
        WordClass[] out = new WordClass[t.length];
        for (int i = 0; i < t.length; i++) out[i] = classes[t[i]];
        return out;
    }

    private int[] tagIndexes(String[] tokens) {
        int n = tokens.length;
        Word[] w = new Word[n];
        for (int i = 0; i < n; i++) w[i] = word(tokens[i]);
        int[] out = new int[n];
        int k = tags.length;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            // Fast path: dense partial sums (the word's own features; the two previous tags), then the
            // neighbours' and the sentence start's rows. Equal to OpenNLP's sums up to rounding.
            double[] own = w[i].own;
            double[] prev = i == 0 ? null : i == 1 ? previousTagSums[out[0]] : previousTagsSums[out[i - 2] * k + out[i - 1]];
            if (prev == null) {
                for (int o = 0; o < k; o++) sums[o] = prior[o] + own[o];
            } else {
                for (int o = 0; o < k; o++) sums[o] = prior[o] + own[o] + prev[o];
            }
            if (i >= 1) add(sums, w[i - 1].p1);
            if (i >= 2) add(sums, w[i - 2].p2);
            if (i + 1 < n) add(sums, w[i + 1].n1);
            if (i + 2 < n) add(sums, w[i + 2].n2);
            if (i <= 2) add(sums, beginRows[i]);
            int best = clearBest(sums);
            out[i] = best >= 0 ? best : exactBest(w, i, out, sums);
        }
        return out;
    }

    /**
     * OpenNLP's computation for token i, in its order: the sums from the uniform prior over the
     * context's rows (the word's own features up to its word feature, the neighbours' word features
     * p1, p2, n1, n2, the sentence start, the word class, the previous tags), then the probabilities,
     * and the first highest.
     */
    private int exactBest(Word[] w, int i, int[] out, double[] sums) {
        int n = w.length;
        System.arraycopy(prior, 0, sums, 0, sums.length);
        add(sums, w[i].before);
        if (i >= 1) add(sums, w[i - 1].p1);
        if (i >= 2) add(sums, w[i - 2].p2);
        if (i + 1 < n) add(sums, w[i + 1].n1);
        if (i + 2 < n) add(sums, w[i + 2].n2);
        if (i <= 2) add(sums, beginRows[i]);
        add(sums, w[i].after);
        if (i >= 1) add(sums, previousTag[out[i - 1]]);
        if (i >= 2) add(sums, previousTwoTags[out[i - 2]][out[i - 1]]);
        double[] p = new double[sums.length];
        double normal = 0;
        for (int o = 0; o < sums.length; o++) {
            p[o] = StrictMath.exp(sums[o]);
            normal += p[o];
        }
        int best = 0;
        for (int o = 0; o < sums.length; o++) {
            p[o] /= normal;
            if (p[o] > p[best]) best = o;
        }
        return best;
    }

    private static void add(double[] sums, Context[] rs) {
        for (Context r : rs) add(sums, r);
    }

    private static void add(double[] sums, Context r) {
        if (r == null) return;
        int[] outcomes = r.getOutcomes();
        double[] parameters = r.getParameters();
        for (int a = 0; a < outcomes.length; a++) sums[outcomes[a]] += parameters[a];
    }

    /** The outcome of the highest sum when the second is more than the tie margin below it; -1 otherwise. */
    private int clearBest(double[] sums) {
        int best = 0;
        double top = sums[0], second = Double.NEGATIVE_INFINITY;
        for (int o = 1; o < sums.length; o++) {
            double s = sums[o];
            if (s > top) {
                second = top;
                top = s;
                best = o;
            } else if (s > second) {
                second = s;
            }
        }
        return top - second > tieMargin ? best : -1;
    }

    /** The dense sum of some rows, in any order (the fast path's partial sums). */
    private double[] dense(Context... rs) {
        double[] d = new double[tags.length];
        for (Context r : rs) add(d, r);
        return d;
    }

    private Word word(String token) {
        Word w = words.get(token);
        if (w != null) return w;
        w = compute(token);
        if (words.size() < MAX_CACHED_WORDS) words.putIfAbsent(token, w);
        return w;
    }

    /**
     * The rows of a word form, from OpenNLP's context generator run on the word alone: its features
     * before the sentence-start feature are the word's own up to its word feature ({@code w=...}),
     * those after are its word class; the neighbour features are the word feature with the window's
     * prefix ({@code p1w=...}).
     */
    private Word compute(String token) {
        String[] context = generators.get().getContext(0, new String[] {token}, new String[1], null);
        List<Context> before = new ArrayList<>(), after = new ArrayList<>();
        String wordFeature = null;
        boolean seenBegin = false;
        for (String f : context) {
            if (f.equals(SENTENCE_BEGIN)) {
                seenBegin = true;
                continue;
            }
            if (!seenBegin && f.startsWith("w=")) wordFeature = f;
            Context r = rows.get(f);
            if (r != null) (seenBegin ? after : before).add(r);
        }
        if (!seenBegin || wordFeature == null) {
            throw new IllegalStateException("the POS model's features are not the ones this tagger expects (token " + token + ")");
        }
        List<Context> own = new ArrayList<>(before);
        own.addAll(after);
        return new Word(before.toArray(NO_ROWS), after.toArray(NO_ROWS), dense(own.toArray(NO_ROWS)), rows.get("p1" + wordFeature),
                rows.get("p2" + wordFeature), rows.get("n1" + wordFeature), rows.get("n2" + wordFeature));
    }
}
