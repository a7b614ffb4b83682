package dev.ersatz.augment.image;

import java.util.SplittableRandom;

/**
 * Spatial transforms: each builds a {@link Geometry} from its parameters, which moves the image,
 * mask, boxes and keypoints together. Angles are in degrees; a positive angle turns the image
 * counter-clockwise as seen on screen (OpenCV's and albumentations' sense). Rotations and affine
 * maps turn about the image centre {@code (width/2, height/2)} of the continuous plane, which is
 * pixel index {@code ((width-1)/2, (height-1)/2)} in OpenCV's integer-centre convention.
 */
public final class GeometricTransforms {
    private GeometricTransforms() {}

    /** Border, fill and mask fill shared by spatial transforms. */
    abstract static class Spatial implements Transform {
        final Border border;
        final int[] fill;
        final int maskFill;

        Spatial(StepConfig c, Border defaultBorder) {
            border = c.border("border", defaultBorder);
            fill = c.fill("fill", new int[] {0});
            maskFill = c.integer("mask_fill", 0, 0, 255);
        }

        abstract Geometry geometry(Sample s, Params p);

        @Override
        public Sample apply(Sample s, Params p, Context ctx) {
            return geometry(s, p).apply(s, border, fill, maskFill, ctx);
        }
    }

    static double uniform(SplittableRandom rng, double[] r) {
        return r[0] == r[1] ? r[0] : r[0] + (r[1] - r[0]) * rng.nextDouble();
    }

    static int uniformInt(SplittableRandom rng, int[] r) {
        return r[0] == r[1] ? r[0] : r[0] + rng.nextInt(r[1] - r[0] + 1);
    }

    /** The forward matrix that turns by {@code deg} (counter-clockwise on screen) about {@code (cx, cy)}. */
    static double[] rotation(double deg, double cx, double cy) {
        double t = Math.toRadians(deg), c = Math.cos(t), s = Math.sin(t);
        // y points down: counter-clockwise on screen maps (dx, dy) to (c dx + s dy, -s dx + c dy).
        return new double[] {c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy};
    }

    // ------------------------------------------------------------------ flips and quarter turns

    static final class HorizontalFlip extends Spatial {
        HorizontalFlip(StepConfig c) { super(c, Border.CONSTANT); }
        @Override public String type() { return "horizontal_flip"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override Geometry geometry(Sample s, Params p) {
            return Geometry.affine(new double[] {-1, 0, s.width(), 0, 1, 0}, s.width(), s.height());
        }
    }

    static final class VerticalFlip extends Spatial {
        VerticalFlip(StepConfig c) { super(c, Border.CONSTANT); }
        @Override public String type() { return "vertical_flip"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override Geometry geometry(Sample s, Params p) {
            return Geometry.affine(new double[] {1, 0, 0, 0, -1, s.height()}, s.width(), s.height());
        }
    }

    static final class Transpose extends Spatial {
        Transpose(StepConfig c) { super(c, Border.CONSTANT); }
        @Override public String type() { return "transpose"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override Geometry geometry(Sample s, Params p) {
            return Geometry.affine(new double[] {0, 1, 0, 1, 0, 0}, s.height(), s.width());
        }
    }

    /** Turns by {@code k} quarter turns counter-clockwise, k drawn from 0..3 (or fixed by {@code k}). */
    static final class Rotate90 extends Spatial {
        final int[] k;
        Rotate90(StepConfig c) {
            super(c, Border.CONSTANT);
            k = c.intRange("k", new int[] {0, 3}, 0, 3);
        }
        @Override public String type() { return "rotate90"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params().put("k", uniformInt(rng, k)); }
        @Override Geometry geometry(Sample s, Params p) {
            int w = s.width(), h = s.height();
            switch (p.i("k") & 3) {
                case 0: return Geometry.affine(new double[] {1, 0, 0, 0, 1, 0}, w, h);
                case 1: return Geometry.affine(new double[] {0, 1, 0, -1, 0, w}, h, w);
                case 2: return Geometry.affine(new double[] {-1, 0, w, 0, -1, h}, w, h);
                default: return Geometry.affine(new double[] {0, -1, h, 1, 0, 0}, h, w);
            }
        }
    }

    // ------------------------------------------------------------------ rotate and affine

    static final class Rotate extends Spatial {
        final double[] limit;
        Rotate(StepConfig c) {
            super(c, Border.CONSTANT);
            limit = c.range("limit", new double[] {-30, 30}, -360, 360, true);
        }
        @Override public String type() { return "rotate"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params().put("angle", uniform(rng, limit)); }
        @Override Geometry geometry(Sample s, Params p) {
            return Geometry.affine(rotation(p.d("angle"), s.width() / 2.0, s.height() / 2.0), s.width(), s.height());
        }
    }

