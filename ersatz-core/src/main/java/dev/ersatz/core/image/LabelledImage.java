package dev.ersatz.core.image;

import java.util.Objects;

/**
 * One image of a labelled set: a name (unique within its class; the file name without extension
 * when written), the image and the index of its class in {@link ImageSet#classes()}.
 */
public record LabelledImage(String name, Image image, int label) {
    public LabelledImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        if (label < 0) throw new IllegalArgumentException("label must be >= 0: " + label);
    }
}
