package dev.ersatz.synth.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.CategoricalCodec;
import dev.ersatz.core.transform.ColumnCodec;
import dev.ersatz.core.transform.DatetimeCodec;
import dev.ersatz.core.transform.NumericCodec;
import dev.ersatz.core.transform.TableCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The constraints declared for a table (a constraints file), with the checks that run before a
 * model is fitted: every named column exists and has a kind the constraint can hold, no column is
 * rewritten by two constraints, and the real rows that break a constraint are found.
 *
 * <p>File format: {@code {"constraints": [ {...}, {...} ]}} or just the list; see {@link Constraint}
 * for each kind. Real rows that break a constraint are reported (how many, which) and, as the user
 * chooses with {@link OnViolation}, either fail the fit or are dropped before it.
 */
public final class Constraints {
    /** What to do with real rows that break a constraint. */
    public enum OnViolation { FAIL, DROP }

    /** No constraints. */
    public static final Constraints NONE = new Constraints(List.of(), "constraints");

    private final List<Constraint> list;
    private final String source;

    public Constraints(List<Constraint> list, String source) {
        this.list = List.copyOf(list);
        this.source = source;
    }

    public List<Constraint> list() { return list; }
    public boolean isEmpty() { return list.isEmpty(); }
    public String source() { return source; }

