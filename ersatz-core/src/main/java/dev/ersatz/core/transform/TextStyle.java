package dev.ersatz.core.transform;

import java.util.List;

/**
 * How a table was written as text, so output can be written the same way: the field delimiter and,
 * per column, the marker its missing cells used.
 */
public record TextStyle(char delimiter, List<String> missingMarkers) {
    public TextStyle {
        missingMarkers = missingMarkers == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(missingMarkers));
    }

    /** Comma-separated, missing cells empty. */
    public static TextStyle defaults(int columns) {
        return new TextStyle(',', java.util.Collections.nCopies(columns, ""));
    }
}
