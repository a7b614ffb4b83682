package dev.ersatz.core.io;

import dev.ersatz.core.InputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a table from a CSV file, a Parquet file or a JDBC query, as {@link dev.ersatz.core.StringColumn}s
 * ({@code null} = missing) tagged with each column's {@link dev.ersatz.core.SourceType}.
 *
 * <p>The input names its kind: a path ending {@code .csv}, {@code .tsv} or {@code .txt} (each optionally
 * gzipped, {@code .csv.gz}) is CSV; {@code .parquet} or {@code .pq} is Parquet; a string starting
 * {@code jdbc:} is a database URL, queried with {@link ReadOptions#query()}. Anything else is an
 * {@link InputException}, as is every problem with the data: the message is one line naming the file,
 * row, column and value.
 *
 * <p>A header-only CSV (or an empty query result) is not an error here: it gives a zero-row table,
 * and the caller decides what that means.
 */
public final class TableReader {
    private TableReader() {}

    /** Reads {@code input} with {@link ReadOptions#defaults()}. */
    public static ReadResult read(String input) {
        return read(input, ReadOptions.defaults());
    }

    /** Reads {@code input} (a file path or a {@code jdbc:} URL) with {@code options}. */
    public static ReadResult read(String input, ReadOptions options) {
        Objects.requireNonNull(options, "options");
        if (input == null || input.isBlank()) throw new InputException("no input given");
        if (input.regionMatches(true, 0, "jdbc:", 0, 5)) return JdbcTableReader.read(input, options);
        Path path;
        try {
            path = Path.of(input);
        } catch (InvalidPathException e) {
            throw new InputException(input, "not a valid path: " + e.getReason());
        }
        Format format = Format.of(path);
        if (format == null) {
            throw new InputException(input, "unknown input type: expected a .csv, .tsv or .txt file (optionally .gz), "
                    + "a .parquet or .pq file, or a jdbc: URL");
        }
        if (!Files.exists(path)) throw new InputException(input, "file not found");
        if (Files.isDirectory(path)) throw new InputException(input, "is a directory, not a file");
        if (!Files.isReadable(path)) throw new InputException(input, "cannot read file: permission denied");
        return switch (format) {
            case CSV -> CsvTableReader.read(path, input, options);
            case PARQUET -> ParquetTableReader.read(path, input);
        };
    }

    /** The file formats, known by extension. */
    enum Format {
        CSV, PARQUET;

        static Format of(Path path) {
            String name = CsvTableReader.lowerName(path);
            String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            if (base.endsWith(".csv") || base.endsWith(".tsv") || base.endsWith(".txt")) return CSV;
            if (name.endsWith(".parquet") || name.endsWith(".pq")) return PARQUET;
            return null;
        }
    }
}
