package dev.ersatz.augment.image;

/**
 * A bounding box in the continuous pixel plane (see {@link Image}): {@code [x0, x1] × [y0, y1]},
 * whatever format it was read in. {@code source} is the annotation it came from (a COCO object, a
 * CSV row, a YOLO line), so its label fields follow it through every transform and are written back
 * beside the moved coordinates.
 */
public record Box(double x0, double y0, double x1, double y1, Object source) {
    public double width() { return x1 - x0; }
    public double height() { return y1 - y0; }
    public double area() { return Math.max(0, x1 - x0) * Math.max(0, y1 - y0); }

    public Box moved(double nx0, double ny0, double nx1, double ny1) {
        return new Box(nx0, ny0, nx1, ny1, source);
    }
}
