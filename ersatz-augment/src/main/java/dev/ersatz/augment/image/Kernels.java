package dev.ersatz.augment.image;

/**
 * The pixel kernels: warps, resizing and separable blurs on 8-bit interleaved images, in integer
 * arithmetic written so that the JIT compiles the inner loops tightly.
 *
 * <p><b>Warps</b> take an inverse map in <em>index</em> space (output pixel {@code (X, Y)} reads the
 * source at index coordinates {@code (sx, sy)}, where index {@code i} is the centre of pixel
 * {@code i}); {@link #toIndexSpace} converts a continuous-plane map (see {@link Image}). Source
 * coordinates are fixed-point with 16 fractional bits; bilinear weights use the top 8 of them
 * (1/256 pixel), so every output is {@code (Σ v·w + 2^15) >> 16} with integer weights summing to
 * 2^16: the same bytes on every machine. Taps outside the image follow the {@link Border}; with
 * {@link Border#CONSTANT} each outside tap reads the fill value, so edges blend into the fill as in
 * OpenCV.
 *
 * <p><b>Blurs</b> are separable with 8-bit fixed-point taps summing to exactly 256 per pass (as
 * OpenCV's bit-exact 8-bit Gaussian), rows padded by {@link Border#REFLECT101}; a ring of
 * horizontally filtered rows keeps the vertical pass in cache.
 */
public final class Kernels {
    private Kernels() {}

    static final int SHIFT = 16;
    static final long ONE = 1L << SHIFT;
    /** Source coordinates are clamped to ±2^30 fixed-point pixels before border handling (any such tap is far outside). */
    private static final long FAR = 1L << 30;

    /**
     * Converts an inverse map in the continuous plane (out (x, y) -> in {@code m·(x, y, 1)}) to index
     * space: {@code in_idx = m·(X + 0.5, Y + 0.5, 1) - 0.5}.
     */
    public static double[] toIndexSpace(double[] m) {
        return new double[] {
                m[0], m[1], m[0] * 0.5 + m[1] * 0.5 + m[2] - 0.5,
                m[3], m[4], m[3] * 0.5 + m[4] * 0.5 + m[5] - 0.5};
    }

    // ------------------------------------------------------------------ affine warp

