package dev.ersatz.synth.mst;

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
import dev.ersatz.synth.tree.Arrays64;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fitted MST model: the tree's estimated marginals over compressed attribute domains. Immutable and
 * thread-safe; see {@link Mst}. Sampling (with or without evidence) runs belief propagation on the
 * tree once per call, then draws each row top-down.
 */
final class FittedMst implements FittedGenerator, PrivacyReport {
    private final List<ModelColumn> columns;
    private final Domain[] dom;
    private final int[][] compress;
    private final int[] kc;
    private final int[][] edges;
    private final double[][] node;
    private final double[][] edge;
    private final double epsilon, delta;
    private final ObjectNode ledger;
    // derived
    private final int d;
    private final int[] parent, upEdge, bfs;
    private final boolean[] parentIsA;
    private final List<List<Integer>> children;
    private final int[][] keptBin;
    private final int[][] mergedBins;

    FittedMst(List<ModelColumn> columns, Domain[] dom, int[][] compress, int[] kc, int[][] edges, double[][] node, double[][] edge,
              double epsilon, double delta, ObjectNode ledger) {
        this.columns = List.copyOf(columns);
        this.dom = dom;
        this.compress = compress;
        this.kc = kc;
        this.edges = edges;
        this.node = node;
        this.edge = edge;
        this.epsilon = epsilon;
        this.delta = delta;
        this.ledger = ledger;
        d = kc.length;
        parent = new int[d];
        upEdge = new int[d];
        parentIsA = new boolean[d];
        bfs = new int[d];
        children = new ArrayList<>();
        for (int i = 0; i < d; i++) children.add(new ArrayList<>());
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < d; i++) adj.add(new ArrayList<>());
        for (int e = 0; e < edges.length; e++) { adj.get(edges[e][0]).add(e); adj.get(edges[e][1]).add(e); }
        boolean[] seen = new boolean[d];
        java.util.Arrays.fill(parent, -1);
        int n = 0;
        for (int r = 0; r < d; r++) {
            if (seen[r]) continue;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(r);
            seen[r] = true;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                bfs[n++] = u;
                for (int e : adj.get(u)) {
                    int v = edges[e][0] == u ? edges[e][1] : edges[e][0];
                    if (seen[v]) continue;
                    seen[v] = true;
                    parent[v] = u;
                    upEdge[v] = e;
                    parentIsA[v] = edges[e][0] == u;
                    children.get(u).add(v);
                    queue.add(v);
                }
            }
        }
        keptBin = new int[d][];
        mergedBins = new int[d][];
        for (int j = 0; j < d; j++) {
            int k = kc[j];
            keptBin[j] = new int[k];
            java.util.Arrays.fill(keptBin[j], -1);
            List<Integer> merged = new ArrayList<>();
            int[] count = new int[k];
            for (int b = 0; b < compress[j].length; b++) count[compress[j][b]]++;
            for (int b = 0; b < compress[j].length; b++) {
                int x = compress[j][b];
                if (count[x] == 1) keptBin[j][x] = b; else merged.add(b);
            }
            mergedBins[j] = merged.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Probability tables from estimated marginals (negative entries, which BP never gives, read as zero). */
    static double[][] normalised(double[][] t) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            double s = 0;
            for (double v : t[i]) s += Math.max(0, v);
            out[i] = new double[t[i].length];
            for (int x = 0; x < t[i].length; x++) out[i][x] = s > 0 ? Math.max(0, t[i][x]) / s : 1.0 / t[i].length;
        }
        return out;
    }

    int[][] edges() { return edges; }
    ObjectNode ledger() { return ledger.deepCopy(); }

    @Override
    public String privacySummary() {
        return "(epsilon, delta)-differentially private: epsilon = " + Ledger.number(epsilon, 6) + ", delta = "
                + String.format(Locale.ROOT, "%.3g", delta) + " (zCDP rho = " + Ledger.number(ledger.path("rho").asDouble(), 6)
                + " spent: " + Ledger.describe(ledger) + "; neighbours add or remove one row)";
    }

    @Override
    public boolean supports(ModelCondition condition) {
        return true;
    }

    /** P(x_child | x_parent) from the edge marginal (the child's marginal where the parent value has no mass). */
    private double conditional(int c, int xp, int xc) {
        int p = parent[c], e = upEdge[c];
        double joint = parentIsA[c] ? edge[e][xp * kc[c] + xc] : edge[e][xc * kc[p] + xp];
        double pm = 0;
        if (parentIsA[c]) { for (int x = 0; x < kc[c]; x++) pm += edge[e][xp * kc[c] + x]; }
        else { for (int x = 0; x < kc[c]; x++) pm += edge[e][x * kc[p] + xp]; }
        return pm > 0 ? joint / pm : node[c][xc];
    }

    /** Per attribute: the evidence λ over compressed values, and the domain-level shares behind it (null: none). */
    private record Evidence(double[][] lambda, double[][] binShare, double[][] intervals, boolean[][] allowed) {}

    private Evidence evidence(List<ModelCondition> conditions) {
        double[][] lambda = new double[d][], share = new double[d][], iv = new double[d][];
        boolean[][] allowed = new boolean[d][];
        for (ModelCondition c : conditions) {
            int j = c.modelColumn();
            if (c.categorical()) {
                allowed[j] = new boolean[columns.get(j).levels().size() + 1];
                for (int code : c.codes()) if (code >= 0 && code < allowed[j].length - 1) allowed[j][code] = true;
            } else {
                iv[j] = new double[2 * c.intervalCount()];
                for (int k = 0; k < c.intervalCount(); k++) { iv[j][2 * k] = c.intervalLow(k); iv[j][2 * k + 1] = c.intervalHigh(k); }
            }
            int k = dom[j].size();
            share[j] = new double[k];
            for (int b = 0; b < k; b++) share[j][b] = dom[j].share(b, iv[j], allowed[j]);
            lambda[j] = new double[kc[j]];
            int[] count = new int[kc[j]];
            for (int b = 0; b < k; b++) { lambda[j][compress[j][b]] += share[j][b]; count[compress[j][b]]++; }
            for (int x = 0; x < kc[j]; x++) lambda[j][x] /= count[x];
        }
        return new Evidence(lambda, share, iv, allowed);
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        Evidence ev = evidence(conditions);
        // Upward pass: beta_c(x_c) = λ_c(x_c) Π m_g(x_c), m_c(x_p) = Σ P(x_c | x_p) beta_c(x_c).
        double[][] beta = new double[d][], up = new double[d][];
        for (int q = d - 1; q >= 0; q--) {
            int c = bfs[q];
            double[] b = new double[kc[c]];
            for (int x = 0; x < kc[c]; x++) b[x] = ev.lambda[c] == null ? 1 : ev.lambda[c][x];
            for (int g : children.get(c)) for (int x = 0; x < kc[c]; x++) b[x] *= up[g][x];
            beta[c] = b;
            if (parent[c] < 0) continue;
            int p = parent[c];
            double[] m = new double[kc[p]];
            for (int xp = 0; xp < kc[p]; xp++) for (int xc = 0; xc < kc[c]; xc++) m[xp] += conditional(c, xp, xc) * b[xc];
            up[c] = m;
        }
        // Sampling tables: roots by their posterior, children by P(x_c | x_p)·beta_c(x_c).
        double[][] rootCum = new double[d][];
        double[][][] childCum = new double[d][][];
        for (int c = 0; c < d; c++) {
            if (parent[c] < 0) {
                double[] w = new double[kc[c]];
                double s = 0;
                for (int x = 0; x < kc[c]; x++) { w[x] = node[c][x] * beta[c][x]; s += w[x]; }
                if (!(s > 0)) {
                    List<String> t = new ArrayList<>();
                    for (ModelCondition cond : conditions) t.add(cond.text());
                    throw new InputException("--where", -1, null, String.join(" and ", t), "the model gives these conditions no probability");
                }
                rootCum[c] = cumulative(w);
            } else {
                int p = parent[c];
                childCum[c] = new double[kc[p]][];
                for (int xp = 0; xp < kc[p]; xp++) {
                    double[] w = new double[kc[c]];
                    for (int xc = 0; xc < kc[c]; xc++) w[xc] = conditional(c, xp, xc) * beta[c][xc];
                    childCum[c][xp] = cumulative(w);
                }
            }
        }
        double[][] out = new double[d][rows];
        int[] x = new int[d];
        for (int i = 0; i < rows; i++) {
            for (int q = 0; q < d; q++) {
                int c = bfs[q];
                double[] cum = parent[c] < 0 ? rootCum[c] : childCum[c][x[parent[c]]];
                x[c] = pick(cum, rng);
                out[c][i] = value(c, x[c], ev, rng);
            }
        }
        List<Column> cols = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            ModelColumn mc = columns.get(j);
            if (mc.categorical()) {
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) codes[i] = (int) out[j][i];
                cols.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                cols.add(new NumericColumn(mc.name(), out[j]));
            }
        }
        return new Table(cols);
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double acc = 0;
        for (int i = 0; i < w.length; i++) { acc += Math.max(0, w[i]); c[i] = acc; }
        return c;
    }

    private static int pick(double[] cum, SplittableRandom rng) {
        double total = cum[cum.length - 1];
        if (!(total > 0)) return rng.nextInt(cum.length);
        double u = rng.nextDouble() * total;
        int a = 0, b = cum.length - 1;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (cum[m] > u) b = m; else a = m + 1;
        }
        return a;
    }

    /** A model value for compressed value x of attribute j (a merged value picks one of its bins, by evidence when there is some). */
    private double value(int j, int x, Evidence ev, SplittableRandom rng) {
        int bin = keptBin[j][x];
        if (bin < 0) {
            int[] merged = mergedBins[j];
            if (ev.binShare[j] == null) {
                bin = merged[rng.nextInt(merged.length)];
            } else {
                double s = 0;
                for (int b : merged) s += ev.binShare[j][b];
                double u = rng.nextDouble() * s;
                bin = merged[merged.length - 1];
                for (int b : merged) {
                    if (ev.binShare[j][b] <= 0) continue;
                    bin = b;
                    u -= ev.binShare[j][b];
                    if (u < 0) break;
                }
            }
        }
        if (ev.binShare[j] == null) return dom[j].draw(bin, rng);
        return dom[j].drawIn(bin, ev.intervals[j], ev.allowed[j], rng);
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "none";
        evidence(conditions);
        return "exact (belief propagation of the evidence on the tree, then top-down draws from the posterior)";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("epsilon", epsilon);
        o.put("delta", delta);
        o.set("privacy", ledger.deepCopy());
        ArrayNode attrs = o.putArray("attributes");
        for (int j = 0; j < d; j++) {
            ObjectNode a = attrs.addObject();
            a.put("column", columns.get(j).name());
            a.set("domain", dom[j].toJson());
            Arrays64.putVarints(a, "compress", compress[j]);
            a.put("values", kc[j]);
            ModelFile.putDoubles(a, "marginal", node[j]);
        }
        ArrayNode es = o.putArray("edges");
        for (int e = 0; e < edges.length; e++) {
            ObjectNode x = es.addObject();
            x.put("a", columns.get(edges[e][0]).name());
            x.put("b", columns.get(edges[e][1]).name());
            ModelFile.putDoubles(x, "marginal", edge[e]);
        }
        return o;
    }

    static FittedMst fromJson(JsonNode o, List<ModelColumn> columns) {
        int d = columns.size();
        JsonNode attrs = o.path("attributes");
        if (attrs.size() != d) throw new InputException("model file: the MST attributes do not match the columns");
        Domain[] dom = new Domain[d];
        int[][] compress = new int[d][];
        int[] kc = new int[d];
        double[][] node = new double[d][];
        for (int j = 0; j < d; j++) {
            JsonNode a = attrs.get(j);
            if (!a.path("column").asText().equals(columns.get(j).name())) throw new InputException("model file: the MST attribute " + j + " is not " + columns.get(j).name());
            dom[j] = Domain.fromJson(a.get("domain"));
            compress[j] = Arrays64.getVarints(a, "compress");
            kc[j] = a.path("values").asInt();
            node[j] = ModelFile.getDoubles(a, "marginal");
        }
        JsonNode es = o.path("edges");
        int[][] edges = new int[es.size()][];
        double[][] edge = new double[es.size()][];
        for (int e = 0; e < edges.length; e++) {
            JsonNode x = es.get(e);
            edges[e] = new int[] {index(columns, x.path("a").asText()), index(columns, x.path("b").asText())};
            edge[e] = ModelFile.getDoubles(x, "marginal");
        }
        return new FittedMst(columns, dom, compress, kc, edges, node, edge, o.path("epsilon").asDouble(), o.path("delta").asDouble(),
                (ObjectNode) o.get("privacy"));
    }

    private static int index(List<ModelColumn> columns, String name) {
        for (int j = 0; j < columns.size(); j++) if (columns.get(j).name().equals(name)) return j;
        throw new InputException("model file: the MST model names a column it does not have: " + name);
    }
}
