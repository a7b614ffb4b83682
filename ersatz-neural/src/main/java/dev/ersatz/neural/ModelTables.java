package dev.ersatz.neural;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;

import java.util.ArrayList;
import java.util.List;

/** Small operations on model-space tables (numeric and categorical columns). */
final class ModelTables {
    private ModelTables() {}

    /** The rows of {@code parts} in order, the first {@code rows} of them. */
    static Table concat(List<Table> parts, int rows) {
        Table first = parts.get(0);
        List<Column> out = new ArrayList<>(first.columnCount());
        for (int c = 0; c < first.columnCount(); c++) {
            Column col = first.column(c);
            int at = 0;
            if (col instanceof NumericColumn) {
                double[] v = new double[rows];
                for (Table t : parts) {
                    double[] src = ((NumericColumn) t.column(c)).values();
                    int m = Math.min(src.length, rows - at);
                    System.arraycopy(src, 0, v, at, m);
                    at += m;
                    if (at == rows) break;
                }
                out.add(new NumericColumn(col.name(), v));
            } else {
                CategoricalColumn cc = (CategoricalColumn) col;
                int[] v = new int[rows];
                for (Table t : parts) {
                    int[] src = ((CategoricalColumn) t.column(c)).codes();
                    int m = Math.min(src.length, rows - at);
                    System.arraycopy(src, 0, v, at, m);
                    at += m;
                    if (at == rows) break;
                }
                out.add(new CategoricalColumn(col.name(), v, cc.levels()));
            }
        }
        return new Table(out);
    }

    /** Whether the value at {@code row} of {@code column} satisfies {@code c}. */
    static boolean accepts(Table t, dev.ersatz.core.transform.ModelCondition c, int row) {
        Column col = t.column(c.modelColumn());
        if (c.categorical()) {
            int code = ((CategoricalColumn) col).codes()[row];
            for (int k : c.codes()) if (k == code) return true;
            return false;
        }
        return c.accepts(((NumericColumn) col).values()[row]);
    }
}
