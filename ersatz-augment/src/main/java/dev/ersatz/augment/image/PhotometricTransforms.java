package dev.ersatz.augment.image;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import static dev.ersatz.augment.image.GeometricTransforms.uniform;
import static dev.ersatz.augment.image.GeometricTransforms.uniformInt;

/**
 * Pixel-level transforms: they change the image's values and leave mask, boxes and keypoints as
 * they are.
 */
public final class PhotometricTransforms {
    private PhotometricTransforms() {}

    /** A transform that edits only the image. */
    abstract static class Pixel implements Transform {
        abstract Image apply(Image img, Params p);

        @Override
        public Sample apply(Sample s, Params p, Context ctx) {
            return s.withImage(apply(s.image(), p));
        }
    }

    /** albumentations' RandomBrightnessContrast: {@code out = (1 + contrast)·v + brightness·255}. */
    static final class BrightnessContrast extends Pixel {
        final double[] brightness, contrast;
        BrightnessContrast(StepConfig c) {
            brightness = c.range("brightness_limit", new double[] {-0.2, 0.2}, -1, 1, true);
            contrast = c.range("contrast_limit", new double[] {-0.2, 0.2}, -1, 10, true);
        }
        @Override public String type() { return "brightness_contrast"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("brightness", uniform(rng, brightness)).put("contrast", uniform(rng, contrast));
        }
        @Override Image apply(Image img, Params p) {
            return Pixels.lut(img, Pixels.linearLut(1 + p.d("contrast"), p.d("brightness") * 255));
        }
    }

    /** Shifts hue (degrees), saturation and value (0..255 units), as albumentations' HueSaturationValue. */
    static final class Hsv extends Pixel {
        final double[] hue, sat, val;
        Hsv(StepConfig c) {
            hue = c.range("hue_shift_limit", new double[] {-20, 20}, -180, 180, true);
            sat = c.range("sat_shift_limit", new double[] {-30, 30}, -255, 255, true);
            val = c.range("val_shift_limit", new double[] {-20, 20}, -255, 255, true);
        }
        @Override public String type() { return "hsv"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("hue", uniform(rng, hue)).put("saturation", (int) Math.round(uniform(rng, sat)))
                    .put("value", (int) Math.round(uniform(rng, val)));
        }
        @Override Image apply(Image img, Params p) {
            return Pixels.hsv(img, p.d("hue") / 360, p.i("saturation"), p.i("value"));
        }
    }

    /**
     * torchvision's ColorJitter: brightness, contrast and saturation factors drawn from
     * {@code [max(0, 1 − x), 1 + x]}, hue from {@code [−h, h]} of a turn, applied in a random order.
     */
    static final class ColorJitter extends Pixel {
        final double[] brightness, contrast, saturation, hue;
        ColorJitter(StepConfig c) {
            brightness = factor(c, "brightness", 0.2);
            contrast = factor(c, "contrast", 0.2);
            saturation = factor(c, "saturation", 0.2);
            hue = c.range("hue", new double[] {-0.1, 0.1}, -0.5, 0.5, true);
        }
        private static double[] factor(StepConfig c, String name, double def) {
            double[] r = c.range(name, new double[] {def, def}, 0, 100, false);
            if (r[0] == r[1]) return new double[] {Math.max(0, 1 - r[0]), 1 + r[0]};
            return r;
        }
        @Override public String type() { return "color_jitter"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int[] order = {0, 1, 2, 3};
            for (int i = 3; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            return new Params().put("order", order).put("brightness", uniform(rng, brightness)).put("contrast", uniform(rng, contrast))
                    .put("saturation", uniform(rng, saturation)).put("hue", uniform(rng, hue));
        }
        /**
         * Point operations are folded into one look-up table (contrast's mean grey level is taken
         * through the pending table), and saturation and hue that follow each other
         * share one pass with it: three passes at most for the usual orders instead of five.
         */
        @Override Image apply(Image img, Params p) {
            int[] order = p.is("order");
            Image cur = img;
            byte[] lut = null;
            for (int i = 0; i < order.length; i++) {
                switch (order[i]) {
                    case 0:
                        lut = Pixels.compose(lut, Pixels.linearLut(p.d("brightness"), 0));
                        break;
                    case 1: {
                        double f = p.d("contrast");
                        double mean = Pixels.meanLuma(cur, lut);
                        lut = Pixels.compose(lut, Pixels.linearLut(f, (1 - f) * mean));
                        break;
                    }
                    default: {
                        // Saturation (2) and hue (3), and the other one too if it comes next.
                        boolean next = i + 1 < order.length && order[i + 1] >= 2;
                        boolean hueFirst = order[i] == 3;
                        double sat = order[i] == 2 || next ? p.d("saturation") : Double.NaN;
                        double hue = order[i] == 3 || next ? p.d("hue") : 0;
                        cur = Pixels.lutSaturationHue(cur, lut, sat, hue, hueFirst);
                        lut = null;
                        if (next) i++;
                    }
                }
            }
            if (lut != null) cur = Pixels.lut(cur, lut);
            return cur == img ? img.copy() : cur;
        }
    }

