package dev.ersatz.core;

/**
 * Bad input from a user: a file, option or value Ersatz cannot accept.
 *
 * <p>The message is one line that names where the problem was found (file, row, column) and the
 * offending value, so the CLI can print it as is and exit with status 2. Row numbers count data rows
 * from 1 (the header is row 0); {@code -1} or {@code null} parts are left out of the message.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long row;
    private final String column;
    private final String value;
    private final String problem;

    public InputException(String source, long row, String column, String value, String problem) {
        super(format(source, row, column, value, problem));
        this.source = source;
        this.row = row;
        this.column = column;
        this.value = value;
        this.problem = problem;
    }

    public InputException(String problem) {
        this(null, -1, null, null, problem);
    }

    public InputException(String source, String problem) {
        this(source, -1, null, null, problem);
    }

    public InputException(String source, String problem, Throwable cause) {
        this(source, -1, null, null, problem);
        initCause(cause);
    }

    /** Formats the parts into the single-line message: {@code file: row 12, column 'age', value "x": problem}. */
    public static String format(String source, long row, String column, String value, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) sb.append(source);
        StringBuilder where = new StringBuilder();
        if (row >= 0) where.append(row == 0 ? "header" : "row " + row);
        if (column != null) {
            if (where.length() > 0) where.append(", ");
            where.append("column '").append(column).append('\'');
        }
        if (value != null) {
            if (where.length() > 0) where.append(", ");
            where.append("value \"").append(abbreviate(value)).append('"');
        }
        if (where.length() > 0) {
            if (sb.length() > 0) sb.append(": ");
            sb.append(where);
        }
        if (sb.length() > 0) sb.append(": ");
        sb.append(problem);
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static String abbreviate(String value) {
        String v = value.replace("\n", "\\n").replace("\r", "\\r");
        return v.length() > 60 ? v.substring(0, 57) + "..." : v;
    }

    public String source() { return source; }
    public long row() { return row; }
    public String column() { return column; }
    public String value() { return value; }
    public String problem() { return problem; }

    /** A copy of this error that names {@code newSource} as the file (used when the reader did not know it). */
    public InputException withSource(String newSource) {
        InputException e = new InputException(newSource, row, column, value, problem);
        e.initCause(getCause());
        return e;
    }
}