    /**
     * Scale, translate (a fraction of the size), rotate and shear (degrees) about the centre:
     * {@code M = T(c + t) · R · Sh · S · T(-c)}.
     */
    static final class Affine extends Spatial {
        final double[] scale, translate, rotate, shear;
        final boolean keepRatio;
        Affine(StepConfig c) {
            super(c, Border.CONSTANT);
            // Defaults of albumentations' ShiftScaleRotate (its Affine defaults to the identity).
            scale = c.range("scale", new double[] {0.9, 1.1}, 0.01, 100, false);
            translate = c.range("translate_percent", new double[] {-0.0625, 0.0625}, -1, 1, true);
            rotate = c.range("rotate", new double[] {-15, 15}, -360, 360, true);
            shear = c.range("shear", new double[] {0, 0}, -80, 80, true);
            keepRatio = c.bool("keep_ratio", true);
        }
        @Override public String type() { return "affine"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            double sx = uniform(rng, scale);
            double sy = keepRatio ? sx : uniform(rng, scale);
            return new Params().put("scale_x", sx).put("scale_y", sy)
                    .put("translate_x", uniform(rng, translate)).put("translate_y", uniform(rng, translate))
                    .put("angle", uniform(rng, rotate))
                    .put("shear_x", uniform(rng, shear)).put("shear_y", uniform(rng, shear));
        }
        @Override Geometry geometry(Sample s, Params p) {
            double w = s.width(), h = s.height(), cx = w / 2, cy = h / 2;
            double[] toOrigin = {1, 0, -cx, 0, 1, -cy};
            double[] sc = {p.d("scale_x"), 0, 0, 0, p.d("scale_y"), 0};
            double[] sh = {1, Math.tan(Math.toRadians(p.d("shear_x"))), 0, Math.tan(Math.toRadians(p.d("shear_y"))), 1, 0};
            double[] rot = rotation(p.d("angle"), 0, 0);
            double[] back = {1, 0, cx + p.d("translate_x") * w, 0, 1, cy + p.d("translate_y") * h};
            double[] m = Geometry.compose(back, Geometry.compose(rot, Geometry.compose(sh, Geometry.compose(sc, toOrigin))));
            return Geometry.affine(m, s.width(), s.height());
        }
    }

    // ------------------------------------------------------------------ crops, pad, resize

    static Geometry cropResize(int x, int y, int cw, int ch, int outW, int outH) {
        double sx = (double) outW / cw, sy = (double) outH / ch;
        return Geometry.affine(new double[] {sx, 0, -x * sx, 0, sy, -y * sy}, outW, outH);
    }

    /** torchvision's RandomResizedCrop: a crop of random area share and aspect ratio, resized to {@code width × height}. */
    static final class RandomResizedCrop extends Spatial {
        final int width, height;
        final double[] scale, ratio;
        RandomResizedCrop(StepConfig c) {
            super(c, Border.REPLICATE);
            width = c.integer("width", 0, 1, 1 << 15);
            height = c.integer("height", 0, 1, 1 << 15);
            if (width == 0 || height == 0) throw c.error(width == 0 ? "width" : "height", "is required");
            scale = c.range("scale", new double[] {0.08, 1}, 1e-4, 1, false);
            ratio = c.range("ratio", new double[] {3.0 / 4, 4.0 / 3}, 1e-3, 1e3, false);
        }
        @Override public String type() { return "random_resized_crop"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int w = s.width(), h = s.height();
            double area = (double) w * h, logLo = Math.log(ratio[0]), logHi = Math.log(ratio[1]);
            for (int attempt = 0; attempt < 10; attempt++) {
                double target = area * uniform(rng, scale);
                double ar = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
                int cw = (int) Math.round(Math.sqrt(target * ar)), ch = (int) Math.round(Math.sqrt(target / ar));
                if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                    int x = rng.nextInt(w - cw + 1), y = rng.nextInt(h - ch + 1);
                    return new Params().put("x", x).put("y", y).put("crop_width", cw).put("crop_height", ch);
                }
            }
            // Fallback: the central crop with the ratio clamped to the range.
            double inRatio = (double) w / h;
            int cw, ch;
            if (inRatio < ratio[0]) { cw = w; ch = (int) Math.round(w / ratio[0]); }
            else if (inRatio > ratio[1]) { ch = h; cw = (int) Math.round(h * ratio[1]); }
            else { cw = w; ch = h; }
            cw = Math.max(1, Math.min(w, cw));
            ch = Math.max(1, Math.min(h, ch));
            return new Params().put("x", (w - cw) / 2).put("y", (h - ch) / 2).put("crop_width", cw).put("crop_height", ch);
        }
        @Override Geometry geometry(Sample s, Params p) {
            return cropResize(p.i("x"), p.i("y"), p.i("crop_width"), p.i("crop_height"), width, height);
        }
    }