    /** {@code 255·(v/255)^γ}, γ drawn from {@code gamma_limit} in percent (albumentations' RandomGamma). */
    static final class Gamma extends Pixel {
        final double[] limit;
        Gamma(StepConfig c) { limit = c.range("gamma_limit", new double[] {80, 120}, 1, 1000, false); }
        @Override public String type() { return "gamma"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params().put("gamma", uniform(rng, limit) / 100); }
        @Override Image apply(Image img, Params p) {
            double g = p.d("gamma");
            byte[] t = new byte[256];
            for (int v = 0; v < 256; v++) t[v] = (byte) Pixels.clamp(255 * Math.pow(v / 255.0, g));
            return Pixels.lut(img, t);
        }
    }

    static final class ChannelShuffle extends Pixel {
        ChannelShuffle(StepConfig c) { }
        @Override public String type() { return "channel_shuffle"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int[] order = {0, 1, 2};
            for (int i = 2; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            return new Params().put("order", order);
        }
        @Override Image apply(Image img, Params p) {
            if (img.channels < 3) return img.copy();
            int[] o = p.is("order");
            byte[] s = img.data, d = s.clone();
            for (int i = 0; i < s.length; i += img.channels) {
                d[i] = s[i + o[0]];
                d[i + 1] = s[i + o[1]];
                d[i + 2] = s[i + o[2]];
            }
            return img.with(d);
        }
    }

    static final class Grayscale extends Pixel {
        Grayscale(StepConfig c) { }
        @Override public String type() { return "grayscale"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override Image apply(Image img, Params p) { return Pixels.grey(img); }
    }

    static final class Equalize extends Pixel {
        Equalize(StepConfig c) { }
        @Override public String type() { return "equalize"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override Image apply(Image img, Params p) { return Pixels.equalize(img); }
    }

    /** An odd size drawn from an odd-bounded range. */
    static int oddSize(SplittableRandom rng, int[] r) {
        int lo = r[0] | 1, hi = (r[1] & 1) == 1 ? r[1] : r[1] - 1;
        if (hi < lo) hi = lo;
        return lo + 2 * rng.nextInt((hi - lo) / 2 + 1);
    }

    /** Gaussian blur: odd kernel size from {@code blur_limit}, sigma from {@code sigma_limit} (0 = from the size, as OpenCV). */
    static final class GaussianBlur extends Pixel {
        final int[] size;
        final double[] sigma;
        GaussianBlur(StepConfig c) {
            size = c.intRange("blur_limit", new int[] {3, 7}, 0, 255);
            sigma = c.range("sigma_limit", new double[] {0, 0}, 0, 100, false);
        }
        @Override public String type() { return "gaussian_blur"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            double sg = uniform(rng, sigma);
            int k = size[1] == 0 ? Kernels.kernelSize(sg) : oddSize(rng, size);
            if (sg == 0) sg = Kernels.sigmaOf(k);
            return new Params().put("ksize", k).put("sigma", sg);
        }
        @Override Image apply(Image img, Params p) { return Kernels.gaussianBlur(img, p.i("ksize"), p.d("sigma")); }
    }

    /** A straight streak: a line kernel of odd length at a random angle, equal weights. */
    static final class MotionBlur extends Pixel {
        final int[] size;
        MotionBlur(StepConfig c) { size = c.intRange("blur_limit", new int[] {3, 7}, 3, 255); }
        @Override public String type() { return "motion_blur"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("ksize", oddSize(rng, size)).put("angle", rng.nextDouble() * 180);
        }
        @Override Image apply(Image img, Params p) {
            int k = p.i("ksize"), r = k / 2;
            double t = Math.toRadians(p.d("angle")), c = Math.cos(t), s = Math.sin(t);
            java.util.LinkedHashMap<Long, Integer> taps = new java.util.LinkedHashMap<>();
            for (int i = -r; i <= r; i++) {
                long key = ((long) (int) Math.round(i * c) << 32) ^ ((int) Math.round(-i * s) & 0xFFFFFFFFL);
                taps.merge(key, 1, Integer::sum);
            }
            int n = taps.size();
            int[] dx = new int[n], dy = new int[n], w = new int[n];
            int i = 0, total = 0;
            for (var e : taps.entrySet()) {
                dx[i] = (int) (e.getKey() >> 32);
                dy[i] = (int) (long) e.getKey();
                w[i] = (int) Math.round(256.0 * e.getValue() / k);
                total += w[i];
                i++;
            }
            w[0] += 256 - total;
            return Pixels.sparseConvolve(img, dx, dy, w);
        }
    }

