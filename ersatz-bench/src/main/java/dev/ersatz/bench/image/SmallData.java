package dev.ersatz.bench.image;

import dev.ersatz.augment.image.Context;
import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.augment.image.Sample;
import dev.ersatz.core.image.Image;
import dev.ersatz.neural.image.ImageClassifier;

import java.util.SplittableRandom;

/**
 * ersatz-augment's {@code small-data} preset as a classifier-side augmenter: every training image is
 * transformed afresh each time it is drawn, from a stream seeded for that draw.
 */
final class SmallData {
    private SmallData() {}

    static ImageClassifier.Augmenter augmenter() {
        Pipeline preset = Pipeline.preset("small-data");
        return (img, label, seed) -> {
            var in = new dev.ersatz.augment.image.Image(img.width(), img.height(), img.channels(), img.pixels().clone());
            var o = preset.run(Sample.of(in), new SplittableRandom(seed), Context.DEFAULT).sample().image();
            return new Image(o.width, o.height, o.channels, o.data);
        };
    }
}
