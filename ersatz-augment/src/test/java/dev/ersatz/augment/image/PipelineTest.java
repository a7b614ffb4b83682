package dev.ersatz.augment.image;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineTest {
    static InputException error(String json) {
        try {
            Pipeline.parse(json, "pipeline.json");
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void unknownTransform_namesFileFieldAndSuggestion() {
        InputException e = error("{\"version\":1,\"transforms\":[{\"type\":\"horizontal_flip\"},{\"type\":\"rotat\",\"limit\":10}]}");
        assertThat(e.getMessage()).isEqualTo("pipeline.json: field 'transforms[1].type': unknown transform \"rotat\" (did you mean \"rotate\"?)");
    }

    @Test
    void unknownParameter_namesItsPathAndTheKnownOnes() {
        InputException e = error("{\"version\":1,\"transforms\":[{\"type\":\"one_of\",\"transforms\":[{\"type\":\"rotate\",\"angel\":10}]}]}");
        assertThat(e.getMessage()).startsWith("pipeline.json: field 'transforms[0].transforms[0].angel': unknown parameter of rotate (known: p, border")
                .contains("limit");
    }

    @Test
    void badValues_areOneLineNamingTheField() {
        assertThat(error("{\"version\":1,\"transforms\":[{\"type\":\"rotate\",\"limit\":[30,10]}]}").getMessage())
                .contains("'transforms[0].limit'").contains("above high end");
        assertThat(error("{\"version\":1,\"transforms\":[{\"type\":\"gamma\",\"p\":1.5}]}").getMessage())
                .contains("'transforms[0].p'").contains("between 0 and 1");
        assertThat(error("{\"transforms\":[]}").getMessage()).contains("'version': missing");
        assertThat(error("{\"version\":2,\"transforms\":[]}").getMessage()).contains("newer");
        assertThat(error("{\"version\":1,\"transforms\":[{\"type\":\"resize\",\"width\":10}]}").getMessage()).contains("'transforms[0].height': is required");
        assertThat(error("{\"version\":1,\"transforms\":[}").getMessage()).startsWith("pipeline.json: not valid JSON");
        assertThat(error("{\"version\":1,\"boxes\":{\"min_visiblity\":0.3},\"transforms\":[]}").getMessage()).contains("'boxes.min_visiblity'");
    }

    @Test
    void presets_allParse() {
        for (String name : Pipeline.PRESETS) assertThat(Pipeline.preset(name).rules()).isNotNull();
        assertThatThrownBy(() -> Pipeline.preset("sunny")).isInstanceOf(InputException.class).hasMessageContaining("driving-weather");
    }

    @Test
    void oneOf_picksByWeight_someOf_picksN() {
        Pipeline p = Pipeline.parse("{\"version\":1,\"transforms\":[{\"type\":\"one_of\",\"transforms\":["
                + "{\"type\":\"horizontal_flip\",\"p\":0.75},{\"type\":\"vertical_flip\",\"p\":0.25}]},"
                + "{\"type\":\"some_of\",\"n\":2,\"transforms\":[{\"type\":\"grayscale\"},{\"type\":\"equalize\"},{\"type\":\"channel_shuffle\"}]}]}", "t");
        int h = 0;
        Sample s = TransformContractTest.scene(0);
        for (int i = 0; i < 400; i++) {
            List<Pipeline.Step> steps = p.run(s, new SplittableRandom(i), Context.DEFAULT).steps();
            assertThat(steps).hasSize(3);
            if (steps.get(0).type().equals("horizontal_flip")) h++;
            assertThat(steps.get(1).path()).isNotEqualTo(steps.get(2).path());
        }
        assertThat(h).isBetween(260, 340);
    }

    @Test
    void streams_differPerInputAndCopy_andRepeatForTheSameTriple() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) for (int k = 0; k < 20; k++) assertThat(seen.add(ImageAugmenter.streamSeed(7, i, k))).isTrue();
        assertThat(ImageAugmenter.streamSeed(7, 3, 4)).isEqualTo(ImageAugmenter.streamSeed(7, 3, 4));
        assertThat(ImageAugmenter.streamSeed(7, 3, 4)).isNotEqualTo(ImageAugmenter.streamSeed(8, 3, 4));
    }
}
