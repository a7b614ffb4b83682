package dev.ersatz.synth.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.tree.Tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fitted sequential CART model: one tree per step, in visit order. Immutable and thread-safe; see
 * {@link CartSynthesizer} for the method.
 *
 * <p>Conditional sampling is exact by rejection on the fitted leaf probabilities. Rows are proposed
 * by the unconditional sequential draw; at a step whose column is conditioned, the row's leaf gives
 * the condition probability p (the leaf's mass on the allowed codes or interval), the row survives
 * with probability p / M (M the largest such p over the step's leaves) and the column is drawn from
 * the leaf truncated to the condition. The survivors are distributed exactly as the model conditioned
 * on the event, because the acceptance probability is proportional to the likelihood of the evidence
 * given the row's earlier columns (von Neumann's rejection method). A column visited first has a
 * single leaf, so a condition on it alone is met with no rejection at all. The search is bounded:
 * when the conditions are so improbable under the model that {@link #MAX_PROPOSALS_PER_ROW} proposals
 * per requested row would not give the rows asked for, sampling fails with an
 * {@link InputException} that gives the estimated probability, and never returns fewer rows.
 */
final class FittedCart implements FittedGenerator {
    /** Proposals allowed per requested row (beyond a fixed allowance of {@value #MIN_BUDGET}). */
    static final int MAX_PROPOSALS_PER_ROW = 2_000;
    static final int MIN_BUDGET = 1_000_000;
    private static final int MAX_BATCH = 1 << 16;

    enum Kind { CATEGORICAL, MISSING, NUMERIC, ALL_MISSING }

    /** One step of the sequence: the tree for one model column (or its missing flag) and its leaves. */
    record Step(int column, Kind kind, Tree[] trees, ClassLeaves[] classes, NumericLeaves[] numbers, double[] atoms, int missingLevel) {
        int size() { return trees == null ? 0 : trees.length; }
    }

    private final List<ModelColumn> columns;
    private final List<Step> steps;
    private final boolean smooth;
    private final int[] order;

    FittedCart(List<ModelColumn> columns, List<Step> steps, int[] order, boolean smooth) {
        this.columns = List.copyOf(columns);
        this.steps = List.copyOf(steps);
        this.order = order;
        this.smooth = smooth;
    }

    List<Step> steps() { return steps; }

    /** The visit order, as model column names. */
    List<String> order() {
        return VisitOrder.names(columns, order);
    }

    /** Per step, what a condition asks of it (null: nothing): allowed classes, or a union of intervals [lo0, hi0, lo1, hi1, ...]. */
    private record Need(boolean[] allowed, double[] intervals, double bound) {
        double mass(NumericLeaves leaves, int leaf) {
            double m = 0;
            for (int k = 0; k < intervals.length; k += 2) m += leaves.mass(leaf, intervals[k], intervals[k + 1]);
            return m;
        }

        double drawIn(NumericLeaves leaves, int leaf, SplittableRandom rng) {
            if (intervals.length == 2) return leaves.drawIn(leaf, intervals[0], intervals[1], rng);
            double[] w = new double[intervals.length / 2];
            double sum = 0;
            for (int k = 0; k < w.length; k++) { w[k] = leaves.mass(leaf, intervals[2 * k], intervals[2 * k + 1]); sum += w[k]; }
            int k = pick(w, sum, rng);
            return leaves.drawIn(leaf, intervals[2 * k], intervals[2 * k + 1], rng);
        }
    }

    @Override
    public boolean supports(ModelCondition condition) {
        return true;
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        double[][] x = new double[columns.size()][];
        if (conditions.isEmpty()) {
            x = generate(rows, null, rng).x;
        } else {
            Need[] needs = needs(conditions);
            for (int j = 0; j < x.length; j++) x[j] = new double[rows];
            int filled = 0;
            long proposals = 0, accepted = 0;
            long budget = Math.max(MIN_BUDGET, (long) MAX_PROPOSALS_PER_ROW * rows);
            double rate = 1;
            while (filled < rows) {
                int need = rows - filled;
                int batch = (int) Math.min(MAX_BATCH, Math.max(256, Math.ceil(need / Math.max(rate, 1e-6) * 1.1)));
                batch = (int) Math.max(1, Math.min(batch, budget - proposals));
                Batch b = generate(batch, needs, rng);
                proposals += batch;
                accepted += b.alive.length;
                int take = Math.min(need, b.alive.length);
                for (int j = 0; j < x.length; j++) {
                    for (int k = 0; k < take; k++) x[j][filled + k] = b.x[j][b.alive[k]];
                }
                filled += take;
                rate = Math.max((double) accepted / proposals, 0.5 / proposals);
                if (filled < rows && proposals >= budget) {
                    throw new InputException("--where", -1, null, describe(conditions), String.format(Locale.ROOT,
                            "the model gives these conditions a probability of about %.2g (%d of %d proposals accepted); "
                                    + "%d rows would need about %.0f proposals, over the limit of %d per row: widen the conditions",
                            (double) accepted / proposals, accepted, proposals, rows, rows / Math.max(rate, 1e-300), MAX_PROPOSALS_PER_ROW));
                }
            }
        }
        return table(x, rows);
    }

    private Table table(double[][] x, int rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            ModelColumn mc = columns.get(j);
            double[] v = x[j].length == rows ? x[j] : Arrays.copyOf(x[j], rows);
            if (mc.categorical()) {
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) codes[i] = (int) v[i];
                out.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                out.add(new NumericColumn(mc.name(), v));
            }
        }
        return new Table(out);
    }

    private static String describe(List<ModelCondition> conditions) {
        List<String> t = new ArrayList<>();
        for (ModelCondition c : conditions) t.add(c.text());
        return String.join(" and ", t);
    }

    private record Batch(double[][] x, int[] alive) {}

    /** Draws {@code n} rows step by step; with needs, rows failing a conditioned step are dropped. */
    private Batch generate(int n, Need[] needs, SplittableRandom rng) {
        double[][] x = new double[columns.size()][n];
        int[] alive = null;
        int nAlive = n;
        if (needs != null) {
            alive = new int[n];
            for (int i = 0; i < n; i++) alive[i] = i;
        }
        for (int s = 0; s < steps.size(); s++) {
            Step st = steps.get(s);
            double[] col = x[st.column];
            Need need = needs == null ? null : needs[s];
            int b = st.size();
            int kept = 0;
            for (int k = 0; k < nAlive; k++) {
                int i = alive == null ? k : alive[k];
                boolean keep = true;
                switch (st.kind) {
                    case ALL_MISSING -> col[i] = Double.NaN;
                    case CATEGORICAL, MISSING -> {
                        int cls;
                        if (need == null) {
                            int t = b == 1 ? 0 : rng.nextInt(b);
                            cls = st.classes[t].draw(st.trees[t].leaf(x, i), rng);
                        } else {
                            int t = 0;
                            double p;
                            int leaf;
                            if (b == 1) {
                                leaf = st.trees[0].leaf(x, i);
                                p = st.classes[0].mass(leaf, need.allowed);
                            } else {
                                double[] w = new double[b];
                                int[] leaves = new int[b];
                                double sum = 0;
                                for (int q = 0; q < b; q++) {
                                    leaves[q] = st.trees[q].leaf(x, i);
                                    w[q] = st.classes[q].mass(leaves[q], need.allowed);
                                    sum += w[q];
                                }
                                p = sum / b;
                                t = pick(w, sum, rng);
                                leaf = leaves[t];
                            }
                            if (!(p > 0) || rng.nextDouble() * need.bound >= p) { keep = false; cls = 0; }
                            else cls = st.classes[t].drawIn(leaf, need.allowed, rng);
                        }
                        if (st.kind == Kind.MISSING) col[i] = cls == 1 ? Double.NaN : 0;
                        else col[i] = cls == st.missingLevel ? -1 : cls;
                    }
                    case NUMERIC -> {
                        if (Double.isNaN(col[i])) break;
                        if (need == null) {
                            int t = b == 1 ? 0 : rng.nextInt(b);
                            col[i] = st.numbers[t].draw(st.trees[t].leaf(x, i), rng);
                        } else {
                            int t = 0;
                            double p;
                            int leaf;
                            if (b == 1) {
                                leaf = st.trees[0].leaf(x, i);
                                p = need.mass(st.numbers[0], leaf);
                            } else {
                                double[] w = new double[b];
                                int[] leaves = new int[b];
                                double sum = 0;
                                for (int q = 0; q < b; q++) {
                                    leaves[q] = st.trees[q].leaf(x, i);
                                    w[q] = need.mass(st.numbers[q], leaves[q]);
                                    sum += w[q];
                                }
                                p = sum / b;
                                t = pick(w, sum, rng);
                                leaf = leaves[t];
                            }
                            if (!(p > 0) || rng.nextDouble() * need.bound >= p) keep = false;
                            else col[i] = need.drawIn(st.numbers[t], leaf, rng);
                        }
                    }
                }
                if (alive != null && keep) alive[kept++] = i;
            }
            if (alive != null) nAlive = kept;
        }
        return new Batch(x, alive == null ? null : Arrays.copyOf(alive, nAlive));
    }

    private static int pick(double[] w, double sum, SplittableRandom rng) {
        double u = rng.nextDouble() * sum;
        int last = 0;
        for (int q = 0; q < w.length; q++) {
            if (w[q] <= 0) continue;
            last = q;
            u -= w[q];
            if (u < 0) return q;
        }
        return last;
    }

    private Need[] needs(List<ModelCondition> conditions) {
        Need[] needs = new Need[steps.size()];
        for (ModelCondition c : conditions) {
            int j = c.modelColumn();
            boolean found = false;
            for (int s = 0; s < steps.size(); s++) {
                Step st = steps.get(s);
                if (st.column != j) continue;
                found = true;
                Need need;
                switch (st.kind) {
                    case ALL_MISSING -> throw new InputException("--where", -1, columns.get(j).name(), c.text(), "the column has no values in the data");
                    case MISSING -> {
                        boolean[] allowed = {true, false};
                        need = bounded(st, new Need(allowed, null, 0), c);
                    }
                    case CATEGORICAL -> {
                        boolean[] allowed = new boolean[st.missingLevel + 1];
                        for (int code : c.codes()) if (code >= 0 && code < allowed.length) allowed[code] = true;
                        need = bounded(st, new Need(allowed, null, 0), c);
                    }
                    default -> {
                        double[] iv = new double[2 * c.intervalCount()];
                        for (int k = 0; k < c.intervalCount(); k++) { iv[2 * k] = c.intervalLow(k); iv[2 * k + 1] = c.intervalHigh(k); }
                        need = bounded(st, new Need(null, iv, 0), c);
                    }
                }
                needs[s] = need;
            }
            if (!found) throw new IllegalArgumentException("no step for model column " + j);
        }
        return needs;
    }

    /** The need with its rejection bound M = max over leaves of the condition's probability. */
    private Need bounded(Step st, Need need, ModelCondition c) {
        // With several trees the row's probability is their average, which no leaf's maximum exceeds.
        double m = 0;
        for (int t = 0; t < st.size(); t++) {
            int leaves = st.trees[t].leaves();
            for (int l = 0; l < leaves; l++) {
                double p = need.allowed != null ? st.classes[t].mass(l, need.allowed) : need.mass(st.numbers[t], l);
                m = Math.max(m, p);
            }
        }
        if (!(m > 0)) {
            throw new InputException("--where", -1, columns.get(c.modelColumn()).name(), c.text(),
                    "the model gives no probability to values satisfying it");
        }
        return new Need(need.allowed, need.intervals, m);
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "none";
        Need[] needs = needs(conditions);
        boolean firstOnly = true;
        for (int s = 0; s < needs.length; s++) {
            if (needs[s] == null) continue;
            for (Tree t : steps.get(s).trees) if (t.leaves() > 1) firstOnly = false;
        }
        if (firstOnly) return "exact (the conditioned column is visited first and drawn from its truncated distribution)";
        int pilot = 4096;
        Batch b = generate(pilot, needs, new SplittableRandom(0x5EED));
        double rate = (double) b.alive.length / pilot;
        return String.format(Locale.ROOT, "exact: rejection on the trees' leaf probabilities (about %.1f%% of proposals accepted; "
                + "at most %d proposals per row)", 100 * rate, MAX_PROPOSALS_PER_ROW);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("smooth", smooth);
        ArrayNode ord = o.putArray("order");
        for (int j : order) ord.add(columns.get(j).name());
        ArrayNode arr = o.putArray("steps");
        for (Step st : steps) {
            ObjectNode s = arr.addObject();
            s.put("column", columns.get(st.column).name());
            s.put("kind", st.kind.name().toLowerCase(Locale.ROOT));
            if (st.kind == Kind.ALL_MISSING) continue;
            if (st.kind == Kind.NUMERIC) ModelFile.putDoubles(s, "atoms", st.atoms);
            ArrayNode trees = s.putArray("trees");
            for (int t = 0; t < st.size(); t++) {
                ObjectNode tn = trees.addObject();
                tn.set("tree", st.trees[t].toJson());
                ObjectNode leaves = tn.putObject("leaves");
                if (st.kind == Kind.NUMERIC) st.numbers[t].write(leaves); else st.classes[t].write(leaves);
            }
        }
        return o;
    }

    static FittedCart fromJson(JsonNode o, List<ModelColumn> columns) {
        boolean smooth = o.path("smooth").asBoolean(true);
        int[] order = new int[columns.size()];
        JsonNode ord = o.path("order");
        if (ord.size() != columns.size()) throw new InputException("model file: the CART visit order does not match the columns");
        for (int k = 0; k < order.length; k++) order[k] = index(columns, ord.get(k).asText());
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : o.path("steps")) {
            int j = index(columns, s.path("column").asText());
            Kind kind = Kind.valueOf(s.path("kind").asText().toUpperCase(Locale.ROOT));
            int missingLevel = columns.get(j).categorical() ? columns.get(j).levels().size() : 1;
            if (kind == Kind.ALL_MISSING) {
                steps.add(new Step(j, kind, null, null, null, null, missingLevel));
                continue;
            }
            JsonNode tn = s.path("trees");
            int b = tn.size();
            if (b == 0) throw new InputException("model file: a CART step has no trees");
            Tree[] trees = new Tree[b];
            double[] atoms = kind == Kind.NUMERIC ? ModelFile.getDoubles(s, "atoms") : null;
            NumericLeaves[] numbers = kind == Kind.NUMERIC ? new NumericLeaves[b] : null;
            ClassLeaves[] classes = kind == Kind.NUMERIC ? null : new ClassLeaves[b];
            for (int t = 0; t < b; t++) {
                trees[t] = Tree.fromJson(tn.get(t).get("tree"));
                if (kind == Kind.NUMERIC) numbers[t] = NumericLeaves.read(tn.get(t).get("leaves"), atoms, smooth);
                else classes[t] = ClassLeaves.read(tn.get(t).get("leaves"));
            }
            steps.add(new Step(j, kind, trees, classes, numbers, atoms, missingLevel));
        }
        return new FittedCart(columns, steps, order, smooth);
    }

    private static int index(List<ModelColumn> columns, String name) {
        for (int j = 0; j < columns.size(); j++) if (columns.get(j).name().equals(name)) return j;
        throw new InputException("model file: the CART model names a column it does not have: " + name);
    }
}
