package dev.ersatz.core.transform;

import dev.ersatz.core.InputException;

/**
 * A condition on one column for conditional sampling, as a user writes it with {@code --where}:
 * {@code sex=Female}, {@code age>70}, {@code age>=18}, {@code age<30}, {@code age<=65},
 * {@code hours_per_week in [60,99]}.
 *
 * <p>Parsing takes the first operator from the left, so {@code income=>50K} means income equals
 * {@code >50K}. Surrounding spaces are trimmed from names and values.
 */
public record Condition(String column, Op op, String value, String upper) {

    /** The comparison a condition makes. */
    public enum Op { EQ, GT, GE, LT, LE, BETWEEN }

    /** Parses one {@code --where} expression. */
    public static Condition parse(String text) {
        String t = text.trim();
        int inAt = indexOfIn(t);
        if (inAt > 0) {
            String col = t.substring(0, inAt).trim();
            String range = t.substring(inAt + 4).trim();
            if (range.startsWith("[") && range.endsWith("]") && range.indexOf(',') > 0) {
                String[] parts = range.substring(1, range.length() - 1).split(",", 2);
                return new Condition(col, Op.BETWEEN, parts[0].trim(), parts[1].trim());
            }
            throw new InputException(null, -1, col, text, "a range condition is written 'column in [low,high]'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '=' && c != '<' && c != '>') continue;
            String col = t.substring(0, i).trim();
            if (col.isEmpty()) break;
            Op op;
            int valueAt = i + 1;
            if (c == '=') op = Op.EQ;
            else if (i + 1 < t.length() && t.charAt(i + 1) == '=') { op = c == '<' ? Op.LE : Op.GE; valueAt = i + 2; }
            else op = c == '<' ? Op.LT : Op.GT;
            String value = t.substring(valueAt).trim();
            if (value.isEmpty()) throw new InputException(null, -1, col, text, "condition has no value");
            return new Condition(col, op, value, null);
        }
        throw new InputException(null, -1, null, text, "cannot read the condition: write column=value, column>value, column<=value or column in [low,high]");
    }

    private static int indexOfIn(String t) {
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(" in ");
        int op = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '=' || c == '<' || c == '>') { op = i; break; }
        }
        return at > 0 && (op < 0 || at < op) ? at : -1;
    }

    @Override
    public String toString() {
        return switch (op) {
            case EQ -> column + "=" + value;
            case GT -> column + ">" + value;
            case GE -> column + ">=" + value;
            case LT -> column + "<" + value;
            case LE -> column + "<=" + value;
            case BETWEEN -> column + " in [" + value + "," + upper + "]";
        };
    }
}