    static final class RandomCrop extends Spatial {
        final int width, height;
        final boolean center;
        RandomCrop(StepConfig c, boolean center) {
            super(c, Border.CONSTANT);
            this.center = center;
            width = c.integer("width", 0, 1, 1 << 15);
            height = c.integer("height", 0, 1, 1 << 15);
            if (width == 0 || height == 0) throw c.error(width == 0 ? "width" : "height", "is required");
        }
        @Override public String type() { return center ? "center_crop" : "random_crop"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            if (width > s.width() || height > s.height()) {
                throw new IllegalArgumentException("image " + s.width() + "x" + s.height() + " is smaller than the crop "
                        + width + "x" + height + " of " + type() + " (put a pad step before it)");
            }
            int x = center ? (s.width() - width) / 2 : rng.nextInt(s.width() - width + 1);
            int y = center ? (s.height() - height) / 2 : rng.nextInt(s.height() - height + 1);
            return new Params().put("x", x).put("y", y);
        }
        @Override Geometry geometry(Sample s, Params p) {
            return cropResize(p.i("x"), p.i("y"), width, height, width, height);
        }
    }

    /** Pads to at least {@code min_width × min_height}, centred, or by {@code pixels} on every side. */
    static final class Pad extends Spatial {
        final int minW, minH, pixels;
        Pad(StepConfig c) {
            super(c, Border.CONSTANT);
            minW = c.integer("min_width", 0, 0, 1 << 15);
            minH = c.integer("min_height", 0, 0, 1 << 15);
            pixels = c.integer("pixels", 0, 0, 1 << 14);
        }
        @Override public String type() { return "pad"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int w = s.width(), h = s.height();
            int padW = Math.max(0, minW - w), padH = Math.max(0, minH - h);
            return new Params().put("left", pixels + padW / 2).put("top", pixels + padH / 2)
                    .put("right", pixels + padW - padW / 2).put("bottom", pixels + padH - padH / 2);
        }
        @Override Geometry geometry(Sample s, Params p) {
            int l = p.i("left"), t = p.i("top");
            return Geometry.affine(new double[] {1, 0, l, 0, 1, t}, s.width() + l + p.i("right"), s.height() + t + p.i("bottom"));
        }
    }

    static final class Resize implements Transform {
        final int width, height;
        final boolean nearest;
        Resize(StepConfig c) {
            width = c.integer("width", 0, 1, 1 << 15);
            height = c.integer("height", 0, 1, 1 << 15);
            if (width == 0 || height == 0) throw c.error(width == 0 ? "width" : "height", "is required");
            nearest = c.choice("interpolation", "linear", "linear", "nearest").equals("nearest");
        }
        @Override public String type() { return "resize"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) { return new Params(); }
        @Override public Sample apply(Sample s, Params p, Context ctx) {
            // The separable resize kernel (pixel centres aligned as in the warp); targets scaled by the same map.
            Geometry g = cropResize(0, 0, s.width(), s.height(), width, height);
            Image mask = s.mask() == null ? null : Kernels.resize(s.mask(), width, height, true);
            return g.moveTargets(s, Kernels.resize(s.image(), width, height, nearest), mask, ctx);
        }
    }

    // ------------------------------------------------------------------ perspective and elastic

    /**
     * albumentations' Perspective: each corner moves inward by |N(0, scale)| of the size (at most
     * 0.32), and that quadrilateral is stretched onto the whole output.
     */
    static final class Perspective extends Spatial {
        final double[] scale;
        Perspective(StepConfig c) {
            super(c, Border.CONSTANT);
            scale = c.range("scale", new double[] {0.05, 0.1}, 0, 0.5, false);
        }
        @Override public String type() { return "perspective"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            double sd = uniform(rng, scale);
            double[] d = new double[8];
            for (int i = 0; i < 8; i++) d[i] = Math.min(0.32, Math.abs(gaussian(rng) * sd));
            return new Params().put("corners", d);
        }
        @Override Geometry geometry(Sample s, Params p) {
            double w = s.width(), h = s.height();
            double[] d = p.ds("corners");
            double[] src = {d[0] * w, d[1] * h, w - d[2] * w, d[3] * h, w - d[4] * w, h - d[5] * h, d[6] * w, h - d[7] * h};
            double[] dst = {0, 0, w, 0, w, h, 0, h};
            return Geometry.perspective(Geometry.quadToQuad(src, dst), s.width(), s.height());
        }
    }

