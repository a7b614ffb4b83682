package dev.ersatz.augment.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boxes, masks and keypoints land where the pixels land, under every spatial transform: the mask's
 * object pixels stay inside the moved box (outline rule), the box stays tight around them, and a
 * keypoint on a marked pixel stays on it.
 */
class TargetsConsistencyTest {
    /** A 96×80 grey image with a bright object (its mask label 1, its box) and one marked pixel with a keypoint. */
    static Sample scene() {
        int w = 96, h = 80;
        byte[] d = new byte[w * h], m = new byte[w * h];
        for (int y = 30; y < 50; y++) {
            for (int x = 35; x < 65; x++) {
                d[y * w + x] = (byte) 180;
                m[y * w + x] = 1;
            }
        }
        d[20 * w + 70] = (byte) 255;
        return new Sample(new Image(w, h, 1, d), new Image(w, h, 1, m), List.of(new Box(35, 30, 65, 50, null)),
                List.of(new Keypoint(70.5, 20.5, null)), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"rotate\",\"limit\":40}",
            "{\"type\":\"affine\",\"scale\":[0.8,1.2],\"translate_percent\":0.1,\"rotate\":30,\"shear\":10}",
            "{\"type\":\"perspective\",\"scale\":[0.05,0.12]}",
            "{\"type\":\"elastic\",\"alpha\":6,\"sigma\":10}",
            "{\"type\":\"random_resized_crop\",\"width\":64,\"height\":64,\"scale\":[0.5,1]}",
            "{\"type\":\"rotate90\"}",
            "{\"type\":\"transpose\"}",
            "{\"type\":\"vertical_flip\"}",
            "{\"type\":\"pad\",\"pixels\":7}",
            "{\"type\":\"resize\",\"width\":50,\"height\":120}"})
    void spatial_boxMaskAndKeypointMoveTogether(String step) {
        Pipeline p = Pipeline.parse("{\"version\":1,\"boxes\":{\"min_area\":0},\"transforms\":[" + step + "]}", "t");
        for (int seed = 0; seed < 6; seed++) {
            Sample out = p.run(scene(), new SplittableRandom(seed), Context.DEFAULT).sample();
            Image mask = out.mask();
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1, count = 0;
            for (int y = 0; y < mask.height; y++) {
                for (int x = 0; x < mask.width; x++) {
                    if (mask.get(x, y, 0) == 1) {
                        count++;
                        minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                    }
                }
            }
            if (count == 0) {
                assertThat(out.boxes()).as("object left the image: its box too").isEmpty();
                continue;
            }
            assertThat(out.boxes()).as(step + " seed " + seed).hasSize(1);
            Box b = out.boxes().get(0);
            // Every object pixel's centre lies inside the moved box (nearest-neighbour can reach half a pixel out).
            assertThat(minX + 0.5).isGreaterThanOrEqualTo(b.x0() - 0.5);
            assertThat(maxX + 0.5).isLessThanOrEqualTo(b.x1() + 0.5);
            assertThat(minY + 0.5).isGreaterThanOrEqualTo(b.y0() - 0.5);
            assertThat(maxY + 0.5).isLessThanOrEqualTo(b.y1() + 0.5);
            // ... and the box is tight around them (outline of a rectangle: exact up to rasterisation).
            double slack = step.contains("elastic") ? 2.5 : 1.6;
            assertThat(b.x0()).isGreaterThanOrEqualTo(minX - slack);
            assertThat(b.x1()).isLessThanOrEqualTo(maxX + 1 + slack);
            assertThat(b.y0()).isGreaterThanOrEqualTo(minY - slack);
            assertThat(b.y1()).isLessThanOrEqualTo(maxY + 1 + slack);
            // The image's object pixels agree with the mask away from its edges.
            int agree = 0, inner = 0;
            for (int y = 1; y < mask.height - 1; y++) {
                for (int x = 1; x < mask.width - 1; x++) {
                    boolean allIn = true;
                    for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) allIn &= mask.get(x + dx, y + dy, 0) == 1;
                    if (!allIn) continue;
                    inner++;
                    if (Math.abs(out.image().get(x, y, 0) - 180) <= 2) agree++;
                }
            }
            if (inner > 0) assertThat((double) agree / inner).as(step).isGreaterThan(0.98);
            // The keypoint sits on the brightest pixel (the marked one), within a pixel.
            if (!out.keypoints().isEmpty()) {
                Keypoint k = out.keypoints().get(0);
                int bx = -1, by = -1, best = -1;
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        if (out.image().get(x, y, 0) > best) { best = out.image().get(x, y, 0); bx = x; by = y; }
                    }
                }
                if (best > 200) {
                    assertThat(Math.abs(bx + 0.5 - k.x())).as(step + " keypoint x").isLessThanOrEqualTo(1.5);
                    assertThat(Math.abs(by + 0.5 - k.y())).as(step + " keypoint y").isLessThanOrEqualTo(1.5);
                }
            }
        }
    }
}
