package dev.ersatz.bench.text;

import dev.ersatz.augment.text.AugmentOptions;
import dev.ersatz.augment.text.Augmented;
import dev.ersatz.augment.text.Example;
import dev.ersatz.augment.text.ExtJwnlLexicon;
import dev.ersatz.augment.text.LabelFilter;
import dev.ersatz.augment.text.Lexicon;
import dev.ersatz.augment.text.LexiconComparison;
import dev.ersatz.augment.text.Method;
import dev.ersatz.augment.text.PosTagger;
import dev.ersatz.augment.text.TextAugmenter;
import dev.ersatz.augment.text.Tokenizer;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;

import opennlp.tools.postag.POSTaggerME;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Text augmentation on the sentence-polarity set (rt_polarity, 10,662 sentences): does each method
 * beat the repetition control, how often does it flip a label, and how fast is it.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -XX:+UseParallelGC -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" \
 *      dev.ersatz.bench.text.TextAugmentBenchmark ../shared/datasets/rt_polarity_sentences/rt_polarity.csv [speed|accuracy|all|lexicon-check]
 * </pre>
 *
 * <p><b>Design.</b> A fixed test split of 2,000 sentences (1,000 per class, drawn with seed
 * 20251124) is never trained on. For each training size (500, 2,000) and seed (0-4), a class-balanced
 * subset is drawn from the remaining 8,662 and three kinds of training set are built: the real
 * subset; the subset with EDA's copies by each method (EDA's defaults: alpha 0.05 with 16 copies at
 * 500, 8 at 2,000; originals kept); and the repetition control, the real subset repeated as many
 * times as the augmented set has rows. Both classifiers ({@link LogisticText}, {@link FastTextNet})
 * train the same way on each, with fixed hyperparameters; accuracy is on the test split.
 *
 * <p><b>Label drift.</b> A logistic regression trained on all 10,662 real sentences labels each
 * augmented copy of the 500-sentence subsets and its source sentence; drift is the share of copies
 * whose predicted label differs from their source's.
 *
 * <p><b>Speed.</b> WordNet and the tagger are loaded first, in a fresh JVM (the load time). The
 * tagger's tags are compared with OpenNLP's own on every sentence, and both are timed. Then every
 * method augments the 2,000 test sentences five times (JIT warm-up; the caches learn those words only),
 * and each method augments 2,000 other sentences 4 times on one thread: a first pass with the
 * tagger's and the lexicon's caches emptied (every word looked up anew; five times, the median), then 15 timed runs (median; CPU time of the thread and wall time).
 * {@code -Dspeed.specs=eda,synonym,...} picks the methods and their order; {@code -Dspeed.runs=true}
 * prints every run's time.
 *
 * <p><b>Lexicon check.</b> {@code lexicon-check} compares the lexicon (WordNet read into tables) with
 * the extJWNL-backed one it replaced, word by word, on every distinct rt_polarity word and every
 * WordNet lemma and irregular form, under each of the four word classes.
 */
public final class TextAugmentBenchmark {
    private static final int[] SIZES = {500, 2000};
    private static final int SEEDS = 5;
    private static final long SPLIT_SEED = 20251124L;

    private record Data(List<String> texts, int[] labels) {}

    private TextAugmentBenchmark() {}

