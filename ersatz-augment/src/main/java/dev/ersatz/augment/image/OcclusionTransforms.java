package dev.ersatz.augment.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.SplittableRandom;

import static dev.ersatz.augment.image.GeometricTransforms.uniform;
import static dev.ersatz.augment.image.GeometricTransforms.uniformInt;

/**
 * Occlusion: rectangles of the image replaced by a fill (a constant colour, or per-pixel random
 * values with {@code "fill": "random"}). The mask is filled too when {@code mask_fill} is given,
 * else left as it is; boxes and keypoints are kept (the object is still there, only hidden).
 */
public final class OcclusionTransforms {
    private OcclusionTransforms() {}

    abstract static class Dropout implements Transform {
        final int[] fill;
        final boolean randomFill;
        final Integer maskFill;

        Dropout(StepConfig c) {
            JsonNode f = c.node().get("fill");
            if (f != null && f.isTextual()) {
                c.allow("fill");
                if (!f.textValue().equals("random")) throw c.error("fill", "must be a number 0..255, a list of them, or \"random\"");
                fill = new int[] {0};
                randomFill = true;
            } else {
                fill = c.fill("fill", new int[] {0});
                randomFill = false;
            }
            maskFill = c.has("mask_fill") ? c.integer("mask_fill", 0, 0, 255) : null;
        }

        /** The holes as {@code x0, y0, x1, y1} quadruples in pixels. */
        abstract int[] holes(Sample s, Params p);

        @Override
        public Sample apply(Sample s, Params p, Context ctx) {
            int[] holes = holes(s, p);
            Image img = s.image().copy();
            SplittableRandom rng = randomFill ? new SplittableRandom(p.l("seed")) : null;
            fillHoles(img, holes, fill, rng);
            Image mask = s.mask();
            if (mask != null && maskFill != null) {
                mask = mask.copy();
                fillHoles(mask, holes, new int[] {maskFill}, null);
            }
            return new Sample(img, mask, s.boxes(), s.keypoints(), s.label());
        }

        Params withSeed(Params p, SplittableRandom rng) {
            if (randomFill) p.put("seed", rng.nextLong());
            return p;
        }
    }

    static void fillHoles(Image img, int[] holes, int[] fill, SplittableRandom rng) {
        int ch = img.channels, cc = img.palette != null ? 1 : img.colourChannels();
        for (int k = 0; k + 3 < holes.length; k += 4) {
            int x0 = Math.max(0, holes[k]), y0 = Math.max(0, holes[k + 1]);
            int x1 = Math.min(img.width, holes[k + 2]), y1 = Math.min(img.height, holes[k + 3]);
            for (int y = y0; y < y1; y++) {
                int p = (y * img.width + x0) * ch;
                for (int x = x0; x < x1; x++, p += ch) {
                    if (rng != null) {
                        long bits = rng.nextLong();
                        for (int c = 0; c < cc; c++) img.data[p + c] = (byte) (bits >>> (8 * c));
                    } else {
                        for (int c = 0; c < cc; c++) img.data[p + c] = (byte) fill[Math.min(c, fill.length - 1)];
                    }
                }
            }
        }
    }

    /** albumentations' CoarseDropout: a random number of rectangles, sizes as shares of the image's. */
    static final class CoarseDropout extends Dropout {
        final int[] count;
        final double[] hh, hw;
        CoarseDropout(StepConfig c) {
            super(c);
            count = c.intRange("num_holes_range", new int[] {1, 8}, 0, 10000);
            hh = c.range("hole_height_range", new double[] {0.05, 0.15}, 0, 1, false);
            hw = c.range("hole_width_range", new double[] {0.05, 0.15}, 0, 1, false);
        }
        @Override public String type() { return "coarse_dropout"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int n = uniformInt(rng, count);
            int[] holes = new int[4 * n];
            for (int i = 0; i < n; i++) {
                int h = Math.max(1, (int) Math.round(uniform(rng, hh) * s.height()));
                int w = Math.max(1, (int) Math.round(uniform(rng, hw) * s.width()));
                int x = rng.nextInt(Math.max(1, s.width() - w + 1)), y = rng.nextInt(Math.max(1, s.height() - h + 1));
                holes[4 * i] = x; holes[4 * i + 1] = y; holes[4 * i + 2] = x + w; holes[4 * i + 3] = y + h;
            }
            return withSeed(new Params().put("holes", holes), rng);
        }
        @Override int[] holes(Sample s, Params p) { return p.is("holes"); }
    }

    /**
     * albumentations' GridDropout: the image is tiled by square units (a share of the shorter side)
     * and the top-left {@code ratio} of each unit is dropped, the grid shifted at random.
     */
    static final class GridDropout extends Dropout {
        final double ratio;
        final double[] unit;
        final boolean randomOffset;
        GridDropout(StepConfig c) {
            super(c);
            ratio = c.number("ratio", 0.5, 0.01, 0.99);
            unit = c.range("unit_size_range", new double[] {0.1, 0.25}, 0.001, 1, false);
            randomOffset = c.bool("random_offset", true);
        }
        @Override public String type() { return "grid_dropout"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int u = Math.max(2, (int) Math.round(uniform(rng, unit) * Math.min(s.width(), s.height())));
            int sx = randomOffset ? rng.nextInt(u) : 0, sy = randomOffset ? rng.nextInt(u) : 0;
            return withSeed(new Params().put("unit", u).put("shift_x", sx).put("shift_y", sy), rng);
        }
        @Override int[] holes(Sample s, Params p) {
            int u = p.i("unit"), sx = p.i("shift_x"), sy = p.i("shift_y");
            int hole = Math.max(1, (int) Math.round(u * ratio));
            java.util.List<Integer> l = new java.util.ArrayList<>();
            for (int y = sy - u; y < s.height(); y += u) {
                for (int x = sx - u; x < s.width(); x += u) {
                    if (x + hole <= 0 || y + hole <= 0) continue;
                    l.add(x); l.add(y); l.add(x + hole); l.add(y + hole);
                }
            }
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** torchvision's RandomErasing: one rectangle of random area share and aspect ratio (10 tries). */
    static final class RandomErasing extends Dropout {
        final double[] scale, ratio;
        RandomErasing(StepConfig c) {
            super(c);
            scale = c.range("scale", new double[] {0.02, 0.33}, 1e-4, 1, false);
            ratio = c.range("ratio", new double[] {0.3, 3.3}, 1e-3, 1e3, false);
        }
        @Override public String type() { return "random_erasing"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int W = s.width(), H = s.height();
            double area = (double) W * H, lo = Math.log(ratio[0]), hi = Math.log(ratio[1]);
            int[] hole = new int[0];
            for (int attempt = 0; attempt < 10; attempt++) {
                double target = area * uniform(rng, scale);
                double ar = Math.exp(lo + (hi - lo) * rng.nextDouble());
                int h = (int) Math.round(Math.sqrt(target * ar)), w = (int) Math.round(Math.sqrt(target / ar));
                if (h < H && w < W && h > 0 && w > 0) {
                    int y = rng.nextInt(H - h + 1), x = rng.nextInt(W - w + 1);
                    hole = new int[] {x, y, x + w, y + h};
                    break;
                }
            }
            return withSeed(new Params().put("holes", hole), rng);
        }
        @Override int[] holes(Sample s, Params p) { return p.is("holes"); }
    }
}
