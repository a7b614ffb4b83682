package dev.ersatz.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ersatz.cli.CliTest.penguins;
import static dev.ersatz.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz balance} end to end, and its bad-input corpus. */
class BalanceCliTest {
    @TempDir Path dir;

    static Map<String, Integer> counts(List<String> lines, int column) {
        Map<String, Integer> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) m.merge(l.split(",", -1)[column].replace("\"", ""), 1, Integer::sum);
        return m;
    }

    @Test
    void balance_penguinsDefault_realRowsFirstThenNewRowsOfTheRareClasses() throws IOException {
        Path out = dir.resolve("b.csv");
        CliTest.Run r = run("balance", penguins().toString(), "--target", "species", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("SMOTE-NC").contains("Chinstrap 68 -> 152 (+84 new)").contains("Gentoo 124 -> 152 (+28 new)");
        List<String> lines = Files.readAllLines(out);
        List<String> input = Files.readAllLines(penguins());
        assertThat(lines).hasSize(1 + 152 * 3);
        assertThat(lines.get(0)).isEqualTo("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year");
        assertThat(counts(lines, 0)).containsOnly(Map.entry("Adelie", 152), Map.entry("Chinstrap", 152), Map.entry("Gentoo", 152));
        // The real rows come first, with the same values (missing cells stay missing).
        for (int i = 1; i < input.size(); i++) assertThat(lines.get(i).replace("\"", "")).isEqualTo(input.get(i).replace("\"", ""));
    }

    @Test
    void balance_labelSynthetic_marksNewRows_customNameToo() throws IOException {
        Path out = dir.resolve("b.csv");
        CliTest.Run r = run("balance", penguins().toString(), "--target", "species", "--out", out.toString(), "--method", "smote",
                "--strategy", "Chinstrap=200,Gentoo=150", "--label-synthetic");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).endsWith(",synthetic");
        assertThat(lines).hasSize(1 + 344 + (200 - 68) + (150 - 124));
        for (int i = 1; i < lines.size(); i++) assertThat(lines.get(i)).endsWith(i <= 344 ? ",false" : ",true");
        Path out2 = dir.resolve("c.csv");
        assertThat(run("balance", penguins().toString(), "--target", "species", "--out", out2.toString(), "--label-synthetic=is_new").code()).isZero();
        assertThat(Files.readAllLines(out2).get(0)).endsWith(",is_new");
    }

    @Test
    void balance_sameSeed_sameBytesOnAnyThreadCount() throws IOException {
        for (String m : List.of("smotenc", "borderline1", "adasyn", "random", "copula")) {
            Path a = dir.resolve(m + "a.csv"), b = dir.resolve(m + "b.csv");
            assertThat(run("balance", penguins().toString(), "--target", "species", "--method", m, "--out", a.toString(), "--seed", "4").code()).isZero();
            assertThat(run("balance", penguins().toString(), "--target", "species", "--method", m, "--out", b.toString(), "--seed", "4", "--threads", "1").code()).isZero();
            assertThat(Files.readAllBytes(b)).as(m).isEqualTo(Files.readAllBytes(a));
        }
    }

    @Test
    void balance_parquetWithLabelAndReport_typedColumnsAndCounts() throws Exception {
        Path out = dir.resolve("b.parquet"), report = dir.resolve("r.json");
        CliTest.Run r = run("balance", penguins().toString(), "--target", "species", "--out", out.toString(), "--method", "borderline2",
                "--label-synthetic", "--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("distance to the closest real row");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FILTER (WHERE NOT synthetic), count(*) FILTER (WHERE synthetic), typeof(any_value(synthetic)), "
                    + "typeof(any_value(body_mass_g)) FROM read_parquet('" + out + "')");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(344);
            assertThat(rs.getLong(2)).isPositive();
            assertThat(rs.getString(3)).isEqualTo("BOOLEAN");
            assertThat(rs.getString(4)).isEqualTo("BIGINT");
        }
        String json = Files.readString(report);
        assertThat(json).contains("\"method\" : \"borderline2\"").contains("\"Chinstrap\"").contains("\"before\" : 68").contains("\"proximity\"");
    }

    /** One line on stderr, exit 2, no output file and no temp file left. */
    private void assertBadInput(CliTest.Run r, Path out, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception");
        for (String f : fragments) assertThat(r.err()).contains(f);
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
        }
    }

    @Test
    void balance_badInput_oneLineNamingIt() throws IOException {
        Path out = dir.resolve("o.csv");
        String in = penguins().toString();
        assertBadInput(run("balance", in, "--target", "colour", "--out", out.toString()), out, "'colour'", "no such column");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--method", "magic"), out, "magic", "resamplers");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--strategy", "0.5"), out, "two classes only");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--strategy", "Chinstrap=10"), out, "'Chinstrap' already has 68");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--k-neighbors", "100"), out, "--k-neighbors", "offers 67");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--label-synthetic=island"), out, "'island'", "already has a column");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--shrinkage", "0.5"), out, "--method random only");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--scale", "minmax"), out, "none or standard");
        assertBadInput(run("balance", in, "--target", "species", "--out", out.toString(), "--method", "smoten"), out, "smotenc");
        assertBadInput(run("balance", in, "--out", out.toString()), out, "--target");
    }

    @Test
    void synth_realFraction_mixesRealRowsInInputOrderWithSyntheticOnes() throws IOException {
        Path out = dir.resolve("h.csv"), again = dir.resolve("h2.csv");
        CliTest.Run r = run("synth", penguins().toString(), "--rows", "1000", "--out", out.toString(), "--real-fraction", "0.25", "--lineage", "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).endsWith(",synthetic");
        List<String> input = Files.readAllLines(penguins()).stream().map(l -> l.replace("\"", "")).toList();
        int lastIndex = 0;
        for (int i = 1; i <= 250; i++) {
            String row = lines.get(i);
            assertThat(row).endsWith(",false");
            int at = input.subList(1, input.size()).indexOf(row.substring(0, row.length() - ",false".length()));
            assertThat(at).as("real row %d is an input row, in input order", i).isGreaterThanOrEqualTo(lastIndex);
            lastIndex = at + 1;
        }
        for (int i = 251; i <= 1000; i++) assertThat(lines.get(i)).endsWith(",true");
        assertThat(run("synth", penguins().toString(), "--rows", "1000", "--out", again.toString(), "--real-fraction", "0.25", "--lineage", "--seed", "3", "--threads", "1").code()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void synth_realFraction_impossibleOrConflicting_oneLineError() throws IOException {
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", penguins().toString(), "--rows", "2000", "--out", out.toString(), "--real-fraction", "0.25"), out,
                "2,000 rows", "500 real rows", "input has 344");
        assertBadInput(run("synth", penguins().toString(), "--out", out.toString(), "--real-fraction", "1.5"), out, "between 0 and 1");
        assertBadInput(run("synth", penguins().toString(), "--out", out.toString(), "--real-fraction", "0.5", "--where", "sex=female"), out, "--where");
    }

    @Test
    void synthWithConstraints_everyRowKeepsThem() throws IOException {
        Path c = dir.resolve("c.json"), out = dir.resolve("s.csv");
        Files.writeString(c, """
                {"constraints": [
                  {"type": "fixedCombinations", "columns": ["species", "island"]},
                  {"type": "inequality", "low": "bill_depth_mm", "high": "bill_length_mm"},
                  {"type": "positive", "column": "body_mass_g", "strict": true}
                ]}""");
        CliTest.Run r = run("synth", penguins().toString(), "--rows", "3000", "--out", out.toString(), "--constraints", c.toString());
        assertThat(r.code()).as(r.err()).isZero();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (String l : Files.readAllLines(penguins()).subList(1, 345)) {
            String[] f = l.replace("\"", "").split(",", -1);
            pairs.add(f[0] + "|" + f[1]);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3001);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            assertThat(pairs).contains(f[0] + "|" + f[1]);
            if (!f[2].isEmpty() && !f[3].isEmpty()) assertThat(Double.parseDouble(f[3])).isLessThanOrEqualTo(Double.parseDouble(f[2]));
            if (!f[5].isEmpty()) assertThat(Integer.parseInt(f[5])).isPositive();
        }
    }

    @Test
    void fitWithConstraints_realRowsBreakingThem_failOrDrop() throws IOException {
        Path data = dir.resolve("stays.csv"), c = dir.resolve("c.json"), model = dir.resolve("m.ersatz");
        StringBuilder sb = new StringBuilder("checkin,checkout,nights\n");
        for (int i = 0; i < 60; i++) {
            int in = 1 + i % 20, n = 1 + i % 7;
            sb.append(String.format("2024-03-%02d,2024-03-%02d,%d%n", in, in + n, n));
        }
        sb.append("2024-03-10,2024-03-08,2\n").append("2024-03-11,2024-03-05,6\n");
        Files.writeString(data, sb.toString());
        Files.writeString(c, "{\"constraints\": [{\"type\": \"inequality\", \"low\": \"checkin\", \"high\": \"checkout\", \"strict\": true}]}");
        CliTest.Run fail = run("fit", data.toString(), "--out", model.toString(), "--constraints", c.toString());
        assertBadInput(fail, model, "stays.csv", "constraint 1 (inequality checkin < checkout)", "2 of 62 rows break it (rows 61, 62)", "--on-violation drop");
        CliTest.Run drop = run("fit", data.toString(), "--out", model.toString(), "--constraints", c.toString(), "--on-violation", "drop");
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(drop.err()).contains("ersatz: note: left out 2 row(s)").contains("rows 61, 62");
        Path out = dir.resolve("o.csv");
        assertThat(run("sample", model.toString(), "--rows", "2000", "--out", out.toString(), "--where", "checkin>=2024-03-15").code()).isZero();
        for (String l : Files.readAllLines(out).subList(1, 2001)) {
            String[] f = l.split(",");
            assertThat(f[1].compareTo(f[0])).as(l).isPositive();
            assertThat(f[0].compareTo("2024-03-15")).as(l).isGreaterThanOrEqualTo(0);
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"constraints\": [{\"type\": \"inequality\", \"low\": \"checkin\"}]}");
        assertBadInput(run("fit", data.toString(), "--out", model.toString() + "2", "--constraints", bad.toString()), dir.resolve("m.ersatz2"),
                "bad.json: constraint 1", "\"high\"");
    }

    @Test
    void synth_realFractionWithIdColumn_noKeyRepeatsARealOne() throws IOException {
        // Keys 1..300 learn the shape {1-3} (1..999): a fresh key would hit one of the 150 real keys kept
        // 15% of the time, so among 450 synthetic rows some would collide without the check.
        Path in = dir.resolve("ids.csv"), out = dir.resolve("h.csv");
        StringBuilder sb = new StringBuilder("id,x,kind\n");
        for (int i = 1; i <= 300; i++) sb.append(i).append(',').append(i % 17 * 1.5).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        Files.writeString(in, sb.toString());
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"columns\":[{\"name\":\"id\",\"kind\":\"id\"}]}");
        CliTest.Run r = run("synth", in.toString(), "--rows", "600", "--out", out.toString(), "--real-fraction", "0.25", "--metadata", meta.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String l : lines.subList(1, lines.size())) assertThat(keys.add(l.split(",")[0])).as(l).isTrue();
        assertThat(keys).hasSize(600);
    }
}
