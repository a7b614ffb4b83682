package dev.ersatz.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.eval.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz evaluate} and {@code ersatz synth --report} end to end, and their bad-input corpus. */
class EvaluateCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Penguins split by row parity into a training file and a holdout file. */
    private Path[] split() throws IOException {
        List<String> lines = Files.readAllLines(CliTest.penguins());
        List<String> train = new ArrayList<>(List.of(lines.get(0))), hold = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) (i % 2 == 0 ? hold : train).add(lines.get(i));
        Path t = dir.resolve("train.csv"), h = dir.resolve("holdout.csv");
        Files.write(t, train);
        Files.write(h, hold);
        return new Path[] {t, h};
    }

    private static void assertBadInput(Run r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
    }

    @Test
    void evaluate_allFlags_writesReportAndJsonAndPrintsVerdicts() throws IOException {
        Path[] th = split();
        Path syn = dir.resolve("syn.csv");
        assertThat(run("synth", th[0].toString(), "--out", syn.toString(), "--seed", "3").code()).isZero();
        Path report = dir.resolve("report.html"), json = dir.resolve("scores.json");
        Run r = run("evaluate", "--real", th[0].toString(), "--synthetic", syn.toString(), "--holdout", th[1].toString(),
                "--target", "species", "--report", report.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fidelity: ", "detection: ", "utility: ", "privacy: ", "report: " + report);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertThat(keys.subList(0, Evaluation.SUMMARY_KEYS.size())).isEqualTo(Evaluation.SUMMARY_KEYS);
        assertThat(root.get("tstr_f1").isNumber()).isTrue();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<canvas", "Chart.js v").doesNotContain("<script src");
        // The report embeds the same JSON document.
        assertThat(html).contains("\"detection_auc\" : " + root.get("detection_auc").asText().substring(0, 6));
    }

    @Test
    void evaluate_sameSeed_byteIdenticalJson() throws IOException {
        Path[] th = split();
        Path syn = dir.resolve("syn.csv");
        assertThat(run("synth", th[0].toString(), "--out", syn.toString()).code()).isZero();
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        assertThat(run("evaluate", "--real", th[0].toString(), "--synthetic", syn.toString(), "--holdout", th[1].toString(),
                "--target", "sex", "--json", a.toString(), "--threads", "1").code()).isZero();
        assertThat(run("evaluate", "--real", th[0].toString(), "--synthetic", syn.toString(), "--holdout", th[1].toString(),
                "--target", "sex", "--json", b.toString(), "--threads", "2").code()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void synthReport_noHoldout_splitsTwentyPercentAndSaysSo() throws IOException {
        Path out = dir.resolve("p.csv"), report = dir.resolve("r.html"), json = dir.resolve("s.json");
        Run r = run("synth", CliTest.penguins().toString(), "--rows", "500", "--out", out.toString(), "--report", report.toString(),
                "--json", json.toString(), "--target", "species", "--seed", "4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(501);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        // 344 rows: 69 held out (20%), 275 fitted
        assertThat(root.at("/inputs/holdout_rows").asInt()).isEqualTo(69);
        assertThat(root.at("/inputs/real_rows").asInt()).isEqualTo(275);
        assertThat(root.at("/inputs/holdout_note").asText()).startsWith("20% of ").contains("seed 4").contains("fitted on the other 275 rows");
        assertThat(Files.readString(report)).contains("20% of ");
    }

    @Test
    void synthReport_withHoldoutFile_fitsOnAllInput() throws IOException {
        Path[] th = split();
        Path out = dir.resolve("p.csv"), json = dir.resolve("s.json");
        Run r = run("synth", th[0].toString(), "--out", out.toString(), "--json", json.toString(), "--holdout", th[1].toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.at("/inputs/real_rows").asInt()).isEqualTo(172);
        assertThat(root.at("/inputs/holdout_rows").asInt()).isEqualTo(172);
        assertThat(root.at("/inputs/holdout_note").isMissingNode()).isTrue();
        assertThat(root.get("tstr_f1").isNull()).isTrue();
    }

    @Test
    void synthReport_hybridWithLineage_realRowsComeOnlyFromTheFittedPart() throws IOException {
        Path out = dir.resolve("h.csv"), json = dir.resolve("h.json");
        Run r = run("synth", CliTest.penguins().toString(), "--rows", "200", "--out", out.toString(), "--json", json.toString(),
                "--real-fraction", "0.5", "--label-synthetic", "--seed", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out).get(0)).endsWith(",synthetic");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        // Half the rows are real rows of the fitted part (the lineage column is not compared); none is a held-out row.
        assertThat(root.get("ims_train").asDouble()).isEqualTo(0.5);
        assertThat(root.get("ims_holdout").asDouble()).isZero();
    }

    // ---- bad input: one line, exit 2, nothing written ----

    @Test
    void evaluate_missingFileOrColumnMismatch_namesIt() throws IOException {
        Path[] th = split();
        Path json = dir.resolve("s.json");
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", dir.resolve("nope.csv").toString(), "--json", json.toString()),
                "nope.csv", "not found");
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "species,island,colour\nAdelie,Dream,red\n");
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", extra.toString(), "--json", json.toString()),
                "extra.csv", "'bill_length_mm'", "missing");
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(th[1]));
        lines.set(3, lines.get(3).replaceFirst("^([^,]*,[^,]*,)[^,]*", "$1long"));
        Files.write(bad, lines);
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", bad.toString(), "--json", json.toString()),
                "bad.csv", "row 3", "'bill_length_mm'", "\"long\"");
        assertThat(json).doesNotExist();
    }

    @Test
    void evaluate_badReportNameOrTarget_isUsageErrorBeforeAnyWork() throws IOException {
        Path[] th = split();
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", th[1].toString(), "--report", dir.resolve("r.txt").toString()),
                "--report", ".html");
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", th[1].toString(), "--report",
                dir.resolve("no/such/dir/r.html").toString()), "directory does not exist");
        assertBadInput(run("evaluate", "--real", th[0].toString(), "--synthetic", th[1].toString(), "--target", "colour"),
                "'colour'", "no such column");
        assertBadInput(run("evaluate", "--synthetic", th[1].toString()), "--real");
    }

    @Test
    void synth_evaluationFlagsWithoutReport_orUnknownTarget_refusedBeforeWriting() throws IOException {
        Path out = dir.resolve("o.csv");
        assertBadInput(run("synth", CliTest.penguins().toString(), "--out", out.toString(), "--target", "species"), "--target", "--report");
        assertBadInput(run("synth", CliTest.penguins().toString(), "--out", out.toString(), "--report", dir.resolve("r.html").toString(),
                "--target", "colour"), "'colour'", "no such column");
        assertBadInput(run("synth", CliTest.penguins().toString(), "--out", out.toString(), "--report", dir.resolve("r.html").toString(),
                "--holdout-share", "1.5"), "--holdout-share", "1.5");
        assertThat(out).doesNotExist();
    }
}