    /**
     * Warps {@code src} by an affine inverse map in index space ({@code a = [a00, a01, a02, a10, a11, a12]}).
     *
     * @param fill   per-channel fill for {@link Border#CONSTANT} (null = zeros)
     * @param nearest nearest-neighbour (masks) instead of bilinear
     */
    public static Image warpAffine(Image src, double[] a, int outW, int outH, Border border, int[] fill, boolean nearest) {
        final int w = src.width, h = src.height, ch = src.channels;
        final byte[] s = src.data;
        final byte[] d = new byte[outW * outH * ch];
        final byte[] fillBytes = fillBytes(fill, ch);
        final long[] adx = new long[outW], ady = new long[outW];
        for (int x = 0; x < outW; x++) {
            adx[x] = Math.round(a[0] * x * ONE);
            ady[x] = Math.round(a[3] * x * ONE);
        }
        final long half = nearest ? ONE / 2 : 0;
        for (int y = 0; y < outH; y++) {
            final long bx = Math.round((a[1] * y + a[2]) * ONE) + half;
            final long by = Math.round((a[4] * y + a[5]) * ONE) + half;
            int o = y * outW * ch;
            if (nearest) {
                for (int x = 0; x < outW; x++, o += ch) nearestAt(s, w, h, ch, bx + adx[x], by + ady[x], d, o, border, fillBytes);
            } else if (ch == 3) {
                final int w1 = w - 1, h1 = h - 1, stride = w * 3;
                for (int x = 0; x < outW; x++, o += 3) {
                    final long sx = bx + adx[x], sy = by + ady[x];
                    final long lix = sx >> SHIFT, liy = sy >> SHIFT;
                    if (lix >= 0 && liy >= 0 && lix < w1 && liy < h1) {
                        final int fx = (int) (sx >>> 8) & 255, fy = (int) (sy >>> 8) & 255;
                        final int gx = 256 - fx, gy = 256 - fy;
                        final int p = ((int) liy * w + (int) lix) * 3, q = p + stride;
                        int t = (s[p] & 255) * gx + (s[p + 3] & 255) * fx;
                        int b = (s[q] & 255) * gx + (s[q + 3] & 255) * fx;
                        d[o] = (byte) ((t * gy + b * fy + 32768) >> 16);
                        t = (s[p + 1] & 255) * gx + (s[p + 4] & 255) * fx;
                        b = (s[q + 1] & 255) * gx + (s[q + 4] & 255) * fx;
                        d[o + 1] = (byte) ((t * gy + b * fy + 32768) >> 16);
                        t = (s[p + 2] & 255) * gx + (s[p + 5] & 255) * fx;
                        b = (s[q + 2] & 255) * gx + (s[q + 5] & 255) * fx;
                        d[o + 2] = (byte) ((t * gy + b * fy + 32768) >> 16);
                    } else {
                        bilinearSlow(s, w, h, 3, sx, sy, d, o, border, fillBytes);
                    }
                }
            } else {
                for (int x = 0; x < outW; x++, o += ch) bilinearAt(s, w, h, ch, bx + adx[x], by + ady[x], d, o, border, fillBytes);
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    // ------------------------------------------------------------------ perspective warp and remap

    /** Warps by a projective inverse map in index space ({@code m}: 3×3 row-major). */
    public static Image warpPerspective(Image src, double[] m, int outW, int outH, Border border, int[] fill, boolean nearest) {
        final int w = src.width, h = src.height, ch = src.channels;
        final byte[] d = new byte[outW * outH * ch];
        final byte[] fillBytes = fillBytes(fill, ch);
        final long half = nearest ? ONE / 2 : 0;
        for (int y = 0; y < outH; y++) {
            int o = y * outW * ch;
            for (int x = 0; x < outW; x++, o += ch) {
                double z = m[6] * x + m[7] * y + m[8];
                long sx, sy;
                if (Math.abs(z) < 1e-12) {
                    sx = sy = -FAR;
                } else {
                    sx = fixed((m[0] * x + m[1] * y + m[2]) / z) + half;
                    sy = fixed((m[3] * x + m[4] * y + m[5]) / z) + half;
                }
                if (nearest) nearestAt(src.data, w, h, ch, sx, sy, d, o, border, fillBytes);
                else bilinearAt(src.data, w, h, ch, sx, sy, d, o, border, fillBytes);
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    /** Samples {@code src} at per-output-pixel index-space coordinates ({@code mapX}, {@code mapY}: outW×outH). */
    public static Image remap(Image src, float[] mapX, float[] mapY, int outW, int outH, Border border, int[] fill, boolean nearest) {
        final int w = src.width, h = src.height, ch = src.channels;
        final byte[] d = new byte[outW * outH * ch];
        final byte[] fillBytes = fillBytes(fill, ch);
        final long half = nearest ? ONE / 2 : 0;
        for (int i = 0, o = 0; i < outW * outH; i++, o += ch) {
            long sx = fixed(mapX[i]) + half, sy = fixed(mapY[i]) + half;
            if (nearest) nearestAt(src.data, w, h, ch, sx, sy, d, o, border, fillBytes);
            else bilinearAt(src.data, w, h, ch, sx, sy, d, o, border, fillBytes);
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    private static long fixed(double v) {
        if (!(v > -16384) || !(v < 16384)) return v > 0 ? FAR : -FAR;
        return Math.round(v * ONE);
    }

    private static byte[] fillBytes(int[] fill, int ch) {
        byte[] f = new byte[ch];
        if (fill != null) for (int c = 0; c < ch; c++) f[c] = (byte) fill[Math.min(c, fill.length - 1)];
        return f;
    }

    private static void bilinearAt(byte[] s, int w, int h, int ch, long sx, long sy, byte[] d, int o, Border border, byte[] fill) {
        final long lix = sx >> SHIFT, liy = sy >> SHIFT;
        if (lix >= 0 && liy >= 0 && lix < w - 1 && liy < h - 1) {
            final int fx = (int) (sx >>> 8) & 255, fy = (int) (sy >>> 8) & 255;
            final int gx = 256 - fx, gy = 256 - fy;
            final int p = ((int) liy * w + (int) lix) * ch, q = p + w * ch;
            for (int c = 0; c < ch; c++) {
                int t = (s[p + c] & 255) * gx + (s[p + ch + c] & 255) * fx;
                int b = (s[q + c] & 255) * gx + (s[q + ch + c] & 255) * fx;
                d[o + c] = (byte) ((t * gy + b * fy + 32768) >> 16);
            }
        } else {
            bilinearSlow(s, w, h, ch, sx, sy, d, o, border, fill);
        }
    }

    private static void bilinearSlow(byte[] s, int w, int h, int ch, long sx, long sy, byte[] d, int o, Border border, byte[] fill) {
        sx = Math.max(-FAR, Math.min(FAR, sx));
        sy = Math.max(-FAR, Math.min(FAR, sy));
        final int ix = (int) (sx >> SHIFT), iy = (int) (sy >> SHIFT);
        final int fx = (int) (sx >>> 8) & 255, fy = (int) (sy >>> 8) & 255;
        final int gx = 256 - fx, gy = 256 - fy;
        final int x0 = border.index(ix, w), x1 = border.index(ix + 1, w);
        final int y0 = border.index(iy, h), y1 = border.index(iy + 1, h);
        for (int c = 0; c < ch; c++) {
            int f = fill[c] & 255;
            int v00 = (x0 < 0 || y0 < 0) ? f : s[(y0 * w + x0) * ch + c] & 255;
            int v01 = (x1 < 0 || y0 < 0) ? f : s[(y0 * w + x1) * ch + c] & 255;
            int v10 = (x0 < 0 || y1 < 0) ? f : s[(y1 * w + x0) * ch + c] & 255;
            int v11 = (x1 < 0 || y1 < 0) ? f : s[(y1 * w + x1) * ch + c] & 255;
            int t = v00 * gx + v01 * fx, b = v10 * gx + v11 * fx;
            d[o + c] = (byte) ((t * gy + b * fy + 32768) >> 16);
        }
    }

    /** {@code sx, sy} already carry +0.5 pixel, so the floor is the nearest centre. */
    private static void nearestAt(byte[] s, int w, int h, int ch, long sx, long sy, byte[] d, int o, Border border, byte[] fill) {
        sx = Math.max(-FAR, Math.min(FAR, sx));
        sy = Math.max(-FAR, Math.min(FAR, sy));
        int ix = border.index((int) (sx >> SHIFT), w), iy = border.index((int) (sy >> SHIFT), h);
        if (ix < 0 || iy < 0) {
            System.arraycopy(fill, 0, d, o, ch);
        } else {
            System.arraycopy(s, (iy * w + ix) * ch, d, o, ch);
        }
    }

    // ------------------------------------------------------------------ resize

    /**
     * Resizes with pixel centres aligned ({@code sx = (X + 0.5)·w/outW - 0.5}, as OpenCV's
     * {@code INTER_LINEAR} and PIL), edge pixels repeated; separable, each source row filtered once.
     */
    public static Image resize(Image src, int outW, int outH, boolean nearest) {
        if (outW == src.width && outH == src.height) return src.copy();
        if (nearest) return resizeNearest(src, outW, outH);
        final int w = src.width, h = src.height, ch = src.channels;
        final int rowLen = outW * ch;
        // Horizontal taps, per output value: byte offsets of the two taps and the right tap's weight.
        final int[] off0 = new int[rowLen], off1 = new int[rowLen], wt = new int[rowLen];
        double scaleX = (double) w / outW;
        for (int x = 0; x < outW; x++) {
            double sx = (x + 0.5) * scaleX - 0.5;
            if (sx < 0) sx = 0;
            int x0 = (int) sx;
            int f = (int) Math.round((sx - x0) * 256);
            if (f == 256) { x0++; f = 0; }
            if (x0 >= w - 1) { x0 = w - 1; f = 0; }
            int x1 = Math.min(x0 + 1, w - 1);
            for (int c = 0; c < ch; c++) {
                off0[x * ch + c] = x0 * ch + c;
                off1[x * ch + c] = x1 * ch + c;
                wt[x * ch + c] = f;
            }
        }
        final byte[] s = src.data, d = new byte[outH * rowLen];
        int[] rowA = new int[rowLen], rowB = new int[rowLen];
        int haveA = -1, haveB = -1;
        double scaleY = (double) h / outH;
        for (int y = 0; y < outH; y++) {
            double sy = (y + 0.5) * scaleY - 0.5;
            if (sy < 0) sy = 0;
            int y0 = (int) sy;
            int fy = (int) Math.round((sy - y0) * 256);
            if (fy == 256) { y0++; fy = 0; }
            if (y0 >= h - 1) { y0 = h - 1; fy = 0; }
            int y1 = Math.min(y0 + 1, h - 1);
            if (haveA != y0) {
                if (haveB == y0) { int[] t = rowA; rowA = rowB; rowB = t; haveA = y0; haveB = -1; }
                else { hresize(s, y0 * w * ch, off0, off1, wt, rowA); haveA = y0; }
            }
            int o = y * rowLen;
            if (fy == 0) {
                for (int i = 0; i < rowLen; i++) d[o + i] = (byte) ((rowA[i] + 128) >> 8);
                continue;
            }
            if (haveB != y1) { hresize(s, y1 * w * ch, off0, off1, wt, rowB); haveB = y1; }
            final int gy = 256 - fy;
            final int[] a = rowA, b = rowB;
            for (int i = 0; i < rowLen; i++) d[o + i] = (byte) ((a[i] * gy + b[i] * fy + 32768) >> 16);
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    private static void hresize(byte[] s, int base, int[] off0, int[] off1, int[] wt, int[] out) {
        for (int i = 0; i < out.length; i++) {
            int f = wt[i];
            out[i] = (s[base + off0[i]] & 255) * (256 - f) + (s[base + off1[i]] & 255) * f;
        }
    }

    private static Image resizeNearest(Image src, int outW, int outH) {
        final int w = src.width, h = src.height, ch = src.channels;
        byte[] d = new byte[outW * outH * ch];
        int[] xs = new int[outW];
        for (int x = 0; x < outW; x++) xs[x] = Math.min(w - 1, (int) Math.floor((x + 0.5) * w / outW)) * ch;
        for (int y = 0; y < outH; y++) {
            int sy = Math.min(h - 1, (int) Math.floor((y + 0.5) * h / outH));
            int sb = sy * w * ch, o = y * outW * ch;
            for (int x = 0; x < outW; x++, o += ch) System.arraycopy(src.data, sb + xs[x], d, o, ch);
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    // ------------------------------------------------------------------ separable blur

    /** The Gaussian kernel size OpenCV derives from sigma for 8-bit images: {@code round(6σ + 1) | 1}. */
    public static int kernelSize(double sigma) {
        return Math.max(3, ((int) Math.round(sigma * 6 + 1)) | 1);
    }

    /** The sigma OpenCV derives from a kernel size: {@code 0.3·((k − 1)/2 − 1) + 0.8}. */
    public static double sigmaOf(int ksize) {
        return 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;
    }

    /** Integer Gaussian taps for a size and sigma, summing to exactly 256 (the centre absorbs rounding). */
    public static int[] gaussianTaps(int ksize, double sigma) {
        int r = ksize / 2;
        double[] g = new double[ksize];
        double sum = 0;
        for (int i = 0; i < ksize; i++) {
            double x = i - r;
            g[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += g[i];
        }
        int[] k = new int[ksize];
        int total = 0;
        for (int i = 0; i < ksize; i++) {
            k[i] = (int) Math.round(g[i] / sum * 256);
            total += k[i];
        }
        k[r] += 256 - total;
        return k;
    }

    /** Gaussian blur with a symmetric {@code ksize} kernel of the given sigma, border reflect-101. */
    public static Image gaussianBlur(Image src, int ksize, double sigma) {
        if (ksize <= 1) return src.copy();
        int[] taps = gaussianTaps(ksize, sigma);
        return separable(src, taps, taps);
    }

    /** Blurs with symmetric horizontal and vertical integer taps (odd lengths, each summing to 256). */
    public static Image separable(Image src, int[] kx, int[] ky) {
        final int w = src.width, h = src.height, ch = src.channels;
        final int rowLen = w * ch;
        final int rx = kx.length / 2, ry = ky.length / 2;
        final int ring = ky.length;
        final int[][] rows = new int[ring][rowLen];
        final int[] pad = new int[(w + 2 * rx) * ch];
        final int[] acc = new int[rowLen];
        final byte[] s = src.data, d = new byte[h * rowLen];
        // Virtual rows -ry .. h-1+ry, each filtered once into slot floorMod(v, ring).
        int next = -ry;
        for (int y = 0; y < h; y++) {
            while (next <= y + ry) {
                int sy = Border.REFLECT101.index(next, h);
                hfilter(s, sy * rowLen, w, ch, rx, kx, pad, rows[Math.floorMod(next, ring)]);
                next++;
            }
            int[] c = rows[Math.floorMod(y, ring)];
            int k0 = ky[ry];
            for (int i = 0; i < rowLen; i++) acc[i] = k0 * c[i];
            for (int t = 1; t <= ry; t++) {
                final int kt = ky[ry + t];
                if (kt == 0) continue;
                final int[] a = rows[Math.floorMod(y - t, ring)], b = rows[Math.floorMod(y + t, ring)];
                for (int i = 0; i < rowLen; i++) acc[i] += kt * (a[i] + b[i]);
            }
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) d[o + i] = (byte) ((acc[i] + 32768) >>> 16);
        }
        return new Image(w, h, ch, d, src.palette);
    }

    private static void hfilter(byte[] s, int base, int w, int ch, int rx, int[] kx, int[] pad, int[] out) {
        final int rowLen = w * ch;
        for (int i = 0; i < rowLen; i++) pad[rx * ch + i] = s[base + i] & 255;
        for (int x = 1; x <= rx; x++) {
            int left = Border.REFLECT101.index(-x, w), right = Border.REFLECT101.index(w - 1 + x, w);
            for (int c = 0; c < ch; c++) {
                pad[(rx - x) * ch + c] = s[base + left * ch + c] & 255;
                pad[(rx + w - 1 + x) * ch + c] = s[base + right * ch + c] & 255;
            }
        }
        final int k0 = kx[rx], centre = rx * ch;
        for (int i = 0; i < rowLen; i++) out[i] = k0 * pad[centre + i];
        for (int t = 1; t <= rx; t++) {
            final int kt = kx[rx + t];
            if (kt == 0) continue;
            final int lo = (rx - t) * ch, hi = (rx + t) * ch;
            for (int i = 0; i < rowLen; i++) out[i] += kt * (pad[lo + i] + pad[hi + i]);
        }
    }

    // ------------------------------------------------------------------ float fields

    /**
     * Smooths a float field in place by three passes of a box filter each way (a close approximation
     * of a Gaussian of the given sigma, at a cost independent of sigma), edges replicated.
     */
    public static void smoothField(float[] f, int w, int h, double sigma) {
        // Box width for 3 passes approximating sigma: variance of a box of width b is (b^2 - 1) / 12.
        int b = (int) Math.round(Math.sqrt(12 * sigma * sigma / 3 + 1));
        int r = Math.max(0, (b - 1) / 2);
        if (r == 0) return;
        float[] line = new float[Math.max(w, h)];
        float[] tmp = new float[Math.max(w, h)];
        for (int pass = 0; pass < 3; pass++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(f, y * w, line, 0, w);
                boxLine(line, tmp, w, r);
                System.arraycopy(tmp, 0, f, y * w, w);
            }
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) line[y] = f[y * w + x];
                boxLine(line, tmp, h, r);
                for (int y = 0; y < h; y++) f[y * w + x] = tmp[y];
            }
        }
    }

    private static void boxLine(float[] in, float[] out, int n, int r) {
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += in[Math.max(0, Math.min(n - 1, i))];
        float inv = 1f / (2 * r + 1);
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sum * inv);
            sum += in[Math.min(n - 1, i + r + 1)] - in[Math.max(0, i - r)];
        }
    }
}
