package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, as MOSTLY AI's open {@code mostlyai-qa} defines it: one minus the total variation distance
 * between binned distributions, averaged over every column (univariate) and over every pair of
 * columns (bivariate), and the two averages averaged:
 * <pre>
 *   acc(X) = 1 − ½ Σ_bins |p_real(bin) − p_other(bin)|
 *   accuracy = ( mean_columns acc(column) + mean_pairs acc(column pair) ) / 2
 * </pre>
 * Range [0, 1], higher is better. Its <b>ceiling</b> is the same score for a real holdout against the
 * training table: a synthetic table that scores above the ceiling is closer to the training rows than
 * fresh real data is, a sign of overfitting. Both carry sampling noise that shrinks with the table
 * sizes, so they are compared at the same size.
 *
 * <p>Bins are learned from the real (training) table and applied to the other table:
 * <ul>
 *   <li>Ordered columns: with at most 10 distinct values, one bin per value; otherwise ~10 bins at
 *       quantiles (the greedy search of {@code mostlyai-qa}: the values at {@code i} evenly spaced
 *       ranks, {@code i = 10, 11, ...}, until 11 distinct boundaries exist). Boundaries are floored to
 *       the fewest decimals that keep them distinct; values are clipped into the range of the boundaries
 *       and binned left-closed. Datetimes use the same search, without the distinct-value rule and
 *       the flooring.</li>
 *   <li>Categorical columns: the 10 most frequent labels that occur at least 5 times each, plus one
 *       "(other)" bin.</li>
 *   <li>Missing values have a bin of their own.</li>
 * </ul>
 */
final class Accuracy {
    static final int BINS = 10;
    /** mostlyai-qa's {@code MIN_RARE_CAT_PROTECTION}: a label seen fewer times than this goes to "(other)". */
    static final int MIN_CATEGORY_COUNT = 5;
    private static final double DAY = 86_400;

    private Accuracy() {}

    /**
     * The accuracy of {@code other}'s rows {@code rows} (all rows when null) against the real table.
     *
     * @param univariate per-column accuracy, in feature order
     * @param bivariate  per-pair accuracy, pairs (i, j), i &lt; j, in order
     */
    record Result(double accuracy, double univariateMean, double bivariateMean, double[] univariate, double[] bivariate) {}

    /** The binning of every feature, learned from the real table. */
    static final class Binning {
        final int[] binCount;
        final List<List<String>> labels;
        /** Per feature: the breaks of an ordered column (null for a categorical one). */
        final double[][] breaks;
        /** Per feature: bin of each category code (categorical only). */
        final int[][] codeBins;

        private Binning(int n) {
            binCount = new int[n];
            labels = new ArrayList<>();
            breaks = new double[n][];
            codeBins = new int[n][];
        }

        /** The bins of a feature's column in a table, 0 .. binCount − 1. */
        int[] bins(Feature f, int fi, Role role) {
            if (f.numeric) {
                double[] v = f.values[role.ordinal()];
                int[] out = new int[v.length];
                for (int i = 0; i < v.length; i++) out[i] = numericBin(breaks[fi], v[i], binCount[fi]);
                return out;
            }
            int[] c = f.codes[role.ordinal()];
            int[] out = new int[c.length];
            for (int i = 0; i < c.length; i++) out[i] = c[i] < 0 ? binCount[fi] - 1 : codeBins[fi][c[i]];
            return out;
        }
    }

    /** Learns the bins of every feature from the real table. */
    static Binning binning(EvalData data) {
        Binning b = new Binning(data.features.size());
        for (int fi = 0; fi < data.features.size(); fi++) {
            Feature f = data.features.get(fi);
            List<String> labels = new ArrayList<>();
            if (f.numeric) {
                double[] breaks = f.isDatetime() ? datetimeBreaks(f.values[0]) : numericBreaks(f.values[0]);
                b.breaks[fi] = breaks;
                for (int k = 0; k < breaks.length - 1; k++) labels.add("≥ " + f.display(breaks[k]));
                labels.add("(n/a)");
                // One bin per interval between breaks (the last interval is closed), plus missing.
                b.binCount[fi] = breaks.length - 1 + 1;
            } else {
                // Index realLevels stands for "missing": mostlyai-qa fills missing values with "(n/a)" before it
                // ranks the labels, so a frequent missing value takes one of the ten places.
                int missing = f.realLevels;
                int[] counts = new int[f.realLevels + 1];
                for (int c : f.codes[0]) counts[c < 0 ? missing : c]++;
                Integer[] order = new Integer[f.realLevels + 1];
                for (int i = 0; i < order.length; i++) order[i] = i;
                // Most frequent first; equal counts by label, so the choice does not depend on row order.
                Arrays.sort(order, (x, y) -> counts[x] != counts[y] ? Integer.compare(counts[y], counts[x])
                        : label(f, x).compareTo(label(f, y)));
                TreeSet<String> top = new TreeSet<>();
                for (int i = 0; i < Math.min(BINS, order.length); i++) {
                    if (order[i] != missing && counts[order[i]] >= MIN_CATEGORY_COUNT) top.add(f.levels.get(order[i]));
                }
                Map<String, Integer> binOf = new HashMap<>();
                for (String t : top) {
                    binOf.put(t, labels.size());
                    labels.add(t);
                }
                int other = labels.size();
                labels.add("(other)");
                labels.add("(n/a)");
                int[] codeBins = new int[f.levels.size()];
                for (int c = 0; c < codeBins.length; c++) codeBins[c] = binOf.getOrDefault(f.levels.get(c), other);
                b.codeBins[fi] = codeBins;
                b.binCount[fi] = labels.size();
            }
            b.labels.add(labels);
        }
        return b;
    }

