package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The single-column fidelity metrics, each as SDMetrics defines it, for one table against the real one.
 *
 * <ul>
 *   <li><b>Shape</b> (KSComplement / TVComplement): {@code 1 − sup_x |F_real(x) − F_other(x)|} over the
 *       present values of an ordered column; {@code 1 − ½ Σ_c |p_real(c) − p_other(c)|} over the labels
 *       of a categorical one, missing counted as a label. 0 when one side has no present value.</li>
 *   <li><b>Missing-value similarity</b>: {@code 1 − |m_real − m_other|}, m the share of missing cells.</li>
 *   <li><b>Coverage</b> (RangeCoverage / CategoryCoverage): for an ordered column
 *       {@code max(0, 1 − max(0, (min_o − min_r)/(max_r − min_r)) − max(0, (max_r − max_o)/(max_r − min_r)))},
 *       how much of the real range the other table spans (undefined for a constant real column);
 *       for a categorical one, the share of the real labels that occur in the other table.</li>
 *   <li><b>Adherence</b> (BoundaryAdherence / CategoryAdherence): the share of the other table's present
 *       values inside the real [min, max]; the share of its cells whose label occurs in the real column
 *       (a missing cell adheres when the real column has missing cells).</li>
 * </ul>
 * All in [0, 1], higher is better. <b>Validity</b> pools adherence over every compared cell: the
 * share of the other table's cells that are inside the real range or the real categories, a missing
 * cell being valid when the real column has missing cells too.
 */
final class ColumnMetrics {
    private ColumnMetrics() {}

    /** One column's metrics against the real table. */
    record Column(String name, String kind, double shape, double missingSimilarity, double coverage, double adherence,
                  double realMissing, double otherMissing, long validCells, long cells) {}

    /** The metrics of every compared column, plus pooled validity. */
    record Result(List<Column> columns, double shapes, double missingSimilarity, double coverage, double adherence, double validity) {}

    static Result score(EvalData data, Role other) {
        List<Column> cols = new ArrayList<>();
        long valid = 0, cells = 0;
        for (Feature f : data.features) {
            Column c = f.numeric ? numeric(f, other) : categorical(f, other);
            cols.add(c);
            valid += c.validCells();
            cells += c.cells();
        }
        return new Result(cols, mean(cols, Column::shape), mean(cols, Column::missingSimilarity), mean(cols, Column::coverage),
                mean(cols, Column::adherence), cells == 0 ? Double.NaN : (double) valid / cells);
    }

    private static double mean(List<Column> cols, java.util.function.ToDoubleFunction<Column> f) {
        double s = 0;
        int n = 0;
        for (Column c : cols) {
            double v = f.applyAsDouble(c);
            if (Double.isNaN(v)) continue;
            s += v;
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static Column numeric(Feature f, Role other) {
        double[] r = f.values[Role.REAL.ordinal()], o = f.values[other.ordinal()];
        double[] rs = sortedPresent(r), os = sortedPresent(o);
        double shape = rs.length == 0 || os.length == 0 ? 0 : 1 - ColumnShapes.ksStatistic(rs, os);
        double mr = 1 - (double) rs.length / Math.max(1, r.length), mo = 1 - (double) os.length / Math.max(1, o.length);
        double coverage = Double.NaN, adherence = Double.NaN;
        long valid = 0;
        boolean realHasMissing = rs.length < r.length;
        if (rs.length > 0) {
            double min = rs[0], max = rs[rs.length - 1];
            if (os.length > 0 && max > min) {
                double lo = Math.max(0, (os[0] - min) / (max - min)), hi = Math.max(0, (max - os[os.length - 1]) / (max - min));
                coverage = Math.max(0, 1 - (lo + hi));
            }
            long inside = 0;
            for (double x : os) if (x >= min && x <= max) inside++;
            if (os.length > 0) adherence = (double) inside / os.length;
            valid = inside;
        }
        if (realHasMissing) valid += o.length - os.length;
        return new Column(f.name, kindName(f), shape, 1 - Math.abs(mr - mo), coverage, adherence, mr, mo, valid, o.length);
    }

    private static Column categorical(Feature f, Role other) {
        int[] r = f.codes[Role.REAL.ordinal()], o = f.codes[other.ordinal()];
        double shape = 1 - totalVariation(r, o, f.levels.size());
        int rMissing = 0, oMissing = 0;
        for (int c : r) if (c < 0) rMissing++;
        for (int c : o) if (c < 0) oMissing++;
        double mr = (double) rMissing / Math.max(1, r.length), mo = (double) oMissing / Math.max(1, o.length);
        boolean[] seen = new boolean[f.levels.size()];
        long valid = 0;
        for (int c : o) {
            if (c >= 0) {
                seen[c] = true;
                if (c < f.realLevels) valid++;
            } else if (rMissing > 0) {
                valid++;
            }
        }
        int covered = 0;
        for (int c = 0; c < f.realLevels; c++) if (seen[c]) covered++;
        double coverage = f.realLevels == 0 ? Double.NaN : (double) covered / f.realLevels;
        double adherence = o.length == 0 ? Double.NaN : (double) valid / o.length;
        return new Column(f.name, kindName(f), shape, 1 - Math.abs(mr - mo), coverage, adherence, mr, mo, valid, o.length);
    }

    /** Total variation distance between the label frequencies of two code columns, missing ({@code -1}) a label. */
    static double totalVariation(int[] a, int[] b, int levels) {
        if (a.length == 0 || b.length == 0) return 1;
        double[] pa = new double[levels + 1], pb = new double[levels + 1];
        for (int c : a) pa[c + 1]++;
        for (int c : b) pb[c + 1]++;
        double tv = 0;
        for (int i = 0; i <= levels; i++) tv += Math.abs(pa[i] / a.length - pb[i] / b.length);
        return Math.min(1, tv / 2);
    }

    static double[] sortedPresent(double[] v) {
        double[] out = new double[v.length];
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) out[n++] = x;
        double[] r = Arrays.copyOf(out, n);
        Arrays.sort(r);
        return r;
    }

    static String kindName(Feature f) {
        return f.spec.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
