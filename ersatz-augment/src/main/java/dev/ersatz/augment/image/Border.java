package dev.ersatz.augment.image;

import java.util.Locale;

/**
 * How a warp fills pixels whose source lies outside the image.
 *
 * <p>With pixel centres at {@code i + 0.5} (see {@link Image}), {@code reflect} mirrors about the
 * image edge (OpenCV's {@code BORDER_REFLECT_101} mirrors about the edge pixel's centre, which is
 * {@code reflect101} here), {@code replicate} repeats the edge pixel and {@code constant} fills with
 * the transform's fill value.
 */
public enum Border {
    CONSTANT, REFLECT, REFLECT101, REPLICATE;

    /** Parses a JSON/CLI name: constant, reflect, reflect101 (also reflect_101), replicate (also edge). */
    public static Border parse(String s) {
        switch (s.toLowerCase(Locale.ROOT).replace("-", "_")) {
            case "constant": return CONSTANT;
            case "reflect": case "symmetric": return REFLECT;
            case "reflect101": case "reflect_101": return REFLECT101;
            case "replicate": case "edge": return REPLICATE;
            default: throw new IllegalArgumentException("unknown border '" + s + "' (known: constant, reflect, reflect101, replicate)");
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps an index that may lie outside {@code [0, n)} inside it, or returns -1 for {@link #CONSTANT}. */
    public int index(int i, int n) {
        if (i >= 0 && i < n) return i;
        switch (this) {
            case CONSTANT:
                return -1;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case REFLECT: {
                if (n == 1) return 0;
                int period = 2 * n;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - 1 - m;
            }
            case REFLECT101: {
                if (n == 1) return 0;
                int period = 2 * n - 2;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
            default:
                throw new AssertionError(this);
        }
    }
}
