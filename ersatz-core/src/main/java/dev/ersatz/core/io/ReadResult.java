package dev.ersatz.core.io;

import dev.ersatz.core.Table;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TableReader#read} returns: the table and how the source was read, so that a writer can
 * give synthetic output the same shape (delimiter, missing markers).
 *
 * @param table          the data: one {@link dev.ersatz.core.StringColumn} per source column
 *                       ({@code null} = missing), tagged with the source's declared type
 * @param source         the input as named in messages (a JDBC URL with its password hidden)
 * @param delimiter      the CSV delimiter used (given or detected); {@code null} for Parquet and JDBC
 * @param missingMarkers one per column: the marker seen most often in that column's missing cells,
 *                       {@code ""} when the column had none (always {@code ""} for Parquet and JDBC)
 */
public record ReadResult(Table table, String source, Character delimiter, List<String> missingMarkers) {
    public ReadResult {
        Objects.requireNonNull(table, "table");
        missingMarkers = List.copyOf(missingMarkers);
        if (missingMarkers.size() != table.columnCount()) {
            throw new IllegalArgumentException(missingMarkers.size() + " missing markers for " + table.columnCount() + " columns");
        }
    }
}