    public static void main(String[] args) {
        String file = args[0];
        String part = args.length > 1 ? args[1] : "all";
        long h0 = heapUsed();
        long t0 = System.nanoTime();
        Lexicon lex = Lexicon.get();
        long t1 = System.nanoTime();
        long h1 = heapUsed();
        long t2 = System.nanoTime();
        PosTagger.get();
        long t3 = System.nanoTime();
        long h2 = heapUsed();
        System.out.printf(Locale.ROOT, "load: WordNet %.2f s, POS model %.2f s (cold JVM); heap used after a full GC: %.1f MB before, "
                + "+%.1f MB for WordNet, +%.1f MB for the tagger%n", (t1 - t0) / 1e9, (t3 - t2) / 1e9, h0 / 1e6, (h1 - h0) / 1e6, (h2 - h1) / 1e6);
        lex.synonyms("film", dev.ersatz.augment.text.WordClass.NOUN);

        Table t = TableReader.read(file, ReadOptions.defaults().withMissingMarkers(List.of(""))).table();
        List<String> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) (t.text(r, t.indexOf("label")).equals("pos") ? pos : neg).add(t.text(r, t.indexOf("sentence")));
        shuffle(pos, new SplittableRandom(SPLIT_SEED));
        shuffle(neg, new SplittableRandom(SPLIT_SEED + 1));
        Data test = balanced(pos.subList(0, 1000), neg.subList(0, 1000));
        List<String> poolPos = pos.subList(1000, pos.size()), poolNeg = neg.subList(1000, neg.size());
        System.out.printf(Locale.ROOT, "data: %d sentences; test %d; pool %d pos + %d neg%n", t.rowCount(), test.texts().size(), poolPos.size(), poolNeg.size());

