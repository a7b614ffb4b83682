package dev.ersatz.augment.image;

import org.hipparchus.special.Erf;

import java.util.SplittableRandom;

/**
 * Per-pixel kernels shared by photometric, weather and occlusion transforms: look-up tables,
 * grey levels, integer hue/saturation/value edits, equalisation, sparse convolution and fast
 * Gaussian noise. Only colour channels are edited; an alpha channel is copied.
 */
public final class Pixels {
    private Pixels() {}

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

    /** Per-channel histograms of the colour channels (one for a grey image). */
    static long[][] histograms(Image src) {
        int ch = src.channels, cc = src.colourChannels();
        long[][] h = new long[cc][256];
        byte[] s = src.data;
        if (cc == 3) {
            long[] r = h[0], g = h[1], b = h[2];
            for (int p = 0; p < s.length; p += ch) {
                r[s[p] & 255]++;
                g[s[p + 1] & 255]++;
                b[s[p + 2] & 255]++;
            }
        } else {
            for (int p = 0; p < s.length; p += ch) h[0][s[p] & 255]++;
        }
        return h;
    }

    /**
     * The mean grey level of an image with these histograms after {@code lut} (null = none), with
     * BT.601 weights: the mean of a weighted sum is the weighted sum of the channel means.
     */
    static double meanLuma(long[][] hist, byte[] lut, long pixels) {
        double[] w = hist.length == 3 ? new double[] {0.299, 0.587, 0.114} : new double[] {1};
        double sum = 0;
        for (int c = 0; c < hist.length; c++) {
            double m = 0;
            for (int v = 0; v < 256; v++) m += hist[c][v] * (double) (lut == null ? v : lut[v] & 255);
            sum += w[c] * m;
        }
        return sum / pixels;
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
        boolean doSat = !Double.isNaN(sat), doHue = hue != 0;
        int k = doSat ? (int) Math.round(sat * 256) : 256;
        int shift = Math.floorMod((int) Math.round(hue * HUE_TURN), HUE_TURN);
        byte[] s = src.data, d = s.clone();
        int ch = src.channels;
        for (int p = 0; p < s.length; p += ch) {
            int r = t[s[p] & 255] & 255, g = t[s[p + 1] & 255] & 255, b = t[s[p + 2] & 255] & 255;
            if (doHue && hueFirst) {
                int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b)), delta = max - min;
                if (delta != 0) {
                    int h = hueOf(r, g, b, max, delta) + shift;
                    if (h >= HUE_TURN) h -= HUE_TURN;
                    writeHue(d, p, h, max, min, delta);
                    r = d[p] & 255; g = d[p + 1] & 255; b = d[p + 2] & 255;
                }
            }
            if (doSat) {
                int y = (r * WR + g * WG + b * WB + 8192) >> 14, y8 = y << 8;
                r = clamp((y8 + k * (r - y) + 128) >> 8);
                g = clamp((y8 + k * (g - y) + 128) >> 8);
                b = clamp((y8 + k * (b - y) + 128) >> 8);
            }
            if (doHue && !hueFirst) {
                int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b)), delta = max - min;
                if (delta != 0) {
                    int h = hueOf(r, g, b, max, delta) + shift;
                    if (h >= HUE_TURN) h -= HUE_TURN;
                    writeHue(d, p, h, max, min, delta);
                    continue;
                }
            }
            d[p] = (byte) r;
            d[p + 1] = (byte) g;
            d[p + 2] = (byte) b;
        }
        return src.with(d);
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
