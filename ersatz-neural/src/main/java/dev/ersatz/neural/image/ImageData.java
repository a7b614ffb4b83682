package dev.ersatz.neural.image;

import dev.ersatz.core.InputException;
import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;

/**
 * A labelled image set as the networks see it: {@code n × channels × height × width} floats in
 * [0, 1] (channel-first, as libtorch's convolutions want), labels and the shape every image shares.
 *
 * <p>All images must have one size; grey and colour may be mixed (then all become RGB, alpha is
 * dropped). The convolutional models halve the size twice, so both sides must be multiples of 4.
 */
public record ImageData(float[] pixels, int[] labels, int n, int channels, int height, int width, int classes) {

    /** The set's images as floats; {@code source} names the set in errors. */
    public static ImageData of(ImageSet set, String source) {
        if (set.size() == 0) throw new InputException(source, "the image set is empty");
        Image first = set.image(0);
        int w = first.width(), h = first.height();
        boolean colour = false;
        for (int i = 0; i < set.size(); i++) {
            Image im = set.image(i);
            if (im.width() != w || im.height() != h) {
                throw new InputException(source, -1, null, set.get(i).name(), "images differ in size (" + im.width() + "x" + im.height()
                        + ", the first is " + w + "x" + h + "): resize them to one size first");
            }
            colour |= im.channels() >= 3;
        }
        int c = colour ? 3 : 1;
        int plane = w * h, n = set.size();
        float[] px = new float[n * c * plane];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Image im = colour ? set.image(i).toRgb() : set.image(i);
            byte[] b = im.pixels();
            int base = i * c * plane;
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) px[base + ch * plane + p] = (b[p * c + ch] & 0xFF) / 255f;
            }
            labels[i] = set.label(i);
        }
        return new ImageData(px, labels, n, c, h, w, set.classes().size());
    }

    /** Checks the size suits the convolutional models (both sides multiples of 4, at least 4). */
    public ImageData requireMultipleOf4(String source) {
        if (width % 4 != 0 || height % 4 != 0) {
            throw new InputException(source, -1, null, width + "x" + height, "the image models need sides that are multiples of 4: resize the images");
        }
        return this;
    }

    public int size() { return channels * height * width; }

    /** Floats in [0, 1], channel-first, back to 8-bit images (rounded, clamped). */
    static Image toImage(float[] chw, int offset, int channels, int height, int width) {
        int plane = width * height;
        byte[] out = new byte[plane * channels];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < channels; ch++) {
                float v = chw[offset + ch * plane + p];
                int q = Math.round(v * 255f);
                out[p * channels + ch] = (byte) Math.max(0, Math.min(255, q));
            }
        }
        return new Image(width, height, channels, out);
    }
}
