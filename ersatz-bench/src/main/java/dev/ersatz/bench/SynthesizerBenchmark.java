package dev.ersatz.bench;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.Evaluation;
import dev.ersatz.eval.Evaluator;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthesizer benchmark over the shared datasets: for every (dataset, synthesizer), the in-process
 * fit + sample time and the evaluator's scores (accuracy beside its holdout ceiling, detection AUC,
 * TSTR beside TRTR, DCR share, the share of rows identical to a training row beside a real holdout's), as one
 * markdown table per dataset. The evaluation JSON of every run is written to the output folder.
 *
 * <p>Protocol. adult uses its official split (32,561 training rows, the 16,281-row test file as the real
 * holdout); every other dataset has a seeded random 20% of its rows held out (seed 20260), as
 * {@code ersatz synth --report} does, and is fitted on the other 80%. Synthetic tables have the
 * holdout's row count. Time is the median of three fits and samples after one warm-up run, in one JVM on
 * all cores. Fit and sample seeds are 1 ({@code -Dseed=N}); the evaluator's seed is 0.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -XX:+UseParallelGC -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.bench.SynthesizerBenchmark \
 *      ../shared/datasets /tmp/synth-bench [dataset,...] [synthesizer[:key=value;...],...]
 * </pre>
 * Datasets: adult, covertype, diamonds, pima, breast_cancer, titanic, penguins (default: all).
 * Synthesizers default to independent, copula, cart, arf, bayesnet, bayesnet:epsilon=1, mst:epsilon=1.
 */
public final class SynthesizerBenchmark {
    private SynthesizerBenchmark() {}

    /**
     * A dataset: its training file, its holdout file (null: split), the utility target, whether the target is a
     * class, and columns declared free text (identifier-like fields that are generated, not learned).
     */
    record Dataset(String name, String train, String holdout, String target, boolean classification, List<String> text) {
        Dataset(String name, String train, String holdout, String target, boolean classification) {
            this(name, train, holdout, target, classification, List.of());
        }
    }

    static final List<Dataset> DATASETS = List.of(
            new Dataset("adult", "adult/adult_train.csv", "adult/adult_test.csv", "income", true),
            new Dataset("covertype", "covertype_sample/covtype_first10000.csv", null, "Cover_Type", true),
            new Dataset("diamonds", "diamonds/diamonds.csv", null, "price", false),
            new Dataset("pima", "pima_diabetes/diabetes.csv", null, "class", true),
            new Dataset("breast_cancer", "breast_cancer_wisconsin/wdbc.csv", null, "diagnosis", true),
            // Tickets and cabins are mostly unique codes; detected as categories, their rare values are
            // protected (replaced by frequent ones), which any detector sees at once, whatever the synthesizer.
            new Dataset("titanic", "titanic/titanic_kaggle_train.csv", null, "survived", true, List.of("ticket", "cabin")),
            new Dataset("penguins", "palmer_penguins/penguins.csv", null, "species", true));

    /** Timed fits after the warm-up ({@code -Drepeats=N}, default 3; the median is reported). */
    static final int REPEATS = Integer.getInteger("repeats", 3);
    /** The fit and sample seed ({@code -Dseed=N}, default 1). */
    static final long SEED = Long.getLong("seed", 1);

    static final List<String> DEFAULT_SYNTHESIZERS = List.of("independent", "copula", "cart", "arf", "bayesnet",
            "bayesnet:epsilon=1", "mst:epsilon=1");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SynthesizerBenchmark DATASETS_DIR OUT_DIR [dataset,...] [synthesizer[:k=v;...],...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<String> names = args.length > 2 && !args[2].isEmpty() ? Arrays.asList(args[2].split(",")) : DATASETS.stream().map(Dataset::name).toList();
        List<String> synths = args.length > 3 ? Arrays.asList(args[3].split(",")) : DEFAULT_SYNTHESIZERS;
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (Dataset ds : DATASETS) {
            if (!names.contains(ds.name)) continue;
            run(ds, root, out, synths);
        }
    }

