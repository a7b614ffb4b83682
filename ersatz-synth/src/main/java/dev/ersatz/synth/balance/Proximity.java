package dev.ersatz.synth.balance;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;

import java.util.Arrays;
import java.util.List;

/**
 * How close new rows sit to real rows: each new row's distance to the closest real row (DCR),
 * against the same distance for real rows to their closest other real row.
 *
 * <p>The distance is taken over the feature columns in model space: numeric columns divided by their
 * standard deviation over the real rows (missing values imputed with the real mean), and each
 * categorical column that differs adds 1 to the squared distance (a category mismatch weighs as
 * much as one standard deviation). A ratio {@code newMedian / realMedian} well below 1 means the new
 * rows sit closer to real rows than real rows sit to each other (interpolation, copies); near 1
 * means they are as new as fresh real rows would be. {@code copies} counts new rows at distance 0
 * (identical to a real row on every learned feature, after rounding to the column's precision).
 *
 * @param newRows     how many new rows were measured
 * @param newMedian   median distance from a new row to its closest real row
 * @param newP05      5th percentile of that distance
 * @param realMedian  median distance from a real row (of the resampled classes) to its closest other real row
 * @param copies      new rows identical to a real row on every feature
 */
public record Proximity(int newRows, double newMedian, double newP05, double realMedian, int copies) {

    /** {@code newMedian / realMedian}: about 1 for rows as new as fresh real rows, near 0 for copies. */
    public double ratio() {
        return realMedian > 0 ? newMedian / realMedian : Double.NaN;
    }

    /** The share of new rows identical to a real row. */
    public double copyShare() {
        return newRows == 0 ? 0 : (double) copies / newRows;
    }

    /**
     * Measures {@code fresh} (new rows) against {@code real}, both model tables with the same columns;
     * {@code features} are the model columns to compare; {@code baselineRows} are the real rows whose
     * own closest-other-real distance makes the baseline (usually the resampled classes' rows).
     */
    public static Proximity measure(Table real, Table fresh, List<ModelColumn> columns, int[] features, int[] baselineRows, int threads) {
        int nr = real.rowCount(), nf = fresh.rowCount();
        if (nf == 0) return new Proximity(0, Double.NaN, Double.NaN, Double.NaN, 0);
        int total = nr + nf;
        int numeric = 0, categorical = 0;
        for (int f : features) if (columns.get(f).categorical()) categorical++; else numeric++;
        double[][] num = new double[numeric][total];
        int[][] cat = new int[categorical][total];
        double[][] tables = new double[categorical][];
        int[] sizes = new int[categorical];
        int jn = 0, jc = 0;
        for (int f : features) {
            if (columns.get(f).categorical()) {
                int[] a = ((CategoricalColumn) real.column(f)).codes(), b = ((CategoricalColumn) fresh.column(f)).codes();
                for (int i = 0; i < nr; i++) cat[jc][i] = a[i] + 1;
                for (int i = 0; i < nf; i++) cat[jc][nr + i] = b[i] + 1;
                sizes[jc] = columns.get(f).levels().size() + 1;
                tables[jc] = Points.mismatchTable(sizes[jc], 1.0);
                jc++;
            } else {
                double[] a = ((NumericColumn) real.column(f)).values(), b = ((NumericColumn) fresh.column(f)).values();
                double sum = 0;
                int c = 0;
                for (double v : a) if (!Double.isNaN(v)) { sum += v; c++; }
                double mean = c == 0 ? 0 : sum / c, ss = 0;
                for (double v : a) if (!Double.isNaN(v)) ss += (v - mean) * (v - mean);
                double sd = c == 0 ? 1 : Math.sqrt(ss / c);
                if (!(sd > 0)) sd = 1;
                for (int i = 0; i < nr; i++) num[jn][i] = (Double.isNaN(a[i]) ? mean : a[i]) / sd;
                for (int i = 0; i < nf; i++) num[jn][nr + i] = (Double.isNaN(b[i]) ? mean : b[i]) / sd;
                jn++;
            }
        }
        Points p = new Points(total, num, cat, tables, sizes);
        int[] realRows = new int[nr];
        for (int i = 0; i < nr; i++) realRows[i] = i;
        KdTree tree = new KdTree(p, realRows);
        int[] queries = new int[nf];
        for (int i = 0; i < nf; i++) queries[i] = nr + i;
        double[] dNew = new double[nf];
        tree.knn(queries, 1, threads, dNew);
        int copies = 0;
        for (double x : dNew) if (x == 0) copies++;
        double realMedian = Double.NaN;
        if (nr > 1 && baselineRows.length > 0) {
            double[] dReal = new double[baselineRows.length];
            tree.knn(baselineRows, 1, threads, dReal);
            realMedian = quantile(dReal, 0.5);
        }
        return new Proximity(nf, quantile(dNew, 0.5), quantile(dNew, 0.05), realMedian, copies);
    }

    /** The q-quantile by linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
