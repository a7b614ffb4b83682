package dev.ersatz.neural.image;

import dev.ersatz.core.Progress;
import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.ImageSets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The yardstick classifier: learns the digits, is deterministic for a seed, and calls its augmenter once per drawn image with distinct seeds. */
class ImageClassifierTest {
    static ImageSet digits() {
        Path csv = Path.of(System.getProperty("ersatz.datasets", "../shared/datasets")).resolve("digits_8x8/digits.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "dataset not found, test skipped: " + csv.toAbsolutePath());
        return ImageSets.read(csv);
    }

    @Test
    void learnsDeterministicallyAndAugmentsEveryDraw() {
        ImageSet all = digits();
        ImageSet train = all.slice(0, 1000), test = all.slice(1000, all.size());
        ImageClassifier a = ImageClassifier.fit(train, ImageClassifier.Options.steps(200), 4, null, Progress.NONE);
        ImageClassifier b = ImageClassifier.fit(train, ImageClassifier.Options.steps(200), 4, null, Progress.NONE);
        assertThat(a.accuracy(test)).isGreaterThan(0.85);
        assertThat(a.predict(test)).isEqualTo(b.predict(test));
        assertThat(a.features(test.slice(0, 5))).isDeepEqualTo(b.features(test.slice(0, 5)));

        Set<Long> seeds = new HashSet<>();
        int[] calls = {0};
        ImageClassifier.Augmenter flip = (img, label, seed) -> {
            calls[0]++;
            seeds.add(seed);
            Image out = img.copy();
            for (int y = 0; y < img.height(); y++) for (int x = 0; x < img.width(); x++) out.set(x, y, 0, img.get(img.width() - 1 - x, y, 0));
            return out;
        };
        ImageClassifier.fit(train, ImageClassifier.Options.steps(20), 4, flip, Progress.NONE);
        assertThat(calls[0]).isEqualTo(20 * 64);
        assertThat(seeds).hasSize(20 * 64);
    }
}
