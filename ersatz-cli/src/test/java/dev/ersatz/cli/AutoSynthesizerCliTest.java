package dev.ersatz.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --synthesizer auto}, the default of fit and synth: its choice is printed and recorded in the model. */
class AutoSynthesizerCliTest {
    @TempDir Path dir;

    @Test
    void fit_withoutSynthesizer_autoChoosesCartAndRecordsWhy() throws Exception {
        Path model = dir.resolve("m.ersatz");
        CliTest.Run r = CliTest.run("fit", CliTest.penguins().toString(), "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ersatz: note: synthesizer auto chose cart: ");
        String json = Files.readString(model);
        assertThat(json).contains("\"synthesizer\":\"auto\"").contains("\"chosen\":\"cart\"").contains("\"reason\":\"");
        Path out = dir.resolve("s.csv");
        CliTest.Run s = CliTest.run("sample", model.toString(), "--rows", "100", "--out", out.toString(), "--where", "species=Gentoo");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllLines(out).stream().skip(1)).hasSize(100).allMatch(l -> l.startsWith("Gentoo,"));
    }

    @Test
    void synth_withoutSynthesizer_printsTheChoice() {
        Path out = dir.resolve("s.csv");
        CliTest.Run r = CliTest.run("synth", CliTest.penguins().toString(), "--rows", "50", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("synthesizer auto chose cart");
        assertThat(out).exists();
    }

    @Test
    void synth_autoWithAnOption_oneLineSayingItTakesNone() {
        Path out = dir.resolve("s.csv");
        CliTest.Run r = CliTest.run("synth", CliTest.penguins().toString(), "--option", "minLeaf=3", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("minLeaf");
        assertThat(out).doesNotExist();
    }
}
