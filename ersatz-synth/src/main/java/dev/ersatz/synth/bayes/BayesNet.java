package dev.ersatz.synth.bayes;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Bayesian network over discretised columns ({@code bayesnet}); with {@code epsilon} it is PrivBayes,
 * ε-differentially private.
 *
 * <p>Method (Zhang, Cormode, Procopiuc, Srivastava and Xiao, "PrivBayes: Private Data Release via
 * Bayesian Networks", ACM TODS 42(4), 2017). Columns become discrete attributes ({@link Domain}:
 * categories, or numeric bins of equal mass whose inner shape is kept by a fine histogram). The
 * network is built greedily: the first attribute is chosen at random; then, d − 1 times, among all
 * pairs (X, Π) of an attribute not yet in the network and a parent set Π of at most {@code degree}
 * attributes already in it, the pair with the largest mutual information I(X; Π) is added. Each
 * attribute's conditional P(X | Π) is then the normalised joint count table of (Π, X). Sampling is
 * ancestral, in the order the attributes were added, and a bin becomes a value through the domain.
 *
 * <p>With ε (neighbouring tables differ in one row's values, as in PrivBayes), the budget is split:
 * ε₀ = {@code discretizationShare}·ε for the numeric columns' hierarchical histograms (when there are
 * numeric columns), ε₁ = {@code structureShare}·(ε − ε₀) for the structure, ε₂ = the rest for the
 * conditionals. Every greedy step is an exponential mechanism with ε₁/(d−1) and the sensitivity of
 * mutual information S(I) = (2/n)·ln((n+1)/2) + ((n−1)/n)·ln((n+1)/(n−1)) (TODS Lemma 4.1); each of
 * the d joint count tables gets Laplace noise of scale 2d/ε₂ (a substituted row moves two counts),
 * the tables are made non-negative by norm-sub (the constant shift that keeps their noisy total;
 * {@link Noise#normSub}) and normalised (post-processing). θ-usefulness bounds
 * the tables: a candidate (X, Π) is allowed only when its cell count is at most n·ε₂/(2dθ), so that
 * an average cell's count stays θ times the noise scale; among the parent sets that fit, the largest
 * size is used. The {@link dev.ersatz.synth.dp.Ledger} records every mechanism; the model reports the
 * ε it spent.
 *
 * <p>What ε covers: everything the model learns from the rows. The domain (category lists, numeric
 * ranges, whether values are whole numbers, whether a column has missing values) is read by the codec
 * from the data and treated as public, as PrivBayes and MST take the domain as given; declare it in
 * the metadata to make that so.
 *
 * <p>Conditional sampling is exact by rejection on the conditionals: a proposed row reaching a
 * conditioned attribute with parents π survives with probability P(A | π) / max_π P(A | π) and takes a
 * value drawn from P(· | π) restricted to A; the search is bounded like CART's.
 */
public record BayesNet(double epsilon, int degree, int bins, double theta, double structureShare, double discretizationShare)
        implements Synthesizer {

    public static final int DEFAULT_DEGREE = 2;
    public static final double DEFAULT_THETA = 4;
    public static final double DEFAULT_STRUCTURE_SHARE = 0.3;
    public static final double DEFAULT_DISCRETIZATION_SHARE = 0.2;

    public BayesNet {
        if (!(epsilon > 0)) throw bad("epsilon", epsilon, "must be positive");
        if (degree < 0) throw bad("degree", degree, "must not be negative");
        if (bins < 0 || bins == 1) throw bad("bins", bins, "must be 0 (chosen from the budget) or at least 2");
        if (!(theta > 0)) throw bad("theta", theta, "must be positive");
        if (!(structureShare > 0 && structureShare < 1)) throw bad("structureShare", structureShare, "must be in (0, 1)");
        if (!(discretizationShare > 0 && discretizationShare < 1)) throw bad("discretizationShare", discretizationShare, "must be in (0, 1)");
    }

    private static InputException bad(String key, Object value, String why) {
        return new InputException("--option", -1, null, key + "=" + value, key + " " + why);
    }

    /** The non-private network with default options. */
    public BayesNet() {
        this(Double.POSITIVE_INFINITY, DEFAULT_DEGREE, 0, DEFAULT_THETA, DEFAULT_STRUCTURE_SHARE, DEFAULT_DISCRETIZATION_SHARE);
    }

    /** PrivBayes at {@code epsilon} with default options. */
    public static BayesNet privBayes(double epsilon) {
        return new BayesNet(epsilon, DEFAULT_DEGREE, 0, DEFAULT_THETA, DEFAULT_STRUCTURE_SHARE, DEFAULT_DISCRETIZATION_SHARE);
    }

    /** Builds the network from options: epsilon (none: not private), degree, bins, theta, structureShare, discretizationShare. */
    public static BayesNet fromOptions(Map<String, String> options) {
        Options o = Options.of("bayesnet", options, "epsilon", "degree", "bins", "theta", "structureShare", "discretizationShare");
        return new BayesNet(o.positive("epsilon", Double.POSITIVE_INFINITY, true), o.intValue("degree", DEFAULT_DEGREE, 0, 8),
                o.intValue("bins", 0, 0, 1024), o.doubleValue("theta", DEFAULT_THETA, 1e-6, 1e6),
                o.doubleValue("structureShare", DEFAULT_STRUCTURE_SHARE, 1e-6, 1 - 1e-6),
                o.doubleValue("discretizationShare", DEFAULT_DISCRETIZATION_SHARE, 1e-6, 1 - 1e-6));
    }

    boolean isPrivate() {
        return Double.isFinite(epsilon);
    }

    @Override
    public String name() {
        return "bayesnet";
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        if (isPrivate()) o.put("epsilon", epsilon); else o.put("epsilon", "none");
        o.put("degree", degree);
        o.put("bins", bins);
        o.put("theta", theta);
        o.put("structureShare", structureShare);
        o.put("discretizationShare", discretizationShare);
        return o;
    }

    /** The sensitivity of the empirical mutual information of n rows (PrivBayes, TODS Lemma 4.1, general domains). */
    static double mutualInformationSensitivity(int n) {
        if (n < 2) return Math.log(2);
        return 2.0 / n * Math.log((n + 1) / 2.0) + (n - 1.0) / n * Math.log((n + 1.0) / (n - 1.0));
    }

    /** The budget split for a table with {@code numericColumns} numeric columns: {ε₀, ε₁, ε₂}. */
    double[] split(int numericColumns) {
        double e0 = numericColumns > 0 ? discretizationShare * epsilon : 0;
        double e1 = structureShare * (epsilon - e0);
        return new double[] {e0, e1, epsilon - e0 - e1};
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        int p = columns.size();
        boolean dp = isPrivate();
        Ledger ledger = new Ledger();
        SplittableRandom rng = new SplittableRandom(seed);
        int q = 0;
        for (ModelColumn c : columns) if (!c.categorical()) q++;
        double[] eps = dp ? split(q) : new double[] {0, 0, 0};
        double cmax = dp ? n * eps[2] / (2.0 * p * theta) : n / 5.0;
        int b = bins > 0 ? bins : (dp ? Math.max(4, Math.min(16, (int) Math.floor(Math.sqrt(cmax)))) : 16);
        progress.update("discretizing", 0, p);
        Domain[] dom = new Domain[p];
        int[][] codes = new int[p][n];
        for (int j = 0; j < p; j++) {
            SplittableRandom r = rng.split();
            if (columns.get(j).categorical()) {
                int[] c = ((CategoricalColumn) data.column(j)).codes();
                boolean nullable = false;
                for (int v : c) if (v < 0) { nullable = true; break; }
                dom[j] = Domain.categorical(columns.get(j).levels().size(), nullable);
                for (int i = 0; i < n; i++) codes[j][i] = dom[j].binOf(c[i]);
            } else {
                double[] v = ((NumericColumn) data.column(j)).values();
                dom[j] = Discretizer.numeric(v, b, dp ? Discretizer.Budget.laplace(eps[0] / q) : null, 2, ledger, "discretization", r);
                for (int i = 0; i < n; i++) codes[j][i] = dom[j].binOf(v[i]);
            }
        }
        int[] size = new int[p];
        for (int j = 0; j < p; j++) size[j] = dom[j].size();

        // Structure: greedy, one attribute at a time.
        progress.update("learning the structure", 0, p);
        int[] order = new int[p];
        int[][] parents = new int[p][];
        boolean[] in = new boolean[p];
        int first = rng.nextInt(p);
        order[0] = first;
        parents[first] = new int[0];
        in[first] = true;
        double sens = mutualInformationSensitivity(n);
        double eStep = p > 1 && dp ? eps[1] / (p - 1) : 0;
        for (int step = 1; step < p; step++) {
            List<int[]> cx = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<Integer> placed = new ArrayList<>();
            for (int k = 0; k < step; k++) placed.add(order[k]);
            for (int x = 0; x < p; x++) {
                if (in[x]) continue;
                for (int[] set : parentSets(placed, x, size, cmax)) {
                    int[] cand = new int[set.length + 1];
                    cand[0] = x;
                    System.arraycopy(set, 0, cand, 1, set.length);
                    cx.add(cand);
                    scores.add(mutualInformation(codes, size, x, set, n));
                }
            }
            int pick;
            if (dp) {
                pick = Noise.exponential(scores.stream().mapToDouble(Double::doubleValue).toArray(), eStep, sens, false, rng);
                ledger.exponential("structure", sens, eStep, false);
            } else {
                pick = 0;
                for (int k = 1; k < scores.size(); k++) if (scores.get(k) > scores.get(pick) + 1e-12) pick = k;
            }
            int[] chosen = cx.get(pick);
            int x = chosen[0];
            order[step] = x;
            parents[x] = java.util.Arrays.copyOfRange(chosen, 1, chosen.length);
            in[x] = true;
            progress.update("learning the structure", step + 1, p);
        }

        // Conditionals: one (noisy) joint count table per attribute.
        double[][] cpt = new double[p][];
        double scale = 0;
        for (int j = 0; j < p; j++) if (dp) scale = ledger.laplace("conditionals", 2, eps[2] / p);
        for (int x : order) {
            int[] pa = parents[x];
            int configs = 1;
            for (int a : pa) configs *= size[a];
            double[] t = new double[configs * size[x]];
            for (int i = 0; i < n; i++) t[config(codes, pa, size, i) * size[x] + codes[x][i]]++;
            if (dp) {
                double total = 0;
                for (int c = 0; c < t.length; c++) { t[c] += Noise.laplace(scale, rng); total += t[c]; }
                t = Noise.normSub(t, Math.max(1, total));
            }
            cpt[x] = normalise(t, configs, size[x]);
        }
        return new FittedBayesNet(columns, dom, order, parents, cpt, dp ? epsilon : Double.POSITIVE_INFINITY, ledger.toJson());
    }

    static int config(int[][] codes, int[] pa, int[] size, int i) {
        int c = 0;
        for (int a : pa) c = c * size[a] + codes[a][i];
        return c;
    }

    /** Rows of P(x | config): each config's counts normalised; an empty config falls back to the marginal of x. */
    static double[] normalise(double[] t, int configs, int k) {
        double[] marginal = new double[k];
        double all = 0;
        for (int c = 0; c < configs; c++) for (int v = 0; v < k; v++) { marginal[v] += t[c * k + v]; all += t[c * k + v]; }
        double[] out = new double[t.length];
        for (int c = 0; c < configs; c++) {
            double s = 0;
            for (int v = 0; v < k; v++) s += t[c * k + v];
            for (int v = 0; v < k; v++) {
                out[c * k + v] = s > 0 ? t[c * k + v] / s : (all > 0 ? marginal[v] / all : 1.0 / k);
            }
        }
        return out;
    }

    /** The parent sets for x: all subsets of the placed attributes of the largest size ≤ degree whose table fits. */
    private List<int[]> parentSets(List<Integer> placed, int x, int[] size, double cmax) {
        for (int s = Math.min(degree, placed.size()); s >= 1; s--) {
            List<int[]> out = new ArrayList<>();
            subsets(placed, s, 0, new int[s], 0, x, size, cmax, out);
            if (!out.isEmpty()) return out;
        }
        List<int[]> none = new ArrayList<>();
        none.add(new int[0]);
        return none;
    }

    private static void subsets(List<Integer> placed, int s, int from, int[] cur, int depth, int x, int[] size, double cmax, List<int[]> out) {
        if (depth == s) {
            double cells = size[x];
            for (int a : cur) cells *= size[a];
            if (cells <= cmax) out.add(cur.clone());
            return;
        }
        for (int k = from; k < placed.size(); k++) {
            cur[depth] = placed.get(k);
            subsets(placed, s, k + 1, cur, depth + 1, x, size, cmax, out);
        }
    }

    /** I(X; Π) of the empirical distribution, in nats. */
    static double mutualInformation(int[][] codes, int[] size, int x, int[] pa, int n) {
        if (pa.length == 0) return 0;
        int configs = 1;
        for (int a : pa) configs *= size[a];
        int k = size[x];
        int[] joint = new int[configs * k];
        int[] cfgCount = new int[configs], xCount = new int[k];
        int[] cx = codes[x];
        for (int i = 0; i < n; i++) {
            int c = config(codes, pa, size, i);
            joint[c * k + cx[i]]++;
            cfgCount[c]++;
            xCount[cx[i]]++;
        }
        double mi = 0;
        for (int c = 0; c < configs; c++) {
            if (cfgCount[c] == 0) continue;
            for (int v = 0; v < k; v++) {
                int j = joint[c * k + v];
                if (j == 0) continue;
                mi += j * Math.log((double) j * n / ((double) cfgCount[c] * xCount[v]));
            }
        }
        return mi / n;
    }

    /** Loads a fitted network from its JSON body. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedBayesNet.fromJson(body, columns);
    }
}
