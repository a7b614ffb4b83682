package dev.ersatz.sim.engine;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowSinkTest {
    @TempDir Path dir;

    static final List<Field> FIELDS = List.of(
            Field.of("n", Field.Type.LONG), Field.of("id", Field.Type.ID), Field.of("x", Field.Type.DOUBLE),
            Field.of("amount", Field.Type.MONEY), Field.of("s", Field.Type.STRING), Field.of("b", Field.Type.BOOLEAN),
            Field.of("ts", Field.Type.TIMESTAMP), Field.of("d", Field.Type.DATE),
            Field.enumOf("kind", List.of("CASH_IN", "A, B")));

    static void writeRows(RowSink s) {
        s.putLong(-12); s.putId(4_829_301_746L); s.putDouble(0.25); s.putMoney(-123_45); s.putString("plain");
        s.putBoolean(true); s.putTimestamp(1_736_170_000L); s.putDate(20_094); s.putEnum(0); s.endRow();
        s.putNull(); s.putNull(); s.putDouble(Double.NaN); s.putMoney(5); s.putString("has, comma \"q\"");
        s.putBoolean(false); s.putNull(); s.putNull(); s.putEnum(1); s.endRow();
    }

    @Test
    void csv_formatsEveryType() throws Exception {
        Path out = dir.resolve("t.csv");
        try (RowSink s = RowSink.open(out, FIELDS)) {
            writeRows(s);
            s.commit();
        }
        assertThat(Files.readAllLines(out)).containsExactly(
                "n,id,x,amount,s,b,ts,d,kind",
                "-12,4829301746,0.25,-123.45,plain,true,2025-01-06T13:26:40,2025-01-06,CASH_IN",
                ",,,0.05,\"has, comma \"\"q\"\"\",false,,,\"A, B\"");
    }

    @Test
    void parquet_roundTripsTypes() throws Exception {
        Path out = dir.resolve("t.parquet");
        try (RowSink s = RowSink.open(out, FIELDS)) {
            writeRows(s);
            s.commit();
        }
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n, id, typeof(id), x, amount, typeof(amount), s, b, CAST(ts AS VARCHAR), "
                     + "CAST(d AS VARCHAR), kind FROM '" + out + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(-12);
            assertThat(rs.getString(2)).isEqualTo("4829301746");
            assertThat(rs.getString(3)).isEqualTo("VARCHAR");
            assertThat(rs.getDouble(4)).isEqualTo(0.25);
            assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("-123.45");
            assertThat(rs.getString(6)).isEqualTo("DECIMAL(18,2)");
            assertThat(rs.getString(7)).isEqualTo("plain");
            assertThat(rs.getBoolean(8)).isTrue();
            assertThat(rs.getString(9)).isEqualTo("2025-01-06 13:26:40");
            assertThat(rs.getString(10)).isEqualTo("2025-01-06");
            assertThat(rs.getString(11)).isEqualTo("CASH_IN");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNull();
            assertThat(rs.getObject(4)).isNull();
            assertThat(rs.getString(7)).isEqualTo("has, comma \"q\"");
            assertThat(rs.getString(11)).isEqualTo("A, B");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void closeWithoutCommit_leavesNothingAndKeepsEarlierFile() throws Exception {
        for (String name : new String[] {"a.csv", "a.parquet"}) {
            Path out = dir.resolve(name);
            Files.writeString(out, "earlier");
            try (RowSink s = RowSink.open(out, FIELDS)) {
                writeRows(s);
            }
            assertThat(Files.readString(out)).isEqualTo("earlier");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.csv", "a.parquet");
        }
    }

    @Test
    void open_badTargets_namedInOneLine() {
        assertThatThrownBy(() -> RowSink.open(dir.resolve("x.json"), FIELDS))
                .isInstanceOf(InputException.class).hasMessageContaining("x.json").hasMessageContaining("expected a .csv or a .parquet");
        assertThatThrownBy(() -> RowSink.open(dir.resolve("missing/x.csv"), FIELDS))
                .isInstanceOf(InputException.class).hasMessageContaining("output directory does not exist");
    }
}
