package dev.ersatz.eval;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as people read them in verdicts and reports (locale-independent, so output is byte-stable). */
final class Format {
    private Format() {}

    /** A value with up to 6 significant digits, no exponent for everyday magnitudes, no trailing zeros. */
    static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(6));
        String s = d.stripTrailingZeros().toPlainString();
        return s.length() > 16 ? String.format(Locale.ROOT, "%.4g", v) : s;
    }

    /** A score in [0, 1] with three decimals. */
    static String score(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A share as a percentage: two decimals below 1%, one above. */
    static String percent(double share) {
        if (Double.isNaN(share)) return "n/a";
        double p = 100 * share;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 1 ? "%.2f%%" : "%.1f%%", p);
    }

    /** A count with thousands separators. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
