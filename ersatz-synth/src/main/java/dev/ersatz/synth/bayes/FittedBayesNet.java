package dev.ersatz.synth.bayes;

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
import dev.ersatz.synth.dp.Domain;
import dev.ersatz.synth.dp.Ledger;
import dev.ersatz.synth.dp.PrivacyReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A fitted Bayesian network (or PrivBayes model): domains, structure and conditionals. See {@link BayesNet}. */
final class FittedBayesNet implements FittedGenerator, PrivacyReport {
    static final int MAX_PROPOSALS_PER_ROW = 2_000;
    static final int MIN_BUDGET = 1_000_000;

    private final List<ModelColumn> columns;
    private final Domain[] dom;
    private final int[] order;
    private final int[][] parents;
    private final double[][] cpt;
    private final double epsilon;
    private final ObjectNode ledger;
    private final int[] size;

    FittedBayesNet(List<ModelColumn> columns, Domain[] dom, int[] order, int[][] parents, double[][] cpt, double epsilon, ObjectNode ledger) {
        this.columns = List.copyOf(columns);
        this.dom = dom;
        this.order = order;
        this.parents = parents;
        this.cpt = cpt;
        this.epsilon = epsilon;
        this.ledger = ledger;
        size = new int[dom.length];
        for (int j = 0; j < dom.length; j++) size[j] = dom[j].size();
    }

    int[] order() { return order.clone(); }
    int[] parents(int x) { return parents[x].clone(); }
    ObjectNode ledger() { return ledger.deepCopy(); }

    @Override
    public String privacySummary() {
        if (!Double.isFinite(epsilon)) return "not differentially private (no epsilon given)";
        return "epsilon-differentially private, epsilon = " + Ledger.number(ledger.path("epsilon").asDouble(), 6)
                + " spent (" + Ledger.describe(ledger) + "; neighbours differ in one row)";
    }

    /** Per attribute: allowed codes or intervals, the bins' shares inside them, and the rejection bound. */
    private record Need(boolean[] allowed, double[] intervals, double[] share, double bound) {}

    @Override
    public boolean supports(ModelCondition condition) {
        return true;
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        double[][] x;
        if (conditions.isEmpty()) {
            x = generate(rows, null, rng).x;
        } else {
            Need[] needs = needs(conditions);
            x = new double[columns.size()][rows];
            int filled = 0;
            long proposals = 0, accepted = 0;
            long budget = Math.max(MIN_BUDGET, (long) MAX_PROPOSALS_PER_ROW * rows);
            double rate = 1;
            while (filled < rows) {
                int need = rows - filled;
                int batch = (int) Math.min(1 << 16, Math.max(256, Math.ceil(need / Math.max(rate, 1e-6) * 1.1)));
                batch = (int) Math.max(1, Math.min(batch, budget - proposals));
                Batch b = generate(batch, needs, rng);
                proposals += batch;
                accepted += b.alive.length;
                int take = Math.min(need, b.alive.length);
                for (int j = 0; j < x.length; j++) for (int k = 0; k < take; k++) x[j][filled + k] = b.x[j][b.alive[k]];
                filled += take;
                rate = Math.max((double) accepted / proposals, 0.5 / proposals);
                if (filled < rows && proposals >= budget) {
                    List<String> t = new ArrayList<>();
                    for (ModelCondition c : conditions) t.add(c.text());
                    throw new InputException("--where", -1, null, String.join(" and ", t), String.format(Locale.ROOT,
                            "the model gives these conditions a probability of about %.2g (%d of %d proposals accepted); widen the conditions",
                            (double) accepted / proposals, accepted, proposals));
                }
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            ModelColumn mc = columns.get(j);
            if (mc.categorical()) {
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) codes[i] = (int) x[j][i];
                out.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                out.add(new NumericColumn(mc.name(), x[j].length == rows ? x[j] : Arrays.copyOf(x[j], rows)));
            }
        }
        return new Table(out);
    }

    private record Batch(double[][] x, int[] alive) {}

    private Batch generate(int n, Need[] needs, SplittableRandom rng) {
        int p = columns.size();
        double[][] x = new double[p][n];
        int[][] bin = new int[p][n];
        int[] alive = new int[n];
        for (int i = 0; i < n; i++) alive[i] = i;
        int nAlive = n;
        for (int a : order) {
            int k = size[a];
            double[] t = cpt[a];
            int[] pa = parents[a];
            Need need = needs == null ? null : needs[a];
            int kept = 0;
            for (int q = 0; q < nAlive; q++) {
                int i = alive[q];
                int c = 0;
                for (int b : pa) c = c * size[b] + bin[b][i];
                int base = c * k;
                int v;
                if (need == null) {
                    double u = rng.nextDouble();
                    v = k - 1;
                    for (int w = 0; w < k; w++) {
                        u -= t[base + w];
                        if (u < 0) { v = w; break; }
                    }
                    bin[a][i] = v;
                    x[a][i] = dom[a].draw(v, rng);
                } else {
                    double m = 0;
                    for (int w = 0; w < k; w++) m += t[base + w] * need.share[w];
                    if (!(m > 0) || rng.nextDouble() * need.bound >= m) continue;
                    double u = rng.nextDouble() * m;
                    v = -1;
                    for (int w = 0; w < k; w++) {
                        double pw = t[base + w] * need.share[w];
                        if (pw <= 0) continue;
                        v = w;
                        u -= pw;
                        if (u < 0) break;
                    }
                    bin[a][i] = v;
                    x[a][i] = dom[a].drawIn(v, need.intervals, need.allowed, rng);
                }
                alive[kept++] = i;
            }
            nAlive = kept;
        }
        return new Batch(x, Arrays.copyOf(alive, nAlive));
    }

