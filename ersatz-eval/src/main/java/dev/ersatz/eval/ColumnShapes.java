package dev.ersatz.eval;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Table;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Column shapes, as SDMetrics defines them: how well each synthetic column's distribution matches
 * the real one, averaged over columns.
 *
 * <ul>
 *   <li>Numeric, integer and datetime columns: the Kolmogorov–Smirnov complement
 *       1 − sup_x |F_real(x) − F_synth(x)| over present values.</li>
 *   <li>Categorical and boolean columns: the total-variation complement
 *       1 − ½ Σ_c |p_real(c) − p_synth(c)|, missing counted as a category of its own.</li>
 * </ul>
 * Range [0, 1], higher is better. ID, PII and text columns are generated, not learned, and are not
 * scored. A column with no present values on one side scores 0.
 */
public final class ColumnShapes {
    private ColumnShapes() {}

    /** The mean column-shape score, with each column's score in the details. */
    public static Score score(Table real, Table synthetic, Metadata meta) {
        Map<String, Double> details = new LinkedHashMap<>();
        double sum = 0;
        int n = 0;
        for (ColumnSpec spec : meta.columns()) {
            if (!Values.isCompared(spec)) continue;
            double s = columnScore(real.column(spec.name()), synthetic.column(spec.name()), spec);
            details.put(spec.name(), s);
            sum += s;
            n++;
        }
        return new Score("column_shapes", n == 0 ? Double.NaN : sum / n, Score.Goal.MAXIMIZE, 0, 1, details);
    }

    /** One column's score: KS complement or TV complement by kind. */
    public static double columnScore(Column real, Column synthetic, ColumnSpec spec) {
        if (Values.isNumeric(spec)) {
            double[] a = Values.sortedNumbers(real, spec), b = Values.sortedNumbers(synthetic, spec);
            if (a.length == 0 || b.length == 0) return 0;
            return 1 - ksStatistic(a, b);
        }
        return 1 - totalVariation(real, synthetic);
    }

    /** The two-sample Kolmogorov–Smirnov statistic of two sorted samples. */
    public static double ksStatistic(double[] a, double[] b) {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) i++;
            while (j < b.length && b[j] <= x) j++;
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /** Total variation distance between the label frequencies of two columns (missing is a label). */
    public static double totalVariation(Column a, Column b) {
        Map<String, double[]> freq = new HashMap<>();
        for (int i = 0; i < a.size(); i++) freq.computeIfAbsent(key(a.text(i)), k -> new double[2])[0] += 1.0 / a.size();
        for (int i = 0; i < b.size(); i++) freq.computeIfAbsent(key(b.text(i)), k -> new double[2])[1] += 1.0 / b.size();
        double tv = 0;
        for (double[] f : freq.values()) tv += Math.abs(f[0] - f[1]);
        return Math.min(1, tv / 2);
    }

    private static String key(String s) {
        return s == null ? "\u0000missing" : s;
    }
}
