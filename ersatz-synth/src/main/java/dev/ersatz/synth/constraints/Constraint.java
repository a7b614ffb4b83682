package dev.ersatz.synth.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One declared rule every output row must keep, as written in a constraints file (JSON).
 *
 * <p>Kinds (SDV's constraint vocabulary, enforced here by reversible transforms rather than by
 * rejecting rows):
 * <ul>
 *   <li>{@code {"type":"inequality","low":"checkin","high":"checkout","strict":false}}: low ≤ high
 *       (low &lt; high when strict); either side may be a number;</li>
 *   <li>{@code {"type":"range","low":"min_price","middle":"price","high":"max_price"}}: low ≤ middle ≤ high,
 *       low and high columns or numbers;</li>
 *   <li>{@code {"type":"positive","column":"amount","strict":true}} and {@code "negative"}: the sign;</li>
 *   <li>{@code {"type":"fixedCombinations","columns":["city","country"]}}: only combinations seen in the data;</li>
 *   <li>{@code {"type":"fixedIncrements","column":"price","increment":0.05}}: multiples of the increment;</li>
 *   <li>{@code {"type":"formula","column":"total","expression":"net + tax"}}: the column computed as
 *       {@code a + b}, {@code a - b} or {@code a * b} (either operand a column or a number);</li>
 *   <li>{@code {"type":"oneHot","columns":["is_red","is_green","is_blue"]}}: exactly one is 1, the others 0;</li>
 *   <li>{@code {"type":"unique","columns":["serial"]}}: no value repeats (the column becomes a generated key).</li>
 * </ul>
 */
public sealed interface Constraint {

    /** A column name or a number on one side of a comparison. */
    record Operand(String column, double constant) {
        static Operand of(JsonNode n, String where) {
            if (n == null || n.isNull()) throw new InputException(where, "needs a column name or a number");
            if (n.isNumber()) return new Operand(null, n.asDouble());
            if (n.isTextual() && !n.asText().isBlank()) return new Operand(n.asText(), Double.NaN);
            throw new InputException(where, -1, null, n.toString(), "must be a column name or a number");
        }

        static Operand parse(String s) {
            String t = s.trim();
            try {
                return new Operand(null, Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return new Operand(t, Double.NaN);
            }
        }

        boolean isColumn() {
            return column != null;
        }

        JsonNode json() {
            return isColumn() ? ModelFile.mapper().getNodeFactory().textNode(column) : ModelFile.mapper().getNodeFactory().numberNode(constant);
        }

        @Override
        public String toString() {
            return isColumn() ? column : (constant == Math.rint(constant) && Math.abs(constant) < 1e15 ? Long.toString((long) constant) : Double.toString(constant));
        }
    }

    /** low ≤ high (or low &lt; high); positive and negative are inequalities with 0. */
    record Inequality(Operand low, Operand high, boolean strict) implements Constraint {
        public String describe() {
            return "inequality " + low + (strict ? " < " : " <= ") + high;
        }
    }

    /** low ≤ middle ≤ high (strict: low &lt; middle &lt; high). */
    record Range(Operand low, String middle, Operand high, boolean strict) implements Constraint {
        public String describe() {
            String op = strict ? " < " : " <= ";
            return "range " + low + op + middle + op + high;
        }
    }

    /** Values are whole multiples of {@code increment}. */
    record FixedIncrements(String column, double increment) implements Constraint {
        public String describe() {
            return "fixedIncrements " + column + " in steps of " + new Operand(null, increment);
        }
    }

    /** {@code column = left op right}, op one of + - *. */
    record Formula(String column, Operand left, char op, Operand right) implements Constraint {
        public String describe() {
            return "formula " + column + " = " + left + " " + op + " " + right;
        }
    }

    /** Only the combinations of these categorical columns' values seen in the data. */
    record FixedCombinations(List<String> columns) implements Constraint {
        public String describe() {
            return "fixedCombinations " + String.join(", ", columns);
        }
    }

    /** Exactly one of these columns is 1 (or true), the others 0 (false). */
    record OneHot(List<String> columns) implements Constraint {
        public String describe() {
            return "oneHot " + String.join(", ", columns);
        }
    }

    /** No value of the column repeats. */
    record Unique(List<String> columns) implements Constraint {
        public String describe() {
            return "unique " + String.join(", ", columns);
        }
    }

    /** The constraint in words, for messages. */
    String describe();

