package dev.ersatz.eval;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.format.DatetimeFormat;

import java.util.Arrays;

/** Reading text columns as the numbers or labels a metric compares, per the column's spec. */
final class Values {
    private Values() {}

    /** Whether the metric treats the column as ordered numbers (numeric, integer, datetime). */
    static boolean isNumeric(ColumnSpec spec) {
        return switch (spec.kind()) {
            case NUMERIC, INTEGER, DATETIME -> true;
            default -> false;
        };
    }

    /** Whether the column is learned and compared at all (ID, PII and free text are not). */
    static boolean isCompared(ColumnSpec spec) {
        return spec.isLearned();
    }

    /** The present values as sorted numbers (values that do not parse are dropped). */
    static double[] sortedNumbers(Column c, ColumnSpec spec) {
        DatetimeFormat f = spec.kind() == dev.ersatz.core.ColumnKind.DATETIME ? DatetimeFormat.of(spec.format()) : null;
        double[] out = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            String t = c.text(i);
            if (t == null) continue;
            double v;
            if (f != null) {
                v = f.parse(t);
            } else {
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
            }
            if (!Double.isNaN(v)) out[n++] = v;
        }
        double[] r = Arrays.copyOf(out, n);
        Arrays.sort(r);
        return r;
    }
}
