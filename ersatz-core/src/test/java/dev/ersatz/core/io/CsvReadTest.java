package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReadTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static ReadResult read(Path p) {
        return TableReader.read(p.toString(), ReadOptions.defaults());
    }

    private static List<String> col(Table t, String name) {
        return Arrays.asList(((StringColumn) t.column(name)).values());
    }

    private static InputException readError(Path p, ReadOptions options) {
        try {
            TableReader.read(p.toString(), options);
        } catch (InputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(p.toString());
            return e;
        }
        throw new AssertionError("expected an InputException reading " + p);
    }

    @Test
    void read_commaFile_returnsStringColumnsTaggedString() throws IOException {
        Path p = file("a.csv", "id,name,score\n1,ann,3.5\n2,bob,4\n");
        ReadResult r = read(p);
        Table t = r.table();
        assertThat(t.names()).containsExactly("id", "name", "score");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(col(t, "name")).containsExactly("ann", "bob");
        assertThat(t.columns()).allSatisfy(c -> assertThat(((StringColumn) c).sourceType()).isEqualTo(SourceType.STRING));
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(r.source()).isEqualTo(p.toString());
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void read_eachCandidateDelimiter_isDetected(char d) throws IOException {
        String s = "a" + d + "b" + d + "c\n1" + d + "x y" + d + "3\n4" + d + "\"q" + d + "r\"" + d + "6\n";
        ReadResult r = read(file("d.csv", s));
        assertThat(r.delimiter()).isEqualTo(d);
        assertThat(r.table().names()).containsExactly("a", "b", "c");
        assertThat(col(r.table(), "b")).containsExactly("x y", "q" + d + "r");
    }

    @Test
    void read_semicolonFileWithDecimalCommas_detectsSemicolon() throws IOException {
        ReadResult r = read(file("eu.csv", "price;qty\n1,5;2\n3,25;4\n"));
        assertThat(r.delimiter()).isEqualTo(';');
        assertThat(col(r.table(), "price")).containsExactly("1,5", "3,25");
    }

    @Test
    void read_commaFileWithSemicolonsInText_detectsComma() throws IOException {
        ReadResult r = read(file("c.csv", "id,note\n1,a;b\n2,c;d\n3,plain\n"));
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(col(r.table(), "note")).containsExactly("a;b", "c;d", "plain");
    }

    @Test
    void read_oneColumnFile_fallsBackToComma() throws IOException {
        ReadResult r = read(file("one.csv", "word\nalpha\nbeta\n"));
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(col(r.table(), "word")).containsExactly("alpha", "beta");
    }

    @Test
    void read_tsvExtension_readsTabs() throws IOException {
        ReadResult r = read(file("t.tsv", "a\tb\nx, y\tz\n"));
        assertThat(r.delimiter()).isEqualTo('\t');
        assertThat(col(r.table(), "a")).containsExactly("x, y");
    }

    @Test
    void read_explicitDelimiter_overridesDetection() throws IOException {
        Path p = file("x.txt", "a;b,c\n1;2,3\n");
        ReadResult r = TableReader.read(p.toString(), ReadOptions.defaults().withDelimiter(';'));
        assertThat(r.delimiter()).isEqualTo(';');
        assertThat(r.table().names()).containsExactly("a", "b,c");
    }

    @Test
    void read_quotedFields_keepDelimitersQuotesAndNewlines() throws IOException {
        Path p = file("q.csv", "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"line one\nline two\"\n4,end\n");
        Table t = read(p).table();
        assertThat(col(t, "text")).containsExactly("a, b", "say \"hi\"", "line one\nline two", "end");
        assertThat(col(t, "id")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void read_crlfLineEndings_sameAsLf() throws IOException {
        Table t = read(file("crlf.csv", "a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n")).table();
        assertThat(col(t, "b")).containsExactly("2", "x\r\ny");
    }

    @Test
    void read_utf8Bom_isNotPartOfFirstName() throws IOException {
        byte[] body = "name,city\nJosé,Zürich\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF; bytes[1] = (byte) 0xBB; bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Table t = read(file("bom.csv", bytes)).table();
        assertThat(t.names()).containsExactly("name", "city");
        assertThat(col(t, "city")).containsExactly("Zürich");
    }

    @Test
    void read_unquotedSurroundingSpaces_areTrimmedButQuotedOnesKept() throws IOException {
        Table t = read(file("sp.csv", " a , b ,c\n  x  , \" y \" ,z \n")).table();
        assertThat(t.names()).containsExactly("a", "b", "c");
        assertThat(col(t, "a")).containsExactly("x");
        assertThat(col(t, "b")).containsExactly(" y ");
        assertThat(col(t, "c")).containsExactly("z");
    }

    @Test
    void read_blankAndWhitespaceOnlyLines_areSkipped() throws IOException {
        Table t = read(file("blank.csv", "\n\na,b\n\n1,2\n   \n\t\n3,4\n\n\n")).table();
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(col(t, "a")).containsExactly("1", "3");
    }

    @Test
    void read_defaultMarkers_areMissingAndTheMostFrequentIsReported() throws IOException {
        Path p = file("m.csv", "a,b,c,d\n,NA,x,1\n?,NA,y,2\n?,,z,NaN\nN/A,null,NULL,3\n");
        ReadResult r = read(p);
        Table t = r.table();
        assertThat(col(t, "a")).containsExactly(null, null, null, null);
        assertThat(col(t, "b")).containsExactly(null, null, null, null);
        assertThat(col(t, "c")).containsExactly("x", "y", "z", null);
        assertThat(col(t, "d")).containsExactly("1", "2", null, "3");
        assertThat(r.missingMarkers()).containsExactly("?", "NA", "NULL", "NaN");
    }

    @Test
    void read_noMissingCells_reportsEmptyMarker() throws IOException {
        ReadResult r = read(file("full.csv", "a,b\n1,2\n"));
        assertThat(r.missingMarkers()).containsExactly("", "");
    }

    @Test
    void read_quotedMarker_isMissingToo() throws IOException {
        Table t = read(file("qm.csv", "a,b\n\"NA\",\"\"\n1,2\n")).table();
        assertThat(col(t, "a")).containsExactly(null, "1");
        assertThat(col(t, "b")).containsExactly(null, "2");
    }

    @Test
    void read_customMarkers_onlyThoseAreMissing() throws IOException {
        Path p = file("cm.csv", "a,b\n-999,NA\n,x\n");
        ReadResult r = TableReader.read(p.toString(), ReadOptions.defaults().withMissingMarkers(List.of("-999")));
        assertThat(col(r.table(), "a")).containsExactly(null, "");
        assertThat(col(r.table(), "b")).containsExactly("NA", "x");
        assertThat(r.missingMarkers()).containsExactly("-999", "");
    }

    @Test
    void read_gzippedCsv_sameAsPlain() throws IOException {
        String text = "a,b\n1,x\n2,\"y,z\"\n";
        Path plain = file("g.csv", text);
        Path gz = dir.resolve("g.csv.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(gz))) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Table a = read(plain).table();
        Table b = read(gz).table();
        assertThat(col(b, "b")).isEqualTo(col(a, "b")).containsExactly("x", "y,z");
    }

    @Test
    void read_gzExtensionOnPlainText_isOneLineError() throws IOException {
        Path p = file("fake.csv.gz", "a,b\n1,2\n");
        assertThat(readError(p, ReadOptions.defaults()).getMessage()).contains("not a gzip file");
    }

    @Test
    void read_repeatedValues_shareOneStringPerDistinctValue() throws IOException {
        StringBuilder sb = new StringBuilder("k,v\n");
        for (int i = 0; i < 1000; i++) sb.append(i % 2 == 0 ? "red" : "blue").append(',').append(i).append('\n');
        String[] k = ((StringColumn) read(file("i.csv", sb.toString())).table().column("k")).values();
        assertThat(k[0]).isEqualTo("red");
        assertThat(k[998]).isSameAs(k[0]);
        assertThat(k[999]).isSameAs(k[1]);
    }

    @Test
    void read_manyRowsBeyondTheSample_readsEveryRow() throws IOException {
        StringBuilder sb = new StringBuilder("a;b;c\n");
        for (int i = 0; i < 20_000; i++) sb.append(i).append(";v").append(i % 7).append(";\"t;").append(i).append("\"\n");
        Table t = read(file("big.csv", sb.toString())).table();
        assertThat(t.rowCount()).isEqualTo(20_000);
        assertThat(t.text(19_999, 2)).isEqualTo("t;19999");
    }

    @Test
    void read_headerOnly_returnsZeroRowTable() throws IOException {
        ReadResult r = read(file("h.csv", "a,b,c\n"));
        assertThat(r.table().rowCount()).isZero();
        assertThat(r.table().names()).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "   \n \n"})
    void read_emptyFile_failsWithNoHeaderRow(String text) throws IOException {
        InputException e = readError(file("empty.csv", text), ReadOptions.defaults());
        assertThat(e.getMessage()).endsWith("empty file: no header row");
    }

    @Test
    void read_duplicateColumnName_namesItAndBothPositions() throws IOException {
        InputException e = readError(file("dup.csv", "id,age,name,age\n1,2,3,4\n"), ReadOptions.defaults());
        assertThat(e.row()).isZero();
        assertThat(e.column()).isEqualTo("age");
        assertThat(e.getMessage()).contains("header").contains("'age'").contains("positions 2 and 4");
    }

    @Test
    void read_rowWithExtraField_namesRowFieldAndValue() throws IOException {
        Path p = file("extra.csv", "a,b,c\n1,2,3\n\n4,5,6,surplus,more\n");
        InputException e = readError(p, ReadOptions.defaults());
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.value()).isEqualTo("surplus");
        assertThat(e.getMessage()).contains("row 2").contains("has 5 fields where the header has 3")
                .contains("field 4").contains("\"surplus\"").contains("after column 'c'").contains("line 4");
    }

    @Test
    void read_rowWithMissingField_namesRowAndFirstMissingColumn() throws IOException {
        Path p = file("short.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");
        InputException e = readError(p, ReadOptions.defaults());
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("c");
        assertThat(e.getMessage()).contains("row 3").contains("has 2 fields where the header has 3");
    }

    @Test
    void read_unclosedQuote_isOneLineError() throws IOException {
        InputException e = readError(file("uq.csv", "a,b\n1,\"open\n2,3\n"), ReadOptions.defaults());
        assertThat(e.getMessage()).contains("cannot parse CSV");
    }

    @Test
    void read_latin1ByteInData_namesRowColumnByteAndEncodingHint() throws IOException {
        byte[] bytes = "id,city,n\n1,Paris,2\n2,Montr\u00e9al,3\n".getBytes(StandardCharsets.ISO_8859_1);
        InputException e = readError(file("latin1.csv", bytes), ReadOptions.defaults());
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("city");
        assertThat(e.getMessage()).contains("0xE9").contains("--encoding ISO-8859-1").contains("Montr");
    }

    @Test
    void read_badByteFarBeyondTheSample_stillNamesRowAndColumn() throws IOException {
        StringBuilder sb = new StringBuilder("id,\"note\"\n");
        for (int i = 1; i < 5000; i++) sb.append(i).append(",\"multi\nline ").append(i).append("\"\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "5000,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        InputException e = readError(file("late.csv", all), ReadOptions.defaults());
        assertThat(e.row()).isEqualTo(5000);
        assertThat(e.column()).isEqualTo("note");
        assertThat(e.getMessage()).contains("0xE9");
    }

    @Test
    void read_badByteInHeader_namesTheHeader() throws IOException {
        byte[] bytes = "id,ann\u00e9e\n1,2\n".getBytes(StandardCharsets.ISO_8859_1);
        InputException e = readError(file("hdr.csv", bytes), ReadOptions.defaults());
        assertThat(e.row()).isZero();
        assertThat(e.getMessage()).contains("header").contains("0xE9").contains("field 2");
    }

    @Test
    void read_latin1FileWithLatin1Encoding_decodes() throws IOException {
        byte[] bytes = "id,city\n2,Montr\u00e9al\n".getBytes(StandardCharsets.ISO_8859_1);
        Path p = file("latin1ok.csv", bytes);
        ReadResult r = TableReader.read(p.toString(), ReadOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1));
        assertThat(col(r.table(), "city")).containsExactly("Montr\u00e9al");
    }

    @Test
    void read_truncatedUtf8SequenceAtEnd_isAnError() throws IOException {
        byte[] good = "a,b\n1,x".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(good, good.length + 1);
        bytes[good.length] = (byte) 0xC3;
        InputException e = readError(file("trunc.csv", bytes), ReadOptions.defaults());
        assertThat(e.getMessage()).contains("0xC3");
        assertThat(e.row()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("b");
    }

    @Test
    void read_missingFile_saysFileNotFound() {
        Path p = dir.resolve("nope.csv");
        assertThat(readError(p, ReadOptions.defaults()).getMessage()).isEqualTo(p + ": file not found");
    }

    @Test
    void read_directoryWithCsvName_isOneLineError() throws IOException {
        Path p = Files.createDirectory(dir.resolve("folder.csv"));
        assertThat(readError(p, ReadOptions.defaults()).getMessage()).contains("directory");
    }

    @Test
    void read_unknownExtension_namesTheAcceptedKinds() throws IOException {
        Path p = file("data.xlsx", "a,b\n");
        assertThat(readError(p, ReadOptions.defaults()).getMessage())
                .contains("unknown input type").contains(".csv").contains(".parquet").contains("jdbc:");
    }

    @Test
    void read_blankInput_isInputException() {
        assertThatThrownBy(() -> TableReader.read(" ", ReadOptions.defaults())).isInstanceOf(InputException.class);
    }

    @Test
    void read_unreadableFile_saysPermissionDenied() throws IOException {
        Path p = file("locked.csv", "a\n1\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(p.toFile().setReadable(false, false), "cannot change permissions here");
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p), "running as a user who reads anything (root)");
            assertThat(readError(p, ReadOptions.defaults()).getMessage()).contains("permission denied");
        } finally {
            p.toFile().setReadable(true, false);
        }
    }
}
