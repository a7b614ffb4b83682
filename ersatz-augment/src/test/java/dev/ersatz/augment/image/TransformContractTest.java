package dev.ersatz.augment.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every registered transform keeps (DESIGN.md: one shared suite per plug-in kind):
 * same parameters give the same bytes, recorded parameters survive JSON and replay byte for byte,
 * masks keep the image's size, boxes stay inside the image with positive size, keypoints inside,
 * and the input sample is never changed.
 */
class TransformContractTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A 64×48 RGB scene: a gradient, a bright rectangle (its box, mask and a keypoint at its centre). */
    static Sample scene(int seed) {
        int w = 64, h = 48;
        byte[] d = new byte[w * h * 3];
        byte[] m = new byte[w * h];
        SplittableRandom r = new SplittableRandom(seed);
        int x0 = 10 + r.nextInt(10), y0 = 8 + r.nextInt(8), x1 = x0 + 20, y1 = y0 + 16;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                boolean in = x >= x0 && x < x1 && y >= y0 && y < y1;
                d[p] = (byte) (in ? 230 : x * 3);
                d[p + 1] = (byte) (in ? 40 : y * 4);
                d[p + 2] = (byte) (in ? 90 : 128 + seed * 20);
                m[y * w + x] = (byte) (in ? 1 : 0);
            }
        }
        return new Sample(new Image(w, h, 3, d), new Image(w, h, 1, m), List.of(new Box(x0, y0, x1, y1, "obj")),
                List.of(new Keypoint((x0 + x1) / 2.0, (y0 + y1) / 2.0, "centre")), Map.of("class" + seed, 1.0));
    }

    static final List<Sample> BATCH = List.of(scene(0), scene(1), scene(2), scene(3));
    static final Context CTX = new Context(TargetRules.DEFAULT, new Context.Batch() {
        @Override public int size() { return BATCH.size(); }
        @Override public Sample load(int index) { return BATCH.get(index); }
    }, 0);

    static Stream<String> types() {
        return Transforms.names().stream();
    }

    /** Parameters that make size-changing transforms valid on the 64×48 scene. */
    static String config(String type) {
        switch (type) {
            case "random_resized_crop": return "{\"type\":\"random_resized_crop\",\"width\":32,\"height\":24}";
            case "random_crop": case "center_crop": return "{\"type\":\"" + type + "\",\"width\":40,\"height\":30}";
            case "resize": return "{\"type\":\"resize\",\"width\":50,\"height\":37}";
            case "pad": return "{\"type\":\"pad\",\"min_width\":80,\"min_height\":60}";
            case "coarse_dropout": return "{\"type\":\"coarse_dropout\",\"fill\":\"random\",\"mask_fill\":0}";
            default: return "{\"type\":\"" + type + "\"}";
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void transform_keepsTargetsValid_andReplaysByteForByte(String type) throws Exception {
        Pipeline p = Pipeline.parse("{\"version\":1,\"transforms\":[" + config(type) + "]}", "contract");
        Sample in = BATCH.get(0);
        byte[] before = in.image().data.clone();
        for (int seed = 0; seed < 4; seed++) {
            Pipeline.Result a = p.run(in, new SplittableRandom(seed), CTX);
            Pipeline.Result b = p.run(in, new SplittableRandom(seed), CTX);
            assertThat(a.sample().image()).isEqualTo(b.sample().image());
            assertThat(a.steps()).hasSize(1);
            // Through JSON and back, then replayed.
            String json = JSON.writeValueAsString(Pipeline.stepsToJson(a.steps()));
            JsonNode back = JSON.readTree(json);
            Sample replayed = p.replay(in, Pipeline.stepsFromJson(back), CTX);
            assertThat(replayed.image().data).as("replay of %s", json).isEqualTo(a.sample().image().data);
            if (replayed.mask() != null) assertThat(replayed.mask().data).isEqualTo(a.sample().mask().data);
            assertThat(replayed.boxes()).isEqualTo(a.sample().boxes());
            Sample s = a.sample();
            if (s.mask() != null) {
                assertThat(s.mask().width).isEqualTo(s.image().width);
                assertThat(s.mask().height).isEqualTo(s.image().height);
            }
            for (Box bx : s.boxes()) {
                assertThat(bx.x0()).isGreaterThanOrEqualTo(0);
                assertThat(bx.y0()).isGreaterThanOrEqualTo(0);
                assertThat(bx.x1()).isLessThanOrEqualTo(s.width()).isGreaterThan(bx.x0());
                assertThat(bx.y1()).isLessThanOrEqualTo(s.height()).isGreaterThan(bx.y0());
            }
            for (Keypoint k : s.keypoints()) {
                assertThat(k.x()).isBetween(0.0, (double) s.width());
                assertThat(k.y()).isBetween(0.0, (double) s.height());
            }
            double total = 0;
            for (double v : s.label().values()) total += v;
            assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(in.image().data).as("input unchanged").isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("types")
    void transform_changesTheImage_forSomeSeed(String type) {
        Pipeline p = Pipeline.parse("{\"version\":1,\"transforms\":[" + config(type) + "]}", "contract");
        List<Boolean> changed = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            Sample out = p.run(BATCH.get(0), new SplittableRandom(seed), CTX).sample();
            changed.add(!out.image().equals(BATCH.get(0).image()));
        }
        assertThat(changed).as(type + " never changed the image").contains(true);
    }
}
