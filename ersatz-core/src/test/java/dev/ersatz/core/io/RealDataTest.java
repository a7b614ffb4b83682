package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads and writes the shared public datasets (skipped, with a message, where they are absent). */
class RealDataTest {
    private static final List<String> ADULT_COLUMNS = List.of("age", "workclass", "fnlwgt", "education", "education_num",
            "marital_status", "occupation", "relationship", "race", "sex", "capital_gain", "capital_loss",
            "hours_per_week", "native_country", "income");
    private static final Set<String> ADULT_INTEGERS = Set.of("age", "fnlwgt", "education_num", "capital_gain",
            "capital_loss", "hours_per_week");

    @TempDir
    Path dir;

    private static Path dataset(String relative) {
        String root = System.getProperty("ersatz.datasets");
        Assumptions.assumeTrue(root != null, "system property ersatz.datasets is not set: skipping real-data test");
        Path p = Path.of(root).resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "dataset " + p + " is absent: skipping real-data test");
        return p;
    }

    private static String[] values(Table t, String name) {
        return ((StringColumn) t.column(name)).values();
    }

    @Test
    void read_adultTrain_has32561RowsAnd15ColumnsWithEmptyMissingCells() {
        ReadResult r = TableReader.read(dataset("adult/adult_train.csv").toString(), ReadOptions.defaults());
        Table t = r.table();
        assertThat(t.rowCount()).isEqualTo(32_561);
        assertThat(t.names()).containsExactlyElementsOf(ADULT_COLUMNS);
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(t.column("workclass").missingCount()).isEqualTo(1836);
        assertThat(t.column("occupation").missingCount()).isEqualTo(1843);
        assertThat(t.column("native_country").missingCount()).isEqualTo(583);
        assertThat(t.column("age").missingCount()).isZero();
        assertThat(new java.util.HashSet<>(Arrays.asList(values(t, "income")))).containsExactlyInAnyOrder("<=50K", ">50K");
        assertThat(r.missingMarkers()).containsOnly("");
        assertThat(t.text(0, 1)).isEqualTo("State-gov");
    }

    @Test
    void read_adultRawUciFile_trimsSpacesAndReadsQuestionMarksAsMissing() throws IOException {
        // adult.data is the UCI original: ", " separators, "?" for missing, no header, a blank last line.
        Path raw = dataset("adult/adult.data");
        Path withHeader = dir.resolve("adult_raw.csv");
        byte[] header = (String.join(",", ADULT_COLUMNS) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(raw);
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        Files.write(withHeader, all);

        ReadResult uci = TableReader.read(withHeader.toString(), ReadOptions.defaults());
        Table clean = TableReader.read(dataset("adult/adult_train.csv").toString(), ReadOptions.defaults()).table();
        assertThat(uci.table().rowCount()).isEqualTo(clean.rowCount());
        for (String name : ADULT_COLUMNS) {
            assertThat(values(uci.table(), name)).as(name).isEqualTo(values(clean, name));
        }
        List<String> markers = uci.missingMarkers();
        assertThat(markers.get(ADULT_COLUMNS.indexOf("workclass"))).isEqualTo("?");
        assertThat(markers.get(ADULT_COLUMNS.indexOf("native_country"))).isEqualTo("?");
        assertThat(markers.get(ADULT_COLUMNS.indexOf("age"))).isEqualTo("");
    }

    @Test
    void read_penguins_unquotesStringsAndKeepsEmptyCellsMissing() {
        ReadResult r = TableReader.read(dataset("palmer_penguins/penguins.csv").toString(), ReadOptions.defaults());
        Table t = r.table();
        assertThat(t.rowCount()).isEqualTo(344);
        assertThat(t.names()).containsExactly("species", "island", "bill_length_mm", "bill_depth_mm",
                "flipper_length_mm", "body_mass_g", "sex", "year");
        assertThat(new java.util.HashSet<>(Arrays.asList(values(t, "species")))).containsExactlyInAnyOrder("Adelie", "Gentoo", "Chinstrap");
        assertThat(values(t, "bill_length_mm")[3]).isNull();
        assertThat(values(t, "sex")[3]).isNull();
        assertThat(values(t, "year")[3]).isEqualTo("2007");
        assertThat(t.column("year").missingCount()).isZero();
    }

    @Test
    void read_titanicKaggle_handlesCrlfAndQuotedCommas() {
        Table t = TableReader.read(dataset("titanic/titanic_kaggle_train.csv").toString(), ReadOptions.defaults()).table();
        assertThat(t.rowCount()).isEqualTo(891);
        assertThat(t.columnCount()).isEqualTo(11);
        assertThat(values(t, "name")[0]).isEqualTo("Braund, Mr. Owen Harris");
        assertThat(values(t, "embarked")[0]).isEqualTo("S");
        assertThat(values(t, "cabin")[0]).isNull();
    }

    @Test
    void roundTrip_adultThroughCsvWriter_isByteIdentical() throws IOException {
        Path src = dataset("adult/adult_train.csv");
        ReadResult r = TableReader.read(src.toString(), ReadOptions.defaults());
        Path out = dir.resolve("adult_copy.csv");
        try (TableSink sink = TableWriter.open(out, r.table().names(), types(r.table()),
                new WriteOptions(r.delimiter(), r.missingMarkers()))) {
            sink.append(r.table());
            sink.commit();
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void roundTrip_penguinsThroughCsvWriter_keepsEveryValue() {
        ReadResult r = TableReader.read(dataset("palmer_penguins/penguins.csv").toString(), ReadOptions.defaults());
        Path out = dir.resolve("penguins.csv");
        try (TableSink sink = TableWriter.open(out, r.table().names(), types(r.table()),
                new WriteOptions(r.delimiter(), r.missingMarkers()))) {
            sink.append(r.table());
            sink.commit();
        }
        Table back = TableReader.read(out.toString(), ReadOptions.defaults()).table();
        for (String name : r.table().names()) assertThat(values(back, name)).as(name).isEqualTo(values(r.table(), name));
    }

    @Test
    void roundTrip_adultCsvToParquetWithIntegerColumns_givesSameValuesAndTypes() {
        ReadResult r = TableReader.read(dataset("adult/adult_train.csv").toString(), ReadOptions.defaults());
        List<SourceType> types = new ArrayList<>();
        for (String name : r.table().names()) types.add(ADULT_INTEGERS.contains(name) ? SourceType.INTEGER : SourceType.STRING);
        Path pq = dir.resolve("adult.parquet");
        try (TableSink sink = TableWriter.open(pq, r.table().names(), types, WriteOptions.csvDefaults(15))) {
            sink.append(r.table());
            sink.commit();
        }
        Table back = TableReader.read(pq.toString(), ReadOptions.defaults()).table();
        assertThat(back.rowCount()).isEqualTo(32_561);
        for (int c = 0; c < 15; c++) {
            StringColumn b = (StringColumn) back.column(c);
            assertThat(b.name()).isEqualTo(ADULT_COLUMNS.get(c));
            assertThat(b.sourceType()).as(b.name()).isEqualTo(types.get(c));
            assertThat(b.values()).as(b.name()).isEqualTo(values(r.table(), b.name()));
        }
    }

    private static List<SourceType> types(Table t) {
        List<SourceType> types = new ArrayList<>();
        for (var c : t.columns()) types.add(((StringColumn) c).sourceType());
        return types;
    }
}
