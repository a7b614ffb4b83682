package dev.ersatz.core;

import java.util.Objects;

/**
 * A column of text values as read from a source ({@code null} is missing), with the storage type the
 * source declared for it ({@link SourceType#STRING} for CSV).
 */
public record StringColumn(String name, String[] values, SourceType sourceType) implements Column {

    public StringColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sourceType, "sourceType");
    }

    public StringColumn(String name, String[] values) {
        this(name, values, SourceType.STRING);
    }

    @Override public int size() { return values.length; }
    @Override public boolean isMissing(int row) { return values[row] == null; }
    @Override public String text(int row) { return values[row]; }
    public String get(int row) { return values[row]; }

    @Override
    public StringColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return new StringColumn(name, out, sourceType);
    }

    @Override public StringColumn renamed(String newName) { return new StringColumn(newName, values, sourceType); }
}
