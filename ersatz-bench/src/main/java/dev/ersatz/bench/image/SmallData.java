package dev.ersatz.bench.image;

import dev.ersatz.neural.image.ImageClassifier;

/** The small-data augmentation preset as a classifier-side augmenter (null until ersatz-augment's image pipelines are on main). */
final class SmallData {
    private SmallData() {}

    static ImageClassifier.Augmenter augmenter() {
        return null;
    }
}
