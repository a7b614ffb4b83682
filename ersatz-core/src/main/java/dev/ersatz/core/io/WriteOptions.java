package dev.ersatz.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How {@link TableWriter} writes CSV: the delimiter and, per column, the text written for a missing
 * cell (Parquet writes real NULLs and ignores both).
 *
 * <p>Pass the {@link ReadResult#delimiter()} and {@link ReadResult#missingMarkers()} of the source to
 * give synthetic output the shape of the data it imitates.
 *
 * @param delimiter      the CSV field delimiter (a {@code .tsv} output always uses a tab)
 * @param missingMarkers one per column, the text of a missing cell; {@code null} entries mean
 *                       {@code ""}; an empty list means {@code ""} for every column
 */
public record WriteOptions(char delimiter, List<String> missingMarkers) {

    public WriteOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a delimiter cannot be a quote or a line break: "
                    + ReadOptions.printable(delimiter));
        }
        Objects.requireNonNull(missingMarkers, "missingMarkers");
        List<String> m = new ArrayList<>(missingMarkers.size());
        for (String s : missingMarkers) m.add(s == null ? "" : s);
        missingMarkers = Collections.unmodifiableList(m);
    }

    /** Comma-delimited, missing cells empty, for a table of {@code columns} columns. */
    public static WriteOptions csvDefaults(int columns) {
        return new WriteOptions(',', Collections.nCopies(columns, ""));
    }
}
