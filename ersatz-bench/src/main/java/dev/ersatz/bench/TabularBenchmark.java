package dev.ersatz.bench;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.eval.RowCopies;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end, in-process benchmark of tabular synthesizers on a real table: fit time, sampling rate
 * (in memory on one thread and on all cores, and streamed to a CSV file), peak heap, column-shape
 * score and verbatim copies against a real holdout. Prints one markdown row per synthesizer.
 *
 * <p>Run it (after {@code mvn -B -DskipTests package}):
 * <pre>
 * java -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.bench.TabularBenchmark \
 *      ../shared/datasets/adult/adult_train.csv ../shared/datasets/adult/adult_test.csv copula,independent
 * </pre>
 * Each timing is the median of five runs after two warm-up runs; the first (cold) fit is reported too,
 * because a CLI user pays it.
 */
public final class TabularBenchmark {
    private static final int WARMUP = 2, RUNS = 5;
    private static final long STREAM_ROWS = 1_000_000;

    private TabularBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TabularBenchmark TRAIN.csv HOLDOUT.csv [synthesizer,...]");
            System.exit(2);
        }
        List<String> names = args.length > 2 ? Arrays.asList(args[2].split(",")) : Registry.names();
        long t0 = System.nanoTime();
        ReadResult train = TableReader.read(args[0]);
        double readMs = ms(t0);
        ReadResult holdout = TableReader.read(args[1]);
        t0 = System.nanoTime();
        Metadata meta = MetadataDetector.detect(train.table());
        double detectMs = ms(t0);
        Table real = train.table();
        int n = real.rowCount();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("data: %s, %,d rows x %d columns; read %.0f ms, detect %.0f ms; %d cores, Java %s%n",
                args[0], n, real.columnCount(), readMs, detectMs, cores, System.getProperty("java.version"));
        double holdCopies = RowCopies.score(real, holdout.table(), meta).value();
        System.out.println();
        System.out.println("| synthesizer | first fit (ms) | fit (ms) | sample " + n + " rows, 1 thread (ms) | rows/s, 1 thread | rows/s, "
                + cores + " threads | 1M rows to CSV (s) | fit+sample " + n + " (ms) | peak heap (MiB) | column shapes | copies of training rows (holdout: "
                + pct(holdCopies) + ") |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            Synthesizer s = Registry.create(name.trim());
            TextStyle style = new TextStyle(',', train.missingMarkers());
            resetPeaks();
            t0 = System.nanoTime();
            FittedModel model = FittedModel.fit(real, meta, style, s, 1, train.source(), Progress.NONE);
            double firstFit = ms(t0);
            for (int i = 0; i < WARMUP; i++) FittedModel.fit(real, meta, style, s, 1, train.source(), Progress.NONE);
            double[] fit = new double[RUNS], one = new double[RUNS], all = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                t0 = System.nanoTime();
                model = FittedModel.fit(real, meta, style, s, 1, train.source(), Progress.NONE);
                fit[i] = ms(t0);
            }
            final FittedModel m = model;
            for (int i = 0; i < WARMUP; i++) m.sample(n, i);
            for (int i = 0; i < RUNS; i++) {
                t0 = System.nanoTime();
                m.sample(n, i);
                one[i] = ms(t0);
                List<Table> sink = new ArrayList<>();
                t0 = System.nanoTime();
                m.sampleTo(sink::add, n, i, List.of(), false, cores, Progress.NONE);
                all[i] = ms(t0);
            }
            Path tmp = Files.createTempFile("ersatz-bench", ".csv");
            t0 = System.nanoTime();
            try (TableSink sink = TableWriter.open(tmp, m.metadata().names(), m.codec().outputTypes(), WriteOptions.csvDefaults(real.columnCount()))) {
                m.sampleTo(sink::append, STREAM_ROWS, 1, List.of(), false, cores, Progress.NONE);
                sink.commit();
            }
            double streamS = ms(t0) / 1000;
            Files.deleteIfExists(tmp);
            Table syn = m.sample(holdout.table().rowCount(), 7);
            double shapes = ColumnShapes.score(real, syn, meta).value();
            double copies = RowCopies.score(real, syn, meta).value();
            System.out.printf("| %s | %.0f | %.0f | %.0f | %,.0f | %,.0f | %.2f | %.0f | %.0f | %.4f | %s |%n", name, firstFit, median(fit), median(one),
                    n / (median(one) / 1000), n / (median(all) / 1000), streamS, median(fit) + median(one), peakHeapMiB(), shapes, pct(copies));
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String pct(double share) {
        return String.format("%.3f%%", 100 * share);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum / (1024.0 * 1024.0);
    }
}
