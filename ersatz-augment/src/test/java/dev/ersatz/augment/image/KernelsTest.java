package dev.ersatz.augment.image;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast kernels against plain double-precision versions of the same filters. */
class KernelsTest {
    static Image random(int w, int h, int ch, long seed) {
        byte[] d = new byte[w * h * ch];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) d[i] = (byte) r.nextInt(256);
        return new Image(w, h, ch, d);
    }

    static Image channel(Image img, int c) {
        byte[] d = new byte[img.width * img.height];
        for (int i = 0; i < d.length; i++) d[i] = img.data[i * img.channels + c];
        return new Image(img.width, img.height, 1, d);
    }

    @Test
    void separableBlur_withinOneOfTheExactFilter_oddWidthsAndChannels() {
        for (int ch : new int[] {1, 3, 4}) {
            for (int w : new int[] {1, 7, 33}) {
                Image img = random(w, 19, ch, w * 10L + ch);
                for (int k : new int[] {3, 5, 13}) {
                    int[] taps = Kernels.gaussianTaps(k, Kernels.sigmaOf(k));
                    Image fast = Kernels.separable(img, taps, taps);
                    int r = k / 2;
                    for (int y = 0; y < img.height; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int c = 0; c < ch; c++) {
                                double sum = 0;
                                for (int dy = -r; dy <= r; dy++) {
                                    for (int dx = -r; dx <= r; dx++) {
                                        int sy = Border.REFLECT101.index(y + dy, img.height), sx = Border.REFLECT101.index(x + dx, w);
                                        sum += taps[dy + r] * taps[dx + r] * (double) img.get(sx, sy, c);
                                    }
                                }
                                double exact = sum / 65536;
                                assertThat(Math.abs(fast.get(x, y, c) - exact)).as("ch %d w %d k %d at %d,%d", ch, w, k, x, y).isLessThanOrEqualTo(1.0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void resize_withinOneOfExactBilinear() {
        for (int ch : new int[] {1, 3}) {
            Image img = random(37, 29, ch, 5 + ch);
            for (int[] size : new int[][] {{18, 14}, {50, 61}, {37, 40}, {5, 3}}) {
                Image fast = Kernels.resize(img, size[0], size[1], false);
                for (int y = 0; y < size[1]; y++) {
                    double sy = Math.max(0, (y + 0.5) * img.height / size[1] - 0.5);
                    int y0 = Math.min((int) sy, img.height - 1), y1 = Math.min(y0 + 1, img.height - 1);
                    double fy = Math.round((sy - y0) * 256) / 256.0;
                    for (int x = 0; x < size[0]; x++) {
                        double sx = Math.max(0, (x + 0.5) * img.width / size[0] - 0.5);
                        int x0 = Math.min((int) sx, img.width - 1), x1 = Math.min(x0 + 1, img.width - 1);
                        double fx = Math.round((sx - x0) * 256) / 256.0;
                        for (int c = 0; c < ch; c++) {
                            double top = img.get(x0, y0, c) * (1 - fx) + img.get(x1, y0, c) * fx;
                            double bot = img.get(x0, y1, c) * (1 - fx) + img.get(x1, y1, c) * fx;
                            double exact = top * (1 - fy) + bot * fy;
                            assertThat(Math.abs(fast.get(x, y, c) - exact)).as("%dx%d at %d,%d", size[0], size[1], x, y).isLessThanOrEqualTo(1.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void warpAffine_rgbFastPath_equalsEachChannelAlone() {
        // The RGB path (interior span, staged blend, tabulated borders) against the per-pixel path
        // that one-channel images take, byte for byte: rotations, zooms both ways, shears, maps that
        // reach far outside the image, and images one pixel wide or high.
        int[][] sizes = {{40, 30}, {1, 7}, {9, 1}, {2, 2}, {33, 17}};
        for (int[] size : sizes) {
            int w = size[0], h = size[1];
            Image img = random(w, h, 3, 9 + w * 100L + h);
            double[][] maps = {
                    scaled(GeometricTransforms.rotation(23, w / 2.0, h / 2.0), 1.1),
                    scaled(GeometricTransforms.rotation(-75, w / 3.0, h / 2.0), 0.45),
                    {1.3, 0.2, -3.5, -0.1, 0.9, 2.25},
                    {1, 0, 0.5, 0, 1, -0.5},
                    {0.5, 0, 3 * w, 0, 2, -2.0 * h},
                    {-1, 0, w + 0.25, 0, 1, 0},
                    {2.5, 1.5, -400, -1.5, 2.5, 700}};
            for (double[] fwd : maps) {
                double[] inv = Kernels.toIndexSpace(Geometry.invert(fwd));
                for (Border b : Border.values()) {
                    Image rgb = Kernels.warpAffine(img, inv, w + 3, h + 2, b, new int[] {10, 20, 30}, false);
                    for (int c = 0; c < 3; c++) {
                        Image one = Kernels.warpAffine(channel(img, c), inv, w + 3, h + 2, b, new int[] {10 * (c + 1)}, false);
                        assertThat(channel(rgb, c).data).as("%dx%d %s %s channel %d", w, h, java.util.Arrays.toString(fwd), b, c).isEqualTo(one.data);
                    }
                }
            }
        }
    }

    static double[] scaled(double[] m, double k) {
        return new double[] {m[0] * k, m[1] * k, m[2], m[3] * k, m[4] * k, m[5]};
    }

    @Test
    void resize_exactHalf_equalsTheGeneralPath() {
        for (int ch = 1; ch <= 4; ch++) {
            for (int[] size : new int[][] {{2, 2}, {6, 4}, {34, 10}, {130, 6}, {8, 66}}) {
                Image img = random(size[0], size[1], ch, 31L * ch + size[0]);
                Image half = Kernels.resize(img, size[0] / 2, size[1] / 2, false);
                assertThat(half.data).as("ch %d %dx%d", ch, size[0], size[1])
                        .isEqualTo(Kernels.resizeBilinear(img, size[0] / 2, size[1] / 2).data);
            }
        }
    }

    @Test
    void colourPass_equalsTableThenSaturationThenHue() {
        // The staged pass of colour jitter against the scalar kernels applied one after another.
        for (int ch : new int[] {3, 4}) {
            Image img = random(45, 23, ch, 77 + ch);
            // Grey pixels and channels at the ends of the range, where masks and clamps matter.
            for (int i = 0; i < 60; i++) {
                int p = i * 17 * ch, v = (i * 37) % 256;
                img.data[p] = img.data[p + 1] = img.data[p + 2] = (byte) v;
                if (i % 3 == 0) img.data[p + 1] = (byte) 255;
                if (i % 5 == 0) img.data[p + 2] = 0;
            }
            byte[] lut = Pixels.linearLut(1.15, -9);
            for (double sat : new double[] {Double.NaN, 0, 0.6, 1.7}) {
                for (double hue : new double[] {0, 0.05, -0.3, 0.5}) {
                    for (boolean hueFirst : new boolean[] {false, true}) {
                        Image ref = Pixels.lut(img, lut);
                        if (hueFirst && hue != 0) ref = Pixels.hsv(ref, hue, 0, 0);
                        if (!Double.isNaN(sat)) ref = Pixels.saturation(ref, sat);
                        if (!hueFirst && hue != 0) ref = Pixels.hsv(ref, hue, 0, 0);
                        Image fast = Pixels.lutSaturationHue(img, lut, sat, hue, hueFirst);
                        assertThat(fast.data).as("ch %d sat %s hue %s first %s", ch, sat, hue, hueFirst).isEqualTo(ref.data);
                    }
                }
            }
        }
    }

    @Test
    void meanLuma_throughTable_isTheWeightedChannelMean() {
        Image img = random(31, 9, 3, 5);
        byte[] lut = Pixels.linearLut(0.8, 20);
        double sum = 0;
        for (int i = 0; i < 31 * 9; i++) {
            sum += 0.299 * (lut[img.data[3 * i] & 255] & 255) + 0.587 * (lut[img.data[3 * i + 1] & 255] & 255)
                    + 0.114 * (lut[img.data[3 * i + 2] & 255] & 255);
        }
        assertThat(Pixels.meanLuma(img, lut)).isCloseTo(sum / (31 * 9), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void hueShift_keepsValueAndSaturation_andFullTurnIsIdentity() {
        Image img = random(64, 16, 3, 3);
        Image turned = Pixels.hsv(img, 1.0, 0, 0);
        assertThat(turned.data).isEqualTo(img.data);
        Image shifted = Pixels.hsv(img, 0.3, 0, 0);
        for (int i = 0; i < img.width * img.height; i++) {
            int max0 = 0, min0 = 255, max1 = 0, min1 = 255;
            for (int c = 0; c < 3; c++) {
                max0 = Math.max(max0, img.data[i * 3 + c] & 255);
                min0 = Math.min(min0, img.data[i * 3 + c] & 255);
                max1 = Math.max(max1, shifted.data[i * 3 + c] & 255);
                min1 = Math.min(min1, shifted.data[i * 3 + c] & 255);
            }
            assertThat(max1).isEqualTo(max0);
            assertThat(min1).isEqualTo(min0);
        }
    }
}
