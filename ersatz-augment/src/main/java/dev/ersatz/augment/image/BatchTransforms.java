package dev.ersatz.augment.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Batch-level transforms: MixUp (Zhang et al. 2018), CutMix (Yun et al. 2019) and Mosaic (YOLOv4).
 * Each mixes the sample with other inputs of the run, drawn at random among the others (never
 * itself) and recorded by index, in their original form (not augmented), resized to the sample's
 * size. Class labels are mixed in proportion (MixUp's λ, CutMix's and Mosaic's pixel shares); boxes
 * and keypoints are carried from every image whose pixels are shown, clipped to the part shown and
 * filtered by the pipeline's box rules.
 */
public final class BatchTransforms {
    private BatchTransforms() {}

    /** Marker for steps that need the run's other inputs. */
    abstract static class Batch implements Transform {
        static int[] partners(SplittableRandom rng, Context ctx, int n) {
            int size = ctx.batch().size();
            int others = ctx.self() >= 0 ? size - 1 : size;
            if (others < 1) throw new IllegalArgumentException("needs at least two input images to mix");
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(others);
                if (ctx.self() >= 0 && k >= ctx.self()) k++;
                p[i] = k;
            }
            return p;
        }
    }

    /** A partner input, resized to {@code w × h} with its targets, its channels matched to {@code channels}. */
    static Sample partner(Context ctx, int index, int w, int h, int channels, boolean withMask, Context moveCtx) {
        Sample p = ctx.batch().load(index);
        Geometry g = GeometricTransforms.cropResize(0, 0, p.width(), p.height(), w, h);
        Image img = Kernels.resize(matchChannels(p.image(), channels), w, h, false);
        Image mask = p.mask() == null ? null : Kernels.resize(p.mask(), w, h, true);
        if (withMask && mask == null) mask = Image.blank(w, h, 1);
        return g.moveTargets(new Sample(p.image(), null, p.boxes(), p.keypoints(), p.label()), img, withMask ? mask : null, moveCtx);
    }

    static Image matchChannels(Image img, int ch) {
        if (img.channels == ch) return img;
        int n = img.width * img.height;
        byte[] d = new byte[n * ch];
        int[] luma = Pixels.luma(img);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int v;
                if (ch == 1) v = luma[i];
                else if (c == 3) v = img.channels == 4 ? img.data[i * 4 + 3] & 255 : 255;
                else v = img.channels >= 3 ? img.data[i * img.channels + c] & 255 : img.data[i * img.channels] & 255;
                d[i * ch + c] = (byte) v;
            }
        }
        return new Image(img.width, img.height, ch, d);
    }

    static Map<String, Double> mix(List<Map<String, Double>> labels, double[] weights) {
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            for (Map.Entry<String, Double> e : labels.get(i).entrySet()) {
                if (weights[i] > 0) out.merge(e.getKey(), e.getValue() * weights[i], Double::sum);
            }
        }
        return out;
    }

    /** Draws from Beta(a, a) through two gamma draws (Marsaglia and Tsang 2000). */
    static double beta(SplittableRandom rng, double a) {
        double x = gamma(rng, a), y = gamma(rng, a);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    static double gamma(SplittableRandom rng, double a) {
        if (a < 1) return gamma(rng, a + 1) * Math.pow(1 - rng.nextDouble(), 1 / a);
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = GeometricTransforms.gaussian(rng), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1 - rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    // ------------------------------------------------------------------ MixUp

    static final class MixUp extends Batch {
        final double alpha;
        MixUp(StepConfig c) { alpha = c.number("alpha", 0.4, 0.01, 100); }
        @Override public String type() { return "mixup"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("partner", partners(rng, ctx, 1)[0]).put("lambda", beta(rng, alpha));
        }
        @Override public Sample apply(Sample s, Params p, Context ctx) {
            double lam = p.d("lambda");
            Sample o = partner(ctx, p.i("partner"), s.width(), s.height(), s.image().channels, false, ctx);
            int k = (int) Math.round(lam * 256);
            byte[] a = s.image().data, b = o.image().data, d = new byte[a.length];
            for (int i = 0; i < a.length; i++) d[i] = (byte) (((a[i] & 255) * k + (b[i] & 255) * (256 - k) + 128) >> 8);
            Image mask = s.mask();
            if (mask != null && lam < 0.5) {
                Sample om = partner(ctx, p.i("partner"), s.width(), s.height(), s.image().channels, true, ctx);
                mask = om.mask();
            }
            List<Box> boxes = new ArrayList<>(s.boxes());
            boxes.addAll(o.boxes());
            List<Keypoint> points = new ArrayList<>(s.keypoints());
            points.addAll(o.keypoints());
            return new Sample(s.image().with(d), mask, boxes, points, mix(List.of(s.label(), o.label()), new double[] {lam, 1 - lam}));
        }
    }

    // ------------------------------------------------------------------ CutMix

    static final class CutMix extends Batch {
        final double alpha;
        CutMix(StepConfig c) { alpha = c.number("alpha", 1.0, 0.01, 100); }
        @Override public String type() { return "cutmix"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int partner = partners(rng, ctx, 1)[0];
            double lam = beta(rng, alpha);
            int W = s.width(), H = s.height();
            double r = Math.sqrt(1 - lam);
            int cw = (int) Math.round(W * r), chh = (int) Math.round(H * r);
            int cx = rng.nextInt(W), cy = rng.nextInt(H);
            int x0 = Math.max(0, cx - cw / 2), y0 = Math.max(0, cy - chh / 2);
            int x1 = Math.min(W, cx + (cw - cw / 2)), y1 = Math.min(H, cy + (chh - chh / 2));
            return new Params().put("partner", partner).put("patch", new int[] {x0, y0, Math.max(x0, x1), Math.max(y0, y1)});
        }
        @Override public Sample apply(Sample s, Params p, Context ctx) {
            int[] r = p.is("patch");
            int W = s.width(), H = s.height();
            Sample o = partner(ctx, p.i("partner"), W, H, s.image().channels, s.mask() != null, ctx);
            Image img = s.image().copy();
            paste(img, o.image(), r);
            Image mask = s.mask();
            if (mask != null) {
                mask = mask.copy();
                paste(mask, o.mask(), r);
            }
            double share = (double) (r[2] - r[0]) * (r[3] - r[1]) / ((double) W * H);
            TargetRules rules = ctx.rules();
            List<Box> boxes = new ArrayList<>();
            for (Box b : s.boxes()) {
                double hidden = overlap(b, r);
                double visible = b.area() - hidden;
                if (visible >= rules.minArea() && visible > 0 && (b.area() == 0 || visible / b.area() >= rules.minVisibility())) boxes.add(b);
            }
            for (Box b : o.boxes()) {
                Box c = Geometry.clip(b.moved(b.x0() - r[0], b.y0() - r[1], b.x1() - r[0], b.y1() - r[1]),
                        b.x0() - r[0], b.y0() - r[1], b.x1() - r[0], b.y1() - r[1], r[2] - r[0], r[3] - r[1], rules);
                if (c != null) boxes.add(c.moved(c.x0() + r[0], c.y0() + r[1], c.x1() + r[0], c.y1() + r[1]));
            }
            List<Keypoint> points = new ArrayList<>();
            for (Keypoint k : s.keypoints()) if (!inside(k, r)) points.add(k);
            for (Keypoint k : o.keypoints()) if (inside(k, r)) points.add(k);
            return new Sample(img, mask, boxes, points, mix(List.of(s.label(), o.label()), new double[] {1 - share, share}));
        }
    }

    static boolean inside(Keypoint k, int[] r) {
        return k.x() >= r[0] && k.x() < r[2] && k.y() >= r[1] && k.y() < r[3];
    }

    static double overlap(Box b, int[] r) {
        double w = Math.min(b.x1(), r[2]) - Math.max(b.x0(), r[0]);
        double h = Math.min(b.y1(), r[3]) - Math.max(b.y0(), r[1]);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Copies the rectangle {@code r} of {@code src} into {@code dst} (same shapes). */
    static void paste(Image dst, Image src, int[] r) {
        int ch = dst.channels;
        for (int y = r[1]; y < r[3]; y++) {
            int o = (y * dst.width + r[0]) * ch;
            System.arraycopy(src.data, o, dst.data, o, (r[2] - r[0]) * ch);
        }
    }

    // ------------------------------------------------------------------ Mosaic

    /**
     * Four images in a 2×2 grid meeting at a random centre (within {@code center_range} of the
     * size): the sample top-left, showing its bottom-right part, three partners in the other corners.
     */
    static final class Mosaic extends Batch {
        final double[] center;
        Mosaic(StepConfig c) { center = c.range("center_range", new double[] {0.25, 0.75}, 0, 1, false); }
        @Override public String type() { return "mosaic"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int[] partners = partners(rng, ctx, 3);
            int cx = (int) Math.round(GeometricTransforms.uniform(rng, center) * s.width());
            int cy = (int) Math.round(GeometricTransforms.uniform(rng, center) * s.height());
            return new Params().put("partners", partners).put("center", new int[] {cx, cy});
        }
        @Override public Sample apply(Sample s, Params p, Context ctx) {
            int W = s.width(), H = s.height(), ch = s.image().channels;
            int[] ps = p.is("partners"), c = p.is("center");
            int cx = c[0], cy = c[1];
            boolean withMask = s.mask() != null;
            Sample[] tiles = new Sample[4];
            // The sample itself is resized only if it has to be (it already has the output size).
            tiles[0] = s;
            for (int i = 0; i < 3; i++) tiles[i + 1] = partner(ctx, ps[i], W, H, ch, withMask, ctx);
            int[][] offsets = {{cx - W, cy - H}, {cx, cy - H}, {cx - W, cy}, {cx, cy}};
            int[][] regions = {{0, 0, cx, cy}, {cx, 0, W, cy}, {0, cy, cx, H}, {cx, cy, W, H}};
            Image img = Image.blank(W, H, ch);
            Image mask = withMask ? new Image(W, H, 1, new byte[W * H], s.mask().palette) : null;
            List<Box> boxes = new ArrayList<>();
            List<Keypoint> points = new ArrayList<>();
            List<Map<String, Double>> labels = new ArrayList<>();
            double[] weights = new double[4];
            for (int t = 0; t < 4; t++) {
                int[] r = regions[t];
                int ox = offsets[t][0], oy = offsets[t][1];
                weights[t] = (double) (r[2] - r[0]) * (r[3] - r[1]) / ((double) W * H);
                labels.add(tiles[t].label());
                if (r[2] <= r[0] || r[3] <= r[1]) continue;
                copyShifted(img, tiles[t].image(), r, ox, oy);
                if (withMask) copyShifted(mask, tiles[t].mask(), r, ox, oy);
                for (Box b : tiles[t].boxes()) {
                    double x0 = b.x0() + ox - r[0], y0 = b.y0() + oy - r[1], x1 = b.x1() + ox - r[0], y1 = b.y1() + oy - r[1];
                    Box cl = Geometry.clip(b, x0, y0, x1, y1, r[2] - r[0], r[3] - r[1], ctx.rules());
                    if (cl != null) boxes.add(cl.moved(cl.x0() + r[0], cl.y0() + r[1], cl.x1() + r[0], cl.y1() + r[1]));
                }
                for (Keypoint k : tiles[t].keypoints()) {
                    Keypoint m = new Keypoint(k.x() + ox, k.y() + oy, k.source());
                    if (inside(m, r)) points.add(m);
                }
            }
            return new Sample(img, mask, boxes, points, mix(labels, weights));
        }
    }

    /** {@code dst[y][x] = src[y - oy][x - ox]} over the region {@code r} of dst. */
    static void copyShifted(Image dst, Image src, int[] r, int ox, int oy) {
        int ch = dst.channels;
        for (int y = r[1]; y < r[3]; y++) {
            int sy = y - oy;
            System.arraycopy(src.data, (sy * src.width + (r[0] - ox)) * ch, dst.data, (y * dst.width + r[0]) * ch, (r[2] - r[0]) * ch);
        }
    }
}