    /** Additive Gaussian noise with a standard deviation drawn from {@code std_range} (a share of 255). */
    static final class GaussianNoise extends Pixel {
        final double[] std;
        final double mean;
        final boolean perChannel;
        GaussianNoise(StepConfig c) {
            std = c.range("std_range", new double[] {0.02, 0.1}, 0, 1, false);
            mean = c.number("mean", 0, -1, 1);
            perChannel = c.bool("per_channel", true);
        }
        @Override public String type() { return "gaussian_noise"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("std", uniform(rng, std)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            return Pixels.gaussianNoise(img, p.d("std") * 255, mean * 255, perChannel, p.l("seed"));
        }
    }

    /**
     * Camera sensor noise, after albumentations' ISONoise: per-pixel lightness noise (Poisson in
     * the lightness spread times {@code intensity}, moving each channel towards white) and per-pixel
     * hue jitter ({@code color_shift} of a turn times intensity).
     */
    static final class IsoNoise extends Pixel {
        final double[] colorShift, intensity;
        IsoNoise(StepConfig c) {
            colorShift = c.range("color_shift", new double[] {0.01, 0.05}, 0, 1, false);
            intensity = c.range("intensity", new double[] {0.1, 0.5}, 0, 10, false);
        }
        @Override public String type() { return "iso_noise"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("color_shift", uniform(rng, colorShift)).put("intensity", uniform(rng, intensity)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            int n = img.width * img.height, ch = img.channels;
            SplittableRandom rng = new SplittableRandom(p.l("seed"));
            double in = p.d("intensity"), cs = p.d("color_shift");
            // Lightness spread (HLS lightness = (max + min) / 2) on 0..1.
            byte[] s = img.data;
            double sum = 0, sum2 = 0;
            for (int i = 0, q = 0; i < n; i++, q += ch) {
                int max = s[q] & 255, min = max;
                for (int c = 1; c < img.colourChannels(); c++) { int v = s[q + c] & 255; max = Math.max(max, v); min = Math.min(min, v); }
                double l = (max + min) / 510.0;
                sum += l;
                sum2 += l * l;
            }
            double sd = Math.sqrt(Math.max(0, sum2 / n - (sum / n) * (sum / n)));
            double lambda = sd * in * 255;
            float[] z1 = new float[n], z2 = new float[n];
            Pixels.normals(rng, z1);
            Pixels.normals(rng, z2);
            byte[] d = s.clone();
            double hueSd = cs * in; // share of a turn
            for (int i = 0, q = 0; i < n; i++, q += ch) {
                // Poisson(lambda) by its normal approximation, never below 0.
                double t = Math.max(0, lambda + Math.sqrt(lambda) * z1[i]) / 255;
                for (int c = 0; c < img.colourChannels(); c++) {
                    int v = s[q + c] & 255;
                    d[q + c] = (byte) Pixels.clamp(v + t * (255 - v));
                }
                if (ch >= 3 && hueSd > 0) {
                    int r = d[q] & 255, g = d[q + 1] & 255, b = d[q + 2] & 255;
                    int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b)), delta = max - min;
                    if (delta > 0) {
                        int h;
                        if (max == r) h = (int) Math.round((double) (g - b) / delta * Pixels.HUE_ONE);
                        else if (max == g) h = 2 * Pixels.HUE_ONE + (int) Math.round((double) (b - r) / delta * Pixels.HUE_ONE);
                        else h = 4 * Pixels.HUE_ONE + (int) Math.round((double) (r - g) / delta * Pixels.HUE_ONE);
                        h = Math.floorMod(h + (int) Math.round(z2[i] * hueSd * Pixels.HUE_TURN), Pixels.HUE_TURN);
                        Pixels.writeHue(d, q, h, max, min, delta);
                    }
                }
            }
            return img.with(d);
        }
    }

    /** JPEG compression artefacts: the image encoded at a quality from {@code quality_range} and decoded. */
    static final class Jpeg extends Pixel {
        final int[] quality;
        Jpeg(StepConfig c) { quality = c.intRange("quality_range", new int[] {40, 90}, 1, 100); }
        @Override public String type() { return "jpeg"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params().put("quality", uniformInt(rng, quality)); }
        @Override Image apply(Image img, Params p) {
            try {
                byte[] bytes = ImageCodec.encode(img, "jpeg", p.i("quality"));
                Image back = ImageCodec.fromBuffered(ImageIO.read(new ByteArrayInputStream(bytes)), false);
                return img.channels == 4 ? ImageCodec.withAlpha(back, img) : back;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
