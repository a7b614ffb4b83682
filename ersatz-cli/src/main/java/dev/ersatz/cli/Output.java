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
        if (rows < 0) throw new InputException("--rows", -1, null, Long.toString(rows), "the number of rows must not be negative");
        TableCodec codec = model.codec();
        boolean typed = isParquet(out);
        WriteOptions options = new WriteOptions(codec.style().delimiter(), codec.style().missingMarkers() == null
                ? List.of() : codec.style().missingMarkers());
        // Check the conditions before creating any file.
        codec.translate(where);
        try (TableSink sink = TableWriter.open(out, codec.metadata().names(), codec.outputTypes(), options)) {
            model.sampleTo(sink::append, rows, seed, where, typed, threads, progress);
            sink.commit();
        }
    }
}
