package dev.ersatz.bench;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.eval.RowCopies;
import dev.ersatz.neural.Torch;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end benchmark of one neural synthesizer on a real table: engine start, fit time with the
 * time per epoch, sampling rate, and quality against a real holdout. One run (neural fits take
 * minutes); the loss is printed every epoch.
 *
 * <p>Run it (after {@code mvn -B -DskipTests package}):
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.bench.NeuralBenchmark \
 *      ../shared/datasets/adult/adult_train.csv ../shared/datasets/adult/adult_test.csv ctgan epochs=300
 * </pre>
 * Options after the synthesizer name are its {@code key=value} options.
 */
public final class NeuralBenchmark {
    private NeuralBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NeuralBenchmark TRAIN.csv HOLDOUT.csv SYNTHESIZER [key=value ...]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        long seed = Long.parseLong(System.getProperty("seed", "1"));
        ReadResult train = TableReader.read(args[0]);
        ReadResult holdout = TableReader.read(args[1]);
        Metadata meta = MetadataDetector.detect(train.table());
        Table real = train.table();
        long t0 = System.nanoTime();
        String engine = Torch.describe();
        double engineMs = ms(t0);
        System.out.printf("data: %s, %,d rows x %d columns; %d cores, Java %s; engine %s loaded in %.0f ms%n", args[0], real.rowCount(),
                real.columnCount(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), engine, engineMs);
        Synthesizer s = Registry.get(args[2]).create(options);
        System.out.println("options: " + s.options());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] lastCpu = {os.getProcessCpuTime()};
        long[] lastEpoch = {System.nanoTime()};
        String[] lastPhase = {""};
        t0 = System.nanoTime();
        long start = t0;
        FittedModel model = FittedModel.fit(real, meta, new TextStyle(',', train.missingMarkers()), s, seed, train.source(), (phase, done, total) -> {
            if (phase.contains("| epoch") && !phase.equals(lastPhase[0])) {
                long now = System.nanoTime(), cpu = os.getProcessCpuTime();
                System.out.printf(Locale.ROOT, "%8.1f s  %s  (%.2f s/epoch, process CPU %.2f s)%n", (now - start) / 1e9, phase,
                        (now - lastEpoch[0]) / 1e9, (cpu - lastCpu[0]) / 1e9);
                lastEpoch[0] = now;
                lastCpu[0] = cpu;
                lastPhase[0] = phase;
            }
        });
        double fitMs = ms(t0);
        System.out.printf(Locale.ROOT, "load average at end of fit: %.2f%n", os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "fit: %.1f s; training report: %s%n", fitMs / 1000, model.generator().toJson().path("training"));
        int n = holdout.table().rowCount();
        t0 = System.nanoTime();
        Table syn = model.sample(n, seed);
        double sampleMs = ms(t0);
        dev.ersatz.eval.Score shapeScore = ColumnShapes.score(real, syn, meta);
        double shapes = shapeScore.value();
        StringBuilder per = new StringBuilder("column shapes by column:");
        shapeScore.details().forEach((k, v) -> per.append(String.format(Locale.ROOT, " %s %.3f", k, v)));
        System.out.println(per);
        if (Boolean.getBoolean("quantiles")) {
            for (int c = 0; c < real.columnCount(); c++) {
                double[] a = numbers(real, c), b = numbers(syn, c);
                if (a == null || b == null) continue;
                System.out.printf(Locale.ROOT, "  %-16s real %s%n  %-16s synth %s%n", real.names().get(c), q(a), "", q(b));
            }
        }
        double copies = RowCopies.score(real, syn, meta).value();
        double holdCopies = RowCopies.score(real, holdout.table(), meta).value();
        System.out.printf(Locale.ROOT, "sample %,d rows: %.1f s (%,.0f rows/s); column shapes %.4f (vs training rows); copies of training rows %.3f%% (holdout %.3f%%)%n",
                n, sampleMs / 1000, n / (sampleMs / 1000), shapes, copies * 100, holdCopies * 100);
        System.out.println("model file: " + model.toBytes().length + " bytes");
        String out = System.getProperty("out");
        if (out != null) {
            java.util.List<dev.ersatz.core.SourceType> types = java.util.Collections.nCopies(syn.columnCount(), dev.ersatz.core.SourceType.STRING);
            try (dev.ersatz.core.io.TableSink sink = dev.ersatz.core.io.TableWriter.open(java.nio.file.Path.of(out), syn.names(), types,
                    dev.ersatz.core.io.WriteOptions.csvDefaults(syn.columnCount()))) {
                sink.append(syn);
                sink.commit();
            }
            System.out.println("wrote " + out);
        }
    }

    private static double[] numbers(Table t, int c) {
        double[] v = new double[t.rowCount()];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            String s = t.text(i, c);
            if (s == null) continue;
            try { v[k++] = Double.parseDouble(s); } catch (NumberFormatException e) { return null; }
        }
        v = java.util.Arrays.copyOf(v, k);
        java.util.Arrays.sort(v);
        return v;
    }

    private static String q(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double p : new double[] {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1}) sb.append(String.format(Locale.ROOT, " %10.1f", v[(int) Math.min(v.length - 1, p * v.length)]));
        return sb.toString();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
