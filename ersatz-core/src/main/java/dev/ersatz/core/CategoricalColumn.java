package dev.ersatz.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column of labels stored as codes into {@code levels}; code {@code -1} marks a missing value.
 */
public record CategoricalColumn(String name, int[] codes, String[] levels) implements Column {

    public CategoricalColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(levels, "levels");
    }

    /** Codes the given values (null = missing), levels in order of first appearance. */
    public static CategoricalColumn of(String name, String[] values) {
        Map<String, Integer> index = new HashMap<>();
        int[] codes = new int[values.length];
        java.util.List<String> levels = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) { codes[i] = -1; continue; }
            Integer c = index.get(v);
            if (c == null) { c = levels.size(); index.put(v, c); levels.add(v); }
            codes[i] = c;
        }
        return new CategoricalColumn(name, codes, levels.toArray(String[]::new));
    }

    @Override public int size() { return codes.length; }
    @Override public boolean isMissing(int row) { return codes[row] < 0; }
    public int code(int row) { return codes[row]; }

    @Override
    public String text(int row) {
        int c = codes[row];
        return c < 0 ? null : levels[c];
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = codes[rows[i]];
        return new CategoricalColumn(name, out, levels);
    }

    @Override public CategoricalColumn renamed(String newName) { return new CategoricalColumn(newName, codes, levels); }
}
