package dev.ersatz.cli.simulate;

import dev.ersatz.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz simulate transactions} end to end, and its bad-input answers. */
class SimulateTransactionsCliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Exit 2, one line on stderr naming every fragment, no output and no temp file left. */
    void badInput(Run r, Path out, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
        if (out != null) {
            assertThat(out).doesNotExist();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
            }
        }
    }

    @Test
    void transactions_sameSeed_sameBytesOnOneAndTwoThreads_withManifest() throws IOException {
        Path a = dir.resolve("a.parquet"), b = dir.resolve("b.parquet");
        Run ra = run("simulate", "transactions", "--clients", "1500", "--days", "3", "--out", a.toString(), "--seed", "7", "--threads", "1");
        Run rb = run("simulate", "transactions", "--clients", "1500", "--days", "3", "--out", b.toString(), "--seed", "7", "--threads", "2");
        assertThat(ra.code()).as(ra.err()).isZero();
        assertThat(rb.code()).as(rb.err()).isZero();
        assertThat(ra.out()).contains("transactions").contains("labelled").contains("a.parquet.manifest.json");
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        String manifest = Files.readString(dir.resolve("a.parquet.manifest.json"));
        assertThat(manifest).contains("\"seed\" : 7").contains("\"library\" : \"ersatz ").contains("\"byLabel\"")
                .contains("\"scenario\"").contains("\"account_takeover\"");
    }

    @Test
    void calibrate_writesAggregatesOnly_andTheProfileDrivesARun() throws IOException {
        Path log = dir.resolve("log.csv"), profile = dir.resolve("profile.json"), out = dir.resolve("again.csv");
        assertThat(run("simulate", "transactions", "--clients", "800", "--days", "2", "--out", log.toString(), "--seed", "1").code()).isZero();
        Run cal = run("simulate", "transactions", "--calibrate", log.toString(), "--profile-out", profile.toString());
        assertThat(cal.code()).as(cal.err()).isZero();
        String json = Files.readString(profile);
        assertThat(json).contains("\"ersatzProfile\"").contains("amountHistogram").doesNotContain("nameOrig");
        // no account number from the log appears in the profile
        String firstRow = Files.readAllLines(log).get(1);
        String account = firstRow.split(",")[4];
        assertThat(json).doesNotContain(account);
        Run again = run("simulate", "transactions", "--clients", "800", "--days", "2", "--out", out.toString(), "--profile", profile.toString());
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void validate_passesACleanRun_failsABrokenOne_exit3() throws IOException {
        Path log = dir.resolve("v.parquet");
        assertThat(run("simulate", "transactions", "--clients", "1500", "--days", "7", "--out", log.toString(), "--seed", "3").code()).isZero();
        Run ok = run("simulate", "validate", log.toString(), "--skip-detectability");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("checks pass");
        assertThat(dir.resolve("v.parquet.validation.html")).exists();
        assertThat(Files.readString(dir.resolve("v.parquet.validation.json"))).contains("\"passed\" : true");
        // the manifest now claims more rows than the log has
        Path manifest = dir.resolve("v.parquet.manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"rows\" : (\\d+)", "\"rows\" : 1$1"));
        Run bad = run("simulate", "validate", log.toString(), "--skip-detectability", "--report", dir.resolve("r.html").toString());
        assertThat(bad.code()).isEqualTo(ValidateCommand.CHECK_FAILED);
        assertThat(bad.out()).contains("FAIL").contains("rows as in the manifest");
        assertThat(dir.resolve("r.html")).exists();
        assertThat(dir.resolve("r.json")).exists();
        Files.delete(manifest);
        badInput(run("simulate", "validate", log.toString()), null, "no manifest beside it");
        badInput(run("simulate", "validate", dir.resolve("nothing.parquet").toString()), null, "no such file");
    }

    @Test
    void badInput_oneLineExit2_noOutput() throws IOException {
        Path out = dir.resolve("t.csv");
        badInput(run("simulate", "transactions", "--clients", "5", "--out", out.toString()), out, "--clients", "at least 10");
        badInput(run("simulate", "transactions", "--days", "0", "--out", out.toString()), out, "--days");
        badInput(run("simulate", "transactions", "--out", dir.resolve("t.txt").toString()), dir.resolve("t.txt"), "expected a .csv or a .parquet");
        badInput(run("simulate", "transactions", "--out", dir.resolve("no/t.csv").toString()), null, "output directory does not exist");
        badInput(run("simulate", "transactions"), null, "--out", "is required");
        Path sc = dir.resolve("s.json");
        Files.writeString(sc, "{\"typologies\": {\"smurfing\": {\"rate\": 3}}}");
        badInput(run("simulate", "transactions", "--scenario", sc.toString(), "--out", out.toString()), out, "s.json", "smurfing", "unknown typology", "structuring");
        Files.writeString(sc, "{\"typologies\": {\"structuring\": {\"deposits\": [9, 2]}}}");
        badInput(run("simulate", "transactions", "--scenario", sc.toString(), "--out", out.toString()), out, "typologies.structuring.deposits", "low end above its high end");
        Files.writeString(sc, "{\"population\": {\"wealth\": 1}}");
        badInput(run("simulate", "transactions", "--scenario", sc.toString(), "--out", out.toString()), out, "population.wealth", "unknown parameter");
        Files.writeString(sc, "{\"profile\": \"missing.json\"}");
        badInput(run("simulate", "transactions", "--scenario", sc.toString(), "--out", out.toString()), out, "missing.json", "no such file");
        Files.writeString(sc, "{ not json");
        badInput(run("simulate", "transactions", "--scenario", sc.toString(), "--out", out.toString()), out, "s.json", "not valid JSON");
        Path log = dir.resolve("log.csv"), prof = dir.resolve("p.json");
        Files.writeString(log, "step,type,amount,nameOrig\n1,PAYMENT,12.5,A\n2,PURCHASE,3,B\n");
        badInput(run("simulate", "transactions", "--calibrate", log.toString(), "--profile-out", prof.toString()), prof, "PURCHASE", "--type-map");
        badInput(run("simulate", "transactions", "--calibrate", log.toString(), "--profile-out", prof.toString(), "--amount-column", "amt"), prof,
                "column 'amt'", "--amount-column");
        Files.writeString(log, "step,type,amount,nameOrig\n1,PAYMENT,12.5,A\n2,PAYMENT,lots,B\n");
        badInput(run("simulate", "transactions", "--calibrate", log.toString(), "--profile-out", prof.toString()), prof, "row 2", "lots", "not a number");
    }
}
