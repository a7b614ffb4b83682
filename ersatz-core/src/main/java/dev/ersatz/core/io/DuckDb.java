package dev.ersatz.core.io;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded DuckDB that reads and writes Parquet: opens fresh in-memory databases.
 *
 * <p>This is the only class that names DuckDB's driver, and nothing on the CSV path refers to it, so
 * a CSV-only run never loads DuckDB's 70 MB native library (the JVM loads a class on first use).
 */
final class DuckDb {
    /** DuckDB's memory cap for one sink (system property {@code ersatz.duckdb.memoryLimit}); it spills beyond it. */
    static final String MEMORY_LIMIT = System.getProperty("ersatz.duckdb.memoryLimit", "1GB");

    private DuckDb() {}

    /** A new in-memory database whose results stream instead of being materialised first. */
    static Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        return new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", p);
    }

    /**
     * A new in-memory database capped at {@link #MEMORY_LIMIT}, spilling to {@code spillDir}, so a large
     * output grows on disk rather than in memory (DuckDB's memory is native, never the Java heap).
     */
    static Connection openSpilling(Path spillDir) throws SQLException {
        Connection conn = open();
        try (Statement st = conn.createStatement()) {
            st.execute("SET memory_limit = " + literal(MEMORY_LIMIT));
            st.execute("SET temp_directory = " + literal(spillDir.toAbsolutePath().toString()));
            st.execute("SET preserve_insertion_order = true");
        } catch (SQLException e) {
            conn.close();
            throw e;
        }
        return conn;
    }

    /** {@code s} as a SQL string literal: single quotes doubled. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code s} as a SQL identifier: double quotes doubled. */
    static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
