package dev.ersatz.core.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * How {@link TableReader} reads a source: the CSV delimiter, the cell texts that mean "missing", the
 * CSV text encoding and, for a JDBC source, the query to run.
 *
 * <p>Missing markers apply to CSV only: a cell is missing when, after unquoted surrounding spaces are
 * trimmed, it equals one of the markers (quoted or not, as pandas does). Parquet and JDBC sources have
 * real NULLs and ignore the markers.
 *
 * @param delimiter      the CSV field delimiter, or {@code null} to detect it among {@code , ; \t |}
 * @param missingMarkers cell texts read as missing (never {@code null}; may be empty)
 * @param encoding       the CSV text encoding, decoded strictly (malformed bytes are an error)
 * @param query          the SQL query for a {@code jdbc:} source; {@code null} otherwise
 */
public record ReadOptions(Character delimiter, List<String> missingMarkers, Charset encoding, String query) {

    /** The markers read as missing by default: the empty cell and the usual spellings of NA. */
    public static final List<String> DEFAULT_MISSING_MARKERS = List.of("", "NA", "N/A", "?", "null", "NULL", "NaN");

    public ReadOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new IllegalArgumentException("a delimiter cannot be a quote or a line break: " + printable(delimiter));
        }
        missingMarkers = List.copyOf(Objects.requireNonNull(missingMarkers, "missingMarkers"));
        encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
    }

    /** Detect the delimiter; the default missing markers; UTF-8; no query. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, DEFAULT_MISSING_MARKERS, StandardCharsets.UTF_8, null);
    }

    public ReadOptions withDelimiter(Character newDelimiter) {
        return new ReadOptions(newDelimiter, missingMarkers, encoding, query);
    }

    public ReadOptions withMissingMarkers(List<String> newMarkers) {
        return new ReadOptions(delimiter, newMarkers, encoding, query);
    }

    public ReadOptions withEncoding(Charset newEncoding) {
        return new ReadOptions(delimiter, missingMarkers, newEncoding, query);
    }

    public ReadOptions withQuery(String newQuery) {
        return new ReadOptions(delimiter, missingMarkers, encoding, newQuery);
    }

    static String printable(char c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> String.valueOf(c);
        };
    }
}
