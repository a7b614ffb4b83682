package dev.ersatz.augment.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
 * OpenCV's bit-exact 8-bit Gaussian), borders {@link Border#REFLECT101}, eight samples per 64-bit
 * operation (see {@link #separable}).
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
        // Column offsets as ints when they are small enough that a row base below 2^30 cannot overflow.
        long maxOff = 0;
        for (int x = 0; x < outW; x++) maxOff = Math.max(maxOff, Math.max(Math.abs(adx[x]), Math.abs(ady[x])));
        final boolean fitsInt = maxOff < FAR;
        final int[] adxI = new int[fitsInt ? outW : 0], adyI = new int[fitsInt ? outW : 0];
        for (int x = 0; fitsInt && x < outW; x++) {
            adxI[x] = (int) adx[x];
            adyI[x] = (int) ady[x];
        }
        // RGB rows whose coordinates fit in an int go through the staged interior (w, h below 2^14
        // keep (w - 1) << 16 inside an int).
        final RgbRows rgb = !nearest && ch == 3 && fitsInt && w < (1 << 14) && h < (1 << 14) ? new RgbRows(outW) : null;
        if (rgb != null) rgb.borderMaps(a, outW, outH, w, h, border);
        for (int y = 0; y < outH; y++) {
            final long bx = Math.round((a[1] * y + a[2]) * ONE) + half;
            final long by = Math.round((a[4] * y + a[5]) * ONE) + half;
            int o = y * outW * ch;
            if (nearest) {
                for (int x = 0; x < outW; x++, o += ch) nearestAt(s, w, h, ch, bx + adx[x], by + ady[x], d, o, border, fillBytes);
            } else if (rgb != null && Math.abs(bx) < FAR && Math.abs(by) < FAR) {
                rgb.row(s, w, h, (int) bx, (int) by, adxI, adyI, d, o, outW, y == outH - 1, border, fillBytes);
            } else if (ch == 3) {
                for (int x = 0; x < outW; x++, o += 3) bilinearAt(s, w, h, 3, bx + adx[x], by + ady[x], d, o, border, fillBytes);
            } else {
                for (int x = 0; x < outW; x++, o += ch) bilinearAt(s, w, h, ch, bx + adx[x], by + ady[x], d, o, border, fillBytes);
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    /**
     * The bilinear RGB warp of one output row, in stages that the JIT compiles to vector code where
     * it can. Source coordinates are linear in the output column, so the columns whose 2×2 footprint
     * lies inside the image form one span (found exactly, see {@link #row}); only the columns outside
     * it take the border path. Inside the span: (1) offsets and weights for every column
     * (element-wise, vectorised); (2) the four taps read as one little-endian int each (scalar
     * loads, the only gather); (3) the blend, element-wise over the span (vectorised): horizontal
     * in 16-bit lanes, red and blue in one int (weights sum to 256, so a lane stays below 2^16),
     * then vertical per channel; (4) one int store per pixel. The arithmetic and rounding are those
     * of {@link #bilinearAt}, so the bytes are the same.
     */
    static final class RgbRows {
        private final int[] off, fx, fy, tl, tr, bl, br, rb0, rb1, g0, g1, res;

        RgbRows(int outW) {
            off = new int[outW];
            fx = new int[outW];
            fy = new int[outW];
            tl = new int[outW];
            tr = new int[outW];
            bl = new int[outW];
            br = new int[outW];
            rb0 = new int[outW];
            rb1 = new int[outW];
            g0 = new int[outW];
            g1 = new int[outW];
            res = new int[outW];
        }

        /**
         * Output row starting at byte {@code o} of {@code d}: column {@code x} reads the source at
         * fixed-point {@code (bx + adx[x], by + ady[x])}.
         */
        void row(byte[] s, int w, int h, int bx, int by, int[] adx, int[] ady, byte[] d, int o, int outW, boolean lastRow,
                 Border border, byte[] fill) {
            final int limX = (w - 1) << SHIFT, limY = (h - 1) << SHIFT;
            // A first guess of the span from the real-valued line, then made exact: inside(x) holds on
            // an interval (both coordinates are monotone in x), so a span whose two ends are inside
            // lies inside, and every column added while widening it is checked one by one.
            int xa, xb;
            {
                double kx = outW > 1 ? (double) adx[outW - 1] / (outW - 1) : 0, ky = outW > 1 ? (double) ady[outW - 1] / (outW - 1) : 0;
                double lo = 0, hi = outW;
                double[] r = spanOf(bx, kx, limX, lo, hi);
                r = spanOf(by, ky, limY, r[0], r[1]);
                xa = (int) Math.max(0, Math.min(outW, Math.ceil(r[0])));
                xb = (int) Math.max(xa, Math.min(outW, Math.floor(r[1])));
            }
            while (xa < xb && !inside(bx + adx[xa], by + ady[xa], limX, limY)) xa++;
            while (xb > xa && !inside(bx + adx[xb - 1], by + ady[xb - 1], limX, limY)) xb--;
            while (xa > 0 && inside(bx + adx[xa - 1], by + ady[xa - 1], limX, limY)) xa--;
            while (xb < outW && inside(bx + adx[xb], by + ady[xb], limX, limY)) xb++;

            final int stride = w * 3;
            final int[] off = this.off, fx = this.fx, fy = this.fy, tl = this.tl, tr = this.tr, bl = this.bl, br = this.br;
            final int[] rb0 = this.rb0, rb1 = this.rb1, g0 = this.g0, g1 = this.g1, res = this.res;
            for (int x = xa; x < xb; x++) {
                final int sx = bx + adx[x], sy = by + ady[x];
                off[x] = (sy >> SHIFT) * stride + (sx >> SHIFT) * 3;
                fx[x] = (sx >>> 8) & 255;
                fy[x] = (sy >>> 8) & 255;
            }
            // The right-hand pixel is read from one byte earlier and shifted down, so the last pixel
            // of the image never reads past the end of the array.
            for (int x = xa; x < xb; x++) {
                final int p = off[x], q = p + stride;
                tl[x] = (int) INTS.get(s, p);
                tr[x] = (int) INTS.get(s, p + 2);
                bl[x] = (int) INTS.get(s, q);
                br[x] = (int) INTS.get(s, q + 2);
            }
            // The blend, in loops of one store and few loads each (C2 vectorises those, not one big loop).
            for (int x = xa; x < xb; x++) {
                final int f = fx[x];
                rb0[x] = (tl[x] & EVEN4) * (256 - f) + ((tr[x] >>> 8) & EVEN4) * f;
            }
            for (int x = xa; x < xb; x++) {
                final int f = fx[x];
                rb1[x] = (bl[x] & EVEN4) * (256 - f) + ((br[x] >>> 8) & EVEN4) * f;
            }
            for (int x = xa; x < xb; x++) {
                final int f = fx[x];
                g0[x] = ((tl[x] >>> 8) & 255) * (256 - f) + ((tr[x] >>> 16) & 255) * f;
            }
            for (int x = xa; x < xb; x++) {
                final int f = fx[x];
                g1[x] = ((bl[x] >>> 8) & 255) * (256 - f) + ((br[x] >>> 16) & 255) * f;
            }
            for (int x = xa; x < xb; x++) {
                final int f = fy[x], g = 256 - f, a = rb0[x], b = rb1[x];
                res[x] = (((a & 0xFFFF) * g + (b & 0xFFFF) * f + 32768) >>> 16) | ((((a >>> 16) * g + (b >>> 16) * f + 32768) >>> 16) << 16);
            }
            for (int x = xa; x < xb; x++) {
                final int f = fy[x];
                res[x] |= ((g0[x] * (256 - f) + g1[x] * f + 32768) >>> 16) << 8;
            }
            // One int per pixel; its fourth byte is overwritten by the next pixel (or row). The very
            // last pixel of the image is written byte by byte.
            final int end = lastRow && xb == outW ? xb - 1 : xb;
            for (int x = xa; x < end; x++) INTS.set(d, o + 3 * x, res[x]);
            for (int x = end; x < xb; x++) {
                final int v = res[x], p = o + 3 * x;
                d[p] = (byte) v;
                d[p + 1] = (byte) (v >>> 8);
                d[p + 2] = (byte) (v >>> 16);
            }
            for (int x = 0; x < xa; x++) borderPixel(s, w, h, bx + adx[x], by + ady[x], d, o + 3 * x, border, fill);
            for (int x = xb; x < outW; x++) borderPixel(s, w, h, bx + adx[x], by + ady[x], d, o + 3 * x, border, fill);
        }

        /** The border's index maps for source columns from {@code loX} and rows from {@code loY}. */
        private int[] mapX, mapY;
        private int loX, loY;

        /**
         * Tabulates {@link Border#index} over the source columns and rows that the inverse map
         * {@code a} (index space) reaches from the output's corners, a few either side (an affine
         * map takes its extremes at the corners); a tap outside the tables takes bilinearSlow.
         */
        void borderMaps(double[] a, int outW, int outH, int w, int h, Border border) {
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
            for (int cy = 0; cy < 2; cy++) {
                for (int cx = 0; cx < 2; cx++) {
                    double x = cx * (outW - 1), y = cy * (outH - 1);
                    double sx = a[0] * x + a[1] * y + a[2], sy = a[3] * x + a[4] * y + a[5];
                    minX = Math.min(minX, sx);
                    maxX = Math.max(maxX, sx);
                    minY = Math.min(minY, sy);
                    maxY = Math.max(maxY, sy);
                }
            }
            final int lim = (1 << 14) - 4;
            loX = (int) Math.max(-lim, Math.min(lim, Math.floor(minX) - 2));
            loY = (int) Math.max(-lim, Math.min(lim, Math.floor(minY) - 2));
            int hiX = (int) Math.max(-lim, Math.min(lim, Math.floor(maxX) + 3));
            int hiY = (int) Math.max(-lim, Math.min(lim, Math.floor(maxY) + 3));
            mapX = new int[Math.max(0, hiX - loX + 1)];
            mapY = new int[Math.max(0, hiY - loY + 1)];
            for (int i = 0; i < mapX.length; i++) mapX[i] = border.index(loX + i, w);
            for (int i = 0; i < mapY.length; i++) mapY[i] = border.index(loY + i, h);
        }

        /**
         * A pixel whose footprint leaves the image: {@link #bilinearSlow}'s arithmetic, with the
         * border's index maps read from the tables (a tap beyond them takes bilinearSlow itself).
         */
        private void borderPixel(byte[] s, int w, int h, int sx, int sy, byte[] d, int o, Border border, byte[] fill) {
            final int ix = (sx >> SHIFT) - loX, iy = (sy >> SHIFT) - loY;
            if (ix < 0 || iy < 0 || ix + 1 >= mapX.length || iy + 1 >= mapY.length) {
                bilinearSlow(s, w, h, 3, sx, sy, d, o, border, fill);
                return;
            }
            final int x0 = mapX[ix], x1 = mapX[ix + 1], y0 = mapY[iy], y1 = mapY[iy + 1];
            if ((x0 & x1) < 0 || (y0 & y1) < 0) {
                // Every tap reads the fill (constant border), and the blend of four equal values is that value.
                d[o] = fill[0];
                d[o + 1] = fill[1];
                d[o + 2] = fill[2];
                return;
            }
            final int fx = (sx >>> 8) & 255, fy = (sy >>> 8) & 255, gx = 256 - fx, gy = 256 - fy;
            final int p00 = (y0 | x0) < 0 ? -1 : (y0 * w + x0) * 3, p01 = (y0 | x1) < 0 ? -1 : (y0 * w + x1) * 3;
            final int p10 = (y1 | x0) < 0 ? -1 : (y1 * w + x0) * 3, p11 = (y1 | x1) < 0 ? -1 : (y1 * w + x1) * 3;
            for (int c = 0; c < 3; c++) {
                final int f = fill[c] & 255;
                final int v00 = p00 < 0 ? f : s[p00 + c] & 255, v01 = p01 < 0 ? f : s[p01 + c] & 255;
                final int v10 = p10 < 0 ? f : s[p10 + c] & 255, v11 = p11 < 0 ? f : s[p11 + c] & 255;
                final int t = v00 * gx + v01 * fx, b = v10 * gx + v11 * fx;
                d[o + c] = (byte) ((t * gy + b * fy + 32768) >> 16);
            }
        }

        private static boolean inside(int sx, int sy, int limX, int limY) {
            return sx >= 0 && sx < limX && sy >= 0 && sy < limY;
        }

        /** The part of {@code [lo, hi]} where {@code 0 <= b + k·x < lim}, approximately (NaN-free). */
        private static double[] spanOf(int b, double k, int lim, double lo, double hi) {
            if (k == 0) return b >= 0 && b < lim ? new double[] {lo, hi} : new double[] {0, 0};
            double u = (0 - (double) b) / k, v = (lim - (double) b) / k;
            return new double[] {Math.max(lo, Math.min(u, v)), Math.min(hi, Math.max(u, v))};
        }
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
            if (ch == 3) {
                int t = (s[p] & 255) * gx + (s[p + 3] & 255) * fx, b = (s[q] & 255) * gx + (s[q + 3] & 255) * fx;
                d[o] = (byte) ((t * gy + b * fy + 32768) >> 16);
                t = (s[p + 1] & 255) * gx + (s[p + 4] & 255) * fx;
                b = (s[q + 1] & 255) * gx + (s[q + 4] & 255) * fx;
                d[o + 1] = (byte) ((t * gy + b * fy + 32768) >> 16);
                t = (s[p + 2] & 255) * gx + (s[p + 5] & 255) * fx;
                b = (s[q + 2] & 255) * gx + (s[q + 5] & 255) * fx;
                d[o + 2] = (byte) ((t * gy + b * fy + 32768) >> 16);
                return;
            }
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
        if (border == Border.CONSTANT && (ix < -1 || iy < -1 || ix >= w || iy >= h)) {
            // Every tap is outside: the fill itself.
            for (int c = 0; c < ch; c++) d[o + c] = fill[c];
            return;
        }
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
     * {@code INTER_LINEAR} and PIL), edge pixels repeated; separable: the two source rows are blended
     * first (eight samples per 64-bit step), then each output pixel reads two pixels of the blend.
     * Each pass rounds to 8 bits. An exact halving takes {@link #halve}, which gives the same bytes.
     */
    public static Image resize(Image src, int outW, int outH, boolean nearest) {
        if (outW == src.width && outH == src.height) return src.copy();
        if (nearest) return resizeNearest(src, outW, outH);
        if (src.width == 2 * outW && src.height == 2 * outH) return halve(src);
        return resizeBilinear(src, outW, outH);
    }

    /** The general bilinear resize (see {@link #resize}). */
    static Image resizeBilinear(Image src, int outW, int outH) {
        final int w = src.width, h = src.height, ch = src.channels;
        final int rowLen = w * ch, outRow = outW * ch;
        // Horizontal taps per output pixel: byte offsets of the left and right source pixels, right weight.
        final int[] off0 = new int[outW], off1 = new int[outW], wt = new int[outW];
        double scaleX = (double) w / outW;
        for (int x = 0; x < outW; x++) {
            double sx = (x + 0.5) * scaleX - 0.5;
            if (sx < 0) sx = 0;
            int x0 = (int) sx;
            int f = (int) Math.round((sx - x0) * 256);
            if (f == 256) { x0++; f = 0; }
            if (x0 >= w - 1) { x0 = w - 1; f = 0; }
            off0[x] = x0 * ch;
            off1[x] = Math.min(x0 + 1, w - 1) * ch;
            wt[x] = f;
        }
        final byte[] s = src.data, d = new byte[outH * outRow];
        // The blended source row, with 4 spare bytes so a pixel can be read as one int.
        final byte[] row = new byte[rowLen + 4];
        final int n = rowLen / 4, tail = n * 4;
        final int[] pa = new int[n], pb = new int[n], blend = new int[n];
        double scaleY = (double) h / outH;
        int packedA = -1, packedB = -1;
        for (int y = 0; y < outH; y++) {
            double sy = (y + 0.5) * scaleY - 0.5;
            if (sy < 0) sy = 0;
            int y0 = (int) sy;
            int fy = (int) Math.round((sy - y0) * 256);
            if (fy == 256) { y0++; fy = 0; }
            if (y0 >= h - 1) { y0 = h - 1; fy = 0; }
            final int r0 = y0 * rowLen;
            if (fy == 0) {
                System.arraycopy(s, r0, row, 0, rowLen);
            } else {
                // Vertical first, four samples per int lane pair (see separable), vectorised by the JIT.
                final int r1 = r0 + rowLen, gy = 256 - fy;
                if (packedA != y0) { pack(s, r0, pa); packedA = y0; }
                if (packedB != y0 + 1) { pack(s, r1, pb); packedB = y0 + 1; }
                for (int i = 0; i < n; i++) {
                    final int a = pa[i], b = pb[i];
                    final int ev = (a & EVEN4) * gy + (b & EVEN4) * fy, od = ((a >>> 8) & EVEN4) * gy + ((b >>> 8) & EVEN4) * fy;
                    blend[i] = (((ev + HALF4) >>> 8) & EVEN4) | ((od + HALF4) & ~EVEN4);
                }
                unpack(blend, row, 0);
                for (int i = tail; i < rowLen; i++) row[i] = (byte) (((s[r0 + i] & 255) * gy + (s[r1 + i] & 255) * fy + 128) >> 8);
            }
            int o = y * outRow;
            if (ch >= 3) {
                // One pixel (three or four samples, plus a spare byte) per int: two reads, one write.
                final int last = y == outH - 1 ? outW - 1 : outW;
                for (int x = 0; x < last; x++, o += ch) {
                    final int f = wt[x], g = 256 - f;
                    final int a = (int) INTS.get(row, off0[x]), b = (int) INTS.get(row, off1[x]);
                    final int ev = (a & EVEN4) * g + (b & EVEN4) * f, od = ((a >>> 8) & EVEN4) * g + ((b >>> 8) & EVEN4) * f;
                    INTS.set(d, o, (((ev + HALF4) >>> 8) & EVEN4) | ((od + HALF4) & ~EVEN4));
                }
                for (int x = last; x < outW; x++, o += ch) {
                    final int p0 = off0[x], p1 = off1[x], f = wt[x], g = 256 - f;
                    for (int c = 0; c < ch; c++) d[o + c] = (byte) (((row[p0 + c] & 255) * g + (row[p1 + c] & 255) * f + 128) >> 8);
                }
            } else {
                for (int x = 0; x < outW; x++) {
                    final int p0 = off0[x], p1 = off1[x], f = wt[x], g = 256 - f;
                    for (int c = 0; c < ch; c++, o++) d[o] = (byte) (((row[p0 + c] & 255) * g + (row[p1 + c] & 255) * f + 128) >> 8);
                }
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    /** {@code (a + b + 1) >> 1} in each of the eight bytes of two longs (no carry crosses a byte). */
    private static long average8(long a, long b) {
        return (a | b) - (((a ^ b) & 0xFEFEFEFEFEFEFEFEL) >>> 1);
    }

    /**
     * Bilinear resize to exactly half the width and height. With centres aligned, output pixel
     * {@code X} reads source index {@code 2X + 0.5}: both weights are 1/2 each way, so the general
     * path's two passes are {@code (a + b + 1) >> 1} down each column pair, then the same across
     * each pair of pixels. This computes exactly that (the same bytes, rounded twice as there; a
     * single rounding of the 2×2 mean, as in OpenCV's area path, can be one lower), eight samples per
     * 64-bit step: down the columns, then across (each byte with the byte one pixel on), then the
     * even pixels are gathered into the output.
     */
    static Image halve(Image src) {
        final int w = src.width, h = src.height, ch = src.channels, outW = w / 2, outH = h / 2;
        final int rowLen = w * ch, outRow = outW * ch, longs = rowLen & ~7;
        final byte[] s = src.data, d = new byte[outH * outRow];
        // Spare bytes: the step across reads one pixel past the row, a pixel is copied as an int.
        final byte[] row = new byte[rowLen + 8];
        for (int y = 0; y < outH; y++) {
            final int r0 = 2 * y * rowLen, r1 = r0 + rowLen, o = y * outRow;
            for (int i = 0; i < longs; i += 8) LONGS.set(row, i, average8((long) LONGS.get(s, r0 + i), (long) LONGS.get(s, r1 + i)));
            for (int i = longs; i < rowLen; i++) row[i] = (byte) average(s[r0 + i], s[r1 + i]);
            // In place: step i reads bytes from i on, which no earlier step has written.
            for (int i = 0; i < longs; i += 8) LONGS.set(row, i, average8((long) LONGS.get(row, i), (long) LONGS.get(row, i + ch)));
            for (int i = longs; i < rowLen - ch; i++) row[i] = (byte) average(row[i], row[i + ch]);
            if (ch == 3) {
                // One int per pixel; its fourth byte is overwritten by the next pixel (or row), and
                // the image's last pixel is copied byte by byte.
                final int last = y == outH - 1 ? outW - 1 : outW;
                for (int x = 0; x < last; x++) INTS.set(d, o + 3 * x, (int) INTS.get(row, 6 * x));
                // (A System.arraycopy here, run once per image, makes the whole loop nest about 20% slower.)
                for (int x = last; x < outW; x++) for (int c = 0; c < 3; c++) d[o + 3 * x + c] = row[6 * x + c];
            } else if (ch == 4) {
                for (int x = 0; x < outW; x++) INTS.set(d, o + 4 * x, (int) INTS.get(row, 8 * x));
            } else {
                for (int x = 0; x < outW; x++) for (int c = 0; c < ch; c++) d[o + ch * x + c] = row[2 * ch * x + c];
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }

    private static int average(byte a, byte b) {
        return ((a & 255) + (b & 255) + 1) >> 1;
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

    /** Little-endian 8-byte and 4-byte views of byte arrays. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The even bytes of a long (four 16-bit lanes), and half of 256 in each lane for rounding. */
    private static final long EVEN = 0x00FF00FF00FF00FFL, HALF = 0x0080008000800080L;
    /** The same for an int (two 16-bit lanes). */
    private static final int EVEN4 = 0x00FF00FF, HALF4 = 0x00800080;

    /** Packs {@code out.length} little-endian 4-byte groups of {@code s} from byte {@code from}. */
    private static void pack(byte[] s, int from, int[] out) {
        for (int i = 0; i < out.length; i++) out[i] = (int) INTS.get(s, from + 4 * i);
    }

    private static void unpack(int[] in, byte[] d, int to) {
        for (int i = 0; i < in.length; i++) INTS.set(d, to + 4 * i, in[i]);
    }

    /**
     * One symmetric filter step on packed rows: {@code out = round(Σ k_t · (a_t + b_t) / 256)} lane by
     * lane, where {@code rows[r]} is the centre and {@code rows[r ± t]} the tap pairs.
     */
    private static void filterPacked(int[][] rows, int[] k, int[] ev, int[] od, int[] out) {
        final int r = k.length / 2, n = out.length;
        final int[] c = rows[r];
        final int k0 = k[r];
        for (int i = 0; i < n; i++) {
            ev[i] = k0 * (c[i] & EVEN4);
            od[i] = k0 * ((c[i] >>> 8) & EVEN4);
        }
        for (int t = 1; t <= r; t++) {
            final int kt = k[r + t];
            if (kt == 0) continue;
            final int[] a = rows[r - t], b = rows[r + t];
            for (int i = 0; i < n; i++) {
                ev[i] += kt * ((a[i] & EVEN4) + (b[i] & EVEN4));
                od[i] += kt * (((a[i] >>> 8) & EVEN4) + ((b[i] >>> 8) & EVEN4));
            }
        }
        for (int i = 0; i < n; i++) out[i] = (((ev[i] + HALF4) >>> 8) & EVEN4) | ((od[i] + HALF4) & ~EVEN4);
    }

    /**
     * Blurs with symmetric vertical then horizontal integer taps (odd lengths, each summing to 256),
     * borders reflected (101).
     *
     * <p>Four samples per {@code int} (SWAR): the even and the odd bytes are spread into two 16-bit
     * lanes each, multiplied by the taps and summed; since the taps sum to 256 a lane never exceeds
     * 255·256, so lanes cannot carry into each other. Rows are packed once into int arrays and every
     * loop runs over the same index of its arrays, which the JIT turns into vector instructions (a
     * horizontal tap is a row packed from a shifted byte offset). Each pass rounds to 8 bits
     * ({@code (Σ + 128) >> 8}), so a value may differ by one from a single rounding at the end.
     */
    public static Image separable(Image src, int[] kx, int[] ky) {
        final int w = src.width, h = src.height, ch = src.channels;
        final int rowLen = w * ch, n = rowLen / 4, tail = n * 4;
        final int rx = kx.length / 2, ry = ky.length / 2;
        final byte[] s = src.data, d = new byte[h * rowLen];
        final byte[] pad = new byte[(w + 2 * rx) * ch];
        final int base = rx * ch;
        // Packed source rows in a ring: virtual row v (-ry .. h-1+ry) in slot floorMod(v, ring).
        final int ring = ky.length;
        final int[][] packed = new int[ring][n];
        final int[][] vrows = new int[ky.length][], hrows = new int[kx.length][n];
        final int[] ev = new int[n], od = new int[n], res = new int[n];
        int next = -ry;
        for (int y = 0; y < h; y++) {
            while (next <= y + ry) {
                pack(s, Border.REFLECT101.index(next, h) * rowLen, packed[Math.floorMod(next, ring)]);
                next++;
            }
            for (int t = -ry; t <= ry; t++) vrows[t + ry] = packed[Math.floorMod(y + t, ring)];
            filterPacked(vrows, ky, ev, od, res);
            unpack(res, pad, base);
            for (int i = tail; i < rowLen; i++) {
                int acc = ky[ry] * (s[Border.REFLECT101.index(y, h) * rowLen + i] & 255);
                for (int t = 1; t <= ry; t++) {
                    acc += ky[ry + t] * ((s[Border.REFLECT101.index(y - t, h) * rowLen + i] & 255)
                            + (s[Border.REFLECT101.index(y + t, h) * rowLen + i] & 255));
                }
                pad[base + i] = (byte) ((acc + 128) >> 8);
            }
            for (int x = 1; x <= rx; x++) {
                int left = Border.REFLECT101.index(-x, w), right = Border.REFLECT101.index(w - 1 + x, w);
                for (int c = 0; c < ch; c++) {
                    pad[(rx - x) * ch + c] = pad[base + left * ch + c];
                    pad[(rx + w - 1 + x) * ch + c] = pad[base + right * ch + c];
                }
            }
            for (int t = -rx; t <= rx; t++) pack(pad, base + t * ch, hrows[t + rx]);
            filterPacked(hrows, kx, ev, od, res);
            final int o = y * rowLen;
            unpack(res, d, o);
            for (int i = tail; i < rowLen; i++) {
                int acc = kx[rx] * (pad[base + i] & 255);
                for (int t = 1; t <= rx; t++) acc += kx[rx + t] * ((pad[base - t * ch + i] & 255) + (pad[base + t * ch + i] & 255));
                d[o + i] = (byte) ((acc + 128) >> 8);
            }
        }
        return new Image(w, h, ch, d, src.palette);
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
