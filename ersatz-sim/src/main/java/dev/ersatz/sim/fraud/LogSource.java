package dev.ersatz.sim.fraud;

import dev.ersatz.core.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A transaction log on disk (CSV, optionally gzipped, or Parquet) opened as a DuckDB view named
 * {@code log}, for aggregate queries and for streaming its rows in file order without holding them.
 *
 * <p>Why DuckDB here: a log of millions of rows would not fit in memory as text columns, and the
 * aggregates {@code --calibrate} needs (counts per type and hour, amount histograms) are one
 * {@code GROUP BY} each, run in parallel over the file.
 */
final class LogSource implements AutoCloseable {
    final Path file;
    final String name;
    final Connection conn;
    final List<String> columns = new ArrayList<>();

    LogSource(Path file) {
        this.file = file;
        this.name = file.toString();
        if (!Files.isRegularFile(file)) throw new InputException(name, Files.isDirectory(file) ? "is a directory, not a log file" : "no such file");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String reader;
        String lit = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        if (lower.endsWith(".parquet") || lower.endsWith(".pq")) reader = "read_parquet(" + lit + ")";
        else if (lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".tsv")) {
            reader = "read_csv(" + lit + ", header = true, all_varchar = true)";
        } else {
            throw new InputException(name, "unknown log type: expected a .csv, .csv.gz or .parquet file");
        }
        try {
            Properties p = new Properties();
            p.setProperty("jdbc_stream_results", "true");
            conn = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", p);
            try (Statement st = conn.createStatement()) {
                st.execute("SET preserve_insertion_order = true");
                st.execute("SET TimeZone = 'UTC'");
                st.execute("CREATE VIEW log AS SELECT * FROM " + reader);
                try (ResultSet rs = st.executeQuery("DESCRIBE log")) {
                    while (rs.next()) columns.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new InputException(name, "cannot read: " + oneLine(e));
        }
    }

    /** The column's SQL identifier, or an error naming the flag that should have named it. */
    String column(String wanted, String flag) {
        for (String c : columns) if (c.equals(wanted)) return ident(c);
        for (String c : columns) if (c.equalsIgnoreCase(wanted)) return ident(c);
        throw new InputException(name, -1, wanted, null, "no such column (columns: " + String.join(", ", columns)
                + "); name the right one with " + flag);
    }

    boolean has(String wanted) {
        for (String c : columns) if (c.equalsIgnoreCase(wanted)) return true;
        return false;
    }

    static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String oneLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    ResultSet query(String sql) throws SQLException {
        Statement st = conn.createStatement();
        st.closeOnCompletion();
        return st.executeQuery(sql);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // in-memory database: nothing to keep
        }
    }
}
