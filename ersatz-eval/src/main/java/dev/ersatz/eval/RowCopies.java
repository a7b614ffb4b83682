package dev.ersatz.eval;

import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verbatim copies: the share of synthetic rows identical, over every learned column, to some row of
 * a reference table (the training data). Compare it with the same share for a real holdout: a
 * generator that copies more often than fresh real data coincides memorises records.
 *
 * <p>Range [0, 1], lower is better. Generated columns (ID, PII, text) are left out of the match,
 * since they are fresh by construction and would hide copies of the rest of the row.
 */
public final class RowCopies {
    private RowCopies() {}

    /** The share of {@code candidate}'s rows that appear in {@code reference}. */
    public static Score score(Table reference, Table candidate, Metadata meta) {
        List<Integer> refCols = new ArrayList<>(), candCols = new ArrayList<>();
        for (ColumnSpec spec : meta.columns()) {
            if (!spec.isLearned()) continue;
            refCols.add(reference.indexOf(spec.name()));
            candCols.add(candidate.indexOf(spec.name()));
        }
        Set<String> rows = new HashSet<>();
        for (int r = 0; r < reference.rowCount(); r++) rows.add(rowKey(reference, r, refCols));
        int copies = 0;
        for (int r = 0; r < candidate.rowCount(); r++) if (rows.contains(rowKey(candidate, r, candCols))) copies++;
        double share = candidate.rowCount() == 0 ? 0 : (double) copies / candidate.rowCount();
        return new Score("row_copies", share, Score.Goal.MINIMIZE, 0, 1, java.util.Map.of("copies", (double) copies));
    }

    private static String rowKey(Table t, int row, List<Integer> cols) {
        StringBuilder sb = new StringBuilder();
        for (int c : cols) {
            String v = t.text(row, c);
            sb.append(v == null ? "\u0001" : v).append('\u0000');
        }
        return sb.toString();
    }
}
