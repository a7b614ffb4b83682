package dev.ersatz.augment.image;

import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * An 8-bit image: {@code height} rows of {@code width} pixels of {@code channels} interleaved bytes
 * (1 gray, 3 RGB, 4 RGBA), row-major, no padding.
 *
 * <p><b>Coordinates.</b> Pixel {@code (i, j)} (column, row) covers the square
 * {@code [i, i+1) × [j, j+1)} of the continuous plane, so its centre is {@code (i + 0.5, j + 0.5)}
 * and the whole image is {@code [0, width] × [0, height]}. Boxes and keypoints live in the same
 * plane, so a box {@code [0, 0, width, height]} is the whole image and a horizontal flip maps
 * {@code x} to {@code width - x} for pixels, boxes and points alike (see ARCHITECTURE.md).
 *
 * <p>A mask read from a palette PNG keeps its palette ({@link #palette}) so that it is written back
 * as the same indexed image. Images are mutable arrays: transforms write into new images and never
 * change their input.
 */
public final class Image {
    public final int width;
    public final int height;
    public final int channels;
    public final byte[] data;
    /** The palette of an indexed (mask) image, or null. */
    public final IndexColorModel palette;

    public Image(int width, int height, int channels, byte[] data, IndexColorModel palette) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (channels < 1 || channels > 4) throw new IllegalArgumentException("channels must be 1 to 4: " + channels);
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("data length " + data.length + " != " + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
        this.palette = palette;
    }

    public Image(int width, int height, int channels, byte[] data) {
        this(width, height, channels, data, null);
    }

    /** A new black image of the given shape. */
    public static Image blank(int width, int height, int channels) {
        return new Image(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    /** A new image of this one's channels and palette with another size (all zero). */
    public Image like(int w, int h) {
        return new Image(w, h, channels, new byte[Math.multiplyExact(Math.multiplyExact(w, h), channels)], palette);
    }

    /** A new image of this one's shape with other data. */
    public Image with(byte[] newData) {
        return new Image(width, height, channels, newData, palette);
    }

    public Image copy() {
        return with(data.clone());
    }

    /** The value of channel {@code c} at column {@code x}, row {@code y} (0..255). */
    public int get(int x, int y, int c) {
        return data[(y * width + x) * channels + c] & 0xFF;
    }

    public void set(int x, int y, int c, int v) {
        data[(y * width + x) * channels + c] = (byte) v;
    }

    /** Whether the image has colour channels (RGB or RGBA). */
    public boolean isColour() {
        return channels >= 3;
    }

    /** The number of colour channels a photometric transform edits: 1 or 3 (alpha is left alone). */
    public int colourChannels() {
        return channels >= 3 ? 3 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && other.width == width && other.height == height && other.channels == channels
                && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + width * 7 + height * 3 + channels;
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + channels;
    }
}