    static double gaussian(SplittableRandom rng) {
        // Box-Muller, one value per call (deterministic and independent of any cached state).
        double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Elastic deformation (Simard et al. 2003): a displacement field of uniform noise smoothed at
     * {@code sigma} pixels and scaled so its largest displacement is {@code alpha} pixels.
     */
    static final class Elastic extends Spatial {
        final double[] alpha;
        final double sigma;
        Elastic(StepConfig c) {
            super(c, Border.REFLECT101);
            alpha = c.range("alpha", new double[] {10, 10}, 0, 1000, false);
            sigma = c.number("sigma", 8, 0.5, 1000);
        }
        @Override public String type() { return "elastic"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("alpha", uniform(rng, alpha)).put("seed", rng.nextLong());
        }
        @Override Geometry geometry(Sample s, Params p) {
            return new ElasticGeometry(s.width(), s.height(), p.d("alpha"), sigma, p.l("seed"));
        }
    }

    static final class ElasticGeometry extends Geometry {
        final float[] dx, dy;

        ElasticGeometry(int w, int h, double alpha, double sigma, long seed) {
            super(w, h);
            SplittableRandom r = new SplittableRandom(seed);
            dx = field(r, w, h, alpha, sigma);
            dy = field(r, w, h, alpha, sigma);
        }

        /**
         * Uniform noise smoothed at {@code sigma}: drawn and smoothed on a grid of cells of about
         * sigma/2 pixels (the smoothing removes detail finer than that anyway), then interpolated
         * bilinearly to every pixel, which costs a fraction of smoothing at full resolution.
         */
        private static float[] field(SplittableRandom r, int w, int h, double alpha, double sigma) {
            int cell = Math.max(1, (int) (sigma / 2));
            int gw = (w + cell - 1) / cell + 1, gh = (h + cell - 1) / cell + 1;
            float[] g = new float[gw * gh];
            for (int i = 0; i < g.length; i++) g[i] = (float) (r.nextDouble() * 2 - 1);
            Kernels.smoothField(g, gw, gh, sigma / cell);
            float[] f = new float[w * h];
            for (int y = 0; y < h; y++) {
                double gy = (y + 0.5) / cell;
                int y0 = Math.min((int) gy, gh - 2);
                float ay = (float) (gy - y0);
                for (int x = 0; x < w; x++) {
                    double gx = (x + 0.5) / cell;
                    int x0 = Math.min((int) gx, gw - 2);
                    float ax = (float) (gx - x0);
                    int q = y0 * gw + x0;
                    f[y * w + x] = (g[q] * (1 - ax) + g[q + 1] * ax) * (1 - ay) + (g[q + gw] * (1 - ax) + g[q + gw + 1] * ax) * ay;
                }
            }
            float max = 0;
            for (float v : f) max = Math.max(max, Math.abs(v));
            float k = max == 0 ? 0 : (float) (alpha / max);
            for (int i = 0; i < f.length; i++) f[i] *= k;
            return f;
        }

        @Override public boolean straight() { return false; }

        /** Bilinear displacement at a continuous point. */
        private double at(float[] f, double x, double y) {
            double fx = Math.max(0, Math.min(outW - 1, x - 0.5)), fy = Math.max(0, Math.min(outH - 1, y - 0.5));
            int x0 = Math.min((int) fx, outW - 1), y0 = Math.min((int) fy, outH - 1);
            int x1 = Math.min(x0 + 1, outW - 1), y1 = Math.min(y0 + 1, outH - 1);
            double ax = fx - x0, ay = fy - y0;
            double top = f[y0 * outW + x0] * (1 - ax) + f[y0 * outW + x1] * ax;
            double bot = f[y1 * outW + x0] * (1 - ax) + f[y1 * outW + x1] * ax;
            return top * (1 - ay) + bot * ay;
        }

        /** Output point q reads input q + d(q); a point p moves to the q solving q + d(q) = p (fixed-point iteration). */
        @Override
        public void forward(double[] xy) {
            double px = xy[0], py = xy[1], qx = px, qy = py;
            for (int it = 0; it < 20; it++) {
                double nx = px - at(dx, qx, qy), ny = py - at(dy, qx, qy);
                double step = Math.abs(nx - qx) + Math.abs(ny - qy);
                qx = nx;
                qy = ny;
                if (step < 1e-6) break;
            }
            xy[0] = qx;
            xy[1] = qy;
        }

        @Override
        public Image warp(Image img, boolean nearest, Border border, int[] fill) {
            float[] mx = new float[outW * outH], my = new float[outW * outH];
            for (int y = 0, i = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++, i++) {
                    mx[i] = x + dx[i];
                    my[i] = y + dy[i];
                }
            }
            return Kernels.remap(img, mx, my, outW, outH, border, fill, nearest);
        }
    }
}
