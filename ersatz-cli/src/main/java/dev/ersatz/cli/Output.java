package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.synth.FittedModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes sampled rows to a CSV or Parquet file, streamed chunk by chunk and moved into place when complete. */
final class Output {
    private Output() {}

    static boolean isParquet(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".pq");
    }

    /** Samples {@code rows} rows from {@code model} into {@code out}. */
    static void sample(FittedModel model, Path out, long rows, long seed, List<Condition> where, int threads, Progress progress) {
        sample(model, out, rows, seed, where, threads, progress, null);
    }

    /**
     * Samples {@code rows} rows from {@code model} into {@code out}; with conditions, says on {@code err}
     * (when not null) how they are met, and how many rows a bounded search drew.
     */
    static void sample(FittedModel model, Path out, long rows, long seed, List<Condition> where, int threads, Progress progress,
                       java.io.PrintWriter err) {
        if (rows < 0) throw new InputException("--rows", -1, null, Long.toString(rows), "the number of rows must not be negative");
        TableCodec codec = model.codec();
        boolean typed = isParquet(out);
        WriteOptions options = new WriteOptions(codec.style().delimiter(), codec.style().missingMarkers() == null
                ? List.of() : codec.style().missingMarkers());
        // Check the conditions before creating any file.
        codec.translate(where);
        if (err != null && !where.isEmpty()) err.println("ersatz: --where: " + model.conditioningMethod(where));
        java.util.concurrent.atomic.AtomicReference<FittedModel.SearchStats> stats = new java.util.concurrent.atomic.AtomicReference<>();
        try (TableSink sink = TableWriter.open(out, codec.metadata().names(), codec.outputTypes(), options)) {
            model.sampleTo(sink::append, rows, seed, where, typed, threads, progress, stats::set);
            sink.commit();
        }
        FittedModel.SearchStats s = stats.get();
        if (err != null && s != null && s.drawn() > 0) {
            err.println(String.format(Locale.ROOT, "ersatz: --where: the bounded search kept %,d of %,d rows drawn (%.2f%%)", s.kept(), s.drawn(), 100 * s.acceptance()));
        }
        if (err != null) err.flush();
    }

    /**
     * Writes {@code real} rows (as read; in typed forms for Parquet) followed by {@code synthetic} rows
     * sampled from {@code model}, with an optional column {@code label} that is false for real rows
     * and true for synthetic ones.
     */
    static void sampleMixed(FittedModel model, Path out, dev.ersatz.core.Table real, String source, long synthetic, long seed,
                            List<Condition> where, int threads, String label, Progress progress) {
        TableCodec codec = model.codec();
        boolean typed = isParquet(out);
        List<String> names = new java.util.ArrayList<>(codec.metadata().names());
        List<dev.ersatz.core.SourceType> types = new java.util.ArrayList<>(codec.outputTypes());
        List<String> markers = new java.util.ArrayList<>(codec.style().missingMarkers() == null
                ? java.util.Collections.nCopies(names.size(), "") : codec.style().missingMarkers());
        if (label != null) {
            names.add(label);
            types.add(dev.ersatz.core.SourceType.BOOLEAN);
            markers.add("");
        }
        codec.translate(where);
        dev.ersatz.core.Table realOut = typed ? codec.canonical(real, source) : real;
        // Synthetic keys must not repeat the real rows' keys: taken ones are replaced by keys of spare row
        // indices after the synthetic rows (chunks reach the sink in order, so this is deterministic).
        java.util.Map<String, java.util.Set<String>> realKeys = new java.util.LinkedHashMap<>();
        for (dev.ersatz.core.transform.ColumnCodec c : codec.codecs()) {
            if (c instanceof dev.ersatz.core.transform.GeneratedCodec && c.spec().kind() == dev.ersatz.core.ColumnKind.ID) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                dev.ersatz.core.Column col = real.column(c.spec().name());
                for (int i = 0; i < col.size(); i++) if (col.text(i) != null) keys.add(col.text(i));
                if (!keys.isEmpty()) realKeys.put(c.spec().name(), keys);
            }
        }
        long[] spare = {synthetic};
        try (TableSink sink = TableWriter.open(out, names, types, new WriteOptions(codec.style().delimiter(), markers))) {
            if (realOut.rowCount() > 0) sink.append(labelled(realOut, label, false));
            model.sampleTo(t -> sink.append(labelled(freshKeys(t, codec, realKeys, seed, spare), label, true)), synthetic, seed, where, typed, threads, progress);
            sink.commit();
        }
    }

    private static dev.ersatz.core.Table freshKeys(dev.ersatz.core.Table t, TableCodec codec, java.util.Map<String, java.util.Set<String>> realKeys,
                                                  long seed, long[] spare) {
        dev.ersatz.core.Table out = t;
        for (java.util.Map.Entry<String, java.util.Set<String>> e : realKeys.entrySet()) {
            dev.ersatz.core.StringColumn col = (dev.ersatz.core.StringColumn) t.column(e.getKey());
            String[] ids = col.values().clone();
            ((dev.ersatz.core.transform.GeneratedCodec) codec.codec(e.getKey())).replaceTaken(ids, e.getValue(), codec.decodeSeed(e.getKey(), seed), spare);
            out = out.with(new dev.ersatz.core.StringColumn(col.name(), ids, col.sourceType()));
        }
        return out;
    }

    static dev.ersatz.core.Table labelled(dev.ersatz.core.Table t, String label, boolean synthetic) {
        if (label == null) return t;
        String[] v = new String[t.rowCount()];
        java.util.Arrays.fill(v, synthetic ? "true" : "false");
        return t.with(new dev.ersatz.core.StringColumn(label, v, dev.ersatz.core.SourceType.BOOLEAN));
    }
}
