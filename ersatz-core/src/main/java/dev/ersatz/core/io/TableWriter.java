package dev.ersatz.core.io;

import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Opens {@link TableSink}s: CSV ({@code .csv}, {@code .tsv}, optionally gzipped {@code .csv.gz}) or
 * Parquet ({@code .parquet}, {@code .pq}), chosen by the output's extension.
 *
 * <p>Every sink writes to a hidden temp file beside the target and renames it into place on
 * {@link TableSink#commit()}, so a failed run never leaves a partial file where a good one was. A
 * missing output directory or an unknown extension is an {@link InputException} before anything is
 * written.
 */
public final class TableWriter {
    private TableWriter() {}

    /**
     * Opens a sink for a table with the given column names and source types (the types matter for
     * Parquet only; CSV is text). For CSV, {@code options} gives the delimiter (a {@code .tsv} file
     * always uses a tab) and each column's missing marker.
     */
    public static TableSink open(Path out, List<String> names, List<SourceType> types, WriteOptions options) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        List<String> n = List.copyOf(names);
        List<SourceType> t = List.copyOf(types);
        if (n.isEmpty()) throw new IllegalArgumentException("an output needs at least one column");
        if (t.size() != n.size()) throw new IllegalArgumentException(t.size() + " types for " + n.size() + " columns");
        if (!options.missingMarkers().isEmpty() && options.missingMarkers().size() != n.size()) {
            throw new IllegalArgumentException(options.missingMarkers().size() + " missing markers for " + n.size() + " columns");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n.size(); i++) {
            Integer before = seen.putIfAbsent(n.get(i), i);
            if (before != null) {
                throw new InputException(out.toString(), 0, n.get(i), null,
                        "duplicate column name at positions " + (before + 1) + " and " + (i + 1));
            }
        }
        String name = CsvTableReader.lowerName(out);
        boolean gzip = name.endsWith(".gz");
        String base = gzip ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv") || base.endsWith(".tsv")) {
            char delimiter = base.endsWith(".tsv") ? '\t' : options.delimiter();
            return new CsvTableSink(AtomicOutput.create(out), n, delimiter, options.missingMarkers(), gzip);
        }
        if (!gzip && (name.endsWith(".parquet") || name.endsWith(".pq"))) {
            return new ParquetTableSink(AtomicOutput.create(out), n, t);
        }
        throw new InputException(out.toString(), "unknown output type: expected a .csv or .tsv file (optionally .gz), "
                + "or a .parquet or .pq file");
    }
}