    static void run(Dataset ds, Path root, Path out, List<String> synths) throws Exception {
        ReadResult read = TableReader.read(root.resolve(ds.train).toString());
        Table train, holdout;
        if (ds.holdout != null) {
            train = read.table();
            holdout = TableReader.read(root.resolve(ds.holdout).toString()).table();
        } else {
            Table[] parts = split(read.table(), new SplittableRandom(20260));
            train = parts[0];
            holdout = parts[1];
        }
        Metadata meta = MetadataDetector.detect(train);
        if (ds.classification) meta = asCategorical(meta, ds.target);
        meta = asText(meta, ds.text);
        int rows = holdout.rowCount();
        System.out.printf("%n### %s: %,d training rows, %,d holdout rows, %d columns; target %s%n%n", ds.name, train.rowCount(), rows,
                train.columnCount(), ds.target);
        String tstr = ds.classification ? "TSTR macro-F1" : "TSTR R²";
        System.out.println("| synthesizer | fit + sample, wall (CPU) s | accuracy (ceiling) | detection AUC | " + tstr + " (real) | DCR share | identical to a training row: synthetic (holdout) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String spec : synths) {
            String[] parts = spec.split(":", 2);
            Map<String, String> opts = new LinkedHashMap<>();
            if (parts.length > 1) for (String kv : parts[1].split(";")) { String[] t = kv.split("=", 2); opts.put(t[0], t[1].replace('#', ',')); }
            Synthesizer s = Registry.get(parts[0]).create(opts);
            TextStyle style = TextStyle.defaults(train.columnCount());
            FittedModel m = FittedModel.fit(train, meta, style, s, SEED, ds.name, Progress.NONE);
            m.sample(rows, SEED);
            double[] t = new double[Math.max(1, REPEATS)], cpu = new double[t.length];
            Table syn = null;
            for (int k = 0; k < t.length; k++) {
                long c0 = cpuNanos(), t0 = System.nanoTime();
                m = FittedModel.fit(train, meta, style, s, SEED, ds.name, Progress.NONE);
                syn = m.sample(rows, SEED);
                t[k] = (System.nanoTime() - t0) / 1e9;
                cpu[k] = (cpuNanos() - c0) / 1e9;
            }
            Arrays.sort(t);
            Arrays.sort(cpu);
            Evaluation e = Evaluator.evaluate(train, ds.name + " train", syn, spec, holdout, ds.name + " holdout", meta,
                    Evaluator.Options.defaults().withTarget(ds.target), Progress.NONE);
            byte[] json = e.toJson();
            Files.write(out.resolve(ds.name + "-" + spec.replaceAll("[^A-Za-z0-9=.-]", "_") + ".json"), json);
            Map<String, Double> sum = e.summary();
            double holdoutCopies = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("privacy").path("ims_holdout_to_train").asDouble(Double.NaN);
            String util = ds.classification ? pair(sum.get("tstr_f1"), sum.get("trtr_f1")) : pair(sum.get("tstr_r2"), sum.get("trtr_r2"));
            System.out.printf(Locale.ROOT, "| %s | %.2f (%.2f) | %s | %s | %s | %s | %s |%n", spec, t[t.length / 2], cpu[cpu.length / 2], pair(sum.get("accuracy"), sum.get("accuracy_ceiling")),
                    num(sum.get("detection_auc")), util, num(sum.get("dcr_share")), pct(sum.get("ims_train")) + " (" + pct(holdoutCopies) + ")");
        }
    }

    /** CPU time of the whole process (all threads, GC included), or 0 where the JVM does not report it. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String pair(Double a, Double b) {
        return num(a) + " (" + num(b) + ")";
    }

    /** The table's rows split at random into the fitted 80% and the held-out 20%. */
    static Table[] split(Table t, SplittableRandom rng) {
        int n = t.rowCount();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int x = idx[i]; idx[i] = idx[j]; idx[j] = x; }
        int h = n - (int) Math.round(0.2 * n);
        int[] a = Arrays.copyOf(idx, h), b = Arrays.copyOfRange(idx, h, n);
        Arrays.sort(a);
        Arrays.sort(b);
        return new Table[] {t.select(a), t.select(b)};
    }

    /** The metadata with the given columns declared free text. */
    static Metadata asText(Metadata meta, List<String> text) {
        if (text.isEmpty()) return meta;
        List<ColumnSpec> specs = new ArrayList<>();
        for (ColumnSpec c : meta.columns()) specs.add(text.contains(c.name()) ? c.withKind(ColumnKind.TEXT) : c);
        return new Metadata(specs);
    }

    /** The metadata with the target column made categorical (a class label, even when written as digits). */
    static Metadata asCategorical(Metadata meta, String target) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (ColumnSpec c : meta.columns()) specs.add(c.name().equals(target) && c.kind() != ColumnKind.CATEGORICAL ? c.withKind(ColumnKind.CATEGORICAL) : c);
        return new Metadata(specs);
    }
}
