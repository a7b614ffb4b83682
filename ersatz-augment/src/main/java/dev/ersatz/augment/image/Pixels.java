package dev.ersatz.augment.image;

import org.hipparchus.special.Erf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Per-pixel kernels shared by photometric, weather and occlusion transforms: look-up tables,
 * grey levels, integer hue/saturation/value edits, equalisation, sparse convolution and fast
 * Gaussian noise. Only colour channels are edited; an alpha channel is copied.
 */
public final class Pixels {
    private Pixels() {}

    /** Little-endian 4-byte view of byte arrays. */
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** ITU-R BT.601 luma weights in 1/2^14 (OpenCV's fixed-point RGB-to-grey). */
    static final int WR = 4899, WG = 9617, WB = 1868;

    static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    static int clamp(double v) {
        return v <= 0 ? 0 : (v >= 255 ? 255 : (int) Math.round(v));
    }

    /** Applies {@code lut} to every colour channel (alpha left alone). */
    public static Image lut(Image src, byte[] lut) {
        byte[] s = src.data, d = new byte[s.length];
        int ch = src.channels;
        if (ch == 4) {
            for (int i = 0; i < s.length; i += 4) {
                d[i] = lut[s[i] & 255];
                d[i + 1] = lut[s[i + 1] & 255];
                d[i + 2] = lut[s[i + 2] & 255];
                d[i + 3] = s[i + 3];
            }
        } else {
            for (int i = 0; i < s.length; i++) d[i] = lut[s[i] & 255];
        }
        return src.with(d);
    }

    /** A table of {@code a·v + b}, rounded and clamped. */
    public static byte[] linearLut(double a, double b) {
        byte[] t = new byte[256];
        for (int v = 0; v < 256; v++) t[v] = (byte) clamp(a * v + b);
        return t;
    }

    /** The grey level (0..255) of each pixel (the value itself for grey images). */
    public static int[] luma(Image src) {
        int n = src.width * src.height, ch = src.channels;
        int[] g = new int[n];
        byte[] s = src.data;
        if (ch < 3) {
            for (int i = 0; i < n; i++) g[i] = s[i * ch] & 255;
        } else {
            for (int i = 0, p = 0; i < n; i++, p += ch) {
                g[i] = ((s[p] & 255) * WR + (s[p + 1] & 255) * WG + (s[p + 2] & 255) * WB + 8192) >> 14;
            }
        }
        return g;
    }

    /** The mean grey level. */
    public static double meanLuma(Image src) {
        long sum = 0;
        for (int v : luma(src)) sum += v;
        return (double) sum / (src.width * src.height);
    }

    /** Blends each pixel with its grey level: {@code grey + f·(c − grey)} (f = 0 grey, 1 unchanged). */
    public static Image saturation(Image src, double f) {
        if (src.channels < 3) return src.copy();
        int k = (int) Math.round(f * 256);
        byte[] s = src.data, d = s.clone();
        int ch = src.channels;
        for (int p = 0; p < s.length; p += ch) {
            int r = s[p] & 255, g = s[p + 1] & 255, b = s[p + 2] & 255;
            int y = (r * WR + g * WG + b * WB + 8192) >> 14;
            int y8 = y << 8;
            d[p] = (byte) clamp((y8 + k * (r - y) + 128) >> 8);
            d[p + 1] = (byte) clamp((y8 + k * (g - y) + 128) >> 8);
            d[p + 2] = (byte) clamp((y8 + k * (b - y) + 128) >> 8);
        }
        return src.with(d);
    }

    /** Replaces colour channels by the grey level (the image keeps its channel count). */
    public static Image grey(Image src) {
        if (src.channels < 3) return src.copy();
        byte[] s = src.data, d = s.clone();
        int ch = src.channels;
        for (int p = 0; p < s.length; p += ch) {
            byte y = (byte) (((s[p] & 255) * WR + (s[p + 1] & 255) * WG + (s[p + 2] & 255) * WB + 8192) >> 14);
            d[p] = y;
            d[p + 1] = y;
            d[p + 2] = y;
        }
        return src.with(d);
    }

    /** Hue in 1/4096 of a sector: a full turn is {@code HUE_TURN}. */
    static final int HUE_ONE = 4096, HUE_TURN = 6 * HUE_ONE;
    /** 2^24 / delta, for delta = 1..255: hue without a division per pixel. */
    private static final int[] RECIP = new int[256];
    static {
        for (int i = 1; i < 256; i++) RECIP[i] = (int) Math.round((double) (1 << 24) / i);
    }

    /**
     * Shifts hue by {@code hueShift} of a full turn, adds {@code satShift} to saturation and
     * {@code valShift} to value (both on 0..255), in integer HSV: value and saturation are kept
     * exactly by a pure hue shift. Grey pixels have no hue: hue and saturation shifts leave them grey
     * (no colour is invented), a value shift brightens or darkens them.
     */
    public static Image hsv(Image src, double hueShift, int satShift, int valShift) {
        if (src.channels < 3) {
            return valShift == 0 ? src.copy() : lut(src, linearLut(1, valShift));
        }
        int shift = Math.floorMod((int) Math.round(hueShift * HUE_TURN), HUE_TURN);
        byte[] s = src.data, d = s.clone();
        int ch = src.channels;
        boolean sv = satShift != 0 || valShift != 0;
        for (int p = 0; p < s.length; p += ch) {
            int r = s[p] & 255, g = s[p + 1] & 255, b = s[p + 2] & 255;
            int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
            int delta = max - min;
            if (delta == 0) {
                if (valShift != 0) {
                    byte v = (byte) clamp(max + valShift);
                    d[p] = v; d[p + 1] = v; d[p + 2] = v;
                }
                continue;
            }
            int h = hueOf(r, g, b, max, delta) + shift;
            if (h >= HUE_TURN) h -= HUE_TURN;
            if (sv) {
                int sat = (delta * 255 + max / 2) / max;
                int nv = clamp(max + valShift), ns = clamp(sat + satShift);
                max = nv;
                delta = (ns * nv + 127) / 255;
                min = max - delta;
            }
            writeHue(d, p, h, max, min, delta);
        }
        return src.with(d);
    }

    /**
     * Which of (max, min, rise, fall) each channel takes in each sixth of the hue circle, packed as
     * three 2-bit codes (red, green, blue): a table look-up instead of a six-way branch per pixel.
     */
    private static final int[] SECTOR = {
            0 | 2 << 2 | 1 << 4,   // 0: r = max,  g = rise, b = min
            3 | 0 << 2 | 1 << 4,   // 1: r = fall, g = max,  b = min
            1 | 0 << 2 | 2 << 4,   // 2: r = min,  g = max,  b = rise
            1 | 3 << 2 | 0 << 4,   // 3: r = min,  g = fall, b = max
            2 | 1 << 2 | 0 << 4,   // 4: r = rise, g = min,  b = max
            0 | 1 << 2 | 3 << 4};  // 5: r = max,  g = min,  b = fall

    static void writeHue(byte[] d, int p, int h, int max, int min, int delta) {
        int sector = h >> 12, f = h & (HUE_ONE - 1);
        int step = (delta * f + 2048) >> 12;
        // (max, min, rise, fall) packed as four bytes; each channel shifts out its own.
        int vals = max | min << 8 | (min + step) << 16 | (max - step) << 24;
        int code = SECTOR[sector];
        d[p] = (byte) (vals >>> ((code & 3) << 3));
        d[p + 1] = (byte) (vals >>> (((code >> 2) & 3) << 3));
        d[p + 2] = (byte) (vals >>> (((code >> 4) & 3) << 3));
    }

    /**
     * The mean grey level of {@code src} after {@code lut} (null = none), with BT.601 weights: the
     * mean of a weighted sum is the weighted sum of the channel means. Each channel's sum is an exact
     * integer, so the value does not depend on the order of summation.
     */
    static double meanLuma(Image src, byte[] lut) {
        final int ch = src.channels;
        final byte[] s = src.data;
        byte[] t = lut;
        if (t == null) {
            t = new byte[256];
            for (int v = 0; v < 256; v++) t[v] = (byte) v;
        }
        final long pixels = (long) src.width * src.height;
        if (src.colourChannels() == 1) {
            long sum = 0;
            for (int p = 0; p < s.length; p += ch) sum += t[s[p] & 255] & 255;
            return (double) sum / pixels;
        }
        long sr = 0, sg = 0, sb = 0;
        for (int p = 0; p < s.length; p += ch) {
            sr += t[s[p] & 255] & 255;
            sg += t[s[p + 1] & 255] & 255;
            sb += t[s[p + 2] & 255] & 255;
        }
        return (0.299 * sr + 0.587 * sg + 0.114 * sb) / pixels;
    }

    /** {@code outer(inner(v))} as one table (inner null = identity). */
    static byte[] compose(byte[] inner, byte[] outer) {
        if (inner == null) return outer;
        byte[] t = new byte[256];
        for (int v = 0; v < 256; v++) t[v] = outer[inner[v] & 255];
        return t;
    }

    /**
     * One pass over an RGB(A) image: a look-up table (null = none), then saturation {@code sat}
     * (NaN = none) and a hue shift {@code hue} of a turn (0 = none), in that order or, with
     * {@code hueFirst}, hue before saturation; the same arithmetic as {@link #saturation} and
     * {@link #hsv}.
     */
    static Image lutSaturationHue(Image src, byte[] lut, double sat, double hue, boolean hueFirst) {
        if (src.channels < 3) {
            return lut == null ? src.copy() : lut(src, lut);
        }
        byte[] t = lut;
        if (t == null) {
            t = new byte[256];
            for (int v = 0; v < 256; v++) t[v] = (byte) v;
        }
        final boolean doSat = !Double.isNaN(sat), doHue = hue != 0;
        final int k = doSat ? (int) Math.round(sat * 256) : 256;
        final int shift = Math.floorMod((int) Math.round(hue * HUE_TURN), HUE_TURN);
        final byte[] s = src.data, d = s.clone();
        final int ch = src.channels, pixels = s.length / ch;
        final Planes pl = new Planes(Math.min(Planes.CHUNK, pixels));
        for (int first = 0; first < pixels; first += Planes.CHUNK) {
            final int n = Math.min(Planes.CHUNK, pixels - first);
            pl.load(s, first * ch, ch, n, t);
            if (doHue && hueFirst) pl.hue(n, shift);
            if (doSat) pl.saturate(n, k);
            if (doHue && !hueFirst) pl.hue(n, shift);
            pl.store(d, first * ch, ch, n);
        }
        return src.with(d);
    }

    /**
     * Pixels of a chunk as three int planes, edited by loops that each run over the same index of a
     * few arrays and write one, which C2 compiles to vector instructions: no branches (min, max and
     * clamps by sign masks, hue sectors by equality masks) and no table look-ups except in the
     * scalar loops that read the image, take the reciprocal of each pixel's range and write back.
     * The integer arithmetic is that of {@link #saturation}, {@link #hueOf} and {@link #writeHue}, so
     * the bytes are the same as theirs; a pass over a photograph costs a few times less than one
     * scalar loop, where which channel is largest and whether a value clips are close to random.
     */
    static final class Planes {
        static final int CHUNK = 1024;
        final int[] r, g, b, mx, mn, t0, t1, t2;

        Planes(int n) {
            r = new int[n];
            g = new int[n];
            b = new int[n];
            mx = new int[n];
            mn = new int[n];
            t0 = new int[n];
            t1 = new int[n];
            t2 = new int[n];
        }

        /** Reads {@code n} pixels from byte {@code from} through the table {@code t}. */
        void load(byte[] s, int from, int ch, int n, byte[] t) {
            final int[] r = this.r, g = this.g, b = this.b;
            for (int i = 0, p = from; i < n; i++, p += ch) {
                r[i] = t[s[p] & 255] & 255;
                g[i] = t[s[p + 1] & 255] & 255;
                b[i] = t[s[p + 2] & 255] & 255;
            }
        }

        /** Writes {@code n} pixels' colour channels from byte {@code to} (alpha left alone). */
        void store(byte[] d, int to, int ch, int n) {
            final int[] r = this.r, g = this.g, b = this.b, px = t0;
            if (ch == 3) {
                for (int i = 0; i < n; i++) px[i] = r[i] | g[i] << 8 | b[i] << 16;
                // One int per pixel, its fourth byte overwritten by the next pixel; the last pixel
                // of the image byte by byte.
                final int whole = to + 3 * n + 1 <= d.length ? n : n - 1;
                for (int i = 0, p = to; i < whole; i++, p += 3) INTS.set(d, p, px[i]);
                for (int i = whole, p = to + 3 * whole; i < n; i++, p += 3) {
                    d[p] = (byte) r[i];
                    d[p + 1] = (byte) g[i];
                    d[p + 2] = (byte) b[i];
                }
            } else {
                for (int i = 0, p = to; i < n; i++, p += ch) {
                    d[p] = (byte) r[i];
                    d[p + 1] = (byte) g[i];
                    d[p + 2] = (byte) b[i];
                }
            }
        }

        /** {@link #saturation}'s blend with the grey level, factor {@code k}/256. */
        void saturate(int n, int k) {
            final int[] r = this.r, g = this.g, b = this.b, y = mx;
            for (int i = 0; i < n; i++) y[i] = (r[i] * WR + g[i] * WG + b[i] * WB + 8192) >> 14;
            blend(y, r, n, k);
            blend(y, g, n, k);
            blend(y, b, n, k);
        }

        private static void blend(int[] y, int[] c, int n, int k) {
            for (int i = 0; i < n; i++) {
                int v = ((y[i] << 8) + k * (c[i] - y[i]) + 128) >> 8;
                v &= ~(v >> 31);
                final int over = v - 255;
                c[i] = 255 + (over & (over >> 31));
            }
        }

        /** Turns the hue by {@code shift} (in [0, HUE_TURN)); grey pixels stay as they are. */
        void hue(int n, int shift) {
            final int[] r = this.r, g = this.g, b = this.b, mx = this.mx, mn = this.mn, num = t0, h = t1, rc = t2;
            for (int i = 0; i < n; i++) {
                final int x = r[i], u = x - g[i], m = x - (u & (u >> 31)), v = m - b[i];
                mx[i] = m - (v & (v >> 31));
            }
            for (int i = 0; i < n; i++) {
                final int y = g[i], u = r[i] - y, m = y + (u & (u >> 31)), z = b[i], v = m - z;
                mn[i] = z + (v & (v >> 31));
            }
            // hueOf: which channel is largest (red first, then green), as all-ones masks.
            for (int i = 0; i < n; i++) {
                final int max = mx[i], isR = (max - r[i] - 1) >> 31, isG = ~isR & ((max - g[i] - 1) >> 31), isB = ~(isR | isG);
                num[i] = (isR & (g[i] - b[i])) | (isG & (b[i] - r[i])) | (isB & (r[i] - g[i]));
            }
            for (int i = 0; i < n; i++) {
                final int max = mx[i], isR = (max - r[i] - 1) >> 31, isG = ~isR & ((max - g[i] - 1) >> 31);
                h[i] = (isG & 2 * HUE_ONE) | (~(isR | isG) & 4 * HUE_ONE);
            }
            for (int i = 0; i < n; i++) rc[i] = RECIP[mx[i] - mn[i]];
            for (int i = 0; i < n; i++) {
                int v = h[i] + ((num[i] * rc[i]) >> 12);
                v += (v >> 31) & HUE_TURN;
                v += shift - HUE_TURN;
                h[i] = v + ((v >> 31) & HUE_TURN);
            }
            // writeHue: the step within the sector, then each channel takes max, min, rise or fall.
            final int[] step = num;
            for (int i = 0; i < n; i++) step[i] = ((mx[i] - mn[i]) * (h[i] & (HUE_ONE - 1)) + 2048) >> 12;
            for (int i = 0; i < n; i++) {
                final int sec = h[i] >> 12, max = mx[i], min = mn[i], st = step[i];
                r[i] = ((is(sec, 0) | is(sec, 5)) & max) | (is(sec, 1) & (max - st)) | ((is(sec, 2) | is(sec, 3)) & min) | (is(sec, 4) & (min + st));
            }
            for (int i = 0; i < n; i++) {
                final int sec = h[i] >> 12, max = mx[i], min = mn[i], st = step[i];
                g[i] = (is(sec, 0) & (min + st)) | ((is(sec, 1) | is(sec, 2)) & max) | (is(sec, 3) & (max - st)) | ((is(sec, 4) | is(sec, 5)) & min);
            }
            for (int i = 0; i < n; i++) {
                final int sec = h[i] >> 12, max = mx[i], min = mn[i], st = step[i];
                b[i] = ((is(sec, 0) | is(sec, 1)) & min) | (is(sec, 2) & (min + st)) | ((is(sec, 3) | is(sec, 4)) & max) | (is(sec, 5) & (max - st));
            }
        }

        /** All ones when {@code sec == k} (both in 0..5), else zero. */
        private static int is(int sec, int k) {
            return ((sec ^ k) - 1) >> 31;
        }
    }

    /** Hue in [0, HUE_TURN) of a pixel with {@code delta > 0}; selects rather than branches. */
    static int hueOf(int r, int g, int b, int max, int delta) {
        int num = max == r ? g - b : (max == g ? b - r : r - g);
        int off = max == r ? 0 : (max == g ? 2 * HUE_ONE : 4 * HUE_ONE);
        int h = off + ((num * RECIP[delta]) >> 12);
        return h + ((h >> 31) & HUE_TURN);
    }

    /** Histogram equalisation of each colour channel (OpenCV's {@code equalizeHist} per channel). */
    public static Image equalize(Image src) {
        int ch = src.channels, cc = src.colourChannels();
        byte[] s = src.data, d = s.clone();
        int n = src.width * src.height;
        for (int c = 0; c < cc; c++) {
            int[] hist = new int[256];
            for (int p = c; p < s.length; p += ch) hist[s[p] & 255]++;
            int first = 0;
            while (hist[first] == 0) first++;
            if (hist[first] == n) continue;
            int cdfMin = hist[first];
            byte[] lut = new byte[256];
            int cdf = 0;
            double scale = 255.0 / (n - cdfMin);
            for (int v = 0; v < 256; v++) {
                cdf += hist[v];
                lut[v] = (byte) clamp((cdf - cdfMin) * scale);
            }
            for (int p = c; p < s.length; p += ch) d[p] = lut[s[p] & 255];
        }
        return src.with(d);
    }

    /**
     * Convolves colour channels with a sparse kernel: taps at offsets {@code (dx[i], dy[i])} with
     * integer weights summing to 256, borders reflected (101).
     */
    public static Image sparseConvolve(Image src, int[] dx, int[] dy, int[] w) {
        int W = src.width, H = src.height, ch = src.channels;
        int r = 0;
        for (int i = 0; i < dx.length; i++) r = Math.max(r, Math.max(Math.abs(dx[i]), Math.abs(dy[i])));
        int rowLen = W * ch, padLen = (W + 2 * r) * ch;
        byte[] s = src.data, d = s.clone();
        // Padded copies of every row, made once.
        int[][] rows = new int[H][];
        int[] acc = new int[rowLen];
        for (int y = 0; y < H; y++) {
            for (int i = 0; i < rowLen; i++) acc[i] = 0;
            for (int t = 0; t < dx.length; t++) {
                int sy = Border.REFLECT101.index(y + dy[t], H);
                int[] row = rows[sy];
                if (row == null) row = rows[sy] = padRow(s, sy * rowLen, W, ch, r);
                int off = (r + dx[t]) * ch, wt = w[t];
                for (int i = 0; i < rowLen; i++) acc[i] += wt * row[off + i];
            }
            int o = y * rowLen;
            if (ch == 4) {
                for (int i = 0; i < rowLen; i++) if ((i & 3) != 3) d[o + i] = (byte) ((acc[i] + 128) >> 8);
            } else {
                for (int i = 0; i < rowLen; i++) d[o + i] = (byte) ((acc[i] + 128) >> 8);
            }
        }
        assert padLen > 0;
        return src.with(d);
    }

    private static int[] padRow(byte[] s, int base, int w, int ch, int r) {
        int[] row = new int[(w + 2 * r) * ch];
        for (int x = -r; x < w + r; x++) {
            int sx = Border.REFLECT101.index(x, w);
            for (int c = 0; c < ch; c++) row[(x + r) * ch + c] = s[base + sx * ch + c] & 255;
        }
        return row;
    }

    // ------------------------------------------------------------------ noise

    private static final int NOISE_BITS = 12;
    /** Standard normal quantiles at (i + 0.5) / 4096: a noise value is one table read per 12 random bits. */
    private static final float[] NORMAL = new float[1 << NOISE_BITS];
    static {
        for (int i = 0; i < NORMAL.length; i++) {
            double p = (i + 0.5) / NORMAL.length;
            NORMAL[i] = (float) (Math.sqrt(2) * Erf.erfInv(2 * p - 1));
        }
    }

    /**
     * Fills {@code out} with standard normal draws: 12-bit quantiles (the tails are cut at ±3.5σ),
     * five per 64-bit draw of {@code rng}.
     */
    public static void normals(SplittableRandom rng, float[] out) {
        int i = 0;
        while (i < out.length) {
            long bits = rng.nextLong();
            for (int k = 0; k < 5 && i < out.length; k++, i++) {
                out[i] = NORMAL[(int) (bits & 4095)];
                bits >>>= NOISE_BITS;
            }
        }
    }

    /** Adds Gaussian noise of standard deviation {@code std} (0..255 scale) to colour channels. */
    public static Image gaussianNoise(Image src, double std, double mean, boolean perChannel, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int ch = src.channels, cc = src.colourChannels(), n = src.width * src.height;
        byte[] s = src.data, d = s.clone();
        // Noise as an integer table: value + table[bits] (scaled once).
        int[] table = new int[NORMAL.length];
        for (int i = 0; i < table.length; i++) table[i] = (int) Math.round(NORMAL[i] * std + mean);
        int p = 0, left = 0;
        long bits = 0;
        for (int i = 0; i < n; i++, p += ch) {
            if (perChannel) {
                for (int c = 0; c < cc; c++) {
                    if (left == 0) { bits = rng.nextLong(); left = 5; }
                    d[p + c] = (byte) clamp((s[p + c] & 255) + table[(int) (bits & 4095)]);
                    bits >>>= NOISE_BITS;
                    left--;
                }
            } else {
                if (left == 0) { bits = rng.nextLong(); left = 5; }
                int z = table[(int) (bits & 4095)];
                bits >>>= NOISE_BITS;
                left--;
                for (int c = 0; c < cc; c++) d[p + c] = (byte) clamp((s[p + c] & 255) + z);
            }
        }
        return src.with(d);
    }
}
