package dev.ersatz.augment.text;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Safe mode's label-consistency filter: a quick classifier trained on the corpus being augmented,
 * which turns away copies whose label it no longer believes.
 *
 * <p><b>The classifier.</b> OpenNLP's document categorizer, a maximum-entropy model (GIS,
 * {@value #ITERATIONS} iterations, every feature kept) on the lower-cased word unigrams and bigrams
 * of the labelled sentences of the input, and of nothing else: it never sees other data. Training is
 * single-threaded and in input order, so the model, and every decision, is the same on any number of
 * threads.
 *
 * <p><b>What it catches, measured.</b> Safe mode's model is trained on all the input's sentences,
 * the originals of the copies it judges, as the usual recipe has it. Such a model has learnt each
 * sentence's own bigrams, and judges a copy largely by how far it strays from them: on rt_polarity it
 * turns away more swaps (which keep every word) than antonym replacements. A cross-fitted variant
 * ({@link #train(List, double, int)}, each sentence judged by a model that never saw it) tells
 * label-changing edits apart better (2.5 times more antonym edits than swaps rejected), but it does
 * not lower the drift the benchmark measures, while safe mode's does (BENCHMARKS.md).
 *
 * <p><b>The rule.</b> For a copy of a sentence labelled {@code c}, with {@code p(c | x)} the model's
 * probability of {@code c}, the copy is rejected when
 * <ul>
 *   <li>{@code p(c | copy) < p(c | original) - margin}: the edit took away more than the margin of
 *       the model's confidence in the label; or</li>
 *   <li>the model predicts {@code c} for the original but another label for the copy: the edit
 *       carried the sentence across the model's boundary.</li>
 * </ul>
 * A sentence the model itself gets wrong is judged by the first rule only, so its copies are not all
 * turned away. The augmenter draws a rejected copy again (see {@link TextAugmenter}); antonym copies,
 * whose label is meant to flip, are not judged.
 */
public final class LabelFilter {
    /** The default margin: the largest drop of the label's probability a copy may cause. */
    public static final double DEFAULT_MARGIN = 0.05;
    /** GIS iterations. */
    static final int ITERATIONS = 100;
    /** Features seen fewer times than this are dropped (1: none; a small corpus has few repeated bigrams). */
    static final int CUTOFF = 1;

    /** Folds of the cross-fitted variant (benchmarks): a sentence's copies are judged by the model trained on the other folds. */
    public static final int CROSS_FIT_FOLDS = 5;

    private final double margin;
    private final int labels;
    private final int[] foldOf;
    private final List<ThreadLocal<DocumentCategorizerME>> categorizers = new ArrayList<>();

    private LabelFilter(List<DoccatModel> models, int[] foldOf, double margin, int labels) {
        this.margin = margin;
        this.labels = labels;
        this.foldOf = foldOf;
        for (DoccatModel m : models) categorizers.add(ThreadLocal.withInitial(() -> new DocumentCategorizerME(m)));
    }

    /**
     * The filter trained on the labelled examples, or {@code null} when they hold fewer than two
     * labels (nothing to tell apart): one model on all of them (what safe mode uses).
     */
    public static LabelFilter train(List<Example> examples, double margin) {
        return train(examples, margin, 1);
    }

    /**
     * As {@link #train(List, double)} with {@code folds} models: with more than one, the labelled
     * examples are dealt into folds in input order and a sentence's copies are judged by the model
     * trained on the other folds, one that never saw the sentence (a variant the benchmark measures).
     */
    public static LabelFilter train(List<Example> examples, double margin, int folds) {
        if (folds < 1) throw new IllegalArgumentException("folds must be at least 1, got " + folds);
        if (!(margin >= 0 && margin <= 1)) throw new IllegalArgumentException("the label filter's margin must be in [0, 1], got " + margin);
        Set<String> distinct = new TreeSet<>();
        int[] foldOf = new int[examples.size()];
        int labelled = 0;
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            foldOf[i] = e.label() == null ? -1 : labelled++ % folds;
            if (e.label() != null) distinct.add(e.label());
        }
        if (distinct.size() < 2) return null;
        if (labelled < folds) return null;
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        p.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        p.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        p.put(TrainingParameters.THREADS_PARAM, 1);
        List<DoccatModel> models = new ArrayList<>();
        try {
            for (int f = 0; f < folds; f++) {
                List<DocumentSample> samples = new ArrayList<>();
                for (int i = 0; i < examples.size(); i++) {
                    if (foldOf[i] >= 0 && (folds == 1 || foldOf[i] != f)) samples.add(new DocumentSample(examples.get(i).label(), features(examples.get(i).doc())));
                }
                FeatureGenerator[] generators = {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)};
                models.add(DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), p, new DoccatFactory(generators)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the label filter", e);
        }
        return new LabelFilter(models, foldOf, margin, distinct.size());
    }

    public double margin() { return margin; }

    /** Labels the model tells apart. */
    public int labels() { return labels; }

    /** The view, of the model that did not see it, of example {@code index} of the corpus the filter was trained on. */
    public Source source(int index, Example original) {
        DocumentCategorizerME dc = categorizers.get(foldOf[index]).get();
        double[] p = dc.categorize(features(original.doc()));
        int c = dc.getIndex(original.label());
        return new Source(dc, c, c < 0 ? 0 : p[c], c >= 0 && argmax(p) == c);
    }

    /** An original sentence as the model sees it: its label's index, that label's probability, whether the model predicts it. */
    public final class Source {
        private final DocumentCategorizerME model;
        private final int label;
        private final double probability;
        private final boolean predicted;

        private Source(DocumentCategorizerME model, int label, double probability, boolean predicted) {
            this.model = model;
            this.label = label;
            this.probability = probability;
            this.predicted = predicted;
        }

        /** The probability the model gives the original's label. */
        public double probability() { return probability; }

        /** Whether a copy keeps the label by the filter's rule. */
        public boolean accepts(Doc copy) {
            if (label < 0) return true; // a label the model never saw: nothing to judge
            double[] p = model.categorize(features(copy));
            if (p[label] < probability - margin) return false;
            return !predicted || argmax(p) == label;
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    /** The words of a document (tokens with a letter or digit), lower case. */
    static String[] features(Doc doc) {
        List<String> out = new ArrayList<>(doc.size());
        for (Token t : doc.tokens()) if (t.isWord()) out.add(t.text().toLowerCase(Locale.ROOT));
        return out.toArray(new String[0]);
    }
}
