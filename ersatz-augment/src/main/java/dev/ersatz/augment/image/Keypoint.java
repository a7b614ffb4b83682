package dev.ersatz.augment.image;

/** A keypoint in the continuous pixel plane (see {@link Image}); {@code source} is its input row, kept with it. */
public record Keypoint(double x, double y, Object source) {
}
