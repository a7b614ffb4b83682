package dev.ersatz.core.transform;

/**
 * A column as a synthesizer sees it after encoding: either numeric (a {@link dev.ersatz.core.NumericColumn},
 * NaN = missing) or categorical (a {@link dev.ersatz.core.CategoricalColumn} with {@code levels} codes,
 * -1 = missing).
 *
 * @param name        the model column's name (the source column's name, or {@code name#offset} for a helper column)
 * @param categorical whether the column holds category codes
 * @param levels      the labels of the codes (empty for numeric columns)
 * @param source      the index of the source column this model column encodes
 */
public record ModelColumn(String name, boolean categorical, java.util.List<String> levels, int source) {
    public ModelColumn {
        levels = java.util.List.copyOf(levels);
    }
}
