package dev.ersatz.core.io;

import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JDBC reader behind {@link TableReader}: runs a query and renders every value as canonical text,
 * keeping the declared type as the column's {@link SourceType}. Parquet files are read through the
 * same code, as a query on an embedded DuckDB.
 *
 * <p>Canonical text: integers as {@link Long#toString} (wider unsigned/huge integers as
 * {@link BigInteger#toString}); doubles as {@link Double#toString} (a single-precision REAL as
 * {@link Float#toString}, whose shortest digits read back as the same float, where widening it to a
 * double would print 0.10000000149011612 for 0.1f); decimals as {@link BigDecimal#toPlainString};
 * booleans {@code true}/{@code false}; dates {@code yyyy-MM-dd}; timestamps
 * {@code yyyy-MM-dd'T'HH:mm:ss} with a fraction only when it is non-zero; timestamps with a time zone
 * the same plus the offset ({@code Z} for UTC). SQL NULL is missing; text that merely looks like a
 * missing marker is kept, since a typed source has real NULLs.
 */
final class JdbcTableReader {
    private static final int FETCH_SIZE = 10_000;
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|pwd)\\s*=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    static final DateTimeFormatter LOCAL_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(LOCAL_TIMESTAMP)
            .appendOffsetId()
            .toFormatter(Locale.ROOT);

    private JdbcTableReader() {}

    /** Reads the result of {@code options.query()} on the database at {@code url}. */
    static ReadResult read(String url, ReadOptions options) {
        String source = redact(url);
        String query = options.query();
        if (query == null || query.isBlank()) {
            throw new InputException(source, "a JDBC source needs a SQL query (--query \"SELECT ...\")");
        }
        try (Connection conn = DriverManager.getConnection(url)) {
            return readQuery(conn, query, source, "SQL error: ");
        } catch (SQLException e) {
            throw sqlError(source, -1, null, e, url);
        }
    }

    /** Runs {@code sql} on {@code conn} and reads its whole result; SQL errors become InputExceptions. */
    static ReadResult readQuery(Connection conn, String sql, String source, String errorPrefix) {
        long row = 0;
        String column = null;
        try (Statement st = conn.createStatement()) {
            try {
                st.setFetchSize(FETCH_SIZE);
            } catch (SQLException ignored) {
                // a hint only; some drivers refuse it
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                if (n == 0) throw new InputException(source, "the query returned no columns");
                ColumnBuilder[] builders = new ColumnBuilder[n];
                ValueRenderer[] renderers = new ValueRenderer[n];
                Map<String, Integer> seen = new HashMap<>();
                for (int c = 0; c < n; c++) {
                    String name = md.getColumnLabel(c + 1);
                    if (name == null || name.isEmpty()) name = md.getColumnName(c + 1);
                    Integer before = seen.putIfAbsent(name, c);
                    if (before != null) {
                        throw new InputException(source, 0, name, null,
                                "duplicate column name at positions " + (before + 1) + " and " + (c + 1)
                                        + " (give one an alias in the query)");
                    }
                    SourceType type = sourceType(md.getColumnType(c + 1), md.getColumnTypeName(c + 1));
                    builders[c] = new ColumnBuilder(name, type);
                    renderers[c] = new ValueRenderer(type);
                }
                int rows = 0;
                while (rs.next()) {
                    row = rows + 1L;
                    for (int c = 0; c < n; c++) {
                        column = builders[c].name();
                        builders[c].set(rows, builders[c].intern(renderers[c].render(rs, c + 1)));
                    }
                    column = null;
                    rows++;
                    if (rows == Integer.MAX_VALUE - 16) {
                        throw new InputException(source, rows, null, null, "too many rows for one table");
                    }
                }
                List<Column> cols = new ArrayList<>(n);
                for (ColumnBuilder b : builders) cols.add(b.build(rows));
                return new ReadResult(new Table(cols), source, null, Collections.nCopies(n, ""));
            }
        } catch (SQLException e) {
            throw sqlError(source, row == 0 ? -1 : row, column, e, null, errorPrefix);
        }
    }

    static InputException sqlError(String source, long row, String column, SQLException e, String secret) {
        return sqlError(source, row, column, e, secret, "SQL error: ");
    }

    /** One line from a driver's error: its first line, with the URL's password hidden. */
    static InputException sqlError(String source, long row, String column, SQLException e, String secret, String prefix) {
        String msg = oneLine(e);
        // Drivers echo the URL ("No suitable driver found for jdbc:..."): never print its password.
        if (secret != null) msg = msg.replace(secret, redact(secret));
        InputException ie = new InputException(source, row, column, null, prefix + msg);
        ie.initCause(e);
        return ie;
    }

    /**
     * A driver's message on one line: its lines joined, without the blank lines and the {@code ^^^}
     * lines that point into the query, and cut at 400 characters.
     */
    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        StringBuilder sb = new StringBuilder();
        for (String line : m.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.chars().allMatch(ch -> ch == '^' || ch == '~')) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(t);
        }
        return sb.length() > 400 ? sb.substring(0, 397) + "..." : sb.toString();
    }

    /** The URL with any password replaced by {@code ***}, for messages. */
    static String redact(String url) {
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }

    static SourceType sourceType(int jdbcType, String typeName) {
        switch (jdbcType) {
            case Types.BOOLEAN: case Types.BIT:
                return SourceType.BOOLEAN;
            case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
                return SourceType.INTEGER;
            case Types.REAL: case Types.FLOAT: case Types.DOUBLE:
                return SourceType.DOUBLE;
            case Types.DECIMAL: case Types.NUMERIC:
                return SourceType.DECIMAL;
            case Types.DATE:
                return SourceType.DATE;
            case Types.TIMESTAMP:
                return SourceType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return SourceType.TIMESTAMP_TZ;
            default:
                break;
        }
        // Types without a java.sql.Types code of their own (DuckDB's unsigned and 128-bit integers, ...).
        String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT" -> SourceType.INTEGER;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> SourceType.TIMESTAMP_TZ;
            case "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> SourceType.TIMESTAMP;
            default -> SourceType.STRING;
        };
    }

    /**
     * Renders one column's values as canonical text. Typed getters ({@code getObject(i, LocalDate.class)})
     * are tried first; a driver that refuses one is asked the older way for the rest of the column.
     */
    static final class ValueRenderer {
        private final SourceType type;
        private boolean legacy;

        ValueRenderer(SourceType type) {
            this.type = type;
        }

        String render(ResultSet rs, int i) throws SQLException {
            switch (type) {
                case INTEGER: {
                    Object o = rs.getObject(i);
                    if (o == null) return null;
                    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                        return Long.toString(((Number) o).longValue());
                    }
                    if (o instanceof BigInteger b) return b.toString();
                    if (o instanceof BigDecimal d) return d.toPlainString();
                    if (o instanceof Number num) return Long.toString(num.longValue());
                    if (o instanceof Boolean b) return b ? "1" : "0";
                    return o.toString();
                }
                case DOUBLE: {
                    Object o = rs.getObject(i);
                    if (o == null) return null;
                    if (o instanceof Float f) return Float.toString(f);
                    if (o instanceof Number num) return Double.toString(num.doubleValue());
                    return o.toString();
                }
                case DECIMAL: {
                    BigDecimal d = rs.getBigDecimal(i);
                    return d == null ? null : d.toPlainString();
                }
                case BOOLEAN: {
                    boolean b = rs.getBoolean(i);
                    return rs.wasNull() ? null : (b ? "true" : "false");
                }
                case DATE: {
                    if (!legacy) {
                        try {
                            LocalDate d = rs.getObject(i, LocalDate.class);
                            return d == null ? null : d.toString();
                        } catch (SQLException | RuntimeException e) {
                            legacy = true;
                        }
                    }
                    java.sql.Date d = rs.getDate(i);
                    return d == null ? null : d.toLocalDate().toString();
                }
                case TIMESTAMP: {
                    if (!legacy) {
                        try {
                            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                            return t == null ? null : LOCAL_TIMESTAMP.format(t);
                        } catch (SQLException | RuntimeException e) {
                            legacy = true;
                        }
                    }
                    Timestamp t = rs.getTimestamp(i);
                    return t == null ? null : LOCAL_TIMESTAMP.format(t.toLocalDateTime());
                }
                case TIMESTAMP_TZ: {
                    if (!legacy) {
                        try {
                            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                            return t == null ? null : OFFSET_TIMESTAMP.format(t);
                        } catch (SQLException | RuntimeException e) {
                            legacy = true;
                        }
                    }
                    Object o = rs.getObject(i);
                    if (o == null) return null;
                    if (o instanceof OffsetDateTime t) return OFFSET_TIMESTAMP.format(t);
                    if (o instanceof ZonedDateTime t) return OFFSET_TIMESTAMP.format(t.toOffsetDateTime());
                    if (o instanceof Instant t) return OFFSET_TIMESTAMP.format(t.atOffset(ZoneOffset.UTC));
                    if (o instanceof Timestamp t) return OFFSET_TIMESTAMP.format(t.toInstant().atOffset(ZoneOffset.UTC));
                    return o.toString();
                }
                default:
                    return rs.getString(i);
            }
        }
    }
}