    /** Reads a constraints file; errors name the file and the constraint. */
    public static Constraints read(Path file) {
        String name = file.toString();
        try {
            return parse(ModelFile.mapper().readTree(Files.readString(file)), name);
        } catch (NoSuchFileException e) {
            throw new InputException(name, "file not found");
        } catch (IOException e) {
            throw new InputException(name, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Reads {@code {"constraints": [...]}} or a bare list. */
    public static Constraints parse(JsonNode root, String source) {
        JsonNode arr = root != null && root.isObject() ? root.get("constraints") : root;
        if (arr == null || !arr.isArray()) throw new InputException(source, "expected {\"constraints\": [ ... ]} or a list of constraints");
        List<Constraint> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : arr) out.add(Constraint.parse(c, source + ": constraint " + (++i)));
        return new Constraints(out, source);
    }

    /** The declarations as JSON, in order. */
    public ArrayNode toJson() {
        ArrayNode a = ModelFile.mapper().createArrayNode();
        for (Constraint c : list) a.add(Constraint.toJson(c));
        return a;
    }

    String where(int index) {
        return source + ": constraint " + (index + 1) + " (" + list.get(index).describe() + ")";
    }

    /**
     * The metadata the model is fitted with: a column under a {@code unique} constraint becomes a
     * generated key (kind id, shape learned from its values), unique across the whole output by
     * construction. Columns named by constraints must exist.
     */
    public Metadata prepare(Metadata meta) {
        for (int i = 0; i < list.size(); i++) {
            for (String c : columnsOf(list.get(i))) {
                if (meta.get(c) == null) {
                    throw new InputException(where(i), -1, c, null, "no such column (columns: " + String.join(", ", meta.names()) + ")");
                }
            }
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (ColumnSpec s : meta.columns()) {
            boolean unique = false;
            for (Constraint c : list) if (c instanceof Constraint.Unique u && u.columns().contains(s.name())) unique = true;
            specs.add(unique && s.kind() != ColumnKind.ID ? new ColumnSpec(s.name(), ColumnKind.ID, null, null, null, null) : s);
        }
        return new Metadata(specs);
    }

    /** Every column a constraint names. */
    static List<String> columnsOf(Constraint c) {
        List<String> out = new ArrayList<>();
        if (c instanceof Constraint.Inequality i) { col(out, i.low()); col(out, i.high()); }
        else if (c instanceof Constraint.Range r) { col(out, r.low()); out.add(r.middle()); col(out, r.high()); }
        else if (c instanceof Constraint.FixedIncrements f) out.add(f.column());
        else if (c instanceof Constraint.Formula f) { out.add(f.column()); col(out, f.left()); col(out, f.right()); }
        else if (c instanceof Constraint.FixedCombinations f) out.addAll(f.columns());
        else if (c instanceof Constraint.OneHot h) out.addAll(h.columns());
        else if (c instanceof Constraint.Unique u) out.addAll(u.columns());
        return out;
    }

    private static void col(List<String> out, Constraint.Operand o) {
        if (o.isColumn()) out.add(o.column());
    }

    /** Checks kinds: numbers for comparisons, categories for combinations, 0/1 for one-hot groups. */
    void validate(TableCodec codec) {
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Constraint c = list.get(i);
            String w = where(i);
            if (c instanceof Constraint.Inequality || c instanceof Constraint.Range) {
                for (String n : columnsOf(c)) needNumber(codec, n, w, true);
            } else if (c instanceof Constraint.FixedIncrements || c instanceof Constraint.Formula) {
                for (String n : columnsOf(c)) needNumber(codec, n, w, false);
            } else if (c instanceof Constraint.FixedCombinations) {
                for (String n : columnsOf(c)) {
                    if (!(codec.codec(n) instanceof CategoricalCodec)) {
                        throw new InputException(w, -1, n, null, "fixedCombinations takes categorical or boolean columns; this one is "
                                + codec.codec(n).spec().kind().name().toLowerCase(Locale.ROOT));
                    }
                }
            } else if (c instanceof Constraint.OneHot) {
                for (String n : columnsOf(c)) {
                    ColumnCodec cc = codec.codec(n);
                    if (cc instanceof CategoricalCodec cat) {
                        for (String level : cat.levels()) {
                            if (OneHotValues.hot(level) == null) {
                                throw new InputException(w, -1, n, level, "a one-hot column holds only 0/1 (or true/false)");
                            }
                        }
                    } else if (!(cc instanceof NumericCodec)) {
                        throw new InputException(w, -1, n, null, "a one-hot column holds only 0/1 (or true/false)");
                    }
                }
            }
            for (String o : FittedConstraints.owned(c, codec)) {
                Integer before = owner.putIfAbsent(o, i);
                if (before != null) {
                    throw new InputException(w, -1, o, null, "this column is already rewritten by constraint " + (before + 1)
                            + " (" + list.get(before).describe() + "); a column can be the target of one constraint only");
                }
            }
        }
    }

    private static void needNumber(TableCodec codec, String n, String w, boolean datetimeOk) {
        ColumnCodec cc = codec.codec(n);
        if (cc instanceof NumericCodec || (datetimeOk && cc instanceof DatetimeCodec)) return;
        throw new InputException(w, -1, n, null, "needs a " + (datetimeOk ? "numeric, integer or datetime" : "numeric or integer")
                + " column; this one is " + cc.spec().kind().name().toLowerCase(Locale.ROOT));
    }

    /**
     * A constraint the real data breaks: its index, its description and the data rows (counted from 0)
     * that break it.
     */
    public record Violation(int constraint, String description, int[] rows) {
        /** One line naming the constraint, how many rows and the first few (rows counted from 1). */
        public String message(int totalRows) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%,d of %,d rows break it (row%s ", rows.length, totalRows, rows.length == 1 ? "" : "s"));
            for (int i = 0; i < Math.min(rows.length, 8); i++) sb.append(i == 0 ? "" : ", ").append(rows[i] + 1);
            if (rows.length > 8) sb.append(", ...");
            return sb.append(')').toString();
        }
    }

    /** The real rows that break each constraint (constraints nothing breaks are left out). */
    public List<Violation> violations(Table raw, TableCodec codec, Table model) {
        validate(codec);
        List<Violation> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Constraint c = list.get(i);
            List<Integer> rows = new ArrayList<>();
            int n = model.rowCount();
            if (c instanceof Constraint.Unique u) {
                int col = raw.indexOf(u.columns().get(0));
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int r = 0; r < n; r++) {
                    String v = raw.text(r, col);
                    if (v != null && !seen.add(v)) rows.add(r);
                }
            } else {
                for (int r = 0; r < n; r++) if (!holds(c, codec, model, r)) rows.add(r);
            }
            if (!rows.isEmpty()) out.add(new Violation(i, where(i), rows.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    private static double value(TableCodec codec, Table model, Constraint.Operand o, int r) {
        if (!o.isColumn()) return o.constant();
        return ((NumericColumn) model.column(codec.firstModelColumn(o.column()))).get(r);
    }

    private static double value(TableCodec codec, Table model, String name, int r) {
        return ((NumericColumn) model.column(codec.firstModelColumn(name))).get(r);
    }

    /** Whether row r keeps the constraint (rows with a missing value the constraint needs keep it vacuously, except one-hot groups). */
    static boolean holds(Constraint c, TableCodec codec, Table model, int r) {
        if (c instanceof Constraint.Inequality i) {
            double lo = value(codec, model, i.low(), r), hi = value(codec, model, i.high(), r);
            if (Double.isNaN(lo) || Double.isNaN(hi)) return true;
            return i.strict() ? lo < hi : lo <= hi;
        }
        if (c instanceof Constraint.Range g) {
            double lo = value(codec, model, g.low(), r), m = value(codec, model, g.middle(), r), hi = value(codec, model, g.high(), r);
            boolean ok = true;
            if (!Double.isNaN(lo) && !Double.isNaN(hi)) ok = g.strict() ? lo < hi : lo <= hi;
            if (!Double.isNaN(m) && !Double.isNaN(lo)) ok &= g.strict() ? lo < m : lo <= m;
            if (!Double.isNaN(m) && !Double.isNaN(hi)) ok &= g.strict() ? m < hi : m <= hi;
            return ok;
        }
        if (c instanceof Constraint.FixedIncrements f) {
            double v = value(codec, model, f.column(), r);
            if (Double.isNaN(v)) return true;
            double k = v / f.increment();
            return Math.abs(k - Math.rint(k)) <= 1e-9 * Math.max(1, Math.abs(k));
        }
        if (c instanceof Constraint.Formula f) {
            double v = value(codec, model, f.column(), r), a = value(codec, model, f.left(), r), b = value(codec, model, f.right(), r);
            if (Double.isNaN(v) || Double.isNaN(a) || Double.isNaN(b)) return true;
            double expected = FittedConstraints.apply(f.op(), a, b);
            double half = ((NumericCodec) codec.codec(f.column())).halfStep();
            return Math.abs(v - expected) <= half + 1e-9 * Math.max(1, Math.abs(v));
        }
        if (c instanceof Constraint.OneHot h) {
            int hot = 0;
            for (String name : h.columns()) {
                int j = codec.firstModelColumn(name);
                Boolean b;
                if (model.column(j) instanceof CategoricalColumn cc) {
                    int code = cc.code(r);
                    b = code < 0 ? null : OneHotValues.hot(cc.levels()[code]);
                } else {
                    double v = ((NumericColumn) model.column(j)).get(r);
                    b = v == 1 ? Boolean.TRUE : (v == 0 ? Boolean.FALSE : null);
                }
                if (b == null) return false;
                if (b) hot++;
            }
            return hot == 1;
        }
        return true;
    }

    /** How a constraints check went, for the user. */
    public static String summary(List<Violation> violations, int totalRows) {
        StringBuilder sb = new StringBuilder();
        for (Violation v : violations) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(v.description()).append(": ").append(v.message(totalRows));
        }
        return sb.toString();
    }

    /** Fits the reversible transforms to the encoded real rows (which must keep every constraint). */
    public FittedConstraints fit(TableCodec codec, Table model) {
        validate(codec);
        return FittedConstraints.fit(this, codec, model);
    }
}
