package dev.ersatz.bench.image;

import dev.ersatz.augment.image.Context;
import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.augment.image.Sample;
import dev.ersatz.core.image.Image;
import dev.ersatz.neural.image.ImageClassifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * An augmentation pipeline (by default ersatz-augment's {@code small-data} preset) as a
 * classifier-side augmenter: every training image is transformed afresh each time it is drawn, from
 * a stream seeded for that draw.
 */
final class SmallData {
    private SmallData() {}

    static ImageClassifier.Augmenter augmenter() {
        return augmenter(Pipeline.preset("small-data"));
    }

    /** A preset name or a pipeline JSON file. */
    static Pipeline pipeline(String presetOrFile) {
        if (Pipeline.PRESETS.contains(presetOrFile)) return Pipeline.preset(presetOrFile);
        Path f = Path.of(presetOrFile);
        if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a preset or a pipeline file: " + presetOrFile);
        return Pipeline.read(f);
    }

    static ImageClassifier.Augmenter augmenter(Pipeline pipeline) {
        if (pipeline.usesBatch()) throw new IllegalArgumentException(pipeline.source() + ": batch-level steps need the run's other images");
        return (img, label, seed) -> {
            var in = new dev.ersatz.augment.image.Image(img.width(), img.height(), img.channels(), img.pixels().clone());
            var o = pipeline.run(Sample.of(in), new SplittableRandom(seed), Context.DEFAULT).sample().image();
            return new Image(o.width, o.height, o.channels, o.data);
        };
    }
}
