package dev.ersatz.synth.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.CategoricalCodec;
import dev.ersatz.core.transform.ColumnCodec;
import dev.ersatz.core.transform.DatetimeCodec;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.core.transform.NumberText;
import dev.ersatz.core.transform.NumericCodec;
import dev.ersatz.core.transform.TableCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constraints as reversible transforms around a generator: real rows are rewritten into a space
 * where every value the generator can make keeps the constraints, and sampled rows are mapped back.
 * No row is rejected.
 *
 * <p>Transforms (in model space, where numbers are doubles and categories codes):
 * <ul>
 *   <li>inequality low ≤ high: high is replaced by t = log(1 + (high − low)) (strict: log(high − low)),
 *       and comes back as low + e^t − 1 (e^t), which is never below low; with a number on one side
 *       the column on the other side is rewritten the same way;</li>
 *   <li>range low ≤ middle ≤ high: the bounds as inequalities, the middle as the logit of its place
 *       between them, t = logit((middle − low)/(high − low)), back as low + σ(t)(high − low);</li>
 *   <li>fixed increments: v / increment, back rounded to a whole multiple;</li>
 *   <li>formula: the computed column is left out of the model and computed from its operands;</li>
 *   <li>fixed combinations: the columns become one categorical column over the combinations seen;</li>
 *   <li>one-hot group: the columns become one categorical column naming the hot one;</li>
 *   <li>unique: the column is made a generated key ({@link Constraints#prepare}), unique by construction.</li>
 * </ul>
 * SDV's constraint-augmented generation (Patki et al. 2016; SDV "CAG") uses the same log and logit
 * reparametrisations; here each transform also finishes its values on the columns' grids (rounding to
 * their precision or datetime grain) and repairs the one case rounding can break (two columns with
 * different grids meeting at a bound), so the constraint holds in the written output, not only in
 * model space. Rows where a value a transform needs is missing keep the rewritten column's own value
 * in a helper column ({@code name#free}), so missing values do not lose information.
 *
 * <p>Conditions ({@code --where}) on columns the transforms keep, and on members of fixed
 * combinations and one-hot groups, pass to the generator (exact where it allows); conditions on
 * rewritten numeric columns are met by {@code FittedModel}'s bounded search.
 */
public final class FittedConstraints {
    private final Constraints declared;
    private final List<ModelColumn> in;
    private final List<ModelColumn> out;
    private final int[] outOf;
    private final int[] keptFrom;
    private final List<Step> steps;
    private final List<Step> inverseOrder;
    private final int[] finishFirst;
    private final Grid[] grids;
    private final Set<String> unclamped;

    private FittedConstraints(Constraints declared, TableCodec codec, List<Step> steps) {
        this.declared = declared;
        this.in = codec.modelColumns();
        this.steps = List.copyOf(steps);
        int m = in.size();
        boolean[] owned = new boolean[m];
        for (Step s : steps) for (int j : s.owns) owned[j] = true;
        outOf = new int[m];
        List<ModelColumn> o = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (owned[j]) { outOf[j] = -1; continue; }
            outOf[j] = o.size();
            o.add(in.get(j));
            kept.add(j);
        }
        keptFrom = kept.stream().mapToInt(Integer::intValue).toArray();
        for (Step s : steps) {
            s.firstOut = o.size();
            o.addAll(s.added);
        }
        this.out = List.copyOf(o);
        this.inverseOrder = order(steps, declared);
        grids = new Grid[m];
        for (int j = 0; j < m; j++) grids[j] = Grid.of(codec, in, j);
        Set<Integer> reads = new LinkedHashSet<>();
        for (Step s : steps) if (s.numeric) for (int j : s.reads) if (!owned[j]) reads.add(j);
        finishFirst = reads.stream().mapToInt(Integer::intValue).toArray();
        Set<String> names = new LinkedHashSet<>();
        for (Step s : steps) if (s.numeric) for (int j : s.owns) names.add(in.get(j).name());
        unclamped = Set.copyOf(names);
    }

    /** The identity: no constraints. */
    public static FittedConstraints none(TableCodec codec) {
        return new FittedConstraints(Constraints.NONE, codec, List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The columns the generator sees. */
    public List<ModelColumn> columns() {
        return out;
    }

    /** Numeric columns whose final values the transforms set: decode them without clamping. */
    public Set<String> unclampedColumns() {
        return unclamped;
    }

    /** The declarations. */
    public Constraints declared() {
        return declared;
    }

    // ---------------------------------------------------------------- owned columns

    /** The columns a constraint rewrites (replaces in the model space). */
    static List<String> owned(Constraint c, TableCodec codec) {
        List<String> o = new ArrayList<>();
        if (c instanceof Constraint.Inequality i) o.add(i.high().isColumn() ? i.high().column() : i.low().column());
        else if (c instanceof Constraint.Range r) {
            if (r.high().isColumn()) o.add(r.high().column());
            else if (r.low().isColumn()) o.add(r.low().column());
            o.add(r.middle());
        } else if (c instanceof Constraint.FixedIncrements f) o.add(f.column());
        else if (c instanceof Constraint.Formula f) o.add(f.column());
        else if (c instanceof Constraint.FixedCombinations f) o.addAll(f.columns());
        else if (c instanceof Constraint.OneHot h) o.addAll(h.columns());
        return o;
    }

    // ---------------------------------------------------------------- fitting

    static FittedConstraints fit(Constraints declared, TableCodec codec, Table model) {
        List<Step> steps = build(declared, codec, null);
        Object[] arrays = arrays(model);
        for (Step s : steps) s.learn(arrays, model.rowCount());
        return new FittedConstraints(declared, codec, steps);
    }

    private static List<Step> build(Constraints declared, TableCodec codec, JsonNode state) {
        List<Step> steps = new ArrayList<>();
        List<ModelColumn> cols = codec.modelColumns();
        int k = 0;
        for (int i = 0; i < declared.list().size(); i++) {
            Constraint c = declared.list().get(i);
            String where = declared.where(i);
            List<Step> mine = new ArrayList<>();
            if (c instanceof Constraint.Inequality q) {
                mine.add(new Inequality(codec, q.low(), q.high(), q.strict(), where));
            } else if (c instanceof Constraint.Range r) {
                if (r.low().isColumn() || r.high().isColumn()) mine.add(new Inequality(codec, r.low(), r.high(), r.strict(), where));
                mine.add(new Middle(codec, r, where));
            } else if (c instanceof Constraint.FixedIncrements f) {
                mine.add(new Increments(codec, f, where));
            } else if (c instanceof Constraint.Formula f) {
                mine.add(new Formula(codec, f, where));
            } else if (c instanceof Constraint.FixedCombinations f) {
                mine.add(new Combinations(codec, cols, f, where));
            } else if (c instanceof Constraint.OneHot h) {
                mine.add(new OneHot(codec, cols, h, where));
            }
            for (Step s : mine) {
                if (state != null) {
                    JsonNode st = state.get(k);
                    if (st == null) throw new InputException("model file: the constraints' state does not match their declarations");
                    s.restore(st);
                }
                k++;
                steps.add(s);
            }
        }
        return steps;
    }

    /** Inverse order: a step whose inputs another step rewrites comes after it. */
    private static List<Step> order(List<Step> steps, Constraints declared) {
        List<Step> done = new ArrayList<>();
        List<Step> left = new ArrayList<>(steps);
        Set<Integer> restored = new LinkedHashSet<>();
        Set<Integer> ownedAll = new LinkedHashSet<>();
        for (Step s : steps) for (int j : s.owns) ownedAll.add(j);
        while (!left.isEmpty()) {
            Step next = null;
            for (Step s : left) {
                boolean ready = true;
                for (int j : s.reads) if (ownedAll.contains(j) && !restored.contains(j) && !contains(s.owns, j)) ready = false;
                if (ready) { next = s; break; }
            }
            if (next == null) {
                throw new InputException(declared.source(), "the constraints depend on each other in a circle (" + left.get(0).where
                        + " and others): each needs a column another rewrites");
            }
            left.remove(next);
            done.add(next);
            for (int j : next.owns) restored.add(j);
        }
        return done;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    // ---------------------------------------------------------------- forward / inverse

    private static Object[] arrays(Table t) {
        Object[] a = new Object[t.columnCount()];
        for (int j = 0; j < a.length; j++) {
            Column c = t.column(j);
            a[j] = c instanceof NumericColumn n ? n.values() : ((CategoricalColumn) c).codes();
        }
        return a;
    }

    private static Table table(Object[] arrays, List<ModelColumn> cols) {
        List<Column> out = new ArrayList<>(cols.size());
        for (int j = 0; j < cols.size(); j++) {
            ModelColumn mc = cols.get(j);
            out.add(mc.categorical() ? new CategoricalColumn(mc.name(), (int[]) arrays[j], mc.levels().toArray(String[]::new))
                    : new NumericColumn(mc.name(), (double[]) arrays[j]));
        }
        return new Table(out);
    }

    /** The real (encoded) rows in the space the generator learns. */
    public Table forward(Table model) {
        if (steps.isEmpty()) return model;
        int n = model.rowCount();
        Object[] m = arrays(model);
        Object[] o = new Object[out.size()];
        for (int i = 0; i < keptFrom.length; i++) o[i] = m[keptFrom[i]];
        for (Step s : steps) s.forward(m, o, n);
        return table(o, out);
    }

    /** Sampled rows back in model space, every constraint kept after rounding to the output grids. */
    public Table inverse(Table sampled) {
        if (steps.isEmpty()) return sampled;
        int n = sampled.rowCount();
        Object[] o = arrays(sampled);
        Object[] m = new Object[in.size()];
        for (int i = 0; i < keptFrom.length; i++) m[keptFrom[i]] = o[i];
        for (int j : finishFirst) {
            double[] v = ((double[]) m[j]).clone();
            for (int r = 0; r < n; r++) v[r] = grids[j].finish(v[r], r, m);
            m[j] = v;
        }
        for (Step s : inverseOrder) s.inverse(m, o, n, grids);
        return table(m, in);
    }

    /** A condition mapped into the generator's space, with the conditions it stands for. */
    public record Mapped(ModelCondition condition, List<ModelCondition> originals) {}

    /**
     * Maps conditions (model space) into the generator's space where a transform allows it; the
     * others are returned in {@code unmapped}, to be met by a search after the inverse transform.
     */
    public record Mapping(List<Mapped> mapped, List<ModelCondition> unmapped) {}

    public Mapping map(List<ModelCondition> conditions) {
        Map<Integer, Mapped> byColumn = new LinkedHashMap<>();
        List<ModelCondition> unmapped = new ArrayList<>();
        for (ModelCondition c : conditions) {
            int j = c.modelColumn();
            ModelCondition t = null;
            if (outOf[j] >= 0) {
                t = new ModelCondition(outOf[j], c.codes(), c.low(), c.high(), c.text(), c.intervals());
            } else {
                for (Step s : steps) {
                    if (contains(s.owns, j)) { t = s.mapCondition(c); break; }
                }
            }
            if (t == null) { unmapped.add(c); continue; }
            Mapped before = byColumn.get(t.modelColumn());
            if (before == null) {
                byColumn.put(t.modelColumn(), new Mapped(t, List.of(c)));
            } else {
                // Two conditions on members of one combination or one-hot group: intersect the codes.
                int[] a = before.condition().codes(), b = t.codes();
                int[] both = Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) >= 0).toArray();
                List<ModelCondition> origin = new ArrayList<>(before.originals());
                origin.add(c);
                if (both.length == 0) {
                    unmapped.addAll(origin);
                    byColumn.remove(t.modelColumn());
                } else {
                    byColumn.put(t.modelColumn(), new Mapped(new ModelCondition(t.modelColumn(), both, Double.NaN, Double.NaN,
                            before.condition().text() + " and " + c.text()), origin));
                }
            }
        }
        return new Mapping(new ArrayList<>(byColumn.values()), unmapped);
    }

    // ---------------------------------------------------------------- model file

    /** Declarations and learned state, for the model file. */
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.set("declared", declared.toJson());
        ArrayNode st = o.putArray("state");
        for (Step s : steps) st.add(s.state());
        return o;
    }

    /** Reads what {@link #toJson} wrote ({@code null}: no constraints). */
    public static FittedConstraints fromJson(JsonNode o, TableCodec codec, String source) {
        if (o == null || o.isNull()) return none(codec);
        Constraints declared = Constraints.parse(o.get("declared"), source + " (constraints)");
        return new FittedConstraints(declared, codec, build(declared, codec, o.get("state")));
    }

    // ---------------------------------------------------------------- grids

    /** A numeric model column's output grid: its precision or datetime grain, and its learned range. */
    static final class Grid {
        final NumericCodec num;
        final DatetimeCodec time;
        final DatetimeCodec timeUnclamped;
        final int offsetColumn;

        private Grid(NumericCodec num, DatetimeCodec time, int offsetColumn) {
            this.num = num;
            this.time = time;
            this.timeUnclamped = time == null ? null : new DatetimeCodec(time.spec(), time.format(), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, time.fixedOffset(), time.offsets(), time.sourceType(), time.grain());
            this.offsetColumn = offsetColumn;
        }

        static Grid of(TableCodec codec, List<ModelColumn> cols, int j) {
            ModelColumn mc = cols.get(j);
            if (mc.categorical()) return null;
            ColumnCodec c = codec.codecs().get(mc.source());
            if (c instanceof NumericCodec n) return new Grid(n, null, -1);
            if (c instanceof DatetimeCodec d) return new Grid(null, d, d.offsets() == null ? -1 : j + 1);
            return null;
        }

        private int offset(int row, Object[] m) {
            if (offsetColumn < 0) return time.fixedOffset();
            int code = ((int[]) m[offsetColumn])[row];
            return code < 0 ? time.offsets().get(0) : time.offsets().get(code);
        }

        /** The value the output will hold: clamped to the learned range and rounded to the grid. */
        double finish(double v, int row, Object[] m) {
            if (Double.isNaN(v)) return v;
            return num != null ? num.finish(v) : time.finish(v, offset(row, m));
        }

        /** Rounded to the grid, not clamped. */
        double round(double v, int row, Object[] m) {
            if (Double.isNaN(v)) return v;
            return num != null ? NumberText.round(v, num.decimals()) : timeUnclamped.finish(v, offset(row, m));
        }

        /** The smallest grid value at or above v (strictly above when {@code strict}). */
        double up(double v, boolean strict, int row, Object[] m) {
            if (num != null) {
                double step = 2 * num.halfStep();
                double k = strict ? Math.floor(v / step + 1e-9) + 1 : Math.ceil(v / step - 1e-9);
                return NumberText.round(k * step, num.decimals());
            }
            double r = round(v, row, m);
            double g = 2 * time.halfStep();
            for (int i = 0; i < 3 && (r < v || (strict && r <= v)); i++) r = round(r + g, row, m);
            return r;
        }

        /** The largest grid value at or below v (strictly below when {@code strict}). */
        double down(double v, boolean strict, int row, Object[] m) {
            if (num != null) {
                double step = 2 * num.halfStep();
                double k = strict ? Math.ceil(v / step - 1e-9) - 1 : Math.floor(v / step + 1e-9);
                return NumberText.round(k * step, num.decimals());
            }
            double r = round(v, row, m);
            double g = 2 * time.halfStep();
            for (int i = 0; i < 3 && (r > v || (strict && r >= v)); i++) r = round(r - g, row, m);
            return r;
        }
    }

    // ---------------------------------------------------------------- steps

    /** One transform: the model columns it rewrites and reads, and the columns it adds for the generator. */
    abstract static class Step {
        final String where;
        int[] owns = new int[0];
        int[] reads = new int[0];
        List<ModelColumn> added = new ArrayList<>();
        int firstOut;
        boolean numeric = true;

        Step(String where) {
            this.where = where;
        }

        abstract void learn(Object[] model, int n);

        abstract void forward(Object[] model, Object[] out, int n);

        abstract void inverse(Object[] model, Object[] out, int n, Grid[] grids);

        ObjectNode state() {
            return ModelFile.object();
        }

        void restore(JsonNode state) {}

        ModelCondition mapCondition(ModelCondition c) {
            return null;
        }
    }

    private static int column(TableCodec codec, String name) {
        int j = codec.firstModelColumn(name);
        if (j < 0) throw new IllegalStateException("no model column for " + name);
        return j;
    }

    private static double operand(Constraint.Operand o, int col, Object[] m, int r) {
        return o.isColumn() ? ((double[]) m[col])[r] : o.constant();
    }

    private static ModelColumn numericColumn(String name, int source) {
        return new ModelColumn(name, false, List.of(), source);
    }

    /**
     * low ≤ high: the rewritten side (high, or low when high is a number) as t = log1p(gap) (log(gap)
     * when strict), gap the distance to the other side; rows whose other side is missing keep the
     * value in {@code name#free}.
     */
    static final class Inequality extends Step {
        final Constraint.Operand low, high;
        final boolean strict, ownsHigh;
        final int lowCol, highCol, target, source;
        boolean free;

        Inequality(TableCodec codec, Constraint.Operand low, Constraint.Operand high, boolean strict, String where) {
            super(where);
            this.low = low;
            this.high = high;
            this.strict = strict;
            this.ownsHigh = high.isColumn();
            lowCol = low.isColumn() ? column(codec, low.column()) : -1;
            highCol = high.isColumn() ? column(codec, high.column()) : -1;
            target = ownsHigh ? highCol : lowCol;
            source = codec.modelColumns().get(target).source();
            owns = new int[] {target};
            int other = ownsHigh ? lowCol : highCol;
            reads = other >= 0 ? new int[] {other} : new int[0];
            added.add(numericColumn(codec.modelColumns().get(target).name() + "#gap", source));
        }

        private double other(Object[] m, int r) {
            return ownsHigh ? operand(low, lowCol, m, r) : operand(high, highCol, m, r);
        }

        @Override
        void learn(Object[] m, int n) {
            double[] t = (double[]) m[target];
            for (int r = 0; r < n; r++) if (!Double.isNaN(t[r]) && Double.isNaN(other(m, r))) free = true;
            if (free) added.add(numericColumn(added.get(0).name().replace("#gap", "#free"), source));
        }

        @Override
        void forward(Object[] m, Object[] out, int n) {
            double[] t = (double[]) m[target];
            double[] g = new double[n], f = free ? new double[n] : null;
            for (int r = 0; r < n; r++) {
                double d = other(m, r);
                if (f != null) f[r] = Double.isNaN(d) ? t[r] : Double.NaN;
                if (Double.isNaN(t[r]) || Double.isNaN(d)) { g[r] = Double.NaN; continue; }
                double gap = ownsHigh ? t[r] - d : d - t[r];
                g[r] = strict ? Math.log(Math.max(gap, Double.MIN_NORMAL)) : Math.log1p(Math.max(gap, 0));
            }
            out[firstOut] = g;
            if (f != null) out[firstOut + 1] = f;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            double[] g = (double[]) out[firstOut];
            double[] f = free ? (double[]) out[firstOut + 1] : null;
            double[] v = new double[n];
            Grid grid = grids[target];
            for (int r = 0; r < n; r++) {
                double d = other(m, r);
                if (Double.isNaN(d)) { v[r] = f == null ? Double.NaN : grid.finish(f[r], r, m); continue; }
                if (Double.isNaN(g[r])) { v[r] = Double.NaN; continue; }
                double gap = strict ? Math.exp(g[r]) : Math.max(0, Math.expm1(g[r]));
                double x = grid.finish(ownsHigh ? d + gap : d - gap, r, m);
                // Rounding or the learned range can undo the gap when the two sides have different grids: repair.
                if (ownsHigh && (strict ? x <= d : x < d)) x = grid.up(d, strict, r, m);
                if (!ownsHigh && (strict ? x >= d : x > d)) x = grid.down(d, strict, r, m);
                v[r] = x;
            }
            m[target] = v;
        }

        /** With a number on the other side the transform is monotone in the column: intervals map exactly. */
        @Override
        ModelCondition mapCondition(ModelCondition c) {
            Constraint.Operand other = ownsHigh ? low : high;
            if (c.categorical() || other.isColumn()) return null;
            double d = other.constant();
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < c.intervalCount(); i++) {
                double a = c.intervalLow(i), z = c.intervalHigh(i);
                double gapLo = ownsHigh ? a - d : d - z, gapHi = ownsHigh ? z - d : d - a;
                if (gapHi < 0 || (strict && gapHi <= 0)) continue;
                b.add(gap(Math.max(gapLo, 0)));
                b.add(gap(gapHi));
            }
            return intervals(firstOut, b, c.text());
        }

        private double gap(double g) {
            return strict ? Math.log(Math.max(g, Double.MIN_NORMAL)) : Math.log1p(g);
        }

        @Override
        ObjectNode state() {
            ObjectNode o = ModelFile.object();
            o.put("free", free);
            return o;
        }

        @Override
        void restore(JsonNode s) {
            free = s.path("free").asBoolean(false);
            if (free) added.add(numericColumn(added.get(0).name().replace("#gap", "#free"), source));
        }
    }

    /** A condition over a union of intervals (sorted, merged) on generator column {@code col}; null when empty. */
    static ModelCondition intervals(int col, List<Double> b, String text) {
        if (b.isEmpty()) return null;
        List<double[]> pieces = new ArrayList<>();
        for (int i = 0; i < b.size(); i += 2) pieces.add(new double[] {b.get(i), b.get(i + 1)});
        pieces.sort((x, y) -> Double.compare(x[0], y[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] p : pieces) {
            if (!merged.isEmpty() && p[0] <= merged.get(merged.size() - 1)[1]) {
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], p[1]);
            } else merged.add(p);
        }
        double[] flat = new double[2 * merged.size()];
        for (int i = 0; i < merged.size(); i++) { flat[2 * i] = merged.get(i)[0]; flat[2 * i + 1] = merged.get(i)[1]; }
        return new ModelCondition(col, null, flat[0], flat[flat.length - 1], text, merged.size() == 1 ? null : flat);
    }

    /** A range's middle as the logit of its place between the bounds. */
    static final class Middle extends Step {
        final Constraint.Range range;
        final int lowCol, highCol, target, source;
        boolean free;

        Middle(TableCodec codec, Constraint.Range range, String where) {
            super(where);
            this.range = range;
            lowCol = range.low().isColumn() ? column(codec, range.low().column()) : -1;
            highCol = range.high().isColumn() ? column(codec, range.high().column()) : -1;
            target = column(codec, range.middle());
            source = codec.modelColumns().get(target).source();
            owns = new int[] {target};
            List<Integer> r = new ArrayList<>();
            if (lowCol >= 0) r.add(lowCol);
            if (highCol >= 0) r.add(highCol);
            reads = r.stream().mapToInt(Integer::intValue).toArray();
            added.add(numericColumn(range.middle() + "#place", source));
        }

        @Override
        void learn(Object[] m, int n) {
            double[] t = (double[]) m[target];
            for (int r = 0; r < n; r++) {
                if (!Double.isNaN(t[r]) && (Double.isNaN(operand(range.low(), lowCol, m, r)) || Double.isNaN(operand(range.high(), highCol, m, r)))) free = true;
            }
            if (free) added.add(numericColumn(range.middle() + "#free", source));
        }

        @Override
        void forward(Object[] m, Object[] out, int n) {
            double[] t = (double[]) m[target];
            double[] p = new double[n], f = free ? new double[n] : null;
            for (int r = 0; r < n; r++) {
                double lo = operand(range.low(), lowCol, m, r), hi = operand(range.high(), highCol, m, r);
                boolean bounds = !Double.isNaN(lo) && !Double.isNaN(hi);
                if (f != null) f[r] = bounds ? Double.NaN : t[r];
                if (Double.isNaN(t[r]) || !bounds) { p[r] = Double.NaN; continue; }
                double w = hi - lo;
                double u = w > 0 ? (t[r] - lo) / w : 0.5;
                u = Math.min(1 - 1e-9, Math.max(1e-9, u));
                p[r] = Math.log(u / (1 - u));
            }
            out[firstOut] = p;
            if (f != null) out[firstOut + 1] = f;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            double[] p = (double[]) out[firstOut];
            double[] f = free ? (double[]) out[firstOut + 1] : null;
            double[] v = new double[n];
            Grid grid = grids[target];
            for (int r = 0; r < n; r++) {
                double lo = operand(range.low(), lowCol, m, r), hi = operand(range.high(), highCol, m, r);
                if (Double.isNaN(lo) || Double.isNaN(hi)) { v[r] = f == null ? Double.NaN : grid.finish(f[r], r, m); continue; }
                if (Double.isNaN(p[r])) { v[r] = Double.NaN; continue; }
                double u = 1 / (1 + Math.exp(-p[r]));
                double x = grid.finish(lo + u * (hi - lo), r, m);
                double a = grid.up(lo, range.strict(), r, m), b = grid.down(hi, range.strict(), r, m);
                if (x < a) x = a;
                if (x > b) x = Math.max(a, b);
                v[r] = x;
            }
            m[target] = v;
        }

        @Override
        ObjectNode state() {
            ObjectNode o = ModelFile.object();
            o.put("free", free);
            return o;
        }

        @Override
        void restore(JsonNode s) {
            free = s.path("free").asBoolean(false);
            if (free) added.add(numericColumn(range.middle() + "#free", source));
        }
    }

    /** Multiples of an increment: v / increment, back as a whole multiple. */
    static final class Increments extends Step {
        final double inc;
        final int target;

        Increments(TableCodec codec, Constraint.FixedIncrements f, String where) {
            super(where);
            inc = f.increment();
            target = column(codec, f.column());
            owns = new int[] {target};
            added.add(numericColumn(f.column() + "#steps", codec.modelColumns().get(target).source()));
        }

        @Override void learn(Object[] m, int n) {}

        @Override
        void forward(Object[] m, Object[] out, int n) {
            double[] t = (double[]) m[target], s = new double[n];
            for (int r = 0; r < n; r++) s[r] = t[r] / inc;
            out[firstOut] = s;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            double[] s = (double[]) out[firstOut], v = new double[n];
            Grid grid = grids[target];
            double lo = grid.num.min(), hi = grid.num.max();
            for (int r = 0; r < n; r++) {
                if (Double.isNaN(s[r])) { v[r] = Double.NaN; continue; }
                double k = Math.rint(s[r]);
                // Keep within the learned range by whole steps (its ends are multiples: the data's values are).
                if (!Double.isNaN(lo)) k = Math.max(k, Math.ceil(lo / inc - 1e-9));
                if (!Double.isNaN(hi)) k = Math.min(k, Math.floor(hi / inc + 1e-9));
                v[r] = grid.round(k * inc, r, m);
            }
            m[target] = v;
        }

        /** Whole steps k with k·increment inside an interval: t = v / increment in [k_min − ½, k_max + ½]. */
        @Override
        ModelCondition mapCondition(ModelCondition c) {
            if (c.categorical()) return null;
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < c.intervalCount(); i++) {
                double kmin = Math.ceil(c.intervalLow(i) / inc - 1e-9), kmax = Math.floor(c.intervalHigh(i) / inc + 1e-9);
                if (kmin > kmax) continue;
                b.add(kmin - 0.5 + 1e-6);
                b.add(kmax + 0.5 - 1e-6);
            }
            return intervals(firstOut, b, c.text());
        }
    }

    static double apply(char op, double a, double b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    /** A computed column: left out of the model, computed from its operands on the way back. */
    static final class Formula extends Step {
        final Constraint.Formula f;
        final int target, leftCol, rightCol, source;
        boolean free;

        Formula(TableCodec codec, Constraint.Formula f, String where) {
            super(where);
            this.f = f;
            target = column(codec, f.column());
            leftCol = f.left().isColumn() ? column(codec, f.left().column()) : -1;
            rightCol = f.right().isColumn() ? column(codec, f.right().column()) : -1;
            source = codec.modelColumns().get(target).source();
            owns = new int[] {target};
            List<Integer> r = new ArrayList<>();
            if (leftCol >= 0) r.add(leftCol);
            if (rightCol >= 0 && rightCol != leftCol) r.add(rightCol);
            reads = r.stream().mapToInt(Integer::intValue).toArray();
        }

        private boolean operands(Object[] m, int r) {
            return !Double.isNaN(operand(f.left(), leftCol, m, r)) && !Double.isNaN(operand(f.right(), rightCol, m, r));
        }

        @Override
        void learn(Object[] m, int n) {
            double[] t = (double[]) m[target];
            for (int r = 0; r < n; r++) if (!Double.isNaN(t[r]) && !operands(m, r)) free = true;
            if (free) added.add(numericColumn(f.column() + "#free", source));
        }

        @Override
        void forward(Object[] m, Object[] out, int n) {
            if (!free) return;
            double[] t = (double[]) m[target], v = new double[n];
            for (int r = 0; r < n; r++) v[r] = operands(m, r) ? Double.NaN : t[r];
            out[firstOut] = v;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            double[] fr = free ? (double[]) out[firstOut] : null, v = new double[n];
            Grid grid = grids[target];
            for (int r = 0; r < n; r++) {
                if (operands(m, r)) v[r] = grid.round(apply(f.op(), operand(f.left(), leftCol, m, r), operand(f.right(), rightCol, m, r)), r, m);
                else v[r] = fr == null ? Double.NaN : grid.finish(fr[r], r, m);
            }
            m[target] = v;
        }

        @Override
        ObjectNode state() {
            ObjectNode o = ModelFile.object();
            o.put("free", free);
            return o;
        }

        @Override
        void restore(JsonNode s) {
            free = s.path("free").asBoolean(false);
            if (free) added.add(numericColumn(f.column() + "#free", source));
        }
    }

    /** Categorical columns that vary together: one column over the combinations seen. */
    static final class Combinations extends Step {
        final int[] members;
        final List<String> names;
        final List<ModelColumn> cols;
        List<int[]> tuples = new ArrayList<>();

        Combinations(TableCodec codec, List<ModelColumn> cols, Constraint.FixedCombinations f, String where) {
            super(where);
            this.cols = cols;
            this.names = f.columns();
            members = new int[names.size()];
            for (int i = 0; i < members.length; i++) members[i] = column(codec, names.get(i));
            owns = members.clone();
            numeric = false;
        }

        private void define() {
            List<String> labels = new ArrayList<>();
            for (int[] t : tuples) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < t.length; i++) {
                    if (i > 0) sb.append(" | ");
                    sb.append(t[i] < 0 ? "(missing)" : cols.get(members[i]).levels().get(t[i]));
                }
                labels.add(sb.toString());
            }
            added = new ArrayList<>(List.of(new ModelColumn(String.join("+", names) + "#combination", true, labels, cols.get(members[0]).source())));
        }

        @Override
        void learn(Object[] m, int n) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int r = 0; r < n; r++) {
                int[] t = new int[members.length];
                for (int i = 0; i < t.length; i++) t[i] = ((int[]) m[members[i]])[r];
                if (seen.putIfAbsent(Arrays.toString(t), tuples.size()) == null) tuples.add(t);
            }
            define();
        }

        @Override
        void forward(Object[] m, Object[] out, int n) {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < tuples.size(); i++) index.put(Arrays.toString(tuples.get(i)), i);
            int[] c = new int[n];
            for (int r = 0; r < n; r++) {
                int[] t = new int[members.length];
                for (int i = 0; i < t.length; i++) t[i] = ((int[]) m[members[i]])[r];
                c[r] = index.getOrDefault(Arrays.toString(t), -1);
            }
            out[firstOut] = c;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            int[] c = (int[]) out[firstOut];
            for (int i = 0; i < members.length; i++) {
                int[] v = new int[n];
                for (int r = 0; r < n; r++) v[r] = c[r] < 0 ? -1 : tuples.get(c[r])[i];
                m[members[i]] = v;
            }
        }

        @Override
        ModelCondition mapCondition(ModelCondition c) {
            int member = -1;
            for (int i = 0; i < members.length; i++) if (members[i] == c.modelColumn()) member = i;
            if (member < 0 || !c.categorical()) return null;
            List<Integer> codes = new ArrayList<>();
            for (int t = 0; t < tuples.size(); t++) if (tuples.get(t)[member] >= 0 && c.acceptsCode(tuples.get(t)[member])) codes.add(t);
            if (codes.isEmpty()) return null;
            return new ModelCondition(firstOut, codes.stream().mapToInt(Integer::intValue).toArray(), Double.NaN, Double.NaN, c.text());
        }

        @Override
        ObjectNode state() {
            ObjectNode o = ModelFile.object();
            ArrayNode a = o.putArray("tuples");
            for (int[] t : tuples) {
                ArrayNode x = a.addArray();
                for (int v : t) x.add(v);
            }
            return o;
        }

        @Override
        void restore(JsonNode s) {
            tuples = new ArrayList<>();
            for (JsonNode t : s.path("tuples")) {
                int[] v = new int[members.length];
                for (int i = 0; i < v.length; i++) v[i] = t.get(i).asInt();
                tuples.add(v);
            }
            define();
        }
    }

    /** A one-hot group: one categorical column naming the hot member. */
    static final class OneHot extends Step {
        final int[] members;
        final boolean[] categorical;
        final int[] hotCode, coldCode;

        OneHot(TableCodec codec, List<ModelColumn> cols, Constraint.OneHot h, String where) {
            super(where);
            members = new int[h.columns().size()];
            categorical = new boolean[members.length];
            hotCode = new int[members.length];
            coldCode = new int[members.length];
            for (int i = 0; i < members.length; i++) {
                members[i] = column(codec, h.columns().get(i));
                ModelColumn mc = cols.get(members[i]);
                categorical[i] = mc.categorical();
                hotCode[i] = -1;
                coldCode[i] = -1;
                if (categorical[i]) {
                    for (int l = 0; l < mc.levels().size(); l++) {
                        Boolean b = OneHotValues.hot(mc.levels().get(l));
                        if (Boolean.TRUE.equals(b) && hotCode[i] < 0) hotCode[i] = l;
                        if (Boolean.FALSE.equals(b) && coldCode[i] < 0) coldCode[i] = l;
                    }
                }
            }
            owns = members.clone();
            numeric = false;
            added.add(new ModelColumn(String.join("+", h.columns()) + "#hot", true, h.columns(), cols.get(members[0]).source()));
        }

        @Override void learn(Object[] m, int n) {}

        private boolean isHot(Object[] m, int i, int r) {
            if (categorical[i]) return ((int[]) m[members[i]])[r] == hotCode[i] && hotCode[i] >= 0;
            return ((double[]) m[members[i]])[r] == 1;
        }

        @Override
        void forward(Object[] m, Object[] out, int n) {
            int[] c = new int[n];
            for (int r = 0; r < n; r++) {
                c[r] = -1;
                for (int i = 0; i < members.length; i++) if (isHot(m, i, r)) { c[r] = i; break; }
            }
            out[firstOut] = c;
        }

        @Override
        void inverse(Object[] m, Object[] out, int n, Grid[] grids) {
            int[] c = (int[]) out[firstOut];
            for (int i = 0; i < members.length; i++) {
                if (categorical[i]) {
                    int[] v = new int[n];
                    for (int r = 0; r < n; r++) v[r] = c[r] == i ? hotCode[i] : coldCode[i];
                    m[members[i]] = v;
                } else {
                    double[] v = new double[n];
                    for (int r = 0; r < n; r++) v[r] = c[r] == i ? 1 : 0;
                    m[members[i]] = v;
                }
            }
        }

        @Override
        ModelCondition mapCondition(ModelCondition c) {
            int member = -1;
            for (int i = 0; i < members.length; i++) if (members[i] == c.modelColumn()) member = i;
            if (member < 0) return null;
            boolean hot, cold;
            if (c.categorical()) {
                hot = hotCode[member] >= 0 && c.acceptsCode(hotCode[member]);
                cold = coldCode[member] >= 0 && c.acceptsCode(coldCode[member]);
            } else {
                hot = c.accepts(1);
                cold = c.accepts(0);
            }
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < members.length; i++) if ((i == member && hot) || (i != member && cold)) codes.add(i);
            if (codes.isEmpty()) return null;
            return new ModelCondition(firstOut, codes.stream().mapToInt(Integer::intValue).toArray(), Double.NaN, Double.NaN, c.text());
        }
    }
}
