package dev.ersatz.core.transform;

/**
 * A condition translated into model space: a numeric model column restricted to the closed interval
 * [{@code low}, {@code high}] (and present), or a categorical model column restricted to {@code codes}.
 *
 * @param modelColumn the index of the model column
 * @param codes       allowed codes of a categorical column ({@code null} for numeric)
 * @param low         the interval's lower end (may be -infinity)
 * @param high        the interval's upper end (may be +infinity)
 * @param text        the condition as the user wrote it, for messages
 */
public record ModelCondition(int modelColumn, int[] codes, double low, double high, String text) {

    public boolean categorical() {
        return codes != null;
    }

    /** Whether a model value satisfies the condition. */
    public boolean accepts(double value) {
        return !Double.isNaN(value) && value >= low && value <= high;
    }
}
