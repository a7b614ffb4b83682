package dev.ersatz.synth.mst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.Options;
import dev.ersatz.synth.Synthesizer;
import dev.ersatz.synth.dp.Discretizer;
import dev.ersatz.synth.dp.Domain;
import dev.ersatz.synth.dp.Ledger;
import dev.ersatz.synth.dp.Noise;
import dev.ersatz.synth.dp.Zcdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MST ({@code mst}): differentially private synthesis from noisy 1- and 2-way marginals on a maximum
 * spanning tree (McKenna, Miklau and Sheldon, "Winning the NIST Contest: A scalable and general
 * approach to differentially private synthetic data", Journal of Privacy and Confidentiality 11(3),
 * 2021; private-pgm's {@code mst.py} is the reference).
 *
 * <p>The (ε, δ) target becomes a zCDP budget ρ = {@link Zcdp#rho}(ε, δ). Numeric columns are first
 * discretised into bins of equal mass by a Gaussian hierarchical histogram ({@link Discretizer}, a
 * share {@code discretizationShare} of ρ split over them); the rest of ρ goes in thirds to MST's three
 * steps:
 * <ol>
 *   <li>every attribute's 1-way marginal, with Gaussian noise σ₁ = √(d/(2ρ₁)) (each of the d
 *       marginals gets ρ₁/d; one row moves one count, L2 sensitivity 1); values whose noisy count is
 *       below 3σ₁ are merged into one value ("domain compression"), drawn back uniformly among them;</li>
 *   <li>the tree: every pair's weight is the L1 distance between its true 2-way marginal and the one
 *       the noisy 1-way marginals imply under independence; d − 1 edges are picked as in Kruskal's
 *       algorithm, each by the exponential mechanism (ε' = √(8ρ₂/(d−1)), sensitivity 1, ε'²/8 zCDP each)
 *       among the pairs that join two components;</li>
 *   <li>the d − 1 chosen 2-way marginals, with σ₃ = √((d−1)/(2ρ₃)).</li>
 * </ol>
 * Private-PGM ({@link TreeModel}) then fits one tree-structured distribution to all the noisy
 * marginals at once, and rows are sampled from it. Neighbouring tables differ by adding or removing one
 * row; the {@link Ledger} records every mechanism and the model reports ε, δ and ρ spent. As with
 * {@link dev.ersatz.synth.bayes.BayesNet}, the domain (categories, numeric ranges) comes from the
 * codec and is treated as public.
 *
 * <p>Conditional sampling is exact on the tree: evidence (the share of each bin inside the condition)
 * is propagated up the tree by belief propagation, the root is drawn from its posterior and every
 * attribute from its parent's conditional times the evidence below it.
 */
public record Mst(double epsilon, double delta, int bins, double discretizationShare, int iterations) implements Synthesizer {

    public static final double DEFAULT_EPSILON = 1.0;
    public static final double DEFAULT_DELTA = 1e-9;
    public static final int DEFAULT_BINS = 32;
    public static final double DEFAULT_DISCRETIZATION_SHARE = 0.1;
    public static final int DEFAULT_ITERATIONS = 2000;

    public Mst {
        if (!(epsilon > 0)) throw bad("epsilon", epsilon, "must be positive");
        if (!(delta > 0 && delta < 1)) throw bad("delta", delta, "must be in (0, 1)");
        if (bins < 2) throw bad("bins", bins, "must be at least 2");
        if (!(discretizationShare > 0 && discretizationShare < 1)) throw bad("discretizationShare", discretizationShare, "must be in (0, 1)");
        if (iterations < 1) throw bad("iterations", iterations, "must be at least 1");
    }

    private static InputException bad(String key, Object value, String why) {
        return new InputException("--option", -1, null, key + "=" + value, key + " " + why);
    }

    /** MST at ε = 1, δ = 1e-9. */
    public Mst() {
        this(DEFAULT_EPSILON, DEFAULT_DELTA, DEFAULT_BINS, DEFAULT_DISCRETIZATION_SHARE, DEFAULT_ITERATIONS);
    }

    /** Builds MST from options: epsilon, delta, bins, discretizationShare, iterations. */
    public static Mst fromOptions(Map<String, String> options) {
        Options o = Options.of("mst", options, "epsilon", "delta", "bins", "discretizationShare", "iterations");
        return new Mst(o.positive("epsilon", DEFAULT_EPSILON, false), o.doubleValue("delta", DEFAULT_DELTA, Double.MIN_VALUE, 0.5),
                o.intValue("bins", DEFAULT_BINS, 2, 1024), o.doubleValue("discretizationShare", DEFAULT_DISCRETIZATION_SHARE, 1e-6, 1 - 1e-6),
                o.intValue("iterations", DEFAULT_ITERATIONS, 1, 1_000_000));
    }

    @Override
    public String name() {
        return "mst";
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        o.put("epsilon", epsilon);
        o.put("delta", delta);
        o.put("bins", bins);
        o.put("discretizationShare", discretizationShare);
        o.put("iterations", iterations);
        return o;
    }

    /** The zCDP budget split for a table with {@code numericColumns} numeric columns: {ρ, ρ₀, ρ₁, ρ₂, ρ₃}. */
    double[] split(int numericColumns) {
        double rho = Zcdp.rho(epsilon, delta);
        double r0 = numericColumns > 0 ? discretizationShare * rho : 0;
        double third = (rho - r0) / 3;
        return new double[] {rho, r0, third, third, third};
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        int d = columns.size();
        int q = 0;
        for (ModelColumn c : columns) if (!c.categorical()) q++;
        double[] rho = split(q);
        Ledger ledger = new Ledger();
        SplittableRandom rng = new SplittableRandom(seed);

        progress.update("discretizing", 0, 4);
        Domain[] dom = new Domain[d];
        int[][] codes = new int[d][n];
        for (int j = 0; j < d; j++) {
            SplittableRandom r = rng.split();
            if (columns.get(j).categorical()) {
                int[] c = ((CategoricalColumn) data.column(j)).codes();
                boolean nullable = false;
                for (int v : c) if (v < 0) { nullable = true; break; }
                dom[j] = Domain.categorical(columns.get(j).levels().size(), nullable);
                for (int i = 0; i < n; i++) codes[j][i] = dom[j].binOf(c[i]);
            } else {
                double[] v = ((NumericColumn) data.column(j)).values();
                dom[j] = Discretizer.numeric(v, bins, Discretizer.Budget.gaussian(rho[1] / q), 1, ledger, "discretization", r);
                for (int i = 0; i < n; i++) codes[j][i] = dom[j].binOf(v[i]);
            }
        }

        // 1. All 1-way marginals, then domain compression.
        progress.update("measuring 1-way marginals", 1, 4);
        double sigma1 = 0;
        for (int j = 0; j < d; j++) sigma1 = ledger.gaussian("1-way marginals", 1, rho[2] / d);
        int[][] compress = new int[d][];
        int[] kc = new int[d];
        double[][] y1 = new double[d][], w1 = new double[d][];
        int[][] cc = new int[d][];
        for (int j = 0; j < d; j++) {
            int k = dom[j].size();
            double[] y = new double[k];
            for (int i = 0; i < n; i++) y[codes[j][i]]++;
            for (int b = 0; b < k; b++) y[b] += Noise.gaussian(sigma1, rng);
            int kept = 0;
            for (int b = 0; b < k; b++) if (y[b] >= 3 * sigma1) kept++;
            int[] map = new int[k];
            if (kept >= k - 1) {
                for (int b = 0; b < k; b++) map[b] = b;
                kc[j] = k;
                y1[j] = y;
                w1[j] = filled(k, 1 / (sigma1 * sigma1));
            } else {
                int at = 0;
                double merged = 0;
                for (int b = 0; b < k; b++) {
                    if (y[b] >= 3 * sigma1) map[b] = at++; else { map[b] = kept; merged += y[b]; }
                }
                kc[j] = kept + 1;
                y1[j] = new double[kept + 1];
                for (int b = 0; b < k; b++) if (map[b] < kept) y1[j][map[b]] = y[b];
                y1[j][kept] = merged;
                w1[j] = filled(kept + 1, 1 / (sigma1 * sigma1));
                w1[j][kept] = 1 / (sigma1 * sigma1 * (k - kept));
            }
            compress[j] = map;
            cc[j] = new int[n];
            for (int i = 0; i < n; i++) cc[j][i] = map[codes[j][i]];
        }

        // 2. The tree: Kruskal, each edge by the exponential mechanism.
        progress.update("selecting the tree", 2, 4);
        int[][] edges = select(cc, kc, y1, n, rho[3], ledger, rng);

        // 3. The tree's 2-way marginals.
        progress.update("measuring 2-way marginals", 3, 4);
        double sigma3 = 0;
        for (int e = 0; e < edges.length; e++) sigma3 = ledger.gaussian("2-way marginals", 1, rho[4] / edges.length);
        double[][] y2 = new double[edges.length][];
        double[] w2 = new double[edges.length];
        for (int e = 0; e < edges.length; e++) {
            int a = edges[e][0], b = edges[e][1];
            double[] t = new double[kc[a] * kc[b]];
            for (int i = 0; i < n; i++) t[cc[a][i] * kc[b] + cc[b][i]]++;
            for (int x = 0; x < t.length; x++) t[x] += Noise.gaussian(sigma3, rng);
            y2[e] = t;
            w2[e] = 1 / (sigma3 * sigma3);
        }

        // Private-PGM on the tree.
        progress.update("estimating the model", 4, 4);
        TreeModel model = new TreeModel(kc, edges);
        model.fit(new TreeModel.Measurements(y1, w1, y2, w2), iterations);
        TreeModel.Marginals mu = model.marginals();
        ObjectNode ledgerJson = ledger.toJson();
        ledgerJson.put("delta", delta);
        ledgerJson.put("epsilonTarget", epsilon);
        return new FittedMst(columns, dom, compress, kc, edges, FittedMst.normalised(mu.node()), FittedMst.normalised(mu.edge()),
                epsilon, delta, ledgerJson);
    }

    private static double[] filled(int k, double v) {
        double[] a = new double[k];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * MST's selection: pairs weighted by ‖x_ab − x̂_ab‖₁ (true 2-way counts vs the product of the noisy
     * 1-way marginals, made non-negative and scaled to a common total), edges added by the exponential
     * mechanism among the pairs that join two components.
     */
    private static int[][] select(int[][] cc, int[] kc, double[][] y1, int n, double rhoSelect, Ledger ledger, SplittableRandom rng) {
        int d = kc.length;
        if (d < 2) return new int[0][];
        double total = 0;
        for (int j = 0; j < d; j++) { double s = 0; for (double v : y1[j]) s += v; total += s; }
        total = Math.max(1, total / d);
        double[][] p = new double[d][];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (double v : y1[j]) s += v;
            double[] z = Noise.normSub(y1[j], Math.max(1, s));
            double zs = 0;
            for (double v : z) zs += v;
            p[j] = new double[kc[j]];
            for (int x = 0; x < kc[j]; x++) p[j][x] = zs > 0 ? z[x] / zs : 1.0 / kc[j];
        }
        List<int[]> pairs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double[] t = new double[kc[a] * kc[b]];
                for (int i = 0; i < n; i++) t[cc[a][i] * kc[b] + cc[b][i]]++;
                double w = 0;
                for (int xa = 0; xa < kc[a]; xa++) for (int xb = 0; xb < kc[b]; xb++) w += Math.abs(t[xa * kc[b] + xb] - total * p[a][xa] * p[b][xb]);
                pairs.add(new int[] {a, b});
                weights.add(w);
            }
        }
        int[] comp = new int[d];
        for (int j = 0; j < d; j++) comp[j] = j;
        double eps = Math.sqrt(8 * rhoSelect / (d - 1));
        int[][] edges = new int[d - 1][];
        for (int e = 0; e < d - 1; e++) {
            List<Integer> cand = new ArrayList<>();
            for (int k = 0; k < pairs.size(); k++) if (find(comp, pairs.get(k)[0]) != find(comp, pairs.get(k)[1])) cand.add(k);
            double[] scores = new double[cand.size()];
            for (int k = 0; k < scores.length; k++) scores[k] = weights.get(cand.get(k));
            int pick = Noise.exponential(scores, eps, 1, false, rng);
            ledger.exponential("tree selection", 1, eps, true);
            int[] edge = pairs.get(cand.get(pick));
            edges[e] = edge;
            comp[find(comp, edge[0])] = find(comp, edge[1]);
        }
        return edges;
    }

    private static int find(int[] comp, int x) {
        while (comp[x] != x) { comp[x] = comp[comp[x]]; x = comp[x]; }
        return x;
    }

    /** Loads a fitted MST model from its JSON body. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedMst.fromJson(body, columns);
    }
}
