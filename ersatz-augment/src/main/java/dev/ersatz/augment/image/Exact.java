package dev.ersatz.augment.image;

/**
 * Fast paths for maps that move whole pixels: flips, quarter turns, transposes and integer shifts
 * (crops) whose every source pixel lies inside the image. They give the same bytes as the general
 * bilinear warp (whose weights are then 0 and 256) with plain copies.
 */
final class Exact {
    private Exact() {}

    /** The permuted image, or null when {@code fwd} is not a whole-pixel map inside the source. */
    static Image tryPermute(Image src, double[] fwd, int outW, int outH) {
        double[] inv;
        try {
            inv = Geometry.invert(fwd);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (int k : new int[] {0, 1, 3, 4}) {
            if (inv[k] != 0 && inv[k] != 1 && inv[k] != -1) return null;
        }
        if (Math.abs(inv[0]) + Math.abs(inv[1]) != 1 || Math.abs(inv[3]) + Math.abs(inv[4]) != 1) return null;
        // Source index of output pixel (X, Y): centre (X+0.5, Y+0.5) -> inv -> minus 0.5.
        double bx = inv[0] * 0.5 + inv[1] * 0.5 + inv[2] - 0.5;
        double by = inv[3] * 0.5 + inv[4] * 0.5 + inv[5] - 0.5;
        if (bx != Math.rint(bx) || by != Math.rint(by)) return null;
        int ax = (int) inv[0], ay = (int) inv[1], cx = (int) inv[3], cy = (int) inv[4];
        int ox = (int) bx, oy = (int) by;
        int w = src.width, h = src.height, ch = src.channels;
        // All four corners inside means every pixel is (the map is linear).
        int[][] corners = {{0, 0}, {outW - 1, 0}, {0, outH - 1}, {outW - 1, outH - 1}};
        for (int[] c : corners) {
            int sx = ax * c[0] + ay * c[1] + ox, sy = cx * c[0] + cy * c[1] + oy;
            if (sx < 0 || sy < 0 || sx >= w || sy >= h) return null;
        }
        byte[] s = src.data, d = new byte[outW * outH * ch];
        if (ax == 1 && ay == 0 && cx == 0 && cy == 1) {
            for (int y = 0; y < outH; y++) System.arraycopy(s, ((y + oy) * w + ox) * ch, d, y * outW * ch, outW * ch);
        } else if (ay == 0 && cx == 0 && ax == 1) {
            // Vertical flip: whole rows.
            for (int y = 0; y < outH; y++) System.arraycopy(s, ((cy * y + oy) * w + ox) * ch, d, y * outW * ch, outW * ch);
        } else if (ay == 0 && cx == 0) {
            // Horizontal flip (and a vertical one with it): pixels of a row in reverse order.
            for (int y = 0; y < outH; y++) {
                int o = y * outW * ch, p = ((cy * y + oy) * w + ox) * ch;
                if (ch == 3) {
                    for (int x = 0; x < outW; x++, o += 3, p -= 3) {
                        d[o] = s[p];
                        d[o + 1] = s[p + 1];
                        d[o + 2] = s[p + 2];
                    }
                } else {
                    for (int x = 0; x < outW; x++, o += ch, p -= ch) for (int c = 0; c < ch; c++) d[o + c] = s[p + c];
                }
            }
        } else {
            for (int y = 0; y < outH; y++) {
                int o = y * outW * ch;
                for (int x = 0; x < outW; x++, o += ch) {
                    int sx = ax * x + ay * y + ox, sy = cx * x + cy * y + oy;
                    int p = (sy * w + sx) * ch;
                    for (int c = 0; c < ch; c++) d[o + c] = s[p + c];
                }
            }
        }
        return new Image(outW, outH, ch, d, src.palette);
    }
}
