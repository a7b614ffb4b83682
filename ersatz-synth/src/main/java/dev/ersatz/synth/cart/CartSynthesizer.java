package dev.ersatz.synth.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.Options;
import dev.ersatz.synth.Synthesizer;
import dev.ersatz.synth.tree.Features;
import dev.ersatz.synth.tree.Parallel;
import dev.ersatz.synth.tree.Pruning;
import dev.ersatz.synth.tree.TreeGrower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sequential CART synthesis ({@code cart}), synthpop's method with privacy built in.
 *
 * <p>Method (Reiter, "Using CART to generate partially synthetic public use microdata", J. Official
 * Statistics 21(3), 2005; Nowok, Raab and Dibben, "synthpop: Bespoke creation of synthetic data in
 * R", J. Statistical Software 74(11), 2016). The joint distribution is factorised along a visit order,
 * p(x) = p(x_1) Π_j p(x_j | x_1 … x_{j−1}), and each conditional is a CART tree fitted to the data
 * (Gini for categories, squared error for numbers; {@link TreeGrower}). Sampling visits the columns
 * in the same order: a row drops down column j's tree on the values already drawn for it, and draws
 * x_j from the training values in the leaf it lands in. The first column's tree is a single leaf,
 * its marginal.
 *
 * <p>Each conditional is a small bagged ensemble rather than one tree: {@code trees} trees, each grown
 * on a random {@code subsample} of the rows (without replacement), and every synthetic row draws from
 * a tree picked at random, i.e. from the mixture (1/B) Σ_b p_b(x_j | x_1 … x_{j−1}). Bagging
 * (Breiman, "Bagging predictors", Machine Learning 24, 1996) lowers the variance of each conditional:
 * a single deep tree reproduces the sampling noise of the particular rows in its leaves, which is what
 * lets a distance-to-closest-record test tell synthetic rows from fresh ones, while a mixture of trees
 * over different half-samples keeps the structure they agree on. Measured on adult (50/50 split, see
 * BENCHMARKS.md), five half-sample trees beat one full-data tree on fidelity and privacy at once.
 * The defaults (eight trees, {@code cp} = 3·10⁻⁴, {@code minLeaf} 10) were tuned on adult against the
 * evaluator, two fit seeds per setting: a smaller {@code cp} grows deeper trees, which lowers the
 * detection AUC and raises the DCR share (5·10⁻⁴: 0.566 / 0.513; 3·10⁻⁴: 0.540 / 0.519; 10⁻⁴: 0.511 /
 * 0.544; with eight trees at 3·10⁻⁴: 0.541 / 0.512). Hierarchical shrinkage of leaf distributions
 * towards their ancestors and larger leaves were tried and moved along the same trade-off, not past it.
 * Tree size is controlled by {@code minLeaf} and the complexity parameter {@code cp}; with
 * {@code folds ≥ 2} it is instead chosen per tree by cross-validated held-out likelihood
 * ({@link Pruning}), which is principled but costs {@code folds} extra trees and measured no better.
 *
 * <p>Privacy, beyond synthpop's defaults:
 * <ul>
 *   <li>every leaf holds at least {@code minLeaf} training rows (default 10, synthpop 5), so a drawn
 *       value is always one of at least that many candidates;</li>
 *   <li>numeric values seen fewer than {@code atomMin} times in the column are never replayed: they
 *       are spread over their Voronoi cell among the leaf's values ({@link NumericLeaves});</li>
 *   <li>categories seen fewer than the metadata's {@code minCategoryCount} times never reach the model
 *       (the categorical codec replaces them);</li>
 *   <li>the visit order is chosen from the data ({@link VisitOrder}): related columns predict one
 *       another, and columns related to nothing (weights, noise) come last, where their trees find
 *       little to split on and draw them nearly from their marginal.</li>
 * </ul>
 *
 * <p>Missing values. A categorical column's missing value is one more class. A numeric column with
 * missing values gets two steps: a classification tree for "missing or not", then a regression tree
 * for the value, fitted on the rows where it is present. As a predictor, missing sorts below every
 * number, so a split can separate missing from present values.
 *
 * <p>Fitting grows the trees of all steps in parallel (they are independent given the data); each
 * step draws its subsamples from its own stream split from the seed before any work starts, so the
 * model is byte-identical on any number of threads. Conditional sampling: {@link FittedCart}.
 */
public record CartSynthesizer(int minLeaf, double cp, int maxDepth, int folds, int trees, double subsample, int atomMin, boolean smooth, List<String> order)
        implements Synthesizer {

    public static final int DEFAULT_MIN_LEAF = 10;
    public static final double DEFAULT_CP = 3e-4;
    public static final int DEFAULT_MAX_DEPTH = 30;
    public static final int DEFAULT_FOLDS = 0;
    public static final int DEFAULT_TREES = 8;
    public static final double DEFAULT_SUBSAMPLE = 0.5;
    public static final int DEFAULT_ATOM_MIN = 5;

    public CartSynthesizer {
        if (minLeaf < 1) throw new InputException("--option", -1, null, "minLeaf=" + minLeaf, "minLeaf must be at least 1");
        if (!(cp >= 0 && cp < 1)) throw new InputException("--option", -1, null, "cp=" + cp, "cp must be in [0, 1)");
        if (maxDepth < 0) throw new InputException("--option", -1, null, "maxDepth=" + maxDepth, "maxDepth must not be negative");
        if (folds < 0 || folds == 1) throw new InputException("--option", -1, null, "folds=" + folds, "folds must be 0 (no pruning) or at least 2");
        if (trees < 1) throw new InputException("--option", -1, null, "trees=" + trees, "trees must be at least 1");
        if (!(subsample > 0 && subsample <= 1)) throw new InputException("--option", -1, null, "subsample=" + subsample, "subsample must be in (0, 1]");
        if (atomMin < 1) throw new InputException("--option", -1, null, "atomMin=" + atomMin, "atomMin must be at least 1");
        order = List.copyOf(order);
    }

    /** CART with default options. */
    public CartSynthesizer() {
        this(DEFAULT_MIN_LEAF, DEFAULT_CP, DEFAULT_MAX_DEPTH, DEFAULT_FOLDS, DEFAULT_TREES, DEFAULT_SUBSAMPLE, DEFAULT_ATOM_MIN, true, List.of());
    }

    /** Builds CART from key/value options: minLeaf, cp, maxDepth, atomMin, smooth, order (columns visited first). */
    public static CartSynthesizer fromOptions(Map<String, String> options) {
        Options o = Options.of("cart", options, "minLeaf", "cp", "maxDepth", "folds", "trees", "subsample", "atomMin", "smooth", "order");
        return new CartSynthesizer(o.intValue("minLeaf", DEFAULT_MIN_LEAF, 1, Integer.MAX_VALUE),
                o.doubleValue("cp", DEFAULT_CP, 0, 0.999), o.intValue("maxDepth", DEFAULT_MAX_DEPTH, 0, 1000), o.intValue("folds", DEFAULT_FOLDS, 0, 20),
                o.intValue("trees", DEFAULT_TREES, 1, 100), o.doubleValue("subsample", DEFAULT_SUBSAMPLE, 0.05, 1.0),
                o.intValue("atomMin", DEFAULT_ATOM_MIN, 1, Integer.MAX_VALUE), o.boolValue("smooth", true), o.list("order"));
    }

    @Override
    public String name() {
        return "cart";
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        o.put("minLeaf", minLeaf);
        o.put("cp", cp);
        o.put("maxDepth", maxDepth);
        o.put("folds", folds);
        o.put("trees", trees);
        o.put("subsample", subsample);
        o.put("atomMin", atomMin);
        o.put("smooth", smooth);
        ArrayNode a = o.putArray("order");
        order.forEach(a::add);
        return o;
    }

    private record Spec(int column, FittedCart.Kind kind, int[] predictors) {}

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        int p = columns.size();
        Features fs = Features.of(data, columns);
        int[][] codes = fs.encode(data);
        int[] visit = VisitOrder.choose(columns, fs, codes, order);
        double[][] values = Features.values(data);
        List<Spec> specs = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            int j = visit[k];
            int[] before = Arrays.copyOf(visit, k);
            if (columns.get(j).categorical()) {
                specs.add(new Spec(j, FittedCart.Kind.CATEGORICAL, before));
            } else {
                int missing = data.column(j).missingCount();
                if (missing == n) {
                    specs.add(new Spec(j, FittedCart.Kind.ALL_MISSING, before));
                    continue;
                }
                if (missing > 0) specs.add(new Spec(j, FittedCart.Kind.MISSING, before));
                specs.add(new Spec(j, FittedCart.Kind.NUMERIC, before));
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        TreeGrower.Params params = new TreeGrower.Params(minLeaf, cp, maxDepth, 0, false);
        SplittableRandom root = new SplittableRandom(seed);
        long[] stepSeeds = new long[specs.size()];
        for (int s = 0; s < stepSeeds.length; s++) stepSeeds[s] = root.nextLong();
        int b = trees;
        List<FittedCart.Step> steps = Parallel.map(specs.size(), s -> {
            Spec sp = specs.get(s);
            int j = sp.column;
            SplittableRandom rng = new SplittableRandom(stepSeeds[s]);
            int missingLevel = columns.get(j).categorical() ? columns.get(j).levels().size() : 1;
            if (sp.kind == FittedCart.Kind.ALL_MISSING) return new FittedCart.Step(j, sp.kind, null, null, null, null, missingLevel);
            double[] v = columns.get(j).categorical() ? null : ((NumericColumn) data.column(j)).values();
            int[] rows = sp.kind == FittedCart.Kind.NUMERIC ? java.util.stream.IntStream.range(0, n).filter(i -> !Double.isNaN(v[i])).toArray() : all;
            dev.ersatz.synth.tree.Tree[] ts = new dev.ersatz.synth.tree.Tree[b];
            ClassLeaves[] cl = sp.kind == FittedCart.Kind.NUMERIC ? null : new ClassLeaves[b];
            NumericLeaves[] nl = sp.kind == FittedCart.Kind.NUMERIC ? new NumericLeaves[b] : null;
            double[] atoms = v == null ? null : atoms(v, atomMin);
            int[] y = null;
            int classes = 2;
            if (sp.kind == FittedCart.Kind.CATEGORICAL) { y = codes[j]; classes = fs.levels(j); }
            else if (sp.kind == FittedCart.Kind.MISSING) {
                y = new int[n];
                for (int i = 0; i < n; i++) y[i] = Double.isNaN(v[i]) ? 1 : 0;
            }
            for (int t = 0; t < b; t++) {
                int[] r = subsample < 1 ? subsample(rows, subsample, rng) : rows;
                TreeGrower.Grown g = y != null
                        ? Pruning.classification(fs, codes, values, r, y, classes, sp.predictors, params, folds, rng)
                        : Pruning.regression(fs, codes, values, r, v, sp.predictors, params, folds, rng);
                ts[t] = g.tree();
                if (y != null) cl[t] = ClassLeaves.of(g, y, classes); else nl[t] = NumericLeaves.of(g, v, atoms, smooth);
            }
            return new FittedCart.Step(j, sp.kind, ts, cl, nl, atoms, missingLevel);
        }, progress, "fitting trees");
        return new FittedCart(columns, steps, visit, smooth);
    }

    /** A sorted random subset of {@code rows} of the given share (without replacement). */
    static int[] subsample(int[] rows, double share, SplittableRandom rng) {
        int m = Math.max(1, (int) Math.round(rows.length * share));
        int[] a = rows.clone();
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        int[] out = Arrays.copyOf(a, m);
        Arrays.sort(out);
        return out;
    }

    /** The values that at least {@code atomMin} rows share, sorted. */
    static double[] atoms(double[] v, int atomMin) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        double[] out = new double[s.length];
        int k = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) j++;
            if (j - i >= atomMin) out[k++] = s[i];
            i = j;
        }
        return Arrays.copyOf(out, k);
    }

    /** Loads a fitted CART model from its JSON body. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedCart.fromJson(body, columns);
    }
}
