package dev.ersatz.core.transform;

import java.util.Arrays;

/**
 * The conditions on one model column, translated into model space and combined (AND): a numeric
 * column restricted to a union of closed intervals (and present), or a categorical column
 * restricted to a set of codes.
 *
 * <p>Most conditions give one interval or one code ({@link #simple()}); sets, {@code !=} and
 * {@code not in} give several. A generator declares which it samples exactly through
 * {@code FittedGenerator.supports}; the others are met by a bounded search around it, so every
 * generator honours every condition.
 *
 * @param modelColumn the index of the model column
 * @param codes       allowed codes of a categorical column, ascending ({@code null} for numeric)
 * @param low         the lower end of the (first) interval; may be -infinity
 * @param high        the upper end of the (last) interval; may be +infinity
 * @param text        the condition(s) as the user wrote them, for messages
 * @param intervals   for a union of several intervals, their ends [lo0, hi0, lo1, hi1, ...], sorted and
 *                    disjoint; {@code null} for one interval [low, high] (and for categorical columns)
 */
public record ModelCondition(int modelColumn, int[] codes, double low, double high, String text, double[] intervals) {

    /** One interval, or one set of codes. */
    public ModelCondition(int modelColumn, int[] codes, double low, double high, String text) {
        this(modelColumn, codes, low, high, text, null);
    }

    public boolean categorical() {
        return codes != null;
    }

    /** Whether this is one code or one interval (what every generator samples exactly). */
    public boolean simple() {
        return categorical() ? codes.length == 1 : intervals == null;
    }

    /** How many intervals a numeric condition allows (1 unless a union). */
    public int intervalCount() {
        return intervals == null ? 1 : intervals.length / 2;
    }

    public double intervalLow(int i) {
        return intervals == null ? low : intervals[2 * i];
    }

    public double intervalHigh(int i) {
        return intervals == null ? high : intervals[2 * i + 1];
    }

    /** Whether a model value satisfies the condition (missing never does). */
    public boolean accepts(double value) {
        if (Double.isNaN(value)) return false;
        if (intervals == null) return value >= low && value <= high;
        for (int i = 0; i < intervals.length; i += 2) if (value >= intervals[i] && value <= intervals[i + 1]) return true;
        return false;
    }

    /** Whether a category code satisfies the condition. */
    public boolean acceptsCode(int code) {
        return Arrays.binarySearch(codes, code) >= 0;
    }

    /** The allowed value nearest to {@code value} (for pulling a sampled value a rounding step outside back in). */
    public double nearest(double value) {
        if (Double.isNaN(value)) return value;
        double best = Double.NaN, bestDist = Double.POSITIVE_INFINITY;
        for (int i = 0, n = intervalCount(); i < n; i++) {
            double v = Math.min(intervalHigh(i), Math.max(intervalLow(i), value));
            double d = Math.abs(v - value);
            if (d < bestDist) { bestDist = d; best = v; }
        }
        return best;
    }
}
