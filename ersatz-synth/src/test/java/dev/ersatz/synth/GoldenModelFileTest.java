package dev.ersatz.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.model.ModelFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model file of format version 1, committed when the format was defined, must keep loading and
 * keep sampling the same rows. If this fails after an intended change to sampling, regenerate both
 * files with the commands in {@code src/test/resources/golden/README.md} and say so in the commit.
 */
class GoldenModelFileTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenModelFileTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void load_formatV1Golden_reserializesSameBodyAndSamplesSameRows() throws IOException {
        byte[] bytes = resource("penguins-copula-v1.ersatz");
        FittedModel model = FittedModel.load(bytes, "penguins-copula-v1.ersatz");
        assertThat(model.synthesizer()).isEqualTo("copula");

        JsonNode original = ModelFile.mapper().readTree(bytes).get("body");
        JsonNode again = ModelFile.mapper().readTree(model.toBytes()).get("body");
        assertThat(again).isEqualTo(original);

        Path golden = Files.createTempFile("golden", ".csv");
        Files.write(golden, resource("penguins-copula-v1-sample.csv"));
        Table expected = TableReader.read(golden.toString()).table();
        Files.delete(golden);
        Table actual = model.sample(200, 1);
        assertThat(actual.names()).isEqualTo(expected.names());
        for (int r = 0; r < 200; r++) {
            for (int c = 0; c < actual.columnCount(); c++) {
                assertThat(actual.text(r, c)).as("row %d column %s", r, actual.names().get(c)).isEqualTo(expected.text(r, c));
            }
        }
    }

    @Test
    void load_newerFormatVersion_isRefusedWithUpgradeAdvice() throws IOException {
        String text = new String(resource("penguins-copula-v1.ersatz"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"formatVersion\":1", "\"formatVersion\":2");
        assertThatThrownBy(() -> FittedModel.load(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "future.ersatz"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("future.ersatz")
                .hasMessageContaining("format version 2 is newer")
                .hasMessageContaining("upgrade Ersatz");
    }

    @Test
    void load_damagedBody_isClearErrorNotCrash() throws IOException {
        String text = new String(resource("penguins-copula-v1.ersatz"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"marginals\"", "\"marginalz\"");
        assertThatThrownBy(() -> FittedModel.load(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "damaged.ersatz"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("damaged.ersatz");
    }
}
