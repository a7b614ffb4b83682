package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriteTest {
    @TempDir
    Path dir;

    private static Table table(String[] names, String[]... columns) {
        StringColumn[] cols = new StringColumn[names.length];
        for (int i = 0; i < names.length; i++) cols[i] = new StringColumn(names[i], columns[i]);
        return new Table(Arrays.asList(cols));
    }

    private static List<SourceType> strings(int n) {
        return Collections.nCopies(n, SourceType.STRING);
    }

    private static void write(Path out, Table t, WriteOptions options) {
        try (TableSink sink = TableWriter.open(out, t.names(), strings(t.columnCount()), options)) {
            sink.append(t);
            sink.commit();
        }
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void write_simpleTable_writesUtf8LfNoBomNoNeedlessQuotes() throws IOException {
        Path out = dir.resolve("o.csv");
        write(out, table(new String[] {"id", "city"}, new String[] {"1", "2"}, new String[] {"Zürich", "Oslo"}),
                WriteOptions.csvDefaults(2));
        byte[] bytes = Files.readAllBytes(out);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("id,city\n1,Zürich\n2,Oslo\n");
        assertThat(bytes[0]).isEqualTo((byte) 'i');
    }

    @Test
    void write_valuesNeedingQuotes_areQuotedAndReadBackEqual() {
        String[] text = {"a,b", "say \"hi\"", "two\nlines", " padded ", "plain", "semi;colon"};
        Path out = dir.resolve("q.csv");
        write(out, table(new String[] {"text"}, text), WriteOptions.csvDefaults(1));
        ReadResult back = TableReader.read(out.toString(), ReadOptions.defaults());
        assertThat(((StringColumn) back.table().column("text")).values()).containsExactly(text);
    }

    @Test
    void write_missingCells_useEachColumnsMarker() throws IOException {
        Path out = dir.resolve("m.csv");
        Table t = table(new String[] {"a", "b", "c"},
                new String[] {"1", null}, new String[] {null, "x"}, new String[] {null, null});
        write(out, t, new WriteOptions(',', Arrays.asList("?", "NA", null)));
        assertThat(Files.readString(out)).isEqualTo("a,b,c\n1,NA,\n?,x,\n");
        ReadResult back = TableReader.read(out.toString(), ReadOptions.defaults());
        assertThat(back.missingMarkers()).containsExactly("?", "NA", "");
        assertThat(back.table().column("c").missingCount()).isEqualTo(2);
    }

    @Test
    void write_oneColumnWithMissingCell_quotesTheEmptyCellSoItIsNotABlankLine() {
        Path out = dir.resolve("one.csv");
        write(out, table(new String[] {"v"}, new String[] {"a", null, "b"}), WriteOptions.csvDefaults(1));
        ReadResult back = TableReader.read(out.toString(), ReadOptions.defaults());
        assertThat(((StringColumn) back.table().column("v")).values()).containsExactly("a", null, "b");
    }

    @Test
    void write_semicolonDelimiter_isUsedAndDetectedOnRead() throws IOException {
        Path out = dir.resolve("s.csv");
        write(out, table(new String[] {"a", "b"}, new String[] {"1,5"}, new String[] {"2"}), new WriteOptions(';', List.of()));
        assertThat(Files.readString(out)).isEqualTo("a;b\n1,5;2\n");
        assertThat(TableReader.read(out.toString(), ReadOptions.defaults()).delimiter()).isEqualTo(';');
    }

    @Test
    void write_tsvExtension_usesTabs() throws IOException {
        Path out = dir.resolve("t.tsv");
        write(out, table(new String[] {"a", "b"}, new String[] {"x,y"}, new String[] {"2"}), WriteOptions.csvDefaults(2));
        assertThat(Files.readString(out)).isEqualTo("a\tb\nx,y\t2\n");
    }

    @Test
    void write_gzExtension_writesGzip() throws IOException {
        Path out = dir.resolve("g.csv.gz");
        write(out, table(new String[] {"a"}, new String[] {"1", "2"}), WriteOptions.csvDefaults(1));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n1\n2\n");
        }
    }

    @Test
    void append_severalChunks_writesThemInOrder() throws IOException {
        Path out = dir.resolve("chunks.csv");
        try (TableSink sink = TableWriter.open(out, List.of("n"), strings(1), WriteOptions.csvDefaults(1))) {
            for (int k = 0; k < 3; k++) sink.append(table(new String[] {"n"}, new String[] {"c" + k}));
            sink.commit();
        }
        assertThat(Files.readString(out)).isEqualTo("n\nc0\nc1\nc2\n");
    }

    @Test
    void append_nonStringColumn_writesItsText() throws IOException {
        Path out = dir.resolve("num.csv");
        Table t = new Table(List.of(new NumericColumn("x", new double[] {1.5, Double.NaN})));
        try (TableSink sink = TableWriter.open(out, List.of("x"), List.of(SourceType.DOUBLE), WriteOptions.csvDefaults(1))) {
            sink.append(t);
            sink.commit();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("x");
        assertThat(lines.get(1)).isEqualTo(t.text(0, 0));
    }

    @Test
    void append_wrongColumnCount_isRejected() {
        try (TableSink sink = TableWriter.open(dir.resolve("w.csv"), List.of("a", "b"), strings(2), WriteOptions.csvDefaults(2))) {
            assertThatThrownBy(() -> sink.append(table(new String[] {"a"}, new String[] {"1"})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 columns");
        }
    }

    @Test
    void close_withoutCommit_leavesExistingTargetAndNoTempFile() throws IOException {
        Path out = dir.resolve("keep.csv");
        Files.writeString(out, "old\n");
        try (TableSink sink = TableWriter.open(out, List.of("a"), strings(1), WriteOptions.csvDefaults(1))) {
            sink.append(table(new String[] {"a"}, new String[] {"new"}));
            assertThat(dirListing()).hasSize(2).anyMatch(n -> n.startsWith(".keep.csv.tmp-"));
        }
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(dirListing()).containsExactly("keep.csv");
    }

    @Test
    void close_afterExceptionInTheMiddle_leavesNoOutput() throws IOException {
        Path out = dir.resolve("fail.csv");
        assertThatThrownBy(() -> {
            try (TableSink sink = TableWriter.open(out, List.of("a"), strings(1), WriteOptions.csvDefaults(1))) {
                sink.append(table(new String[] {"a"}, new String[] {"1"}));
                throw new IllegalStateException("model failed");
            }
        }).hasMessage("model failed");
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void commit_existingTarget_isReplaced() throws IOException {
        Path out = dir.resolve("r.csv");
        Files.writeString(out, "old\n");
        write(out, table(new String[] {"a"}, new String[] {"1"}), WriteOptions.csvDefaults(1));
        assertThat(Files.readString(out)).isEqualTo("a\n1\n");
        assertThat(dirListing()).containsExactly("r.csv");
    }

    @Test
    void append_afterCommit_isRejected() {
        TableSink sink = TableWriter.open(dir.resolve("c.csv"), List.of("a"), strings(1), WriteOptions.csvDefaults(1));
        sink.commit();
        assertThatThrownBy(() -> sink.append(table(new String[] {"a"}, new String[] {"1"}))).isInstanceOf(IllegalStateException.class);
        sink.close();
        assertThat(Files.exists(dir.resolve("c.csv"))).isTrue();
    }

    @Test
    void open_missingOutputDirectory_namesThePathAndWritesNothing() {
        Path out = dir.resolve("no/such/dir/out.csv");
        assertThatThrownBy(() -> TableWriter.open(out, List.of("a"), strings(1), WriteOptions.csvDefaults(1)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(out.toString())
                .hasMessageContaining("output directory does not exist");
        assertThat(Files.exists(dir.resolve("no"))).isFalse();
    }

    @Test
    void open_unknownExtension_isInputException() throws IOException {
        Path out = dir.resolve("out.xlsx");
        assertThatThrownBy(() -> TableWriter.open(out, List.of("a"), strings(1), WriteOptions.csvDefaults(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown output type");
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void open_targetIsADirectory_isInputException() throws IOException {
        Path out = Files.createDirectory(dir.resolve("d.csv"));
        assertThatThrownBy(() -> TableWriter.open(out, List.of("a"), strings(1), WriteOptions.csvDefaults(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("directory");
    }

    @Test
    void writeOptions_nullMarkers_meanEmpty() {
        assertThat(new WriteOptions(';', Arrays.asList("NA", null)).missingMarkers()).containsExactly("NA", "");
        assertThat(WriteOptions.csvDefaults(3)).isEqualTo(new WriteOptions(',', List.of("", "", "")));
    }

    @Test
    void readOptions_defaults_detectDelimiterUtf8AndUsualMarkers() {
        ReadOptions d = ReadOptions.defaults();
        assertThat(d.delimiter()).isNull();
        assertThat(d.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.query()).isNull();
        assertThat(d.missingMarkers()).containsExactly("", "NA", "N/A", "?", "null", "NULL", "NaN");
        assertThat(d.withDelimiter('|').withQuery("SELECT 1").withEncoding(StandardCharsets.ISO_8859_1))
                .isEqualTo(new ReadOptions('|', d.missingMarkers(), StandardCharsets.ISO_8859_1, "SELECT 1"));
    }

    @Test
    void writeOptions_quoteDelimiter_isRejected() {
        assertThatThrownBy(() -> new WriteOptions('"', List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
