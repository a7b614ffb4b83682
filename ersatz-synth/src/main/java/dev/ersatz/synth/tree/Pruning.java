package dev.ersatz.synth.tree;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Minimal cost-complexity pruning with the complexity chosen by cross-validated held-out loss
 * (Breiman et al., "Classification and Regression Trees", 1984, ch. 3 and 8; rpart's {@code xerror}).
 *
 * <p>For a penalty α, the pruned subtree T(α) of a grown tree minimises R(T) + α·|leaves(T)|. It is
 * found bottom-up: C(t) = R(t) + α at a leaf, and an inner node is collapsed when
 * R(t) + α ≤ C(left) + C(right), else C(t) = C(left) + C(right). R is the training deviance
 * −Σ_c n_c ln(n_c/n) of a classification node and the squared error Σ (y − ȳ)² of a regression node.
 *
 * <p>α is chosen on a grid of {@value #GRID} values, α = c · R(root) with c log-spaced from
 * {@value #C_MIN} to {@value #C_MAX}, by K-fold cross-validation: a tree is grown on each K−1 folds,
 * pruned at every α, and scored on the held-out fold by its log-loss
 * −ln((n_y + π_y)/(n + 1)) (the leaf's class frequencies shrunk by one pseudo-row towards the training
 * fold's class shares π, so unseen classes cost a finite amount) or its squared error. The α with the
 * least total held-out loss prunes the tree grown on all rows (ties go to the larger α).
 *
 * <p>Why: a synthesizer draws values from leaves, and a leaf that reflects sampling noise rather than
 * structure makes synthetic rows resemble particular training rows. Choosing the tree size by held-out
 * likelihood keeps the splits that generalise, which is what separates learning a distribution from
 * memorising a sample.
 */
public final class Pruning {
    static final int GRID = 25;
    static final double C_MIN = 1e-6, C_MAX = 1e-1;

    private Pruning() {}

    /** A classification tree over {@code rows}, pruned at the cross-validated α ({@code folds} < 2: unpruned). */
    public static TreeGrower.Grown classification(Features fs, int[][] codes, double[][] values, int[] rows, int[] y, int classes,
                                                  int[] feats, TreeGrower.Params params, int folds, SplittableRandom rng) {
        Function<int[], TreeGrower.Grown> grow = r -> TreeGrower.classification(fs, codes, r, y, classes, null, feats, params, rng.split());
        return cv(grow, values, rows, folds, rng, g -> Stats.classification(g, y, classes), (st, node, row) -> st.logLoss(node, y[row]));
    }

    /** A regression tree over {@code rows}, pruned at the cross-validated α ({@code folds} < 2: unpruned). */
    public static TreeGrower.Grown regression(Features fs, int[][] codes, double[][] values, int[] rows, double[] y,
                                              int[] feats, TreeGrower.Params params, int folds, SplittableRandom rng) {
        Function<int[], TreeGrower.Grown> grow = r -> TreeGrower.regression(fs, codes, r, y, null, feats, params, rng.split());
        return cv(grow, values, rows, folds, rng, g -> Stats.regression(g, y), (st, node, row) -> st.squaredError(node, y[row]));
    }

    private interface Loss {
        double at(Stats st, int node, int row);
    }

    private static TreeGrower.Grown cv(Function<int[], TreeGrower.Grown> grow, double[][] values, int[] rows, int folds,
                                       SplittableRandom rng, Function<TreeGrower.Grown, Stats> stats, Loss loss) {
        TreeGrower.Grown full = grow.apply(rows);
        if (folds < 2 || full.tree().leaves() <= 1 || rows.length < 2 * folds) return full;
        int[] perm = rows.clone();
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        double[] total = new double[GRID];
        for (int k = 0; k < folds; k++) {
            int[] train = new int[perm.length - (perm.length - k + folds - 1) / folds];
            int[] test = new int[perm.length - train.length];
            int a = 0, b = 0;
            for (int i = 0; i < perm.length; i++) {
                if (i % folds == k) test[b++] = perm[i]; else train[a++] = perm[i];
            }
            Arrays.sort(train);
            TreeGrower.Grown g = grow.apply(train);
            Stats st = stats.apply(g);
            Tree tree = g.tree();
            int[][] paths = new int[test.length][];
            int[] buf = new int[tree.nodes()];
            for (int i = 0; i < test.length; i++) {
                int node = 0, len = 0;
                buf[len++] = node;
                while (tree.feature(node) >= 0) {
                    node = tree.child(node, values, test[i]);
                    buf[len++] = node;
                }
                paths[i] = Arrays.copyOf(buf, len);
            }
            for (int q = 0; q < GRID; q++) {
                boolean[] collapse = collapse(tree, st.risk, alpha(q) * st.risk[0]);
                double sum = 0;
                for (int i = 0; i < test.length; i++) {
                    int[] path = paths[i];
                    int at = path[path.length - 1];
                    for (int node : path) if (collapse[node]) { at = node; break; }
                    sum += loss.at(st, at, test[i]);
                }
                total[q] += sum;
            }
        }
        int best = 0;
        for (int q = 1; q < GRID; q++) if (total[q] <= total[best]) best = q;
        Stats st = stats.apply(full);
        boolean[] collapse = collapse(full.tree(), st.risk, alpha(best) * st.risk[0]);
        return prune(full, collapse);
    }

    static double alpha(int q) {
        return C_MIN * Math.pow(C_MAX / C_MIN, (double) q / (GRID - 1));
    }

    /** The nodes to collapse for penalty {@code alpha}, by the bottom-up rule above. */
    static boolean[] collapse(Tree tree, double[] risk, double alpha) {
        int n = tree.nodes();
        double[] c = new double[n];
        boolean[] out = new boolean[n];
        for (int t = n - 1; t >= 0; t--) {
            if (tree.feature(t) < 0) { c[t] = risk[t] + alpha; continue; }
            double sub = c[tree.left(t)] + c[tree.right(t)];
            double here = risk[t] + alpha;
            if (here <= sub) { out[t] = true; c[t] = here; } else c[t] = sub;
        }
        return out;
    }

    /** The grown tree with {@code collapse}d nodes turned into leaves, each holding the rows of the leaves it replaces. */
    public static TreeGrower.Grown prune(TreeGrower.Grown g, boolean[] collapse) {
        Tree old = g.tree();
        Tree pruned = old.prune(collapse);
        int[] start = new int[pruned.leaves() + 1];
        // Walk the old tree in the same order as prune(): new leaf k starts at the first old leaf of its node.
        int[] stack = new int[old.nodes() + 1];
        int sp = 0, k = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int node = stack[--sp];
            if (old.feature(node) < 0 || collapse[node]) {
                start[k++] = g.leafStart()[old.firstLeaf(node)];
                continue;
            }
            stack[sp++] = old.right(node);
            stack[sp++] = old.left(node);
        }
        start[k] = g.leafStart()[old.leaves()];
        return new TreeGrower.Grown(pruned, start, g.leafRows());
    }

    /** Per-node statistics of a grown tree: training risk and what the held-out loss needs. */
    static final class Stats {
        final double[] risk;
        final double[][] counts;
        final double[] prior;
        final double[] mean;
        final double[] total;

        private Stats(double[] risk, double[][] counts, double[] prior, double[] mean) {
            this.risk = risk;
            this.counts = counts;
            this.prior = prior;
            this.mean = mean;
            this.total = new double[risk.length];
            if (counts != null) {
                for (int t = 0; t < counts.length; t++) for (double v : counts[t]) total[t] += v;
            }
        }

        static Stats classification(TreeGrower.Grown g, int[] y, int classes) {
            Tree t = g.tree();
            int n = t.nodes();
            double[][] counts = new double[n][];
            for (int node = n - 1; node >= 0; node--) {
                double[] c = new double[classes];
                if (t.feature(node) < 0) {
                    int l = t.left(node);
                    for (int i = g.leafStart()[l]; i < g.leafStart()[l + 1]; i++) c[y[g.leafRows()[i]]]++;
                } else {
                    double[] a = counts[t.left(node)], b = counts[t.right(node)];
                    for (int k = 0; k < classes; k++) c[k] = a[k] + b[k];
                }
                counts[node] = c;
            }
            double[] risk = new double[n];
            for (int node = 0; node < n; node++) {
                double[] c = counts[node];
                double tot = 0, r = 0;
                for (double v : c) tot += v;
                for (double v : c) if (v > 0) r -= v * Math.log(v / tot);
                risk[node] = r;
            }
            double[] prior = counts[0].clone();
            double tot = 0;
            for (double v : prior) tot += v;
            for (int k = 0; k < classes; k++) prior[k] = (prior[k] + 1e-3) / (tot + 1e-3 * classes);
            return new Stats(risk, counts, prior, null);
        }

        static Stats regression(TreeGrower.Grown g, double[] y) {
            Tree t = g.tree();
            int n = t.nodes();
            double[] cnt = new double[n], sum = new double[n], ss = new double[n];
            double shift = 0;
            if (g.leafRows().length > 0) shift = y[g.leafRows()[0]];
            for (int node = n - 1; node >= 0; node--) {
                if (t.feature(node) < 0) {
                    int l = t.left(node);
                    for (int i = g.leafStart()[l]; i < g.leafStart()[l + 1]; i++) {
                        double v = y[g.leafRows()[i]] - shift;
                        cnt[node]++;
                        sum[node] += v;
                        ss[node] += v * v;
                    }
                } else {
                    int a = t.left(node), b = t.right(node);
                    cnt[node] = cnt[a] + cnt[b];
                    sum[node] = sum[a] + sum[b];
                    ss[node] = ss[a] + ss[b];
                }
            }
            double[] risk = new double[n], mean = new double[n];
            for (int node = 0; node < n; node++) {
                risk[node] = cnt[node] == 0 ? 0 : Math.max(0, ss[node] - sum[node] * sum[node] / cnt[node]);
                mean[node] = cnt[node] == 0 ? shift : shift + sum[node] / cnt[node];
            }
            return new Stats(risk, null, null, mean);
        }

        double logLoss(int node, int cls) {
            return -Math.log((counts[node][cls] + prior[cls]) / (total[node] + 1));
        }

        double squaredError(int node, double y) {
            double d = y - mean[node];
            return d * d;
        }
    }
}