        if (part.equals("speed") || part.equals("all")) speed(poolPos, poolNeg, test, pos, neg);
        if (part.equals("accuracy") || part.equals("all")) accuracy(pos, neg, test, poolPos, poolNeg);
        if (part.equals("cnn-check")) cnnCheck(test, poolPos, poolNeg);
        if (part.equals("drift")) driftOnly(pos, neg, poolPos, poolNeg);
        if (part.equals("lexicon-check")) lexiconCheck(pos, neg);
    }

    /** Heap in use after a full collection. */
    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The lexicon read into tables against the extJWNL-backed one it replaced, word by word (lemma,
     * synonyms, antonyms, in order), under each of the four word classes: every distinct word of
     * rt_polarity, then every lemma of WordNet's indexes and every form of its exception lists.
     */
    private static void lexiconCheck(List<String> pos, List<String> neg) {
        Lexicon tables = LexiconComparison.tables();
        ExtJwnlLexicon reference = ExtJwnlLexicon.load();
        List<String> sentences = new ArrayList<>(pos);
        sentences.addAll(neg);
        List<String> words = LexiconComparison.distinctWords(sentences);
        System.out.printf(Locale.ROOT, "irregular base forms (verbs, nouns) the same: %s%n", LexiconComparison.sameIrregularForms(tables, reference));
        System.out.printf(Locale.ROOT, "rt_polarity, %,d distinct words: %s%n", words.size(), LexiconComparison.compare(tables, reference, words));
        List<String> forms = LexiconComparison.wordNetForms();
        System.out.printf(Locale.ROOT, "WordNet, %,d index lemmas and exception forms: %s%n", forms.size(), LexiconComparison.compare(tables, reference, forms));
    }

    private static void speed(List<String> poolPos, List<String> poolNeg, Data test, List<String> pos, List<String> neg) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // The tagger against OpenNLP's own, on every sentence: the same tags, and the time of each (CPU of this thread).
        PosTagger tagger = PosTagger.get();
        POSTaggerME openNlp = tagger.reference();
        List<String[]> sentences = new ArrayList<>();
        for (String s : pos) sentences.add(Tokenizer.tokenize(s).words());
        for (String s : neg) sentences.add(Tokenizer.tokenize(s).words());
        long tokens = 0, differing = 0;
        for (String[] s : sentences) {
            String[] a = tagger.tag(s), b = openNlp.tag(s);
            for (int i = 0; i < s.length; i++) if (!a[i].equals(b[i])) differing++;
            tokens += s.length;
        }
        double[] ours = new double[5], theirs = new double[5];
        for (int k = 0; k < 5; k++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (String[] s : sentences) openNlp.tag(s);
            long c1 = cpu.getCurrentThreadCpuTime();
            for (String[] s : sentences) tagger.tag(s);
            long c2 = cpu.getCurrentThreadCpuTime();
            theirs[k] = sentences.size() / ((c1 - c0) / 1e9);
            ours[k] = sentences.size() / ((c2 - c1) / 1e9);
        }
        Arrays.sort(ours);
        Arrays.sort(theirs);
        System.out.printf(Locale.ROOT, "tagger: %d sentences, %d tokens, %d tags differ from OpenNLP's greedy POSTaggerME; "
                + "OpenNLP %,.0f sentences/s, Ersatz's decoder %,.0f sentences/s (median of 5, CPU time of one thread)%n",
                sentences.size(), tokens, differing, theirs[2], ours[2]);

        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ex.add(new Example(Tokenizer.tokenize(poolPos.get(i)), "pos"));
            ex.add(new Example(Tokenizer.tokenize(poolNeg.get(i)), "neg"));
        }
        List<String> specs = List.of(System.getProperty("speed.specs", "eda,synonym,insert,swap,delete,antonym,keyboard,ocr,char,split").split(","));
        // Warm-up on other sentences (the test split), so that the JIT has compiled both paths before
        // anything is timed: each round first with the caches emptied (new words), then with them full.
        List<Example> warm = examples(test);
        for (int k = 0; k < 5; k++) {
            for (String spec : specs) {
                AugmentOptions o = AugmentOptions.eda().withMethods(Method.parseList(spec)).withCopies(4).withSeed(100 + k).withThreads(1);
                Lexicon.get().clearCache();
                tagger.clearCache();
                new TextAugmenter(o).augment(warm);
                new TextAugmenter(o).augment(warm);
            }
        }
        System.out.println();
        System.out.println("| method | first pass (caches emptied), input sentences/s (CPU) | input sentences/s (CPU) | input sentences/s (wall) | output sentences/s (4 copies, wall) |");
        System.out.println("|---|---|---|---|---|");
        int runs = 15;
        for (String spec : specs) {
            AugmentOptions o = AugmentOptions.eda().withMethods(Method.parseList(spec)).withCopies(4).withSeed(1).withThreads(1);
            // First pass: the caches forget every word (the JIT stays warm), as for a corpus never seen;
            // five times, the median.
            double[] firsts = new double[5];
            for (int k = 0; k < firsts.length; k++) {
                Lexicon.get().clearCache();
                tagger.clearCache();
                long c0 = cpu.getCurrentThreadCpuTime();
                new TextAugmenter(o).augment(ex);
                firsts[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            if (Boolean.getBoolean("speed.runs")) System.err.println(spec + " first passes, CPU s: " + Arrays.toString(firsts));
            Arrays.sort(firsts);
            double cold = firsts[firsts.length / 2];
            double[] wall = new double[runs], used = new double[runs];
            for (int k = 0; k < runs; k++) {
                long s = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
                new TextAugmenter(o.withSeed(2 + k)).augment(ex);
                wall[k] = (System.nanoTime() - s) / 1e9;
                used[k] = (cpu.getCurrentThreadCpuTime() - c) / 1e9;
            }
            if (Boolean.getBoolean("speed.runs")) System.err.println(spec + " runs, CPU s: " + Arrays.toString(used) + ", wall s: " + Arrays.toString(wall));
            Arrays.sort(wall);
            Arrays.sort(used);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f |%n", spec, ex.size() / cold, ex.size() / used[runs / 2],
                    ex.size() / wall[runs / 2], ex.size() * 4 / wall[runs / 2]);
        }
    }

    private static void accuracy(List<String> pos, List<String> neg, Data test, List<String> poolPos, List<String> poolNeg) {
        // The drift judge: trained on all the real data.
        Data all = balanced(pos, neg);
        LogisticText judge = new LogisticText();
        judge.fit(all.texts(), all.labels(), 0);

        Map<String, Supplier<AugmentOptions>> methods = new LinkedHashMap<>();
        for (String m : List.of("eda", "synonym", "insert", "swap", "delete", "antonym", "keyboard", "ocr", "char", "split")) {
            methods.put(m, () -> AugmentOptions.eda().withMethods(Method.parseList(m)).withThreads(2));
        }
        methods.put("eda+safe", () -> AugmentOptions.eda().withSafe(true).withThreads(2));
        methods.put("eda+safe+filter", () -> AugmentOptions.eda().withSafe(true).withLabelFilter(LabelFilter.DEFAULT_MARGIN).withThreads(2));
        List<String> conditions = new ArrayList<>(List.of("real", "repeat"));
        conditions.addAll(methods.keySet());
        String only = System.getProperty("conditions");
        if (only != null) {
            // A subset of the rows, e.g. -Dconditions=eda,eda+safe,eda+safe+filter (real and repeat are always kept).
            List<String> keep = new ArrayList<>(List.of("real", "repeat"));
            for (String c : only.split(",")) {
                if (!conditions.contains(c.trim())) throw new IllegalArgumentException("unknown condition " + c + " (" + conditions + ")");
                if (!keep.contains(c.trim())) keep.add(c.trim());
            }
            conditions = keep;
        }
        Map<String, Supplier<TextClassifier>> classifiers = new LinkedHashMap<>();
        for (String c : System.getProperty("classifiers", "logistic,cnn").split(",")) {
            switch (c.trim()) {
                case "logistic" -> classifiers.put("logistic (word 1-2 + char 2-5 grams)", LogisticText::new);
                case "fasttext" -> classifiers.put("fastText-style neural (d=50)", FastTextNet::new);
                case "cnn" -> classifiers.put("CNN on the neural engine (Kim 2014 style, DJL)", CnnText::new);
                default -> throw new IllegalArgumentException("unknown classifier " + c + " (logistic, fasttext, cnn)");
            }
        }

        int[] sizes = java.util.Arrays.stream(System.getProperty("sizes", "500,2000").split(",")).mapToInt(Integer::parseInt).toArray();
        for (int size : sizes) {
            // acc[classifier][condition][seed]
            double[][][] acc = new double[classifiers.size()][conditions.size()][SEEDS];
            double[][] drift = new double[conditions.size()][SEEDS];
            for (int seed = 0; seed < SEEDS; seed++) {
                Data real = subset(size, seed, poolPos, poolNeg);
                List<Example> ex = examples(real);
                int copies = AugmentOptions.defaultCopies(size);
                for (int c = 0; c < conditions.size(); c++) {
                    String cond = conditions.get(c);
                    Data train;
                    if (cond.equals("real")) {
                        train = real;
                    } else if (cond.equals("repeat")) {
                        train = repeat(real, 1 + copies);
                    } else {
                        TextAugmenter.Result r = new TextAugmenter(methods.get(cond).get().withSeed(seed)).augment(ex);
                        train = withCopies(real, r.copies());
                        if (size == 500) drift[c][seed] = drift(judge, ex, r.copies());
                    }
                    int k = 0;
                    for (Supplier<TextClassifier> mk : classifiers.values()) {
                        TextClassifier cl = mk.get();
                        cl.fit(train.texts(), train.labels(), seed);
                        acc[k++][c][seed] = cl.accuracy(test.texts(), test.labels());
                    }
                }
                System.err.printf(Locale.ROOT, "size %d seed %d done%n", size, seed);
            }
            int k = 0;
            for (String name : classifiers.keySet()) {
                System.out.println();
                System.out.printf(Locale.ROOT, "### %d training sentences, %s (EDA defaults: alpha %.2f, %d copies)%n%n", size, name,
                        AugmentOptions.defaultAlpha(size), AugmentOptions.defaultCopies(size));
                System.out.println("| training set | accuracy, mean ± sd over 5 seeds | vs real (points) | vs repetition control (points, mean ± sd of paired differences) |"
                        + (size == 500 && k == 0 ? " label drift |" : ""));
                System.out.println("|---|---|---|---|" + (size == 500 && k == 0 ? "---|" : ""));
                int rep = conditions.indexOf("repeat"), re = conditions.indexOf("real");
                for (int c = 0; c < conditions.size(); c++) {
                    double[] a = acc[k][c];
                    System.out.printf(Locale.ROOT, "| %s | %.2f ± %.2f | %+.2f | %s |%s%n", conditions.get(c), 100 * mean(a), 100 * sd(a),
                            100 * (mean(a) - mean(acc[k][re])), c == rep || c == re ? "—" : diff(a, acc[k][rep]),
                            size == 500 && k == 0 ? (c <= rep ? " — |" : String.format(Locale.ROOT, " %.1f%% ± %.1f |", 100 * mean(drift[c]), 100 * sd(drift[c]))) : "");
                }
                k++;
            }
        }
    }

    /**
     * Label drift of plain EDA, of safe mode, and of safe mode with the label filter at each margin of
     * {@code -Ddrift.margins} (default: the shipped one), on the subsets of {@code -Ddrift.size}
     * sentences (the same subsets and seeds as the accuracy part). The judge is trained on all the
     * real data; the filter, inside the augmenter, only ever sees the training subset.
     */
    private static void driftOnly(List<String> pos, List<String> neg, List<String> poolPos, List<String> poolNeg) {
        Data all = balanced(pos, neg);
        LogisticText judge = new LogisticText();
        judge.fit(all.texts(), all.labels(), 0);
        int size = Integer.getInteger("drift.size", 500);
        List<Double> margins = new ArrayList<>();
        for (String m : System.getProperty("drift.margins", String.valueOf(LabelFilter.DEFAULT_MARGIN)).split(",")) margins.add(Double.parseDouble(m.trim()));
        boolean crossFit = Boolean.getBoolean("drift.crossfit");
        int rows = 2 + margins.size() * (crossFit ? 2 : 1);
        double[][] d = new double[rows][SEEDS];
        double[][] rejected = new double[rows][SEEDS], repeated = new double[rows][SEEDS];
        long[] protectedWords = new long[SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            Data real = subset(size, seed, poolPos, poolNeg);
            List<Example> ex = examples(real);
            for (int k = 0; k < rows; k++) {
                AugmentOptions o = AugmentOptions.eda().withSafe(k >= 1).withThreads(2).withSeed(seed);
                long copies = (long) ex.size() * o.copiesFor(ex.size());
                if (k >= 2 + margins.size()) {
                    // The cross-fitted variant: judged on the same copies' draws, by models that never saw the sentence.
                    double margin = margins.get(k - 2 - margins.size());
                    LabelFilter f = LabelFilter.train(ex, margin, LabelFilter.CROSS_FIT_FOLDS);
                    TextAugmenter.Result r = new TextAugmenter(o.withLabelFilter(margin)).augment(ex, f);
                    d[k][seed] = drift(judge, ex, r.copies());
                    rejected[k][seed] = (double) r.report().rejected() / copies;
                    repeated[k][seed] = (double) r.report().repeatedAfterRejection() / copies;
                    continue;
                }
                if (k >= 2) o = o.withLabelFilter(margins.get(k - 2));
                TextAugmenter.Result r = new TextAugmenter(o).augment(ex);
                d[k][seed] = drift(judge, ex, r.copies());
                rejected[k][seed] = (double) r.report().rejected() / copies;
                repeated[k][seed] = (double) r.report().repeatedAfterRejection() / copies;
                if (k == 1) protectedWords[seed] = r.report().protectedWords();
            }
        }
        System.out.printf(Locale.ROOT, "drift at %d sentences (5 seeds; protected words per seed %s)%n", size, Arrays.toString(protectedWords));
        System.out.println("| training set | label drift, mean ± sd | vs eda (points, paired) | drafts rejected per copy | copies repeating their sentence |");
        System.out.println("|---|---|---|---|---|");
        for (int k = 0; k < rows; k++) {
            String name = k == 0 ? "eda" : k == 1 ? "eda+safe" : k < 2 + margins.size()
                    ? String.format(Locale.ROOT, "eda+safe+filter (margin %.2f)", margins.get(k - 2))
                    : String.format(Locale.ROOT, "eda+safe+filter, cross-fitted (margin %.2f)", margins.get(k - 2 - margins.size()));
            System.out.printf(Locale.ROOT, "| %s | %.2f%% ± %.2f | %s | %s | %s |%n", name, 100 * mean(d[k]), 100 * sd(d[k]), k == 0 ? "—" : diff(d[k], d[0]),
                    k < 2 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * mean(rejected[k])),
                    k < 2 ? "—" : String.format(Locale.ROOT, "%.2f%%", 100 * mean(repeated[k])));
        }
    }

    /** Trains the CNN twice on 500 and once on 2,000 real sentences, repeated as the repetition control repeats them: test accuracy, time, and whether a refit repeats itself. */
    private static void cnnCheck(Data test, List<String> poolPos, List<String> poolNeg) {
        for (int size : new int[] {500, 500, 2000}) {
            Data real = repeat(balanced(poolPos.subList(0, size / 2), poolNeg.subList(0, size / 2)), 1 + AugmentOptions.defaultCopies(size));
            CnnText cnn = new CnnText();
            long s = System.nanoTime();
            cnn.fit(real.texts(), real.labels(), 1);
            double sec = (System.nanoTime() - s) / 1e9;
            System.out.printf(Locale.ROOT, "cnn on %d real sentences repeated as the control: test accuracy %.4f, fit %.1f s%n", size, cnn.accuracy(test.texts(), test.labels()), sec);
        }
    }

    /** The class-balanced training subset of {@code size} sentences for a seed (the same in every part). */
    private static Data subset(int size, int seed, List<String> poolPos, List<String> poolNeg) {
        SplittableRandom rng = new SplittableRandom(1000L * size + seed);
        List<String> p = new ArrayList<>(poolPos), n = new ArrayList<>(poolNeg);
        shuffle(p, rng);
        shuffle(n, rng);
        return balanced(p.subList(0, size / 2), n.subList(0, size / 2));
    }

    private static List<Example> examples(Data real) {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < real.texts().size(); i++) ex.add(new Example(Tokenizer.tokenize(real.texts().get(i)), real.labels()[i] == 1 ? "pos" : "neg"));
        return ex;
    }

    private static String diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = 100 * (a[i] - b[i]);
        return String.format(Locale.ROOT, "%+.2f ± %.2f", mean(d), sd(d));
    }

    /** Share of copies whose predicted label differs from their source sentence's. */
    private static double drift(TextClassifier judge, List<Example> ex, List<List<Augmented>> copies) {
        long flips = 0, total = 0;
        for (int i = 0; i < ex.size(); i++) {
            int base = judge.predict(ex.get(i).doc().text());
            for (Augmented a : copies.get(i)) {
                if (judge.predict(a.doc().text()) != base) flips++;
                total++;
            }
        }
        return (double) flips / total;
    }

    private static Data balanced(List<String> pos, List<String> neg) {
        List<String> texts = new ArrayList<>(pos);
        texts.addAll(neg);
        int[] labels = new int[texts.size()];
        Arrays.fill(labels, 0, pos.size(), 1);
        return new Data(texts, labels);
    }

    private static Data repeat(Data d, int times) {
        List<String> texts = new ArrayList<>();
        int[] labels = new int[d.texts().size() * times];
        for (int t = 0; t < times; t++) {
            texts.addAll(d.texts());
            System.arraycopy(d.labels(), 0, labels, t * d.texts().size(), d.texts().size());
        }
        return new Data(texts, labels);
    }

    private static Data withCopies(Data real, List<List<Augmented>> copies) {
        List<String> texts = new ArrayList<>(real.texts());
        List<Integer> labels = new ArrayList<>();
        for (int l : real.labels()) labels.add(l);
        for (int i = 0; i < copies.size(); i++) {
            for (Augmented a : copies.get(i)) {
                texts.add(a.doc().text());
                labels.add(a.label().equals("pos") ? 1 : 0);
            }
        }
        return new Data(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static <T> void shuffle(List<T> l, SplittableRandom rng) {
        for (int i = l.size() - 1; i > 0; i--) java.util.Collections.swap(l, i, rng.nextInt(i + 1));
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    private static double sd(double[] a) {
        double m = mean(a), s = 0;
        for (double x : a) s += (x - m) * (x - m);
        return Math.sqrt(s / (a.length - 1));
    }

    static final Set<String> PARTS = Set.of("speed", "accuracy", "all", "cnn-check", "drift", "lexicon-check");
}