    private static String label(Feature f, int code) {
        return code == f.realLevels ? "(n/a)" : f.levels.get(code);
    }

    /** Accuracy of {@code role}'s rows {@code rows} (null: all) against the real table's rows. */
    static Result score(EvalData data, Binning binning, Role role, int[] rows) {
        int nf = data.features.size();
        int[][] real = new int[nf][], other = new int[nf][];
        for (int fi = 0; fi < nf; fi++) {
            Feature f = data.features.get(fi);
            real[fi] = binning.bins(f, fi, Role.REAL);
            int[] o = binning.bins(f, fi, role);
            other[fi] = rows == null ? o : select(o, rows);
        }
        double[] uni = new double[nf];
        for (int fi = 0; fi < nf; fi++) uni[fi] = 1 - tvd(real[fi], null, other[fi], null, binning.binCount[fi], 1);
        double[] bi = new double[nf * (nf - 1) / 2];
        int k = 0;
        for (int i = 0; i < nf; i++) {
            for (int j = i + 1; j < nf; j++) {
                bi[k++] = 1 - tvd(real[i], real[j], other[i], other[j], binning.binCount[i], binning.binCount[j]);
            }
        }
        double u = mean(uni), b = bi.length == 0 ? Double.NaN : mean(bi);
        double acc = Double.isNaN(b) ? u : (u + b) / 2;
        return new Result(acc, u, b, uni, bi);
    }

    private static int[] select(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Total variation distance between the (joint) bin frequencies of two tables. */
    static double tvd(int[] ra, int[] rb, int[] oa, int[] ob, int na, int nb) {
        if (ra.length == 0 || oa.length == 0) return Double.NaN;
        int cells = na * nb;
        double[] pr = new double[cells], po = new double[cells];
        for (int i = 0; i < ra.length; i++) pr[ra[i] * nb + (rb == null ? 0 : rb[i])]++;
        for (int i = 0; i < oa.length; i++) po[oa[i] * nb + (ob == null ? 0 : ob[i])]++;
        double s = 0;
        for (int c = 0; c < cells; c++) s += Math.abs(pr[c] / ra.length - po[c] / oa.length);
        return s / 2;
    }

    /** The bin of a value: missing gets the last bin; others are clipped into the breaks and binned left-closed. */
    static int numericBin(double[] breaks, double x, int binCount) {
        if (Double.isNaN(x)) return binCount - 1;
        int intervals = breaks.length - 1;
        if (x <= breaks[0]) return 0;
        // Clipped to the last break, a value falls in the last interval (whose upper end mostlyai-qa widens).
        if (x >= breaks[intervals]) return intervals - 1;
        int lo = 0, hi = intervals; // breaks[lo] <= x < breaks[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (breaks[mid] <= x) lo = mid; else hi = mid;
        }
        return lo;
    }

    /** The breaks of a numeric column (see the class comment); at least two. */
    static double[] numericBreaks(double[] values) {
        double[] v = present(values);
        Arrays.sort(v);
        double[] unique = distinct(v);
        double[] breaks;
        if (unique.length <= BINS) {
            if (unique.length == 0) return new double[] {-1e10, 1e10};
            breaks = Arrays.copyOf(unique, unique.length + 1);
            breaks[unique.length] = unique[unique.length - 1] + 1;
        } else {
            breaks = searchBoundaries(v, BINS);
        }
        // Floor the boundaries to the fewest decimals that keep them distinct (all but the last).
        for (int precision = 0; precision < 20; precision++) {
            double scale = Math.pow(10, precision);
            TreeSet<Double> floored = new TreeSet<>();
            for (double b : breaks) floored.add(Math.floor(b * scale) / scale);
            if (floored.size() == breaks.length) {
                for (int k = 0; k < breaks.length - 1; k++) breaks[k] = Math.floor(breaks[k] * scale) / scale;
                break;
            }
        }
        return breaks;
    }

    /** The breaks of a datetime column (epoch seconds): the quantile search, or a one-day bin for a single value. */
    static double[] datetimeBreaks(double[] values) {
        double[] v = present(values);
        Arrays.sort(v);
        double[] unique = distinct(v);
        if (unique.length == 0) return new double[] {-8.52e9, 7.26e9}; // 1700 .. 2200, as mostlyai-qa
        if (unique.length == 1) return new double[] {unique[0], unique[0] + DAY};
        return searchBoundaries(v, BINS);
    }

    /**
     * mostlyai-qa's greedy search: for {@code i = n, n+1, ...} (below {@code max(n + 1, min(1000, len + 1))}),
     * take the sorted values at ranks {@code floor(k (len−1)/(i−1))}, k = 0..i−1, until {@code n + 1} distinct
     * boundaries exist. Always includes the minimum and the maximum.
     */
    static double[] searchBoundaries(double[] sorted, int n) {
        int len = sorted.length;
        double[] breaks = new double[0];
        int end = Math.max(n + 1, Math.min(1000, len + 1));
        for (int i = n; i < end; i++) {
            double step = (double) (len - 1) / (i - 1);
            TreeSet<Double> set = new TreeSet<>();
            for (int k = 0; k < i; k++) {
                int idx = k == i - 1 ? len - 1 : (int) (k * step);
                set.add(sorted[idx]);
            }
            breaks = set.stream().mapToDouble(Double::doubleValue).toArray();
            if (breaks.length >= n + 1) break;
        }
        return breaks;
    }

    private static double[] present(double[] values) {
        double[] out = new double[values.length];
        int n = 0;
        for (double x : values) if (!Double.isNaN(x)) out[n++] = x;
        return Arrays.copyOf(out, n);
    }

    private static double[] distinct(double[] sorted) {
        double[] out = new double[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) out[n++] = sorted[i];
        return Arrays.copyOf(out, n);
    }
}
