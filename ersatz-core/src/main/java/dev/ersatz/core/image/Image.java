package dev.ersatz.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * A raster of 8-bit samples: {@code width × height} pixels of {@code channels} samples each
 * (1 grey, 3 RGB, 4 RGBA), stored row by row with the channels of a pixel side by side.
 *
 * <p>The pixel array is owned by the image; {@link #pixels()} exposes it for fast loops, so code
 * that changes it must own the image (make a {@link #copy()} first). Two images are equal when they
 * have the same shape and the same samples.
 */
public final class Image {
    private final int width;
    private final int height;
    private final int channels;
    private final byte[] pixels;

    /** Wraps {@code pixels} (not copied): {@code width * height * channels} samples, row-major, interleaved. */
    public Image(int width, int height, int channels, byte[] pixels) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (channels != 1 && channels != 3 && channels != 4) throw new IllegalArgumentException("channels must be 1, 3 or 4: " + channels);
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + (long) width * height * channels + " samples, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    /** A black (all-zero) image. */
    public static Image blank(int width, int height, int channels) {
        return new Image(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return channels; }

    /** The samples (not a copy). */
    public byte[] pixels() { return pixels; }

    /** The sample at ({@code x}, {@code y}) in channel {@code c}, 0-255. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    /** Sets the sample at ({@code x}, {@code y}) in channel {@code c} to {@code value} clamped to 0-255. */
    public void set(int x, int y, int c, int value) {
        pixels[(y * width + x) * channels + c] = (byte) Math.max(0, Math.min(255, value));
    }

    public Image copy() {
        return new Image(width, height, channels, pixels.clone());
    }

    /** This image as one grey channel (ITU-R BT.601 luma, rounded; alpha dropped); itself when already grey. */
    public Image toGray() {
        if (channels == 1) return this;
        byte[] out = new byte[width * height];
        for (int i = 0, p = 0; i < out.length; i++, p += channels) {
            int r = pixels[p] & 0xFF, g = pixels[p + 1] & 0xFF, b = pixels[p + 2] & 0xFF;
            out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        return new Image(width, height, 1, out);
    }

    /** This image as RGB (grey copied to three channels; alpha dropped); itself when already RGB. */
    public Image toRgb() {
        if (channels == 3) return this;
        byte[] out = new byte[width * height * 3];
        for (int i = 0, p = 0; i < width * height; i++, p += channels) {
            byte r = pixels[p];
            byte g = channels == 1 ? r : pixels[p + 1];
            byte b = channels == 1 ? r : pixels[p + 2];
            out[3 * i] = r;
            out[3 * i + 1] = g;
            out[3 * i + 2] = b;
        }
        return new Image(width, height, 3, out);
    }

    /** The image as an AWT image (TYPE_BYTE_GRAY, TYPE_3BYTE_BGR or TYPE_4BYTE_ABGR), for ImageIO. */
    public BufferedImage toBufferedImage() {
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            default -> BufferedImage.TYPE_4BYTE_ABGR;
        };
        BufferedImage img = new BufferedImage(width, height, type);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        if (channels == 1) {
            System.arraycopy(pixels, 0, dst, 0, pixels.length);
        } else if (channels == 3) {
            for (int p = 0; p < pixels.length; p += 3) {
                dst[p] = pixels[p + 2];
                dst[p + 1] = pixels[p + 1];
                dst[p + 2] = pixels[p];
            }
        } else {
            for (int p = 0; p < pixels.length; p += 4) {
                dst[p] = pixels[p + 3];
                dst[p + 1] = pixels[p + 2];
                dst[p + 2] = pixels[p + 1];
                dst[p + 3] = pixels[p];
            }
        }
        return img;
    }

    /**
     * An image from an AWT image: grey stays one channel (8-bit, or 16-bit reduced to its high byte),
     * images with alpha become RGBA, everything else RGB.
     */
    public static Image fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int type = img.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            if (src.length == w * h) return new Image(w, h, 1, src.clone());
        }
        boolean gray = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && img.getColorModel().getNumComponents() == 1;
        if (gray) {
            var raster = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            byte[] out = new byte[w * h];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = row[x];
                    out[y * w + x] = (byte) (bits == 8 ? v : bits > 8 ? v >>> (bits - 8) : v * 255 / ((1 << bits) - 1));
                }
            }
            return new Image(w, h, 1, out);
        }
        boolean alpha = img.getColorModel().hasAlpha();
        int ch = alpha ? 4 : 3;
        byte[] out = new byte[w * h * ch];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int p = (y * w + x) * ch;
                out[p] = (byte) (argb >>> 16);
                out[p + 1] = (byte) (argb >>> 8);
                out[p + 2] = (byte) argb;
                if (alpha) out[p + 3] = (byte) (argb >>> 24);
            }
        }
        return new Image(w, h, ch, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && width == other.width && height == other.height
                && channels == other.channels && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + "x" + channels + "]";
    }
}