    private Need[] needs(List<ModelCondition> conditions) {
        Need[] needs = new Need[columns.size()];
        for (ModelCondition c : conditions) {
            int a = c.modelColumn();
            boolean[] allowed = null;
            double[] iv = null;
            if (c.categorical()) {
                allowed = new boolean[columns.get(a).levels().size() + 1];
                for (int code : c.codes()) if (code >= 0 && code < allowed.length - 1) allowed[code] = true;
            } else {
                iv = new double[2 * c.intervalCount()];
                for (int k = 0; k < c.intervalCount(); k++) { iv[2 * k] = c.intervalLow(k); iv[2 * k + 1] = c.intervalHigh(k); }
            }
            int k = size[a];
            double[] share = new double[k];
            for (int v = 0; v < k; v++) share[v] = dom[a].share(v, iv, allowed);
            double bound = 0;
            int configs = cpt[a].length / k;
            for (int cfg = 0; cfg < configs; cfg++) {
                double m = 0;
                for (int v = 0; v < k; v++) m += cpt[a][cfg * k + v] * share[v];
                bound = Math.max(bound, m);
            }
            if (!(bound > 0)) {
                throw new InputException("--where", -1, columns.get(a).name(), c.text(), "the model gives no probability to values satisfying it");
            }
            needs[a] = new Need(allowed, iv, share, bound);
        }
        return needs;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "none";
        Need[] needs = needs(conditions);
        boolean rootOnly = true;
        for (int a = 0; a < needs.length; a++) if (needs[a] != null && parents[a].length > 0) rootOnly = false;
        if (rootOnly) return "exact (the conditioned attribute has no parents and is drawn from its truncated distribution)";
        Batch b = generate(4096, needs, new SplittableRandom(0x5EED));
        return String.format(Locale.ROOT, "exact: rejection on the network's conditionals (about %.1f%% of proposals accepted; at most %d proposals per row)",
                100.0 * b.alive.length / 4096, MAX_PROPOSALS_PER_ROW);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        if (Double.isFinite(epsilon)) o.put("epsilon", epsilon); else o.put("epsilon", "none");
        o.set("privacy", ledger.deepCopy());
        ArrayNode ord = o.putArray("order");
        for (int a : order) ord.add(columns.get(a).name());
        ArrayNode attrs = o.putArray("attributes");
        for (int a = 0; a < columns.size(); a++) {
            ObjectNode n = attrs.addObject();
            n.put("column", columns.get(a).name());
            ArrayNode pa = n.putArray("parents");
            for (int b : parents[a]) pa.add(columns.get(b).name());
            n.set("domain", dom[a].toJson());
            ModelFile.putDoubles(n, "conditional", cpt[a]);
        }
        return o;
    }

    static FittedBayesNet fromJson(JsonNode o, List<ModelColumn> columns) {
        int p = columns.size();
        JsonNode attrs = o.path("attributes");
        if (attrs.size() != p) throw new InputException("model file: the network's attributes do not match the columns");
        Domain[] dom = new Domain[p];
        int[][] parents = new int[p][];
        double[][] cpt = new double[p][];
        for (int a = 0; a < p; a++) {
            JsonNode n = attrs.get(a);
            if (!n.path("column").asText().equals(columns.get(a).name())) throw new InputException("model file: the network's attribute " + a + " is not " + columns.get(a).name());
            dom[a] = Domain.fromJson(n.get("domain"));
            JsonNode pa = n.path("parents");
            parents[a] = new int[pa.size()];
            for (int k = 0; k < pa.size(); k++) parents[a][k] = index(columns, pa.get(k).asText());
            cpt[a] = ModelFile.getDoubles(n, "conditional");
        }
        int[] order = new int[p];
        JsonNode ord = o.path("order");
        if (ord.size() != p) throw new InputException("model file: the network's order does not match the columns");
        for (int k = 0; k < p; k++) order[k] = index(columns, ord.get(k).asText());
        double eps = o.path("epsilon").isNumber() ? o.path("epsilon").asDouble() : Double.POSITIVE_INFINITY;
        ObjectNode ledger = o.has("privacy") ? (ObjectNode) o.get("privacy") : ModelFile.object();
        return new FittedBayesNet(columns, dom, order, parents, cpt, eps, ledger);
    }

    private static int index(List<ModelColumn> columns, String name) {
        for (int j = 0; j < columns.size(); j++) if (columns.get(j).name().equals(name)) return j;
        throw new InputException("model file: the network names a column it does not have: " + name);
    }
}
