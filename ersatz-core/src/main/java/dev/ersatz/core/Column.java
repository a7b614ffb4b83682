package dev.ersatz.core;

/**
 * One named column of a {@link Table}: text, numbers or category codes, with missing values.
 *
 * <p>Columns are immutable by contract: the arrays they wrap are never written after construction,
 * so a column may be shared between tables and threads.
 */
public sealed interface Column permits StringColumn, NumericColumn, CategoricalColumn {

    /** The column's name, unique within its table. */
    String name();

    /** How many rows the column has. */
    int size();

    /** Whether the value at {@code row} is missing. */
    boolean isMissing(int row);

    /** The value at {@code row} as text ({@code null} when missing), for messages and debugging. */
    String text(int row);

    /** A column holding the given rows, in the given order (rows may repeat). */
    Column select(int[] rows);

    /** The same values under another name. */
    Column renamed(String newName);

    /** How many values are missing. */
    default int missingCount() {
        int n = 0;
        for (int i = 0, s = size(); i < s; i++) if (isMissing(i)) n++;
        return n;
    }
}
