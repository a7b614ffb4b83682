package dev.ersatz.bench.image;

import dev.ersatz.augment.image.Context;
import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.augment.image.Sample;
import dev.ersatz.augment.image.TargetRules;
import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.neural.image.ImageClassifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An augmentation pipeline (ersatz-augment's {@code small-data} preset, or a candidate recipe) as a
 * classifier-side augmenter: every training image is transformed afresh each time it is drawn, from
 * a stream seeded for that draw.
 */
final class SmallData {
    private SmallData() {}

    /** A preset name or a pipeline JSON file. */
    static Pipeline pipeline(String presetOrFile) {
        if (Pipeline.PRESETS.contains(presetOrFile)) return Pipeline.preset(presetOrFile);
        Path f = Path.of(presetOrFile);
        if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a preset or a pipeline file: " + presetOrFile);
        return Pipeline.read(f);
    }

    /**
     * The pipeline as a classifier-side augmenter over {@code train}, batch-level steps included: as
     * in {@code ersatz augment images}, MixUp and CutMix draw their partners among the other training
     * images (in their original form), and the drawn image's class weights, mixed in proportion,
     * become its training target.
     */
    static ImageClassifier.MixingAugmenter mixing(Pipeline pipeline, ImageSet train) {
        List<String> classes = train.classes();
        Map<Image, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < train.size(); i++) index.put(train.image(i), i);
        Context.Batch batch = new Context.Batch() {
            @Override public int size() { return train.size(); }
            @Override public Sample load(int i) {
                return new Sample(toAugment(train.image(i)), null, List.of(), List.of(), Map.of(classes.get(train.label(i)), 1.0));
            }
        };
        return (img, label, seed) -> {
            Integer self = index.get(img);
            Context ctx = new Context(TargetRules.DEFAULT, batch, self == null ? -1 : self);
            Sample in = new Sample(toAugment(img), null, List.of(), List.of(), Map.of(classes.get(label), 1.0));
            Sample out = pipeline.run(in, new SplittableRandom(seed), ctx).sample();
            double[] w = new double[classes.size()];
            for (Map.Entry<String, Double> e : out.label().entrySet()) w[classes.indexOf(e.getKey())] += e.getValue();
            var o = out.image();
            return new ImageClassifier.Mixed(new Image(o.width, o.height, o.channels, o.data), w);
        };
    }

    private static dev.ersatz.augment.image.Image toAugment(Image img) {
        return new dev.ersatz.augment.image.Image(img.width(), img.height(), img.channels(), img.pixels().clone());
    }
}
