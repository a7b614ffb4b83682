package dev.ersatz.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ersatz command end to end: the README's workflows, and the bad-input corpus. */
class CliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path penguins() {
        return Path.of(System.getProperty("ersatz.examples", "../examples")).resolve("penguins.csv");
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** One line on stderr, exit 2, no stack trace, and nothing left at the output path or beside it. */
    private void assertBadInput(Run r, Path out, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
        if (out != null) {
            assertThat(out).doesNotExist();
            try (Stream<Path> s = Files.list(out.toAbsolutePath().getParent() == null ? dir : out.toAbsolutePath().getParent())) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
            }
        }
    }

    @Test
    void version_printsLibraryVersion() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ersatz ");
    }

    @Test
    void synth_penguins_writesRequestedRowsInInputColumnOrder() throws IOException {
        Path out = dir.resolve("p.csv");
        Run r = run("synth", penguins().toString(), "--rows", "1000", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).isEqualTo("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year");
    }

    @Test
    void metadataFitSample_workflow_sameSeedSameBytes() throws IOException {
        Path meta = dir.resolve("meta.json"), model = dir.resolve("m.ersatz"), model2 = dir.resolve("m2.ersatz");
        assertThat(run("metadata", penguins().toString(), "--out", meta.toString()).code()).isZero();
        assertThat(Files.readString(meta)).contains("\"species\"").contains("categorical");
        assertThat(run("fit", penguins().toString(), "--out", model.toString(), "--metadata", meta.toString(), "--seed", "7").code()).isZero();
        assertThat(run("fit", penguins().toString(), "--out", model2.toString(), "--metadata", meta.toString(), "--seed", "7").code()).isZero();
        assertThat(Files.readAllBytes(model)).isEqualTo(Files.readAllBytes(model2));
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        assertThat(run("sample", model.toString(), "--rows", "20000", "--out", a.toString(), "--seed", "3").code()).isZero();
        assertThat(run("sample", model.toString(), "--rows", "20000", "--out", b.toString(), "--seed", "3", "--threads", "1").code()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void sample_whereAndParquet_rowsSatisfyConditionTyped() throws Exception {
        Path model = dir.resolve("m.ersatz");
        assertThat(run("fit", penguins().toString(), "--out", model.toString()).code()).isZero();
        Path out = dir.resolve("females.parquet");
        Run r = run("sample", model.toString(), "--rows", "500", "--out", out.toString(), "--where", "sex=female", "--where", "body_mass_g>4000");
        assertThat(r.code()).as(r.err()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE sex = 'female' AND body_mass_g > 4000), "
                    + "typeof(any_value(body_mass_g)), typeof(any_value(bill_length_mm)) FROM read_parquet('" + out + "')");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(500);
            assertThat(rs.getLong(2)).isEqualTo(500);
            assertThat(rs.getString(3)).isEqualTo("BIGINT");
            assertThat(rs.getString(4)).isEqualTo("DOUBLE");
        }
    }

    @Test
    void synth_jdbcInput_readsQueryResult() throws Exception {
        String url = "jdbc:h2:mem:clitest;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people(id INT PRIMARY KEY, age INT, city VARCHAR(20), income DOUBLE)");
            for (int i = 1; i <= 200; i++) {
                s.execute("INSERT INTO people VALUES (" + i + ", " + (20 + i % 50) + ", '" + (i % 3 == 0 ? "Oslo" : "Bergen") + "', "
                        + (i % 7 == 0 ? "NULL" : String.valueOf(30000 + 137.5 * i)) + ")");
            }
        }
        Path out = dir.resolve("people.csv");
        Run r = run("synth", "--input", url, "--query", "SELECT age, city, income FROM people", "--rows", "300", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualToIgnoringCase("age,city,income");
    }

    // ---- the bad-input corpus: each a clear one-line error, exit 2, nothing written ----

    @Test
    void synth_emptyFile_saysSo() throws IOException {
        Path in = write("empty.csv", "");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", in.toString(), "--out", out.toString()), out, "empty.csv", "empty");
    }

    @Test
    void synth_headerOnly_saysNoDataRows() throws IOException {
        Path in = write("header.csv", "a,b,c\n");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", in.toString(), "--out", out.toString()), out, "header.csv", "no data rows");
    }

    @Test
    void synth_raggedRow_namesRowAndColumn() throws IOException {
        Path in = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", in.toString(), "--out", out.toString()), out, "ragged.csv", "row 2");
    }

    @Test
    void synth_duplicateColumnNames_namesColumn() throws IOException {
        Path in = write("dup.csv", "a,b,a\n1,2,3\n");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", in.toString(), "--out", out.toString()), out, "dup.csv", "'a'");
    }

    @Test
    void synth_nonUtf8Bytes_namesRowAndByte() throws IOException {
        Path in = dir.resolve("latin1.csv");
        Files.write(in, "name,city\nAnna,Oslo\nJos\u00e9,M\u00e1laga\n".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", in.toString(), "--out", out.toString()), out, "latin1.csv", "row 2", "0xE9", "--encoding");
    }

    @Test
    void fit_textInNumericColumn_namesRowColumnValue() throws IOException {
        Path in = write("nums.csv", "age,city\n31,Oslo\n42,Bergen\nabc,Oslo\n");
        Path meta = write("meta.json", "{\"columns\":[{\"name\":\"age\",\"kind\":\"numeric\"}]}");
        Path out = dir.resolve("m.ersatz");
        assertBadInput(run("fit", in.toString(), "--metadata", meta.toString(), "--out", out.toString()), out,
                "nums.csv", "row 3", "'age'", "\"abc\"", "numeric");
    }

    @Test
    void sample_unknownWhereColumnOrValue_namesIt() throws IOException {
        Path model = dir.resolve("m.ersatz");
        assertThat(run("fit", penguins().toString(), "--out", model.toString()).code()).isZero();
        Path out = dir.resolve("o.csv");
        assertBadInput(run("sample", model.toString(), "--rows", "10", "--out", out.toString(), "--where", "colour=red"), out, "'colour'", "no such column");
        assertBadInput(run("sample", model.toString(), "--rows", "10", "--out", out.toString(), "--where", "species=Emperor"), out, "'species'", "\"Emperor\"");
    }

    @Test
    void sample_negativeRows_isUsageError() throws IOException {
        Path model = dir.resolve("m.ersatz");
        assertThat(run("fit", penguins().toString(), "--out", model.toString()).code()).isZero();
        Path out = dir.resolve("o.csv");
        assertBadInput(run("sample", model.toString(), "--rows", "-5", "--out", out.toString()), out, "--rows", "-5");
    }

    @Test
    void synth_missingOutputDirectory_namesIt() throws IOException {
        Path out = dir.resolve("no/such/dir/o.csv");
        assertBadInput(run("synth", penguins().toString(), "--out", out.toString()), null, "output directory does not exist");
        assertThat(out).doesNotExist();
    }

    @Test
    void sample_unreadableModelFile_saysNotAModel() throws IOException {
        Path bad = write("bad.ersatz", "this is not a model");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("sample", bad.toString(), "--rows", "10", "--out", out.toString()), out, "bad.ersatz", "not an Ersatz model file");
        Path missing = dir.resolve("missing.ersatz");
        assertBadInput(run("sample", missing.toString(), "--rows", "10", "--out", out.toString()), out, "missing.ersatz", "not found");
    }

    @Test
    void sample_modelFromNewerFormat_isRefusedClearly() throws IOException {
        Path model = write("future.ersatz", "{\"format\":\"ersatz-model\",\"formatVersion\":99,\"kind\":\"tabular\",\"library\":\"9.0.0\",\"provenance\":{},\"body\":{}}");
        Path out = dir.resolve("o.csv");
        assertBadInput(run("sample", model.toString(), "--rows", "10", "--out", out.toString()), out, "format version 99", "upgrade");
    }

    @Test
    void sample_existingOutputAndBadCondition_keepsOldFile() throws IOException {
        Path model = dir.resolve("m.ersatz");
        assertThat(run("fit", penguins().toString(), "--out", model.toString()).code()).isZero();
        Path out = write("keep.csv", "precious\n");
        Run r = run("sample", model.toString(), "--rows", "10", "--out", out.toString(), "--where", "body_mass_g>99999");
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("precious\n");
    }

    @Test
    void unknownOptionOrSynthesizer_isUsageError() {
        Run r = run("synth", penguins().toString(), "--out", dir.resolve("o.csv").toString(), "--synthesizer", "magic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown synthesizer").contains("copula");
        Run u = run("synth", "--bogus");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void synth_neuralSynthesizersWithTrainingFlags_writeRowsAndSaveModel() throws IOException {
        for (String name : List.of("ctgan", "tvae", "ddpm")) {
            Path out = dir.resolve(name + ".csv"), model = dir.resolve(name + ".ersatz");
            Run r = run("synth", penguins().toString(), "--synthesizer", name, "--epochs", "2", "--batch-size", "50",
                    "--time-budget", "10m", "--option", name.equals("ddpm") ? "timesteps=5" : "embeddingDim=16",
                    "--rows", "200", "--out", out.toString(), "--save-model", model.toString());
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            assertThat(Files.readAllLines(out)).hasSize(201);
            assertThat(Files.readString(model)).contains("\"synthesizer\":\"" + name + "\"").contains("\"epochs\":2");
            Path again = dir.resolve(name + "-again.csv");
            assertThat(run("sample", model.toString(), "--rows", "200", "--out", again.toString(), "--where", "species=Adelie").code()).isZero();
            assertThat(Files.readAllLines(again).stream().skip(1)).allMatch(l -> l.startsWith("Adelie,"));
        }
    }

    @Test
    void synth_trainingFlagWithCopula_namesTheFlag() {
        Path out = dir.resolve("o.csv");
        Run r = run("synth", penguins().toString(), "--synthesizer", "copula", "--epochs", "3", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs").contains("copula").doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }
}
