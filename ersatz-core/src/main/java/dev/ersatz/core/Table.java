package dev.ersatz.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, columnar table: named columns of equal length, in a fixed order.
 *
 * <p>A table may have zero rows (a header-only file) but not zero columns. Column names are unique;
 * the constructor names the first duplicate it meets.
 */
public final class Table {
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int rows;

    public Table(List<? extends Column> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        this.columns = List.copyOf(columns);
        this.index = new HashMap<>();
        this.rows = columns.get(0).size();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.size() != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size() + " rows, expected " + rows);
            }
            if (index.putIfAbsent(c.name(), i) != null) {
                throw new InputException(null, 0, c.name(), null, "duplicate column name");
            }
        }
    }

    public int rowCount() { return rows; }
    public int columnCount() { return columns.size(); }
    public List<Column> columns() { return columns; }
    public Column column(int i) { return columns.get(i); }

    /** The column named {@code name}; an {@link InputException} naming it if there is none. */
    public Column column(String name) {
        Integer i = index.get(name);
        if (i == null) throw new InputException(null, -1, name, null, "no such column (columns: " + String.join(", ", names()) + ")");
        return columns.get(i);
    }

    /** The position of the column named {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) names.add(c.name());
        return Collections.unmodifiableList(names);
    }

    /** A table of the given rows, in the given order. */
    public Table select(int[] rowIndexes) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) out.add(c.select(rowIndexes));
        return new Table(out);
    }

    /** The first {@code n} rows (all of them when the table is shorter). */
    public Table head(int n) {
        int m = Math.min(n, rows);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) idx[i] = i;
        return select(idx);
    }

    /** This table with {@code column} in place of the column of the same name. */
    public Table with(Column column) {
        List<Column> out = new ArrayList<>(columns);
        Integer i = index.get(column.name());
        if (i == null) out.add(column); else out.set(i, column);
        return new Table(out);
    }

    /** The value at ({@code row}, {@code col}) as text, {@code null} when missing. */
    public String text(int row, int col) { return columns.get(col).text(row); }

    @Override
    public String toString() {
        return "Table[" + rows + " rows x " + columns.size() + " columns: " + String.join(", ", names()) + "]";
    }
}
