package dev.ersatz.synth.tree;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;

import java.util.Arrays;
import java.util.List;

/**
 * How the model columns of a table look to a tree: every column becomes small integer codes.
 *
 * <p>A categorical column with L labels is <em>nominal</em> with L + 1 levels (the last one is
 * "missing"); a split sends a set of levels left. A numeric column is <em>ordinal</em>: its code is
 * the rank of the value among the column's distinct present values, shifted by one when the column
 * has missing values so that missing is code 0, the lowest. A split sends codes up to t left; in value
 * space that is "missing, or x ≤ the midpoint between the t-th and next distinct value", so trees
 * route values that never occurred in the data (smoothed draws) as well as observed ones.
 *
 * <p>Edge cases: a numeric column with no present values has the single code 0 and is never split on.
 */
public final class Features {
    private final boolean[] nominal;
    private final int[] levels;
    private final double[][] distinct;
    private final boolean[] hasMissing;

    private Features(boolean[] nominal, int[] levels, double[][] distinct, boolean[] hasMissing) {
        this.nominal = nominal;
        this.levels = levels;
        this.distinct = distinct;
        this.hasMissing = hasMissing;
    }

    /** Learns the codes of every model column of {@code data}. */
    public static Features of(Table data, List<ModelColumn> columns) {
        int p = columns.size();
        boolean[] nominal = new boolean[p];
        int[] levels = new int[p];
        double[][] distinct = new double[p][];
        boolean[] missing = new boolean[p];
        for (int j = 0; j < p; j++) {
            ModelColumn mc = columns.get(j);
            if (mc.categorical()) {
                nominal[j] = true;
                levels[j] = mc.levels().size() + 1;
                distinct[j] = new double[0];
            } else {
                double[] v = ((NumericColumn) data.column(j)).values();
                double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
                int d = 0;
                for (int i = 0; i < present.length; i++) if (i == 0 || present[i] != present[i - 1]) present[d++] = present[i];
                distinct[j] = Arrays.copyOf(present, d);
                missing[j] = d < v.length && hasNaN(v);
                levels[j] = Math.max(1, d + (missing[j] ? 1 : 0));
            }
        }
        return new Features(nominal, levels, distinct, missing);
    }

    private static boolean hasNaN(double[] v) {
        for (double x : v) if (Double.isNaN(x)) return true;
        return false;
    }

    public int size() { return nominal.length; }
    public boolean nominal(int f) { return nominal[f]; }
    public int levels(int f) { return levels[f]; }
    /** The sorted distinct present values of an ordinal feature. */
    public double[] distinct(int f) { return distinct[f]; }

    /** The codes of every model column of {@code data} (which may hold other rows than the fitted ones). */
    public int[][] encode(Table data) {
        int[][] out = new int[size()][];
        for (int f = 0; f < size(); f++) {
            if (nominal[f]) out[f] = encodeNominal(f, ((CategoricalColumn) data.column(f)).codes());
            else out[f] = encodeOrdinal(f, ((NumericColumn) data.column(f)).values());
        }
        return out;
    }

    /** Nominal codes: the category code, or the last level for missing (-1). */
    public int[] encodeNominal(int f, int[] codes) {
        int miss = levels[f] - 1;
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? miss : codes[i];
        return out;
    }

    /** Ordinal codes: missing 0 (when the column has missing values), else 1 + rank, or rank. */
    public int[] encodeOrdinal(int f, double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = ordinalCode(f, values[i]);
        return out;
    }

    /** The ordinal code of one value (a value between distinct values gets the rank of the next lower one). */
    public int ordinalCode(int f, double x) {
        int off = hasMissing[f] ? 1 : 0;
        if (Double.isNaN(x)) return 0;
        double[] d = distinct[f];
        if (d.length == 0) return 0;
        int k = Arrays.binarySearch(d, x);
        if (k < 0) k = Math.max(0, -k - 2);
        return off + k;
    }

    /**
     * The value-space threshold of the ordinal split "code ≤ t": values at or below it (and missing
     * values) go left. Minus infinity when only the missing code goes left.
     */
    public double threshold(int f, int t) {
        int off = hasMissing[f] ? 1 : 0;
        int r = t - off;
        if (r < 0) return Double.NEGATIVE_INFINITY;
        double[] d = distinct[f];
        double lo = d[r], hi = d[r + 1];
        double mid = lo + (hi - lo) / 2;
        return mid >= hi ? lo : mid;
    }

    /** The model columns as doubles, column-major (category codes as numbers, missing -1), as trees route them. */
    public static double[][] values(Table data) {
        double[][] out = new double[data.columnCount()][];
        for (int j = 0; j < out.length; j++) {
            if (data.column(j) instanceof NumericColumn nc) {
                out[j] = nc.values();
            } else {
                int[] c = ((CategoricalColumn) data.column(j)).codes();
                double[] v = new double[c.length];
                for (int i = 0; i < v.length; i++) v[i] = c[i];
                out[j] = v;
            }
        }
        return out;
    }

    /** Row indices {@code rows} sorted by their code in {@code codes} (stable counting sort). */
    public static int[] sortByCode(int[] codes, int levels, int[] rows) {
        int[] count = new int[levels + 1];
        for (int r : rows) count[codes[r] + 1]++;
        for (int i = 0; i < levels; i++) count[i + 1] += count[i];
        int[] out = new int[rows.length];
        for (int r : rows) out[count[codes[r]]++] = r;
        return out;
    }
}
