package dev.ersatz.augment.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A spatial map from an input image's plane to an output image's plane, applied alike to the
 * pixels (bilinear), the mask (nearest-neighbour), boxes and keypoints. All coordinates are in the
 * continuous plane of {@link Image} (pixel {@code i} covers {@code [i, i+1)}).
 */
public abstract class Geometry {
    final int outW, outH;

    Geometry(int outW, int outH) {
        if (outW <= 0 || outH <= 0) throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
        this.outW = outW;
        this.outH = outH;
    }

    public int outWidth() { return outW; }
    public int outHeight() { return outH; }

    /** Warps an image; {@code nearest} for masks. */
    public abstract Image warp(Image img, boolean nearest, Border border, int[] fill);

    /** Maps a point forward, in place ({@code xy[0], xy[1]}). */
    public abstract void forward(double[] xy);

    /** Whether straight lines stay straight (affine, perspective): a box's corners then carry its outline. */
    public boolean straight() { return true; }

    /** The forward 2×3 affine matrix, or null when the map is not affine. */
    public double[] affine() { return null; }

    // ------------------------------------------------------------------ applying to a sample

    /**
     * Moves every target of {@code s}: the image with {@code border}/{@code fill}, the mask by
     * nearest-neighbour (with {@code border}, or {@code maskFill} for constant borders), boxes by
     * {@code ctx.rules()}, keypoints dropped when they land outside the output.
     */
    public Sample apply(Sample s, Border border, int[] fill, int maskFill, Context ctx) {
        Image img = warp(s.image(), false, border, fill);
        Image mask = s.mask() == null ? null : warp(s.mask(), true, border, new int[] {maskFill});
        return moveTargets(s, img, mask, ctx);
    }

    /** The sample with already-warped {@code img} and {@code mask}, and its boxes and keypoints moved by this map. */
    public Sample moveTargets(Sample s, Image img, Image mask, Context ctx) {
        List<Box> boxes = new ArrayList<>(s.boxes().size());
        for (Box b : s.boxes()) {
            Box m = moveBox(b, ctx.rules());
            if (m != null) boxes.add(m);
        }
        List<Keypoint> points = new ArrayList<>(s.keypoints().size());
        double[] xy = new double[2];
        for (Keypoint k : s.keypoints()) {
            xy[0] = k.x();
            xy[1] = k.y();
            forward(xy);
            if (xy[0] >= 0 && xy[0] < outW && xy[1] >= 0 && xy[1] < outH) points.add(new Keypoint(xy[0], xy[1], k.source()));
        }
        return new Sample(img, mask, boxes, points, s.label());
    }

    /** The moved, clipped box, or null when the rules drop it. */
    public Box moveBox(Box b, TargetRules rules) {
        double[] ext = movedExtent(b, rules.shape());
        return clip(b, ext[0], ext[1], ext[2], ext[3], outW, outH, rules);
    }

    /** Clips {@code [x0, x1] × [y0, y1]} to the image and applies the area and visibility rules. */
    static Box clip(Box b, double x0, double y0, double x1, double y1, int w, int h, TargetRules rules) {
        double full = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        double cx0 = Math.max(0, Math.min(w, x0)), cx1 = Math.max(0, Math.min(w, x1));
        double cy0 = Math.max(0, Math.min(h, y0)), cy1 = Math.max(0, Math.min(h, y1));
        if (!(cx1 > cx0) || !(cy1 > cy0)) return null;
        double area = (cx1 - cx0) * (cy1 - cy0);
        if (area < rules.minArea()) return null;
        if (full > 0 && area / full < rules.minVisibility()) return null;
        return b.moved(cx0, cy0, cx1, cy1);
    }

