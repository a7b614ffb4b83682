package dev.ersatz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.Gbdt;
import dev.ersatz.synth.balance.Balancer;
import dev.ersatz.synth.balance.Proximity;
import dev.ersatz.synth.balance.SamplingStrategy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rebalancing evidence: a gradient-boosted classifier trained on real rows only, on real rows plus each
 * over-sampler's new rows, and on real rows plus generative rebalancing, scored on real test rows.
 *
 * <p>Data: oil spill (class 1 = slick, 41 of 937), CoIL 2000 (CARAVAN = insurance, 586 of 9,822; its
 * official split, 5,822 training rows and 4,000 test rows), ecoli (imU against the rest, 35 of 336) and
 * adult (income >50K; its official train/test split). Oil spill and ecoli are small, so they use five
 * stratified 70/30 splits (seeds 1..5); the others their official split. Every method brings the
 * minority class to the majority's count ({@code auto}) on the training rows, with resampling seeds
 * 1..R. Metadata is detected once on each whole dataset.
 *
 * <p>Classifier: the evaluator's {@link Gbdt} (XGBoost hist trees, 100 rounds, depth 6, eta 0.1,
 * one thread, so each model is a pure function of its data); features as numbers and category codes.
 * Scores on the real test rows, minority class positive, threshold 0.5: minority F1, PR-AUC (average
 * precision, scikit-learn's definition), balanced accuracy. New rows' distance to real rows:
 * {@link Proximity} (median distance from a new row to its closest real training row, over the same
 * for real minority rows to each other; 0 = copies, about 1 = as new as fresh real rows).
 *
 * <p>imbalanced-learn reference rows ({@code imblearn-smote}, {@code imblearn-smoten}) are read from
 * files written by {@code ersatz-bench/src/main/python/imblearn_reference.py} for the same splits and
 * seeds, and scored by the same classifier: that row against {@code smote} is the check that Ersatz's
 * SMOTE matches imbalanced-learn's within noise.
 *
 * <p>Run (after {@code mvn -B -q -DskipTests package}):
 * <pre>
 * CP="ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*"
 * java -cp "$CP" dev.ersatz.bench.BalanceBenchmark prepare ../shared/datasets /tmp/balance-bench
 * /usr/bin/python3 ersatz-bench/src/main/python/imblearn_reference.py /tmp/balance-bench 5
 * java -cp "$CP" dev.ersatz.bench.BalanceBenchmark run /tmp/balance-bench 5 [dataset,...] [method,...]
 * java -cp "$CP" dev.ersatz.bench.BalanceBenchmark speed ../shared/datasets 2
 * </pre>
 */
public final class BalanceBenchmark {
    private BalanceBenchmark() {}

    /** A benchmark dataset: where, which column is the class, which class is the minority. */
    record Spec(String name, String file, String testFile, String target, String positive, String relabelOthers, int officialTrainRows, int splits) {}

    static final List<Spec> SPECS = List.of(
            new Spec("oil_spill", "oil_spill_imbalanced/oil_spill_clean.csv", null, "class", "1", null, 0, 5),
            new Spec("coil2000", "coil2000_ticdata_imbalanced/ticdata.csv", null, "CARAVAN", "insurance", null, 5822, 1),
            new Spec("ecoli", "ecoli_imbalanced/ecoli_clean.csv", null, "class", "imU", "other", 0, 5),
            new Spec("adult", "adult/adult_train.csv", "adult/adult_test.csv", "income", ">50K", null, 0, 1));

    static final List<String> METHODS = List.of("real", "random", "smote", "imblearn-smote", "imblearn-smote-rounded", "smotenc", "smoten", "imblearn-smoten",
            "borderline1", "borderline2", "adasyn", "auto+std", "copula", "copula/per-class", "cart/per-class");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BalanceBenchmark prepare DATASETS OUT | run OUT SEEDS [datasets] [methods] | speed DATASETS THREADS");
            System.exit(2);
        }
        if (args[0].equals("prepare")) prepare(Path.of(args[1]), Path.of(args[2]));
        else if (args[0].equals("speed")) speed(Path.of(args[1]), Integer.parseInt(args[2]));
        else run(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? List.of(args[3].split(",")) : null,
                args.length > 4 ? List.of(args[4].split(",")) : METHODS);
    }

    // ------------------------------------------------------------------ prepare

    static void prepare(Path datasets, Path out) throws Exception {
        Files.createDirectories(out);
        for (Spec s : SPECS) {
            ReadResult r = TableReader.read(datasets.resolve(s.file()).toString());
            Table all = r.table();
            Table test = s.testFile() == null ? null : TableReader.read(datasets.resolve(s.testFile()).toString()).table();
            if (s.relabelOthers() != null) {
                all = relabel(all, s);
                if (test != null) test = relabel(test, s);
            }
            Metadata meta = MetadataDetector.detect(test == null ? all : concat(all, test));
            Files.writeString(out.resolve(s.name() + ".meta.json"), meta.toJson(), StandardCharsets.UTF_8);
            List<int[][]> splits = new ArrayList<>();
            if (test != null) {
                splits.add(null);
            } else if (s.officialTrainRows() > 0) {
                int n = all.rowCount();
                splits.add(new int[][] {range(0, s.officialTrainRows()), range(s.officialTrainRows(), n)});
            } else {
                for (int k = 1; k <= s.splits(); k++) splits.add(stratified(all, s.target(), 0.3, k));
            }
            for (int k = 0; k < splits.size(); k++) {
                int[][] sp = splits.get(k);
                Table train = sp == null ? all : all.select(sp[0]);
                Table hold = sp == null ? test : all.select(sp[1]);
                write(train, out.resolve(s.name() + "_s" + (k + 1) + "_train.csv"));
                write(hold, out.resolve(s.name() + "_s" + (k + 1) + "_test.csv"));
            }
            ObjectNode info = ModelFile.object();
            info.put("target", s.target());
            info.put("positive", s.positive());
            info.put("splits", splits.size());
            Files.writeString(out.resolve(s.name() + ".json"), info.toPrettyString(), StandardCharsets.UTF_8);
            System.out.printf("%s: %d splits, %d columns%n", s.name(), splits.size(), all.columnCount());
        }
    }

    static Table relabel(Table t, Spec s) {
        String[] v = ((StringColumn) t.column(s.target())).values().clone();
        for (int i = 0; i < v.length; i++) if (v[i] != null && !v[i].equals(s.positive())) v[i] = s.relabelOthers();
        return t.with(new StringColumn(s.target(), v));
    }

    static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) out[i - from] = i;
        return out;
    }

    /** A stratified split: a {@code testShare} of each class to the test side, by a seeded shuffle; both sides in row order. */
    static int[][] stratified(Table t, String target, double testShare, long seed) {
        Map<String, List<Integer>> byClass = new TreeMap<>();
        int c = t.indexOf(target);
        for (int i = 0; i < t.rowCount(); i++) byClass.computeIfAbsent(String.valueOf(t.text(i, c)), k -> new ArrayList<>()).add(i);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            List<Integer> shuffled = new ArrayList<>(rows);
            for (int i = shuffled.size() - 1; i > 0; i--) Collections.swap(shuffled, i, rng.nextInt(i + 1));
            int nt = (int) Math.round(rows.size() * testShare);
            test.addAll(shuffled.subList(0, nt));
            train.addAll(shuffled.subList(nt, shuffled.size()));
        }
        Collections.sort(train);
        Collections.sort(test);
        return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray()};
    }

    static void write(Table t, Path file) {
        List<dev.ersatz.core.SourceType> types = Collections.nCopies(t.columnCount(), dev.ersatz.core.SourceType.STRING);
        try (TableSink sink = TableWriter.open(file, t.names(), types, WriteOptions.csvDefaults(t.columnCount()))) {
            sink.append(t);
            sink.commit();
        }
    }

    static Table concat(Table a, Table b) {
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < a.columnCount(); c++) {
            String[] v = new String[a.rowCount() + b.rowCount()];
            for (int i = 0; i < a.rowCount(); i++) v[i] = a.text(i, c);
            int bc = b.indexOf(a.column(c).name());
            for (int i = 0; i < b.rowCount(); i++) v[a.rowCount() + i] = b.text(i, bc);
            cols.add(new StringColumn(a.column(c).name(), v));
        }
        return new Table(cols);
    }

    // ------------------------------------------------------------------ speed

    /**
     * In-process time of {@code Balancer.balance} (encode, neighbours, new rows, decode; no file IO) to
     * 50/50: adult (32,561 rows) and a 100,000-row table drawn from a copula fitted to adult (same
     * columns, about a quarter of rows >50K). Median of 5 runs after 2 warm-ups, per method.
     */
    static void speed(Path datasets, int threads) {
        ReadResult adult = TableReader.read(datasets.resolve("adult/adult_train.csv").toString());
        Metadata meta = MetadataDetector.detect(adult.table());
        TextStyle style = TextStyle.defaults(adult.table().columnCount());
        dev.ersatz.synth.FittedModel copula = dev.ersatz.synth.FittedModel.fit(adult.table(), meta, style, dev.ersatz.synth.Registry.create("copula"), 1,
                "adult", Progress.NONE);
        Table big = copula.sample(100_000, 1);
        System.out.println("| table | rows | method | new rows | median (ms) | min (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Table t : List.of(adult.table(), big)) {
            for (String m : List.of("smotenc", "smote", "borderline1", "adasyn", "random")) {
                Balancer.Options o = Balancer.Options.defaults(m).withThreads(threads);
                long[] ms = new long[7];
                int added = 0;
                for (int i = 0; i < ms.length; i++) {
                    long t0 = System.nanoTime();
                    added = Balancer.balance(t, meta, style, "income", o, i, "bench", false, Progress.NONE).added().rowCount();
                    ms[i] = (System.nanoTime() - t0) / 1_000_000;
                }
                long[] timed = Arrays.copyOfRange(ms, 2, 7);
                Arrays.sort(timed);
                System.out.printf(Locale.ROOT, "| %s | %,d | %s | %,d | %d | %d |%n", t == big ? "copula sample of adult" : "adult", t.rowCount(), m, added,
                        timed[2], timed[0]);
            }
        }
    }

    // ------------------------------------------------------------------ run

    /** One scored run. */
    record Result(String dataset, String method, int split, int seed, int added, double f1, double prAuc, double balancedAccuracy,
                  double proximity, double copyShare, double seconds) {}

    static void run(Path dir, int seeds, List<String> datasets, List<String> methods) throws Exception {
        List<Result> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        for (Spec s : SPECS) {
            if (datasets != null && !datasets.contains(s.name())) continue;
            JsonNode info = ModelFile.mapper().readTree(Files.readString(dir.resolve(s.name() + ".json")));
            Metadata meta = Metadata.read(dir.resolve(s.name() + ".meta.json"));
            int splits = info.get("splits").asInt();
            List<Future<Result>> jobs = new ArrayList<>();
            for (int k = 1; k <= splits; k++) {
                Table train = TableReader.read(dir.resolve(s.name() + "_s" + k + "_train.csv").toString()).table();
                Table test = TableReader.read(dir.resolve(s.name() + "_s" + k + "_test.csv").toString()).table();
                for (String m : methods) {
                    if (m.equals("smoten") && !allCategorical(meta, s.target())) continue;
                    if (m.equals("imblearn-smoten") && !allCategorical(meta, s.target())) continue;
                    if (m.equals("smotenc") && (allCategorical(meta, s.target()) || allNumeric(meta, s.target()))) continue;
                    if (m.equals("auto+std") && allCategorical(meta, s.target())) continue;
                    for (int r = 1; r <= (m.equals("real") ? 1 : seeds); r++) {
                        final int split = k, seed = r;
                        jobs.add(pool.submit(() -> one(dir, s, meta, train, test, m, split, seed)));
                    }
                }
            }
            for (Future<Result> f : jobs) {
                try {
                    Result r = f.get();
                    all.add(r);
                    System.err.printf(Locale.ROOT, "%s s%d %s r%d: +%d F1 %.3f AP %.3f BA %.3f prox %.2f (%.1f s)%n", r.dataset(), r.split(), r.method(),
                            r.seed(), r.added(), r.f1(), r.prAuc(), r.balancedAccuracy(), r.proximity(), r.seconds());
                } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println(s.name() + ": " + e.getCause());
                }
            }
            System.out.println(table(s, all, methods));
        }
        pool.shutdown();
        ArrayNode json = ModelFile.mapper().createArrayNode();
        for (Result r : all) json.add(ModelFile.mapper().valueToTree(r));
        Files.writeString(dir.resolve("results.json"), json.toPrettyString(), StandardCharsets.UTF_8);
    }

    static boolean allCategorical(Metadata meta, String target) {
        for (ColumnSpec c : meta.columns()) if (!c.name().equals(target) && c.kind() != ColumnKind.CATEGORICAL && c.kind() != ColumnKind.BOOLEAN) return false;
        return true;
    }

    static boolean allNumeric(Metadata meta, String target) {
        for (ColumnSpec c : meta.columns()) if (!c.name().equals(target) && (c.kind() == ColumnKind.CATEGORICAL || c.kind() == ColumnKind.BOOLEAN)) return false;
        return true;
    }

    static Result one(Path dir, Spec s, Metadata meta, Table train, Table test, String method, int split, int seed) {
        long t0 = System.nanoTime();
        Table added;
        if (method.equals("real")) {
            added = train.head(0);
        } else if (method.startsWith("imblearn-")) {
            added = TableReader.read(dir.resolve(s.name() + "_s" + split + "_" + method + "_r" + seed + ".csv").toString()).table();
        } else {
            String name = method.replace("+std", "").replace("/per-class", "");
            Balancer.Options o = new Balancer.Options(name, SamplingStrategy.auto(), 5, 10, null, method.contains("+std"),
                    method.endsWith("/per-class"), Map.of(), false, 1);
            added = Balancer.balance(train, meta, TextStyle.defaults(train.columnCount()), s.target(), o, seed, s.name(), false, Progress.NONE).added();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Table aug = added.rowCount() == 0 ? train : concat(train, added);
        double[] prox = proximity(meta, s.target(), s.positive(), train, added);
        Encoder enc = new Encoder(meta, s.target(), aug, test);
        float[] p = Gbdt.fitPredict(enc.matrix(aug), enc.labels(aug, s.positive()), enc.matrix(test), Gbdt.Task.BINARY, 2);
        float[] y = enc.labels(test, s.positive());
        return new Result(s.name(), method, split, seed, added.rowCount(), f1(y, p), averagePrecision(y, p), balancedAccuracy(y, p),
                prox[0], prox[1], seconds);
    }

    /** {@link Proximity} of new rows to the real training rows, integers read as numbers (imbalanced-learn writes them as floats). */
    static double[] proximity(Metadata meta, String target, String positive, Table train, Table added) {
        if (added.rowCount() == 0) return new double[] {Double.NaN, Double.NaN};
        List<ColumnSpec> specs = new ArrayList<>();
        for (ColumnSpec c : meta.columns()) specs.add(c.kind() == ColumnKind.INTEGER ? c.withKind(ColumnKind.NUMERIC) : c);
        Metadata m = Balancer.prepare(new Metadata(specs), target);
        TableCodec codec = TableCodec.fit(concat(train, added), m, TextStyle.defaults(train.columnCount()), "bench");
        Table real = codec.encode(train, "train", 0), fresh = codec.encode(added, "new", 0);
        List<ModelColumn> cols = codec.modelColumns();
        int t = codec.firstModelColumn(target);
        int[] features = new int[cols.size() - 1];
        for (int j = 0, f = 0; j < cols.size(); j++) if (j != t) features[f++] = j;
        List<Integer> base = new ArrayList<>();
        int tc = train.indexOf(target);
        for (int i = 0; i < train.rowCount(); i++) if (positive.equals(train.text(i, tc))) base.add(i);
        Proximity p = Proximity.measure(real, fresh, cols, features, base.stream().mapToInt(Integer::intValue).toArray(), 1);
        return new double[] {p.ratio(), p.copyShare()};
    }

    /** Features for the classifier: numbers as read, categories as codes over every label seen (sorted). */
    static final class Encoder {
        final List<String> names = new ArrayList<>();
        final List<Map<String, Integer>> codes = new ArrayList<>();
        final String target;

        Encoder(Metadata meta, String target, Table a, Table b) {
            this.target = target;
            for (ColumnSpec c : meta.columns()) {
                if (c.name().equals(target) || !c.isLearned()) continue;
                names.add(c.name());
                if (c.kind() == ColumnKind.CATEGORICAL || c.kind() == ColumnKind.BOOLEAN) {
                    TreeMap<String, Integer> labels = new TreeMap<>();
                    for (Table t : List.of(a, b)) {
                        int j = t.indexOf(c.name());
                        for (int i = 0; i < t.rowCount(); i++) if (t.text(i, j) != null) labels.putIfAbsent(t.text(i, j), 0);
                    }
                    int k = 0;
                    for (Map.Entry<String, Integer> e : labels.entrySet()) e.setValue(k++);
                    codes.add(labels);
                } else {
                    codes.add(null);
                }
            }
        }

        Gbdt.Matrix matrix(Table t) {
            int n = t.rowCount(), d = names.size();
            float[] x = new float[n * d];
            String[] types = new String[d];
            for (int j = 0; j < d; j++) {
                int c = t.indexOf(names.get(j));
                Map<String, Integer> map = codes.get(j);
                types[j] = map == null ? "q" : "c";
                for (int i = 0; i < n; i++) {
                    String v = t.text(i, c);
                    x[i * d + j] = v == null ? Float.NaN : (map == null ? (float) Double.parseDouble(v) : map.get(v));
                }
            }
            return new Gbdt.Matrix(x, n, d, types);
        }

        float[] labels(Table t, String positive) {
            int c = t.indexOf(target);
            float[] y = new float[t.rowCount()];
            for (int i = 0; i < y.length; i++) y[i] = positive.equals(t.text(i, c)) ? 1 : 0;
            return y;
        }
    }

    // ------------------------------------------------------------------ metrics

    static double f1(float[] y, float[] p) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean pred = p[i] >= 0.5f, pos = y[i] == 1;
            if (pred && pos) tp++; else if (pred) fp++; else if (pos) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static double balancedAccuracy(float[] y, float[] p) {
        int tp = 0, tn = 0, pos = 0, neg = 0;
        for (int i = 0; i < y.length; i++) {
            boolean pred = p[i] >= 0.5f;
            if (y[i] == 1) { pos++; if (pred) tp++; } else { neg++; if (!pred) tn++; }
        }
        return 0.5 * ((double) tp / pos + (double) tn / neg);
    }

    /** Average precision as scikit-learn defines it: Σ_n (R_n − R_{n−1}) P_n over the distinct score thresholds. */
    static double averagePrecision(float[] y, float[] p) {
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        int positives = 0;
        for (float v : y) if (v == 1) positives++;
        double ap = 0, lastRecall = 0;
        int tp = 0, seen = 0;
        for (int i = 0; i < order.length; ) {
            float score = p[order[i]];
            while (i < order.length && p[order[i]] == score) { if (y[order[i]] == 1) tp++; seen++; i++; }
            double recall = (double) tp / positives, precision = (double) tp / seen;
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
        }
        return ap;
    }

    // ------------------------------------------------------------------ report

    static String table(Spec s, List<Result> all, List<String> methods) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n").append(s.name()).append("\n\n| method | new rows | minority F1 | PR-AUC | balanced accuracy | new rows' distance to real (ratio) | identical to a real row | resampling time (s) | runs |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Result>> by = new LinkedHashMap<>();
        for (String m : methods) by.put(m, new ArrayList<>());
        synchronized (all) {
            for (Result r : all) if (r.dataset().equals(s.name()) && by.containsKey(r.method())) by.get(r.method()).add(r);
        }
        for (Map.Entry<String, List<Result>> e : by.entrySet()) {
            List<Result> rs = e.getValue();
            if (rs.isEmpty()) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %s | %s | %.2f | %d |%n", e.getKey(),
                    rs.stream().mapToInt(Result::added).average().orElse(0),
                    ms(rs, Result::f1), ms(rs, Result::prAuc), ms(rs, Result::balancedAccuracy),
                    rs.get(0).added() == 0 ? "—" : String.format(Locale.ROOT, "%.2f", rs.stream().mapToDouble(Result::proximity).average().orElse(Double.NaN)),
                    rs.get(0).added() == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * rs.stream().mapToDouble(Result::copyShare).average().orElse(Double.NaN)),
                    rs.stream().mapToDouble(Result::seconds).average().orElse(0), rs.size()));
        }
        for (String[] pair : new String[][] {{"smote", "imblearn-smote"}, {"smote", "imblearn-smote-rounded"}, {"smoten", "imblearn-smoten"}}) {
            List<Result> a = by.getOrDefault(pair[0], List.of()), b = by.getOrDefault(pair[1], List.of());
            if (a.isEmpty() || b.isEmpty()) continue;
            sb.append(String.format(Locale.ROOT, "%nErsatz %s minus %s (mean ± standard error, %s): minority F1 %s, PR-AUC %s, balanced accuracy %s%n",
                    pair[0], pair[1], a.stream().map(Result::split).distinct().count() > 1 ? "paired by split" : "over seeds",
                    diff(a, b, Result::f1), diff(a, b, Result::prAuc), diff(a, b, Result::balancedAccuracy)));
        }
        return sb.toString();
    }

    /**
     * The difference of means between two methods with its standard error: paired by split when there are
     * several splits (each split's mean over seeds), otherwise over the seeds' runs (unpaired).
     */
    static String diff(List<Result> a, List<Result> b, java.util.function.ToDoubleFunction<Result> f) {
        List<Integer> splits = a.stream().map(Result::split).distinct().sorted().toList();
        double mean, se;
        if (splits.size() > 1) {
            double[] d = new double[splits.size()];
            for (int i = 0; i < d.length; i++) {
                int k = splits.get(i);
                d[i] = a.stream().filter(r -> r.split() == k).mapToDouble(f).average().orElse(Double.NaN)
                        - b.stream().filter(r -> r.split() == k).mapToDouble(f).average().orElse(Double.NaN);
            }
            mean = Arrays.stream(d).average().orElse(Double.NaN);
            double ss = 0;
            for (double x : d) ss += (x - mean) * (x - mean);
            se = Math.sqrt(ss / (d.length - 1) / d.length);
        } else {
            double[] x = a.stream().mapToDouble(f).toArray(), y = b.stream().mapToDouble(f).toArray();
            double mx = Arrays.stream(x).average().orElse(Double.NaN), my = Arrays.stream(y).average().orElse(Double.NaN);
            double vx = 0, vy = 0;
            for (double v : x) vx += (v - mx) * (v - mx);
            for (double v : y) vy += (v - my) * (v - my);
            mean = mx - my;
            se = Math.sqrt(vx / (x.length - 1) / x.length + vy / (y.length - 1) / y.length);
        }
        return String.format(Locale.ROOT, "%+.3f ± %.3f%s", mean, se, Math.abs(mean) <= 2 * se ? " (within 2 s.e.)" : " (beyond 2 s.e.)");
    }

    static String ms(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length < 2) return String.format(Locale.ROOT, "%.3f", mean);
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, Math.sqrt(ss / (v.length - 1)));
    }
}
