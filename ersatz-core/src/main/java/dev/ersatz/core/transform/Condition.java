package dev.ersatz.core.transform;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A condition on one column for conditional sampling, as a user writes it with {@code --where}:
 * {@code sex=Female}, {@code sex!=Male}, {@code age>70}, {@code age>=18}, {@code age<30},
 * {@code age<=65}, {@code hours_per_week in [60,99]}, {@code race in {Black,Asian-Pac-Islander}},
 * {@code age in {30,40,50}}, {@code workclass not in {Private,?}}.
 *
 * <p>Several conditions combine with AND, also on the same column ({@code age>=18} and
 * {@code age<65} together mean 18 ≤ age &lt; 65). Parsing takes the first operator from the left, so
 * {@code income=>50K} means income equals {@code >50K}. Surrounding spaces are trimmed from names
 * and values; a value in a set may be double-quoted to hold a comma or a brace.
 *
 * @param column the column's name
 * @param op     the comparison
 * @param value  the value compared with (the lower end for {@code BETWEEN}; null for sets)
 * @param upper  the upper end for {@code BETWEEN}, otherwise null
 * @param values the members of a set for {@code IN} and {@code NOT_IN}, otherwise empty
 */
public record Condition(String column, Op op, String value, String upper, List<String> values) {

    /** The comparison a condition makes. */
    public enum Op { EQ, NE, GT, GE, LT, LE, BETWEEN, IN, NOT_IN }

    public Condition {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A condition comparing with one value (or, for {@code BETWEEN}, two). */
    public Condition(String column, Op op, String value, String upper) {
        this(column, op, value, upper, List.of());
    }

    /** A set condition: {@code column in {values}} or {@code column not in {values}}. */
    public static Condition in(String column, List<String> values, boolean negated) {
        return new Condition(column, negated ? Op.NOT_IN : Op.IN, null, null, values);
    }

    /** Parses one {@code --where} expression. */
    public static Condition parse(String text) {
        String t = text.trim();
        int inAt = indexOfIn(t);
        if (inAt > 0) {
            String head = t.substring(0, inAt).trim();
            boolean negated = false;
            if (head.toLowerCase(Locale.ROOT).endsWith(" not")) {
                negated = true;
                head = head.substring(0, head.length() - 4).trim();
            }
            String col = head;
            String rest = t.substring(inAt + 4).trim();
            if (!negated && rest.startsWith("[") && rest.endsWith("]") && rest.indexOf(',') > 0) {
                String[] parts = rest.substring(1, rest.length() - 1).split(",", 2);
                String lo = parts[0].trim(), hi = parts[1].trim();
                if (lo.isEmpty() || hi.isEmpty()) throw new InputException(null, -1, col, text, "a range needs both ends: 'column in [low,high]'");
                return new Condition(col, Op.BETWEEN, lo, hi);
            }
            if (rest.startsWith("{") && rest.endsWith("}")) {
                List<String> members = members(rest.substring(1, rest.length() - 1), col, text);
                if (members.isEmpty()) throw new InputException(null, -1, col, text, "the set is empty");
                return in(col, members, negated);
            }
            throw new InputException(null, -1, col, text, "write a range as 'column in [low,high]' and a set as 'column in {a,b,c}'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ne = c == '!' && i + 1 < t.length() && t.charAt(i + 1) == '=';
            if (c != '=' && c != '<' && c != '>' && !ne) continue;
            String col = t.substring(0, i).trim();
            if (col.isEmpty()) break;
            Op op;
            int valueAt = i + 1;
            if (ne) { op = Op.NE; valueAt = i + 2; }
            else if (c == '=') op = Op.EQ;
            else if (i + 1 < t.length() && t.charAt(i + 1) == '=') { op = c == '<' ? Op.LE : Op.GE; valueAt = i + 2; }
            else op = c == '<' ? Op.LT : Op.GT;
            String value = t.substring(valueAt).trim();
            if (value.isEmpty()) throw new InputException(null, -1, col, text, "condition has no value");
            return new Condition(col, op, value, null);
        }
        throw new InputException(null, -1, null, text,
                "cannot read the condition: write column=value, column!=value, column>value, column<=value, column in [low,high] or column in {a,b}");
    }

    /** The members of a set, split on commas outside double quotes. */
    private static List<String> members(String body, String col, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') { quoted = !quoted; wasQuoted = true; continue; }
            if (c == ',' && !quoted) {
                add(out, cur, wasQuoted, col, text);
                cur.setLength(0);
                wasQuoted = false;
                continue;
            }
            cur.append(c);
        }
        if (quoted) throw new InputException(null, -1, col, text, "a quote in the set is not closed");
        if (cur.length() > 0 || wasQuoted || !out.isEmpty()) add(out, cur, wasQuoted, col, text);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur, boolean quoted, String col, String text) {
        String v = quoted ? cur.toString() : cur.toString().trim();
        if (v.isEmpty() && !quoted) throw new InputException(null, -1, col, text, "the set has an empty member");
        out.add(v);
    }

    /** Where " in " starts, when it comes before any comparison operator; -1 otherwise. */
    private static int indexOfIn(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(" in ");
        int op = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '=' || c == '<' || c == '>' || (c == '!' && i + 1 < t.length() && t.charAt(i + 1) == '=')) { op = i; break; }
        }
        return at > 0 && (op < 0 || at < op) ? at : -1;
    }

    @Override
    public String toString() {
        return switch (op) {
            case EQ -> column + "=" + value;
            case NE -> column + "!=" + value;
            case GT -> column + ">" + value;
            case GE -> column + ">=" + value;
            case LT -> column + "<" + value;
            case LE -> column + "<=" + value;
            case BETWEEN -> column + " in [" + value + "," + upper + "]";
            case IN, NOT_IN -> column + (op == Op.NOT_IN ? " not in {" : " in {") + String.join(",", values) + "}";
        };
    }
}
