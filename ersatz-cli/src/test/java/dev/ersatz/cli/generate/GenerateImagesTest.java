package dev.ersatz.cli.generate;

import dev.ersatz.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz generate images} end to end on a slice of the shared digits, with its bad inputs. */
class GenerateImagesTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The digits CSV's header and first 200 rows. */
    private Path digits() throws IOException {
        Path p = Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"), "digits_8x8", "digits.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset digits_8x8 not found: skipped");
        Path out = dir.resolve("digits200.csv");
        Files.write(out, Files.readAllLines(p).subList(0, 201));
        return out;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private void assertBadInput(Run r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
    }

    @Test
    void trainsSavesAndSamplesTheSameImagesFromTheModelFile() throws IOException {
        Path csv = digits(), out = dir.resolve("generated"), model = dir.resolve("digits.ersatz");
        Run r = run("generate", "images", "--train", csv.toString(), "--epochs", "2", "--batch-size", "32", "--per-class", "3",
                "--out", out.toString(), "--save-model", model.toString(), "--seed", "7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dcgan trained on 200 images (10 classes, 8x8) for 2 epochs").contains("30 images (10 classes x 3) written to");
        List<Path> written = files(out);
        assertThat(written).hasSize(30).contains(Path.of("0", "gen-00001.png"), Path.of("9", "gen-00003.png"));

        Path again = dir.resolve("again");
        Run s = run("generate", "images", "--model-file", model.toString(), "--per-class", "3", "--out", again.toString(), "--seed", "7");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(files(again)).isEqualTo(written);
        for (Path f : written) assertThat(Files.readAllBytes(again.resolve(f))).isEqualTo(Files.readAllBytes(out.resolve(f)));

        // An existing, non-empty output is refused before any work, and kept.
        Run busy = run("generate", "images", "--model-file", model.toString(), "--per-class", "1", "--out", out.toString());
        assertBadInput(busy, "output folder exists and is not empty");
        assertThat(files(out)).hasSize(30);
        Run replaced = run("generate", "images", "--model-file", model.toString(), "--per-class", "1", "--out", out.toString(), "--overwrite");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(files(out)).hasSize(10);
        try (Stream<Path> s2 = Files.list(dir)) {
            assertThat(s2.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp") || n.contains(".old"))).isEmpty();
        }
    }

    @Test
    void badInputsGiveOneLine() throws IOException {
        Path csv = digits(), out = dir.resolve("gen");
        assertBadInput(run("generate", "images", "--out", out.toString(), "--per-class", "2"), "--train");
        assertBadInput(run("generate", "images", "--train", csv.toString(), "--out", out.toString()), "--per-class");
        assertBadInput(run("generate", "images", "--train", csv.toString(), "--per-class", "2", "--out", out.toString(), "--model", "vqgan"),
                "unknown image model");
        assertBadInput(run("generate", "images", "--train", csv.toString(), "--per-class", "2", "--out", out.toString(), "--time-budget", "soon"),
                "--time-budget", "duration");

        List<String> lines = Files.readAllLines(csv);
        Path cut = dir.resolve("cut.csv");
        Files.write(cut, List.of(lines.get(0), lines.get(1), lines.get(2).substring(0, 20)));
        assertBadInput(run("generate", "images", "--train", cut.toString(), "--per-class", "2", "--out", out.toString()),
                cut.toString(), "row 2", "truncated?");

        Path notModel = Files.writeString(dir.resolve("m.ersatz"), "{\"format\":\"ersatz-model\",\"formatVersion\":1,\"kind\":\"tabular\",\"body\":{}}");
        assertBadInput(run("generate", "images", "--model-file", notModel.toString(), "--per-class", "2", "--out", out.toString()),
                "expected a 'image-generator' model");
        assertThat(out).doesNotExist();
    }
}
