package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcReadTest {
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(url);
        try (Statement st = keepAlive.createStatement()) {
            st.execute("CREATE TABLE people (id BIGINT, age INT, small SMALLINT, tiny TINYINT, height REAL, weight DOUBLE PRECISION,"
                    + " balance DECIMAL(10,2), active BOOLEAN, born DATE, seen TIMESTAMP(6), seen_tz TIMESTAMP(6) WITH TIME ZONE,"
                    + " name VARCHAR(50), note CLOB)");
            st.execute("INSERT INTO people VALUES (1, 30, 7, 1, 0.1, 72.5, 12.50, TRUE, DATE '1994-03-05',"
                    + " TIMESTAMP '2024-01-02 03:04:00', TIMESTAMP WITH TIME ZONE '2024-01-02 03:04:05.120+02:00', 'Ann', 'NA')");
            st.execute("INSERT INTO people VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            st.execute("INSERT INTO people VALUES (3, -5, -7, -1, 1.5, 1.0E10, -0.05, FALSE, DATE '2000-02-29',"
                    + " TIMESTAMP '1999-12-31 23:59:59.5', TIMESTAMP WITH TIME ZONE '1999-12-31 23:59:59Z', 'Ann', '')");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("SHUTDOWN");
        }
        keepAlive.close();
    }

    private ReadResult query(String sql) {
        return TableReader.read(url, ReadOptions.defaults().withQuery(sql));
    }

    private static StringColumn col(ReadResult r, String name) {
        return (StringColumn) r.table().column(name);
    }

    @Test
    void read_typedH2Table_mapsTypesAndRendersCanonicalText() {
        ReadResult r = query("SELECT * FROM people ORDER BY id");
        assertThat(r.table().rowCount()).isEqualTo(3);
        assertThat(r.table().names()).containsExactly("ID", "AGE", "SMALL", "TINY", "HEIGHT", "WEIGHT", "BALANCE",
                "ACTIVE", "BORN", "SEEN", "SEEN_TZ", "NAME", "NOTE");
        assertThat(r.delimiter()).isNull();
        assertThat(r.missingMarkers()).hasSize(13).containsOnly("");

        assertThat(col(r, "ID").sourceType()).isEqualTo(SourceType.INTEGER);
        assertThat(col(r, "AGE").values()).containsExactly("30", null, "-5");
        assertThat(col(r, "SMALL").sourceType()).isEqualTo(SourceType.INTEGER);
        assertThat(col(r, "TINY").values()).containsExactly("1", null, "-1");
        assertThat(col(r, "HEIGHT").sourceType()).isEqualTo(SourceType.DOUBLE);
        assertThat(col(r, "HEIGHT").values()).containsExactly("0.1", null, "1.5");
        assertThat(col(r, "WEIGHT").values()).containsExactly("72.5", null, "1.0E10");
        assertThat(col(r, "BALANCE").sourceType()).isEqualTo(SourceType.DECIMAL);
        assertThat(col(r, "BALANCE").values()).containsExactly("12.50", null, "-0.05");
        assertThat(col(r, "ACTIVE").sourceType()).isEqualTo(SourceType.BOOLEAN);
        assertThat(col(r, "ACTIVE").values()).containsExactly("true", null, "false");
        assertThat(col(r, "BORN").sourceType()).isEqualTo(SourceType.DATE);
        assertThat(col(r, "BORN").values()).containsExactly("1994-03-05", null, "2000-02-29");
        assertThat(col(r, "SEEN").sourceType()).isEqualTo(SourceType.TIMESTAMP);
        assertThat(col(r, "SEEN").values()).containsExactly("2024-01-02T03:04:00", null, "1999-12-31T23:59:59.5");
        assertThat(col(r, "SEEN_TZ").sourceType()).isEqualTo(SourceType.TIMESTAMP_TZ);
        assertThat(col(r, "SEEN_TZ").values()).containsExactly("2024-01-02T03:04:05.12+02:00", null, "1999-12-31T23:59:59Z");
        assertThat(col(r, "NAME").sourceType()).isEqualTo(SourceType.STRING);
        // A typed source has real NULLs: text that looks like a marker is text.
        assertThat(col(r, "NOTE").values()).containsExactly("NA", null, "");
        assertThat(col(r, "NAME").values()[2]).isSameAs(col(r, "NAME").values()[0]);
    }

    @Test
    void read_queryWithAliasesAndExpressions_usesTheLabels() {
        ReadResult r = query("SELECT name AS who, age + 1 AS next_age FROM people WHERE id = 1");
        assertThat(r.table().names()).containsExactly("WHO", "NEXT_AGE");
        assertThat(col(r, "NEXT_AGE").values()).containsExactly("31");
    }

    @Test
    void read_emptyResult_isZeroRowTable() {
        ReadResult r = query("SELECT id, name FROM people WHERE id < 0");
        assertThat(r.table().rowCount()).isZero();
        assertThat(col(r, "ID").sourceType()).isEqualTo(SourceType.INTEGER);
    }

    @Test
    void read_noQuery_isInputException() {
        assertThatThrownBy(() -> TableReader.read(url, ReadOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessageContaining("needs a SQL query");
    }

    @Test
    void read_badSql_isOneLineWithTheDriversMessage() {
        assertThatThrownBy(() -> query("SELECT * FROM nope"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("SQL error")
                .hasMessageContaining("NOPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void read_multiLineDuckDbError_isJoinedIntoOneLineWithoutCaretLines() {
        assertThatThrownBy(() -> TableReader.read("jdbc:duckdb:", ReadOptions.defaults().withQuery("SELEC 1")))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("jdbc:duckdb:: SQL error: Parser Error: syntax error at or near \"SELEC\"")
                .hasMessageContaining("LINE 1: SELEC 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("^"));
    }

    @Test
    void read_duplicateColumnLabels_namesThePositions() {
        assertThatThrownBy(() -> query("SELECT id, age AS id FROM people"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'ID'").hasMessageContaining("positions 1 and 2");
    }

    @Test
    void read_urlWithoutDriver_neverPrintsThePassword() {
        String secretUrl = "jdbc:nosuchdb://db.example/sales?user=ann&password=hunter2";
        assertThatThrownBy(() -> TableReader.read(secretUrl, ReadOptions.defaults().withQuery("SELECT 1")))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").contains("password=***"));
    }

    @Test
    void redact_userInfoAndPasswordParameters_areHidden() {
        assertThat(JdbcTableReader.redact("jdbc:postgresql://ann:s3cret@host/db")).isEqualTo("jdbc:postgresql://ann:***@host/db");
        assertThat(JdbcTableReader.redact("jdbc:sqlserver://h;user=a;password=p;db=x")).isEqualTo("jdbc:sqlserver://h;user=a;password=***;db=x");
        assertThat(JdbcTableReader.redact("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void read_duckDbUrl_mapsUnsignedAndHugeIntegersToInteger() {
        ReadResult r = TableReader.read("jdbc:duckdb:", ReadOptions.defaults().withQuery(
                "SELECT 170141183460469231731687303715884105727::HUGEINT AS h, 255::UTINYINT AS u, "
                        + "18446744073709551615::UBIGINT AS ub, 1.5::FLOAT AS f, 'x'::VARCHAR AS s, NULL::BIGINT AS n"));
        assertThat(col(r, "h").sourceType()).isEqualTo(SourceType.INTEGER);
        assertThat(col(r, "h").values()).containsExactly("170141183460469231731687303715884105727");
        assertThat(col(r, "u").values()).containsExactly("255");
        assertThat(col(r, "ub").values()).containsExactly("18446744073709551615");
        assertThat(col(r, "f").sourceType()).isEqualTo(SourceType.DOUBLE);
        assertThat(col(r, "f").values()).containsExactly("1.5");
        assertThat(col(r, "n").values()).containsExactly((String) null);
    }
}
