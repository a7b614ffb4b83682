package dev.ersatz.sim.engine;

import dev.ersatz.core.InputException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A Parquet {@link RowSink}: typed values go into an embedded DuckDB table through its appender, and
 * the commit runs one {@code COPY ... TO ... (FORMAT PARQUET, COMPRESSION ZSTD)}.
 *
 * <p>DuckDB keeps the rows in native memory capped at {@value #MEMORY_LIMIT} and spills beyond it to a
 * hidden directory beside the target, so the Java heap does not grow with the output. Enum columns are
 * appended as small codes and turned into their labels by the COPY; ID columns are appended as BIGINT
 * and written as VARCHAR (both measured about twice as fast as appending strings).
 */
final class ParquetRowSink extends RowSink {
    static final String MEMORY_LIMIT = "1GB";

    private final Path spill;
    private Connection conn;
    private DuckDBAppender appender;

    ParquetRowSink(Path target, List<Field> fields) {
        super(target, fields);
        this.spill = directoryOf(target).resolve(hiddenName(target, "spill"));
        TempPaths.deleteOnExit(spill);
        try {
            Properties p = new Properties();
            conn = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", p);
            try (Statement st = conn.createStatement()) {
                st.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                st.execute("SET temp_directory = " + literal(spill.toAbsolutePath().toString()));
                st.execute("SET preserve_insertion_order = true");
                st.execute("SET TimeZone = 'UTC'");
                StringBuilder ddl = new StringBuilder("CREATE TABLE rows (");
                for (int c = 0; c < fields.size(); c++) {
                    ddl.append(c == 0 ? "" : ", ").append('c').append(c).append(' ').append(storageType(fields.get(c)));
                }
                st.execute(ddl.append(')').toString());
            }
            appender = conn.unwrap(DuckDBConnection.class).createAppender("main", "rows");
            appender.setWriteInlinedStrings(true);
            // The appender refuses calls from any thread but its creator's; a sink is used by one thread
            // at a time but may be handed from the simulating thread to a writer thread and back (the
            // hand-offs through a queue and a join order the calls), so confinement is lifted and the
            // returned lock, needed only for concurrent use, is not taken.
            appender.unsafeBreakThreadConfinement();
            Files.createFile(temp);
        } catch (SQLException | IOException e) {
            release();
            throw new InputException(target.toString(), "cannot write Parquet: " + oneLine(e), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            release();
            throw new InputException(target.toString(), "cannot load DuckDB, which writes Parquet: " + e.getMessage());
        }
    }

    private static String storageType(Field f) {
        return switch (f.type()) {
            case LONG, ID -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case MONEY -> "DECIMAL(18,2)";
            case STRING -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case ENUM -> "USMALLINT";
        };
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private boolean inRow;

    /** The appender, with a row begun: rows begin at their first value. */
    private DuckDBAppender a() throws SQLException {
        if (!inRow) {
            appender.beginRow();
            inRow = true;
        }
        return appender;
    }

    private InputException failure(SQLException e) {
        return new InputException(target.toString(), "cannot write Parquet: " + oneLine(e), e);
    }

    @Override public void putLong(long v) { try { a().append(v); } catch (SQLException e) { throw failure(e); } }

    @Override public void putId(long v) { try { a().append(v); } catch (SQLException e) { throw failure(e); } }

    @Override
    public void putDouble(double v) {
        try {
            if (Double.isNaN(v)) a().appendNull(); else a().append(v);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override public void putMoney(long cents) { try { a().appendDecimal(cents); } catch (SQLException e) { throw failure(e); } }

    @Override
    public void putString(String v) {
        try {
            if (v == null) a().appendNull(); else a().append(v);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override public void putBoolean(boolean v) { try { a().append(v); } catch (SQLException e) { throw failure(e); } }

    @Override
    public void putTimestamp(long epochSecond) {
        try {
            a().appendEpochMicros(epochSecond * 1_000_000L);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override public void putDate(long epochDay) { try { a().appendEpochDays((int) epochDay); } catch (SQLException e) { throw failure(e); } }

    @Override public void putEnum(int code) { try { a().append((short) code); } catch (SQLException e) { throw failure(e); } }

    @Override public void putNull() { try { a().appendNull(); } catch (SQLException e) { throw failure(e); } }

    @Override
    public void endRow() {
        try {
            if (!inRow) a();
            appender.endRow();
            inRow = false;
        } catch (SQLException e) {
            throw failure(e);
        }
        rows++;
    }

    @Override
    protected void finish() throws IOException {
        try {
            appender.close();
            appender = null;
            StringBuilder select = new StringBuilder("SELECT ");
            for (int c = 0; c < fields.size(); c++) {
                Field f = fields.get(c);
                if (c > 0) select.append(", ");
                String col = "c" + c;
                switch (f.type()) {
                    case ID -> select.append("CAST(").append(col).append(" AS VARCHAR)");
                    case ENUM -> {
                        select.append("([");
                        for (int i = 0; i < f.levels().size(); i++) select.append(i == 0 ? "" : ", ").append(literal(f.levels().get(i)));
                        select.append("])[").append(col).append(" + 1]");
                    }
                    default -> select.append(col);
                }
                select.append(" AS ").append(identifier(f.name()));
            }
            select.append(" FROM rows");
            try (Statement st = conn.createStatement()) {
                st.execute("COPY (" + select + ") TO " + literal(temp.toAbsolutePath().toString())
                        + " (FORMAT PARQUET, COMPRESSION ZSTD)");
            }
            conn.close();
            conn = null;
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet: " + oneLine(e), e);
        } finally {
            deleteSpill();
        }
    }

    @Override
    protected void release() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException ignored) {
                // closing the connection releases it too
            }
            appender = null;
        }
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // the in-memory database goes with the connection
            }
            conn = null;
        }
        deleteSpill();
    }

    private void deleteSpill() {
        TempPaths.delete(spill);
        TempPaths.forget(spill);
    }
}
