package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTest {
    @TempDir
    Path dir;

    private static StringColumn col(String name, SourceType type, String... values) {
        return new StringColumn(name, values, type);
    }

    private static void write(Path out, Table t) {
        List<SourceType> types = new ArrayList<>();
        for (var c : t.columns()) types.add(((StringColumn) c).sourceType());
        try (TableSink sink = TableWriter.open(out, t.names(), types, WriteOptions.csvDefaults(t.columnCount()))) {
            sink.append(t);
            sink.commit();
        }
    }

    private static StringColumn read(ReadResult r, String name) {
        return (StringColumn) r.table().column(name);
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTrip_everySourceType_keepsCanonicalValuesTypesAndNulls() {
        Table t = new Table(List.of(
                col("s", SourceType.STRING, "a", null, "NA", "x \"y\", z"),
                col("i", SourceType.INTEGER, "1", "-42", null, "9223372036854775807"),
                col("d", SourceType.DOUBLE, "1.5", "-0.25", "1.0E10", null),
                col("b", SourceType.BOOLEAN, "true", "false", null, "true"),
                col("dt", SourceType.DATE, "2024-02-29", null, "1970-01-01", "0999-12-31"),
                col("ts", SourceType.TIMESTAMP, "2024-01-02T03:04:05", "2024-01-02T03:04:05.123", null, "2000-01-01T00:00:00"),
                col("tz", SourceType.TIMESTAMP_TZ, "2024-01-02T03:04:05Z", null, "2024-01-02T05:04:05.5+02:00", "2024-06-30T23:59:59Z")));
        Path out = dir.resolve("all.parquet");
        write(out, t);
        ReadResult r = TableReader.read(out.toString(), ReadOptions.defaults());

        assertThat(r.delimiter()).isNull();
        assertThat(r.missingMarkers()).containsOnly("");
        assertThat(r.table().names()).containsExactly("s", "i", "d", "b", "dt", "ts", "tz");
        assertThat(r.table().rowCount()).isEqualTo(4);
        for (String name : List.of("s", "i", "d", "b", "dt", "ts")) {
            StringColumn back = read(r, name);
            StringColumn orig = (StringColumn) t.column(name);
            assertThat(back.sourceType()).as(name).isEqualTo(orig.sourceType());
            assertThat(back.values()).as(name).containsExactly(orig.values());
        }
        // TIMESTAMPTZ stores the instant: it comes back in UTC.
        assertThat(read(r, "tz").sourceType()).isEqualTo(SourceType.TIMESTAMP_TZ);
        assertThat(read(r, "tz").values())
                .containsExactly("2024-01-02T03:04:05Z", null, "2024-01-02T03:04:05.5Z", "2024-06-30T23:59:59Z");
    }

    @Test
    void roundTrip_decimal_isWrittenAsDouble() {
        Path out = dir.resolve("dec.parquet");
        write(out, new Table(List.of(col("price", SourceType.DECIMAL, "12.50", "0.1", null))));
        StringColumn back = read(TableReader.read(out.toString(), ReadOptions.defaults()), "price");
        assertThat(back.sourceType()).isEqualTo(SourceType.DOUBLE);
        assertThat(back.values()).containsExactly("12.5", "0.1", null);
    }

    @Test
    void roundTrip_zeroRows_keepsColumnsAndTypes() {
        Path out = dir.resolve("empty.pq");
        write(out, new Table(List.of(col("a", SourceType.INTEGER), col("b", SourceType.STRING))));
        ReadResult r = TableReader.read(out.toString(), ReadOptions.defaults());
        assertThat(r.table().rowCount()).isZero();
        assertThat(read(r, "a").sourceType()).isEqualTo(SourceType.INTEGER);
        assertThat(read(r, "b").sourceType()).isEqualTo(SourceType.STRING);
    }

    @Test
    void roundTrip_awkwardColumnNamesAndPath_areQuoted() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("it's here"));
        Path out = sub.resolve("o'brien \"data\".parquet");
        Table t = new Table(List.of(col("na\"me", SourceType.STRING, "v"), col("it's", SourceType.INTEGER, "7"),
                col("select", SourceType.STRING, "w")));
        write(out, t);
        ReadResult r = TableReader.read(out.toString(), ReadOptions.defaults());
        assertThat(r.table().names()).containsExactly("na\"me", "it's", "select");
        assertThat(read(r, "it's").values()).containsExactly("7");
    }

    @Test
    void append_manyChunks_keepsRowOrder() {
        Path out = dir.resolve("chunks.parquet");
        try (TableSink sink = TableWriter.open(out, List.of("n", "sq"), List.of(SourceType.INTEGER, SourceType.STRING),
                WriteOptions.csvDefaults(2))) {
            for (int chunk = 0; chunk < 5; chunk++) {
                String[] n = new String[1000];
                String[] sq = new String[1000];
                for (int i = 0; i < 1000; i++) {
                    n[i] = Integer.toString(chunk * 1000 + i);
                    sq[i] = "v" + (chunk * 1000 + i) % 13;
                }
                sink.append(new Table(List.of(new StringColumn("n", n), new StringColumn("sq", sq))));
            }
            sink.commit();
        }
        String[] back = read(TableReader.read(out.toString(), ReadOptions.defaults()), "n").values();
        assertThat(back).hasSize(5000);
        for (int i = 0; i < 5000; i++) assertThat(back[i]).isEqualTo(Integer.toString(i));
    }

    @Test
    void commit_valueItsTypeCannotParse_namesRowColumnValueAndLeavesTargetUntouched() throws IOException {
        Path out = dir.resolve("bad.parquet");
        Files.writeString(out, "previous good file");
        Table t = new Table(List.of(col("name", SourceType.STRING, "a", "b", "c"),
                col("age", SourceType.INTEGER, "31", null, "forty")));
        assertThatThrownBy(() -> write(out, t))
                .isInstanceOf(InputException.class)
                .satisfies(e -> {
                    InputException ie = (InputException) e;
                    assertThat(ie.row()).isEqualTo(3);
                    assertThat(ie.column()).isEqualTo("age");
                    assertThat(ie.value()).isEqualTo("forty");
                    assertThat(ie.getMessage()).startsWith(out.toString()).doesNotContain("\n");
                });
        assertThat(Files.readString(out)).isEqualTo("previous good file");
        assertThat(dirListing()).containsExactly("bad.parquet");
    }

    @Test
    void close_withoutCommit_leavesNoFiles() throws IOException {
        Path out = dir.resolve("never.parquet");
        try (TableSink sink = TableWriter.open(out, List.of("a"), List.of(SourceType.STRING), WriteOptions.csvDefaults(1))) {
            sink.append(new Table(List.of(col("a", SourceType.STRING, "x"))));
        }
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void open_missingDirectory_isInputException() {
        Path out = dir.resolve("missing/out.parquet");
        assertThatThrownBy(() -> TableWriter.open(out, List.of("a"), List.of(SourceType.STRING), WriteOptions.csvDefaults(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("output directory does not exist");
    }

    @Test
    void read_fileThatIsNotParquet_isOneLineError() throws IOException {
        Path p = dir.resolve("fake.parquet");
        Files.writeString(p, "a,b\n1,2\n");
        assertThatThrownBy(() -> TableReader.read(p.toString(), ReadOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(p + ": cannot read Parquet")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void read_missingParquetFile_saysFileNotFound() {
        Path p = dir.resolve("gone.parquet");
        assertThatThrownBy(() -> TableReader.read(p.toString(), ReadOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessage(p + ": file not found");
    }

    @Test
    void roundTrip_csvThroughParquet_givesSameValues() throws IOException {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "id,name,score,joined\n1,ann,3.5,2020-01-01\n2,,4.25,\n3,\"c, d\",,2021-12-31\n");
        ReadResult in = TableReader.read(csv.toString(), ReadOptions.defaults());
        List<SourceType> types = List.of(SourceType.INTEGER, SourceType.STRING, SourceType.DOUBLE, SourceType.DATE);
        Path pq = dir.resolve("out.parquet");
        try (TableSink sink = TableWriter.open(pq, in.table().names(), types, WriteOptions.csvDefaults(4))) {
            sink.append(in.table());
            sink.commit();
        }
        ReadResult back = TableReader.read(pq.toString(), ReadOptions.defaults());
        for (int c = 0; c < 4; c++) {
            StringColumn b = (StringColumn) back.table().column(c);
            assertThat(b.sourceType()).isEqualTo(types.get(c));
            assertThat(b.values()).isEqualTo(((StringColumn) in.table().column(c)).values());
        }
        assertThat(Arrays.asList(read(back, "name").values())).containsExactly("ann", null, "c, d");
    }
}
