package dev.ersatz.augment.image;

import java.util.List;
import java.util.Map;

/**
 * One image and the targets that move with it: an optional mask (same size, moved by
 * nearest-neighbour), boxes, keypoints, and the class weights of its label (one class at weight 1,
 * or several after MixUp/CutMix/Mosaic; empty when the set has no class labels), sorted by class.
 */
public record Sample(Image image, Image mask, List<Box> boxes, List<Keypoint> keypoints, Map<String, Double> label) {
    public Sample {
        if (mask != null && (mask.width != image.width || mask.height != image.height)) {
            throw new IllegalArgumentException("mask " + mask.width + "x" + mask.height + " does not match image "
                    + image.width + "x" + image.height);
        }
        boxes = List.copyOf(boxes);
        keypoints = List.copyOf(keypoints);
        label = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(label));
    }

    public static Sample of(Image image) {
        return new Sample(image, null, List.of(), List.of(), Map.of());
    }

    public int width() { return image.width; }
    public int height() { return image.height; }

    public Sample withImage(Image img) {
        return new Sample(img, mask, boxes, keypoints, label);
    }
}
