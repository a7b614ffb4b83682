package dev.ersatz.core.io;

import dev.ersatz.core.InputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The Parquet reader behind {@link TableReader}: a {@code read_parquet} query on an embedded DuckDB,
 * read by the JDBC reader, so Parquet columns get the same type mapping and canonical text.
 *
 * <p>Timestamps with a time zone are read in UTC (the session's TimeZone is set to UTC), so the text
 * does not depend on the machine's zone; the instant is the one stored.
 */
final class ParquetTableReader {
    private ParquetTableReader() {}

    static ReadResult read(Path path, String source) {
        try (Connection conn = DuckDb.open()) {
            try (var st = conn.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
            }
            String sql = "SELECT * FROM read_parquet(" + DuckDb.literal(path.toAbsolutePath().toString()) + ")";
            return JdbcTableReader.readQuery(conn, sql, source, "cannot read Parquet: ");
        } catch (SQLException e) {
            throw JdbcTableReader.sqlError(source, -1, null, e, null, "cannot read Parquet: ");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new InputException(source, "cannot load DuckDB, which reads Parquet: " + e.getMessage());
        }
    }
}
