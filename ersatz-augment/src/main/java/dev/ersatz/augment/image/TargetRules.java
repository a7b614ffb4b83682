package dev.ersatz.augment.image;

/**
 * How boxes follow a spatial transform and which survive it.
 *
 * <p>A box is moved as a shape, and its new box is the bounding box of the moved shape:
 * {@code outline} moves the box's outline (exactly its four corners under affine and perspective
 * maps, points along its edges under elastic ones), which always contains the moved object;
 * {@code ellipse} moves the ellipse inscribed in the box, which stays tight when the object is
 * rounder than its box (rotating a box's corners makes it grow by up to √2 at 45°). The moved box is
 * clipped to the image ({@code [0, width] × [0, height]}, so normalised coordinates stay in [0, 1]),
 * then dropped if its clipped area in pixels is below {@code minArea} or under {@code minVisibility}
 * of its unclipped area, or if it has no width or height left.
 */
public record TargetRules(BoxShape shape, double minArea, double minVisibility) {
    public static final TargetRules DEFAULT = new TargetRules(BoxShape.OUTLINE, 1.0, 0.0);

    public enum BoxShape { OUTLINE, ELLIPSE }

    public TargetRules {
        if (!(minArea >= 0)) throw new IllegalArgumentException("min_area must be >= 0: " + minArea);
        if (!(minVisibility >= 0 && minVisibility <= 1)) throw new IllegalArgumentException("min_visibility must be in [0, 1]: " + minVisibility);
    }
}