    /** The unclipped extent {@code [x0, y0, x1, y1]} of a box's moved shape. */
    double[] movedExtent(Box b, TargetRules.BoxShape shape) {
        double[] a = affine();
        if (a != null) {
            double cx = (b.x0() + b.x1()) / 2, cy = (b.y0() + b.y1()) / 2;
            double hw = (b.x1() - b.x0()) / 2, hh = (b.y1() - b.y0()) / 2;
            double mx = a[0] * cx + a[1] * cy + a[2], my = a[3] * cx + a[4] * cy + a[5];
            double ex, ey;
            if (shape == TargetRules.BoxShape.ELLIPSE) {
                ex = Math.hypot(a[0] * hw, a[1] * hh);
                ey = Math.hypot(a[3] * hw, a[4] * hh);
            } else {
                ex = Math.abs(a[0] * hw) + Math.abs(a[1] * hh);
                ey = Math.abs(a[3] * hw) + Math.abs(a[4] * hh);
            }
            return new double[] {mx - ex, my - ey, mx + ex, my + ey};
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        double[] xy = new double[2];
        for (double[] p : shapePoints(b, shape, straight())) {
            xy[0] = p[0];
            xy[1] = p[1];
            forward(xy);
            minX = Math.min(minX, xy[0]);
            maxX = Math.max(maxX, xy[0]);
            minY = Math.min(minY, xy[1]);
            maxY = Math.max(maxY, xy[1]);
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /** Points standing for a box: its corners, points along its edges, or points on its inscribed ellipse. */
    static List<double[]> shapePoints(Box b, TargetRules.BoxShape shape, boolean straight) {
        List<double[]> pts = new ArrayList<>();
        if (shape == TargetRules.BoxShape.ELLIPSE) {
            double cx = (b.x0() + b.x1()) / 2, cy = (b.y0() + b.y1()) / 2, hw = b.width() / 2, hh = b.height() / 2;
            int n = 128;
            for (int i = 0; i < n; i++) {
                double t = 2 * Math.PI * i / n;
                pts.add(new double[] {cx + hw * Math.cos(t), cy + hh * Math.sin(t)});
            }
            return pts;
        }
        if (straight) {
            pts.add(new double[] {b.x0(), b.y0()});
            pts.add(new double[] {b.x1(), b.y0()});
            pts.add(new double[] {b.x1(), b.y1()});
            pts.add(new double[] {b.x0(), b.y1()});
            return pts;
        }
        // Points every pixel or so along each edge, at least 8 and at most 256 per edge.
        int nx = (int) Math.max(8, Math.min(256, Math.ceil(b.width())));
        int ny = (int) Math.max(8, Math.min(256, Math.ceil(b.height())));
        for (int i = 0; i <= nx; i++) {
            double x = b.x0() + b.width() * i / nx;
            pts.add(new double[] {x, b.y0()});
            pts.add(new double[] {x, b.y1()});
        }
        for (int i = 1; i < ny; i++) {
            double y = b.y0() + b.height() * i / ny;
            pts.add(new double[] {b.x0(), y});
            pts.add(new double[] {b.x1(), y});
        }
        return pts;
    }

    // ------------------------------------------------------------------ kinds of map

    /** An affine map {@code (x, y) -> (a0 x + a1 y + a2, a3 x + a4 y + a5)}. */
    public static Geometry affine(double[] fwd, int outW, int outH) {
        return new Affine(fwd, outW, outH);
    }

    /** A projective map given by a forward 3×3 matrix (row-major). */
    public static Geometry perspective(double[] fwd, int outW, int outH) {
        return new Perspective(fwd, outW, outH);
    }

    /** Multiplies two 2×3 affine matrices: {@code a ∘ b} (b first). */
    public static double[] compose(double[] a, double[] b) {
        return new double[] {
                a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
                a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5]};
    }

    /** Inverts a 2×3 affine matrix. */
    public static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (det == 0 || !Double.isFinite(det)) throw new IllegalArgumentException("singular affine map");
        double i0 = m[4] / det, i1 = -m[1] / det, i3 = -m[3] / det, i4 = m[0] / det;
        return new double[] {i0, i1, -(i0 * m[2] + i1 * m[5]), i3, i4, -(i3 * m[2] + i4 * m[5])};
    }

    static final class Affine extends Geometry {
        private final double[] fwd;

        Affine(double[] fwd, int outW, int outH) {
            super(outW, outH);
            this.fwd = fwd.clone();
        }

        @Override
        public double[] affine() { return fwd.clone(); }

        @Override
        public void forward(double[] xy) {
            double x = xy[0], y = xy[1];
            xy[0] = fwd[0] * x + fwd[1] * y + fwd[2];
            xy[1] = fwd[3] * x + fwd[4] * y + fwd[5];
        }

        @Override
        public Image warp(Image img, boolean nearest, Border border, int[] fill) {
            Image fast = Exact.tryPermute(img, fwd, outW, outH);
            if (fast != null) return fast;
            return Kernels.warpAffine(img, Kernels.toIndexSpace(invert(fwd)), outW, outH, border, fill, nearest);
        }
    }

    static final class Perspective extends Geometry {
        private final double[] fwd, inv;

        Perspective(double[] fwd, int outW, int outH) {
            super(outW, outH);
            this.fwd = fwd.clone();
            this.inv = invert3(fwd);
        }

        @Override
        public void forward(double[] xy) {
            double x = xy[0], y = xy[1];
            double z = fwd[6] * x + fwd[7] * y + fwd[8];
            xy[0] = (fwd[0] * x + fwd[1] * y + fwd[2]) / z;
            xy[1] = (fwd[3] * x + fwd[4] * y + fwd[5]) / z;
        }

        @Override
        public Image warp(Image img, boolean nearest, Border border, int[] fill) {
            // index space: in_idx = T(-0.5) · inv · T(+0.5) · (X, Y, 1)
            double[] t1 = {1, 0, 0.5, 0, 1, 0.5, 0, 0, 1};
            double[] t0 = {1, 0, -0.5, 0, 1, -0.5, 0, 0, 1};
            return Kernels.warpPerspective(img, mul3(t0, mul3(inv, t1)), outW, outH, border, fill, nearest);
        }
    }

    static double[] mul3(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += a[i * 3 + k] * b[k * 3 + j];
                r[i * 3 + j] = s;
            }
        }
        return r;
    }

    static double[] invert3(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
        double det = a * A + b * B + c * C;
        if (det == 0 || !Double.isFinite(det)) throw new IllegalArgumentException("singular perspective map");
        return new double[] {
                A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
                B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
                C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
    }

    /** The perspective matrix taking four source points to four destination points (x, y pairs). */
    public static double[] quadToQuad(double[] src, double[] dst) {
        // Solve the 8×8 system for h00..h21 with h22 = 1.
        double[][] a = new double[8][9];
        for (int k = 0; k < 4; k++) {
            double x = src[2 * k], y = src[2 * k + 1], u = dst[2 * k], v = dst[2 * k + 1];
            a[2 * k] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * k + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int col = 0; col < 8; col++) {
            int piv = col;
            for (int r = col + 1; r < 8; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] t = a[col]; a[col] = a[piv]; a[piv] = t;
            if (Math.abs(a[col][col]) < 1e-12) throw new IllegalArgumentException("degenerate quadrilateral");
            for (int r = 0; r < 8; r++) {
                if (r == col) continue;
                double f = a[r][col] / a[col][col];
                for (int c = col; c < 9; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] hm = new double[9];
        for (int k = 0; k < 8; k++) hm[k] = a[k][8] / a[k][k];
        hm[8] = 1;
        return hm;
    }
}
