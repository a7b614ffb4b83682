package dev.ersatz.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --epsilon} and {@code --delta}: mapped onto the private synthesizers' options, the budget spent reported. */
class PrivateSynthesisCliTest {
    @TempDir Path dir;

    @Test
    void synth_mstWithEpsilonAndDelta_reportsTheBudgetSpent() {
        Path out = dir.resolve("mst.csv");
        CliTest.Run r = CliTest.run("synth", CliTest.penguins().toString(), "--synthesizer", "mst", "--epsilon", "2", "--delta", "1e-8",
                "--rows", "200", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("epsilon = 2,").contains("delta = 1.00e-08").contains("rho =");
        assertThat(out).exists();
    }

    @Test
    void fit_bayesnetWithEpsilon_reportsPureDifferentialPrivacy() {
        Path model = dir.resolve("pb.ersatz");
        CliTest.Run r = CliTest.run("fit", CliTest.penguins().toString(), "--synthesizer", "bayesnet", "--epsilon", "0.5", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("epsilon-differentially private, epsilon = 0.5 spent");
    }

    @Test
    void synth_epsilonOnANonPrivateSynthesizer_oneLineNamingTheFlag() {
        Path out = dir.resolve("c.csv");
        CliTest.Run r = CliTest.run("synth", CliTest.penguins().toString(), "--synthesizer", "copula", "--epsilon", "1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("--epsilon").contains("not differentially private");
        assertThat(out).doesNotExist();
    }
}
