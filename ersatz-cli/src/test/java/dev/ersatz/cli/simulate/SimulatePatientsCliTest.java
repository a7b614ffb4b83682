package dev.ersatz.cli.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.ersatz.cli.simulate.SimulateTransactionsCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz simulate patients} end to end, {@code simulate validate} on its output, and the bad-input answers. */
class SimulatePatientsCliTest {
    @TempDir Path dir;

    void badInput(SimulateTransactionsCliTest.Run r, Path out, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
        if (out != null) assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    @Test
    void patients_csvAndFhir_sameSeedSameBytes_thenValidate() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b"), f = dir.resolve("f");
        var ra = run("simulate", "patients", "--population", "300", "--out", a.toString(), "--seed", "7", "--threads", "1");
        var rb = run("simulate", "patients", "--population", "300", "--out", b.toString(), "--seed", "7", "--threads", "2");
        assertThat(ra.code()).as(ra.err()).isZero();
        assertThat(rb.code()).as(rb.err()).isZero();
        assertThat(ra.out()).contains("300 living").contains("Type 2 Diabetes");
        for (String t : new String[] {"patients", "encounters", "conditions", "medications", "observations", "procedures"}) {
            assertThat(Files.readAllBytes(b.resolve(t + ".csv"))).as(t).isEqualTo(Files.readAllBytes(a.resolve(t + ".csv")));
        }
        var rf = run("simulate", "patients", "--population", "20", "--out", f.toString(), "--format", "fhir", "--seed", "7");
        assertThat(rf.code()).as(rf.err()).isZero();
        try (Stream<Path> s = Files.list(f.resolve("fhir"))) {
            assertThat(s.count()).isGreaterThanOrEqualTo(20);
        }
        var v = run("simulate", "validate", a.toString());
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("checks pass").contains("prevalence");
        assertThat(dir.resolve("a.validation.html")).exists();
        var vf = run("simulate", "validate", f.toString());
        assertThat(vf.out()).contains("living patients as asked");
    }

    @Test
    void badInput_oneLineExit2() throws IOException {
        Path out = dir.resolve("p");
        badInput(run("simulate", "patients", "--population", "0", "--out", out.toString()), out, "--population");
        badInput(run("simulate", "patients", "--out", out.toString(), "--format", "xml"), out, "--format", "csv or fhir");
        badInput(run("simulate", "patients", "--out", dir.resolve("no/p").toString()), null, "parent directory does not exist");
        badInput(run("simulate", "patients", "--out", out.toString(), "--end-date", "soon"), out, "--end-date");
        Path mods = Files.createDirectory(dir.resolve("mods"));
        Files.writeString(mods.resolve("flu.json"), "{\"name\": \"Flu2\", \"states\": {\"Initial\": {\"type\": \"Initial\", \"direct_transition\": \"Sick\"},"
                + " \"Sick\": {\"type\": \"Simple\", \"distributed_transition\": [{\"distribution\": 0.5, \"transition\": \"Sick\"}]}}}");
        badInput(run("simulate", "patients", "--out", out.toString(), "--modules", mods.toString()), out, "flu.json", "state 'Sick'", "weights sum to 0.5");
        Files.writeString(mods.resolve("flu.json"), "{\"name\": \"Flu2\", \"states\": {\"Initial\": {\"type\": \"Initial\", \"direct_transition\": \"Sick\"},"
                + " \"Sick\": {\"type\": \"Sneeze\", \"direct_transition\": \"Initial\"}}}");
        badInput(run("simulate", "patients", "--out", out.toString(), "--modules", mods.toString()), out, "flu.json", "state 'Sick'", "unknown state type 'Sneeze'");
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "region,sex,age_low,age_high,weight\nNorth,F,0,4,lots\n");
        badInput(run("simulate", "patients", "--out", out.toString(), "--population-table", table.toString()), out, "t.csv", "row 1", "weight", "lots");
        Path foreign = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(foreign.resolve("notes.txt"), "keep");
        badInput(run("simulate", "patients", "--out", foreign.toString()), null, "not an Ersatz output");
        badInput(run("simulate", "validate", foreign.toString()), null, "no manifest.json");
    }
}
