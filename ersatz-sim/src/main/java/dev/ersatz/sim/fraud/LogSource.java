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

    /**
     * Streams a simulated transactions log (the columns {@link TransactionSimulator#FIELDS} names) in
     * file order. Ids that are not all digits are hashed to a number.
     */
    void forEachTransaction(java.util.function.Consumer<TxRow> each) {
        String[] need = {"step", "timestamp", "type", "amount", "nameOrig", "oldbalanceOrg", "newbalanceOrig", "nameDest",
                "oldbalanceDest", "newbalanceDest", "typology", "caseId"};
        for (String c : need) column(c, "(a log written by 'ersatz simulate transactions')");
        String cents = "CAST(round(CAST(%s AS DOUBLE) * 100) AS BIGINT)";
        String sql = "SELECT CAST(step AS BIGINT), CAST(epoch(CAST(\"timestamp\" AS TIMESTAMP)) AS BIGINT), CAST(type AS VARCHAR), "
                + String.format(cents, "amount") + ", CAST(nameOrig AS VARCHAR), " + String.format(cents, "oldbalanceOrg") + ", "
                + String.format(cents, "newbalanceOrig") + ", CAST(nameDest AS VARCHAR), " + String.format(cents, "oldbalanceDest") + ", "
                + String.format(cents, "newbalanceDest") + ", CAST(typology AS VARCHAR), CAST(caseId AS BIGINT) FROM log";
        java.util.Map<String, Integer> codes = new java.util.HashMap<>();
        for (Pattern p : Pattern.TYPOLOGIES) codes.put(p.key(), p.code());
        TxRow r = new TxRow();
        long index = 0;
        try (ResultSet rs = query(sql)) {
            while (rs.next()) {
                r.index = index++;
                r.step = rs.getLong(1);
                r.time = rs.getLong(2);
                String type = rs.getString(3);
                TxType t = TxType.parse(type);
                if (t == null) throw new InputException(name, r.index + 1, "type", type, "not a transaction type");
                r.type = t.ordinal();
                r.cents = rs.getLong(4);
                r.orig = accountKey(rs.getString(5));
                r.oldOrig = rs.getLong(6);
                r.newOrig = rs.getLong(7);
                r.dest = accountKey(rs.getString(8));
                long od = rs.getLong(9);
                r.oldDest = rs.wasNull() ? Transfer.NONE : od;
                long nd = rs.getLong(10);
                r.newDest = rs.wasNull() ? Transfer.NONE : nd;
                String ty = rs.getString(11);
                if (ty == null) {
                    r.typology = 0;
                } else {
                    Integer code = codes.get(ty);
                    if (code == null) throw new InputException(name, r.index + 1, "typology", ty, "not a known typology");
                    r.typology = code;
                }
                long c = rs.getLong(12);
                r.caseId = rs.wasNull() ? -1 : c;
                each.accept(r);
            }
        } catch (SQLException e) {
            throw new InputException(name, "cannot read: " + oneLine(e));
        }
    }

    /** An account id as a number: its digits when it is all digits (up to 18), else a 64-bit hash. */
    static long accountKey(String id) {
        if (id == null) return -1;
        int n = id.length();
        boolean digits = n > 0 && n <= 18;
        for (int i = 0; i < n && digits; i++) digits = Character.isDigit(id.charAt(i));
        if (digits) return Long.parseLong(id);
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (int i = 0; i < n; i++) h = dev.ersatz.sim.engine.Rng.mix64(h ^ id.charAt(i));
        return h | Long.MIN_VALUE;
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