    /** Reads one constraint object; {@code where} names it in errors ({@code constraints.json: constraint 2}). */
    static Constraint parse(JsonNode o, String where) {
        if (o == null || !o.isObject()) throw new InputException(where, "must be a JSON object with a \"type\"");
        String type = o.path("type").asText("");
        boolean strict = o.path("strict").asBoolean(false);
        return switch (type.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "inequality" -> {
                Operand lo = Operand.of(o.get("low"), where + " (\"low\")"), hi = Operand.of(o.get("high"), where + " (\"high\")");
                if (!lo.isColumn() && !hi.isColumn()) throw new InputException(where, "an inequality needs at least one column");
                yield new Inequality(lo, hi, strict);
            }
            case "positive" -> new Inequality(new Operand(null, 0), new Operand(column(o, where), Double.NaN), strict);
            case "negative" -> new Inequality(new Operand(column(o, where), Double.NaN), new Operand(null, 0), strict);
            case "range" -> {
                Operand lo = Operand.of(o.get("low"), where + " (\"low\")"), hi = Operand.of(o.get("high"), where + " (\"high\")");
                String mid = text(o, "middle", where);
                if (!lo.isColumn() && !hi.isColumn() && lo.constant() > hi.constant()) {
                    throw new InputException(where, -1, null, lo + " > " + hi, "the range is empty");
                }
                yield new Range(lo, mid, hi, strict);
            }
            case "fixedincrements" -> {
                double inc = o.path("increment").asDouble(Double.NaN);
                if (!(inc > 0) || !Double.isFinite(inc)) throw new InputException(where, -1, null, o.path("increment").toString(), "\"increment\" must be a positive number");
                yield new FixedIncrements(column(o, where), inc);
            }
            case "formula" -> parseFormula(column(o, where), text(o, "expression", where), where);
            case "fixedcombinations" -> new FixedCombinations(columns(o, where, 2));
            case "onehot" -> new OneHot(columns(o, where, 2));
            case "unique" -> {
                List<String> cols = columns(o, where, 1);
                if (cols.size() > 1) {
                    throw new InputException(where, -1, null, String.join(", ", cols),
                            "unique over several columns is not supported: make one column unique (it becomes a generated key)");
                }
                yield new Unique(cols);
            }
            default -> throw new InputException(where, -1, null, type, "unknown constraint type (known: inequality, range, positive, negative, "
                    + "fixedCombinations, fixedIncrements, formula, oneHot, unique)");
        };
    }

    private static Formula parseFormula(String column, String expr, String where) {
        String e = expr.trim();
        // The operator: the first + - * not at the start (a leading minus belongs to a number).
        for (int i = 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '+' || c == '*' || (c == '-' && e.charAt(i - 1) == ' ')) {
                String a = e.substring(0, i).trim(), b = e.substring(i + 1).trim();
                if (a.isEmpty() || b.isEmpty()) break;
                Operand l = Operand.parse(a), r = Operand.parse(b);
                if (!l.isColumn() && !r.isColumn()) throw new InputException(where, -1, null, expr, "a formula needs at least one column");
                return new Formula(column, l, c, r);
            }
        }
        throw new InputException(where, -1, null, expr, "write the expression as 'a + b', 'a - b' or 'a * b' (columns or numbers; spaces around '-')");
    }

    private static String column(JsonNode o, String where) {
        return text(o, "column", where);
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new InputException(where, "needs \"" + field + "\"");
        return n.asText();
    }

    private static List<String> columns(JsonNode o, String where, int min) {
        JsonNode n = o.get("columns");
        if (n == null || !n.isArray()) throw new InputException(where, "needs \"columns\": a list of column names");
        List<String> out = new ArrayList<>();
        for (JsonNode c : n) {
            if (!c.isTextual()) throw new InputException(where, -1, null, c.toString(), "\"columns\" must hold column names");
            if (out.contains(c.asText())) throw new InputException(where, -1, c.asText(), null, "column listed twice");
            out.add(c.asText());
        }
        if (out.size() < min) throw new InputException(where, "\"columns\" needs at least " + min + " column" + (min > 1 ? "s" : ""));
        return out;
    }

    /** The declaration as JSON (stored in model files, read back by {@link #parse}). */
    static ObjectNode toJson(Constraint c) {
        ObjectNode o = ModelFile.object();
        if (c instanceof Inequality i) {
            o.put("type", "inequality"); o.set("low", i.low().json()); o.set("high", i.high().json()); o.put("strict", i.strict());
        } else if (c instanceof Range r) {
            o.put("type", "range"); o.set("low", r.low().json()); o.put("middle", r.middle()); o.set("high", r.high().json()); o.put("strict", r.strict());
        } else if (c instanceof FixedIncrements f) {
            o.put("type", "fixedIncrements"); o.put("column", f.column()); o.put("increment", f.increment());
        } else if (c instanceof Formula f) {
            o.put("type", "formula"); o.put("column", f.column()); o.put("expression", f.left() + " " + f.op() + " " + f.right());
        } else if (c instanceof FixedCombinations f) {
            o.put("type", "fixedCombinations"); f.columns().forEach(o.putArray("columns")::add);
        } else if (c instanceof OneHot h) {
            o.put("type", "oneHot"); h.columns().forEach(o.putArray("columns")::add);
        } else if (c instanceof Unique u) {
            o.put("type", "unique"); u.columns().forEach(o.putArray("columns")::add);
        }
        return o;
    }
}
