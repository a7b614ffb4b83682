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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aMixingAugmentersClassWeightsAreTheTarget() {
        ImageSet all = digits();
        ImageSet train = all.slice(0, 1000), test = all.slice(1000, all.size());
        int k = train.classes().size();
        // Every drawn image is taught as the next class: the classifier must learn the shifted labels.
        ImageClassifier.MixingAugmenter shifted = (img, label, seed) -> {
            double[] w = new double[k];
            w[(label + 1) % k] = 1;
            return new ImageClassifier.Mixed(img, w);
        };
        ImageClassifier c = ImageClassifier.fitMixing(train, ImageClassifier.Options.steps(200), 4, shifted, Progress.NONE);
        int[] predicted = c.predict(test);
        int next = 0, same = 0;
        for (int i = 0; i < test.size(); i++) {
            if (predicted[i] == (test.label(i) + 1) % k) next++;
            if (predicted[i] == test.label(i)) same++;
        }
        assertThat(next).isGreaterThan((int) (0.85 * test.size()));
        assertThat(same).isLessThan((int) (0.05 * test.size()));

        // One-hot weights give exactly what the plain augmenter gives.
        ImageClassifier.Augmenter identity = (img, label, seed) -> img;
        ImageClassifier.MixingAugmenter oneHot = (img, label, seed) -> {
            double[] w = new double[k];
            w[label] = 1;
            return new ImageClassifier.Mixed(img, w);
        };
        ImageClassifier a = ImageClassifier.fit(train, ImageClassifier.Options.steps(30), 4, identity, Progress.NONE);
        ImageClassifier b = ImageClassifier.fitMixing(train, ImageClassifier.Options.steps(30), 4, oneHot, Progress.NONE);
        assertThat(a.features(test.slice(0, 5))).isDeepEqualTo(b.features(test.slice(0, 5)));

        ImageClassifier.MixingAugmenter wrong = (img, label, seed) -> new ImageClassifier.Mixed(img, new double[k - 1]);
        assertThatThrownBy(() -> ImageClassifier.fitMixing(train, ImageClassifier.Options.steps(2), 4, wrong, Progress.NONE))
                .hasMessageContaining("class weights");
    }
}
