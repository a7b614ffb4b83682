package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The three re-identification attacks of the GDPR's anonymisation criteria (Article 29 Working Party,
 * Opinion 05/2014), run as Anonymeter runs them (Giomi et al., "A Unified Framework for Quantifying
 * Privacy Risk in Synthetic Data", PoPETs 2023): an attacker who holds only the synthetic table
 * attacks the real training rows (<b>main</b> attack); the same attack against a real holdout the
 * generator never saw (<b>control</b>) measures what the attacker learns about the population rather
 * than about the training rows; a <b>baseline</b> attacker guesses at random (an attack that does not
 * beat it measures nothing).
 *
 * <p>Success rates use the Wilson score interval at 95% ({@code z = Φ⁻¹(0.975)}):
 * {@code rate = (k + z²/2)/(n + z²)}, {@code error = z/(n + z²) · sqrt(k(n − k)/n + z²/4)}. The risk is
 * the main attack's success beyond the control's, as a share of what the control left to gain:
 * <pre>  risk = (main − control) / (1 − control)</pre>
 * with its error propagated from both rates, clipped to [0, 1] with its interval. Range [0, 1], lower is
 * better; 0 means the synthetic data tells the attacker nothing about the training rows that it does
 * not tell about anyone else in the population.
 *
 * <ul>
 *   <li><b>Singling out</b>: the attacker writes queries from the synthetic rows that match exactly one
 *       synthetic row (univariate: a value seen once, the minimum or maximum of a column, the only missing
 *       cell; multivariate: the values of one synthetic row in 3 random columns, as {@code ≥} above and
 *       {@code ≤} below the column's median, {@code =} for categories), and succeeds when a query matches
 *       exactly one training row. Tables are de-duplicated first. When the holdout and the training table
 *       differ in size, the control successes are rescaled by Anonymeter's fitted model of how singling
 *       out depends on the table size (Cohen and Nissim 2020).</li>
 *   <li><b>Linkability</b>: the columns are split in two halves (see {@link #halves}); for a target row, the
 *       nearest synthetic row on one half and the nearest on the other are found; the attack succeeds
 *       when they are the same synthetic row, linking the two halves of the target.</li>
 *   <li><b>Attribute inference</b>: for each column as the secret, the attacker knows a target's other
 *       columns, takes the secret of the nearest synthetic row, and succeeds when it is right (equal
 *       category, or a number within 5% of the guess).</li>
 * </ul>
 * Nearest rows use the {@link Gower} distance with ranges over all tables (Anonymeter scales by the
 * range over the synthetic and target rows); missing cells are equal to each other and at distance 1
 * from any value. Ties go to the first synthetic row.
 */
final class Attacks {
    /** Anonymeter's default number of attacks per evaluation. */
    static final int ATTACKS = 500;
    /** Anonymeter's default number of columns in a multivariate singling-out query. */
    static final int QUERY_COLUMNS = 3;
    /** Multivariate query generation stops after this many attempts per requested query. */
    static final int ATTEMPTS_PER_QUERY = 100;
    /** Anonymeter's tolerance for a numeric secret. */
    static final double TOLERANCE = 0.05;
    static final double Z95 = 1.959963984540054;

    private Attacks() {}

    /** A success rate with its Wilson error; {@code successes} may be fractional after a size correction. */
    record Rate(double successes, double rate, double error) {}

    /**
     * One attack's outcome.
     *
     * @param error the risk's propagated 95% half-width, before clipping to [0, 1]
     * @param weak  whether the main attack did not beat the random baseline (Anonymeter warns the result
     *              cannot be trusted then)
     */
    record Attack(String name, int attacks, Rate main, Rate control, Rate baseline, double risk, double low, double high,
                  double error, boolean weak) {}

    /** Anonymeter's {@code success_rate}: the Wilson centre and half-width at 95%. */
    static Rate rate(int n, double k) {
        double z2 = Z95 * Z95;
        double var = n == 0 ? 0 : k * (n - k) / n;
        double denominator = n + z2;
        return new Rate(k, (k + 0.5 * z2) / denominator, Z95 / denominator * Math.sqrt(Math.max(0, var) + 0.25 * z2));
    }

    /** The risk of an attack from its success counts (Anonymeter's {@code residual_success} and {@code bind_value}). */
    static Attack result(String name, int n, double main, double control, double baseline) {
        Rate m = rate(n, main), c = rate(n, control), b = rate(n, baseline);
        double risk, error;
        if (c.rate() >= 1) {
            risk = 0;
            error = 0;
        } else {
            risk = (m.rate() - c.rate()) / (1 - c.rate());
            double dMain = 1 / Math.abs(1 - c.rate()), dControl = (m.rate() - 1) / ((1 - c.rate()) * (1 - c.rate()));
            error = Math.sqrt(Math.pow(m.error() * dMain, 2) + Math.pow(c.error() * dControl, 2));
        }
        return new Attack(name, n, m, c, b, clip(risk), clip(risk - error), clip(risk + error), error, b.rate() >= m.rate());
    }

    /**
     * Whether an attack's risk is above zero once {@code family} attacks are read together: its lower bound
     * at the Bonferroni-adjusted level, {@code risk − error · z(1 − 0.025/family) / z(0.975)}, is positive.
     * With 18 attacks on data that leaks nothing, one 95% interval in three would miss 0 by chance; this
     * keeps the chance of any false alarm at 5%.
     */
    static boolean distinguishable(Attack a, int family) {
        double z = new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                .inverseCumulativeProbability(1 - 0.025 / Math.max(1, family));
        double raw = a.risk() > 0 ? a.risk() : 0;
        return raw - a.error() / Z95 * z > 0;
    }

    private static double clip(double x) {
        return Math.min(1, Math.max(0, x));
    }

    // ---------------------------------------------------------------- singling out

    private static final byte IS_NULL = 0, NOT_NULL = 1, EQ = 2, NE = 3, GT = 4, LT = 5, GE = 6, LE = 7;

    /** A conjunction of predicates on single columns. */
    record Query(int[] feature, byte[] op, double[] value) {
        String key() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < feature.length; i++) sb.append(feature[i]).append(':').append(op[i]).append(':').append(value[i]).append(';');
            return sb.toString();
        }
    }

    /**
     * A table's rows as the query evaluator reads them: each feature's values copied out for these rows,
     * so that a scan reads plain arrays in order.
     */
    static final class View {
        final EvalData data;
        final Role role;
        /** The table rows in this view. */
        final int[] rows;
        private final double[][] num;
        private final int[][] cat;

        View(EvalData data, Role role, int[] rows) {
            this.data = data;
            this.role = role;
            this.rows = rows;
            int nf = data.features.size();
            num = new double[nf][];
            cat = new int[nf][];
            for (int fi = 0; fi < nf; fi++) {
                Feature f = data.features.get(fi);
                if (f.numeric) {
                    double[] src = f.values[role.ordinal()], v = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) v[i] = src[rows[i]];
                    num[fi] = v;
                } else {
                    int[] src = f.codes[role.ordinal()], v = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) v[i] = src[rows[i]];
                    cat[fi] = v;
                }
            }
        }

        int size() {
            return rows.length;
        }

        /** The value of a view row as a double: the number, or the code ({@code NaN} for missing). */
        double value(int feature, int i) {
            if (num[feature] != null) return num[feature][i];
            int c = cat[feature][i];
            return c < 0 ? Double.NaN : c;
        }

        boolean matches(Query q, int i) {
            int[] features = q.feature;
            for (int p = 0; p < features.length; p++) {
                int fi = features[p];
                byte op = q.op[p];
                double[] nv = num[fi];
                if (nv != null) {
                    double x = nv[i];
                    boolean missing = x != x;
                    if (op == IS_NULL) { if (!missing) return false; continue; }
                    if (op == NOT_NULL) { if (missing) return false; continue; }
                    // A comparison with a missing cell is null, which never matches (as in polars).
                    if (missing) return false;
                    double v = q.value[p];
                    boolean ok = switch (op) {
                        case EQ -> x == v;
                        case NE -> x != v;
                        case GT -> x > v;
                        case LT -> x < v;
                        case GE -> x >= v;
                        default -> x <= v;
                    };
                    if (!ok) return false;
                } else {
                    int c = cat[fi][i];
                    if (op == IS_NULL) { if (c >= 0) return false; continue; }
                    if (op == NOT_NULL) { if (c < 0) return false; continue; }
                    if (c < 0) return false;
                    int v = (int) q.value[p];
                    if (op == EQ ? c != v : c == v) return false;
                }
            }
            return true;
        }

        /** How many rows match, counting no further than {@code limit}. */
        int count(Query q, int limit) {
            int k = 0;
            for (int i = 0, n = rows.length; i < n && k < limit; i++) if (matches(q, i)) k++;
            return k;
        }

        /** The view rows (positions) that match. */
        int[] matching(Query q) {
            int[] out = new int[8];
            int k = 0;
            for (int i = 0, n = rows.length; i < n; i++) {
                if (!matches(q, i)) continue;
                if (k == out.length) out = Arrays.copyOf(out, 2 * k);
                out[k++] = i;
            }
            return Arrays.copyOf(out, k);
        }
    }

    /** The singling-out attack, univariate or multivariate. */
    static Attack singlingOut(EvalData data, boolean multivariate, int attacks, long seed) {
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, multivariate ? "singling-out-multivariate" : "singling-out-univariate"));
        View ori = new View(data, Role.REAL, Distances.distinctRows(data, Role.REAL));
        View syn = new View(data, Role.SYNTHETIC, Distances.distinctRows(data, Role.SYNTHETIC));
        View control = new View(data, Role.HOLDOUT, Distances.distinctRows(data, Role.HOLDOUT));
        int cols = multivariate ? Math.min(QUERY_COLUMNS, data.features.size()) : 1;
        List<Query> queries = multivariate ? multivariateQueries(syn, attacks, cols, rng.split()) : univariateQueries(syn, attacks, rng.split());
        int n = queries.size();
        String name = multivariate ? "singling out (multivariate)" : "singling out (univariate)";
        if (n == 0) return null;
        int main = 0, ctl = 0, base = 0;
        for (Query q : queries) {
            if (ori.count(q, 2) == 1) main++;
            if (control.count(q, 2) == 1) ctl++;
        }
        List<Query> random = randomQueries(syn, n, cols, rng.split());
        for (Query q : random) if (ori.count(q, 2) == 1) base++;
        double controlSuccesses = ctl;
        if (ctl > 0 && ori.size() != control.size()) {
            controlSuccesses = ctl * sizeCorrection(control, queries, ori.size(), rng.split());
        }
        return result(name, n, main, controlSuccesses, base);
    }

    /** Queries from values seen once, column extremes and lone missing cells of the synthetic table. */
    private static List<Query> univariateQueries(View syn, int wanted, SplittableRandom rng) {
        List<Query> candidates = new ArrayList<>();
        List<Integer> singles = new ArrayList<>();
        EvalData data = syn.data;
        for (int fi = 0; fi < data.features.size(); fi++) {
            Feature f = data.features.get(fi);
            int missing = 0;
            Map<Double, Integer> counts = new HashMap<>();
            List<Double> order = new ArrayList<>();
            for (int i = 0; i < syn.size(); i++) {
                double v = syn.value(fi, i);
                if (Double.isNaN(v)) {
                    missing++;
                    continue;
                }
                if (counts.merge(v, 1, Integer::sum) == 1) order.add(v);
            }
            if (missing == 1) add(candidates, singles, fi, IS_NULL, 0, 1);
            if (f.numeric && !order.isEmpty()) {
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (double v : order) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                add(candidates, singles, fi, LE, min, counts.get(min));
                add(candidates, singles, fi, GE, max, counts.get(max));
            }
            for (double v : order) if (counts.get(v) == 1) add(candidates, singles, fi, EQ, v, 1);
        }
        // Shuffle, then keep the distinct queries that single out a synthetic row (known from the counts).
        int[] perm = Stats.permutation(candidates.size(), rng);
        List<Query> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int p : perm) {
            if (out.size() >= wanted) break;
            if (singles.get(p) != 1) continue;
            Query q = candidates.get(p);
            if (seen.add(q.key())) out.add(q);
        }
        return out;
    }

    private static void add(List<Query> out, List<Integer> counts, int feature, byte op, double value, int count) {
        out.add(new Query(new int[] {feature}, new byte[] {op}, new double[] {value}));
        counts.add(count);
    }

    /** Queries from one synthetic row's values in {@code cols} random columns, kept when they single out a synthetic row. */
    private static List<Query> multivariateQueries(View syn, int wanted, int cols, SplittableRandom rng) {
        EvalData data = syn.data;
        int nf = data.features.size();
        double[] medians = new double[nf];
        for (int fi = 0; fi < nf; fi++) {
            Feature f = data.features.get(fi);
            if (!f.numeric) continue;
            double[] v = new double[syn.size()];
            int n = 0;
            for (int i = 0; i < syn.size(); i++) {
                double x = syn.value(fi, i);
                if (!Double.isNaN(x)) v[n++] = x;
            }
            medians[fi] = Stats.median(Arrays.copyOf(v, n));
        }
        List<Query> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long maxAttempts = (long) ATTEMPTS_PER_QUERY * wanted;
        for (long attempt = 0; attempt < maxAttempts && out.size() < wanted && syn.size() > 0; attempt++) {
            int r = rng.nextInt(syn.size());
            int[] chosen = Arrays.copyOf(Stats.permutation(nf, rng), cols);
            Arrays.sort(chosen);
            byte[] ops = new byte[cols];
            double[] values = new double[cols];
            for (int i = 0; i < cols; i++) {
                Feature f = data.features.get(chosen[i]);
                double x = syn.value(chosen[i], r);
                if (Double.isNaN(x)) {
                    ops[i] = IS_NULL;
                } else {
                    ops[i] = f.numeric ? (x > medians[chosen[i]] ? GE : LE) : EQ;
                    values[i] = x;
                }
            }
            Query q = new Query(chosen, ops, values);
            if (syn.count(q, 2) == 1 && seen.add(q.key())) out.add(q);
        }
        return out;
    }

    /** The baseline: queries on random columns with random values of the synthetic table and random operators. */
    private static List<Query> randomQueries(View syn, int n, int cols, SplittableRandom rng) {
        EvalData data = syn.data;
        int nf = data.features.size();
        double[][] values = new double[nf][];
        for (int fi = 0; fi < nf; fi++) {
            Feature f = data.features.get(fi);
            Set<Double> distinct = new java.util.TreeSet<>();
            boolean missing = false;
            for (int i = 0; i < syn.size(); i++) {
                double x = syn.value(fi, i);
                if (Double.isNaN(x)) missing = true; else distinct.add(x);
            }
            double[] v = new double[distinct.size() + (missing ? 1 : 0)];
            int k = 0;
            for (double x : distinct) v[k++] = x;
            if (missing) v[k] = Double.NaN;
            values[fi] = v;
        }
        List<Query> out = new ArrayList<>();
        byte[] catOps = {EQ, NE}, numOps = {EQ, NE, GT, LT, GE, LE};
        for (int i = 0; i < n; i++) {
            int[] chosen = Arrays.copyOf(Stats.permutation(nf, rng), cols);
            Arrays.sort(chosen);
            byte[] ops = new byte[cols];
            double[] vals = new double[cols];
            for (int j = 0; j < cols; j++) {
                double[] pool = values[chosen[j]];
                double v = pool.length == 0 ? Double.NaN : pool[rng.nextInt(pool.length)];
                byte[] opsOf = data.features.get(chosen[j]).numeric ? numOps : catOps;
                byte op = opsOf[rng.nextInt(opsOf.length)];
                // A missing value makes Anonymeter's random query "not null".
                ops[j] = Double.isNaN(v) ? NOT_NULL : op;
                vals[j] = Double.isNaN(v) ? 0 : v;
            }
            out.add(new Query(chosen, ops, vals));
        }
        return out;
    }

    /**
     * Anonymeter's correction for a control table of another size than the training table: the number of
     * queries that single out is measured on random subsets of the control table (10 sizes from
     * min(1000, n) to n, 5 repeats), the model {@code s(n) = norm · ((1 − (n w + 1)(1 − w)ⁿ) / (n + 1))}
     * (the singling-out probability {@code n w (1 − w)ⁿ⁻¹} integrated over query weights up to w) is fitted
     * by least squares, and the control successes are scaled by {@code s(n_train) / s(n_control)}.
     */
    static double sizeCorrection(View control, List<Query> queries, int trainSize, SplittableRandom rng) {
        int n = control.size();
        int minRows = Math.min(1000, n);
        // Each query's matches in the whole control table, once; a subset's count is then a lookup.
        List<int[]> matches = new ArrayList<>();
        for (Query q : queries) matches.add(control.matching(q));
        List<double[]> points = new ArrayList<>();
        boolean[] in = new boolean[n];
        for (int s = 0; s < 10; s++) {
            int size = (int) (minRows + (double) (n - minRows) * s / 9);
            for (int rep = 0; rep < 5; rep++) {
                int[] pick = Stats.sample(n, size, rng.split());
                Arrays.fill(in, false);
                for (int i : pick) in[i] = true;
                int k = 0;
                for (int[] mt : matches) {
                    int c = 0;
                    for (int i : mt) if (in[i] && ++c > 1) break;
                    if (c == 1) k++;
                }
                points.add(new double[] {size, k});
            }
        }
        double[] fit = fitSinglingOutModel(points);
        double atTrain = model(trainSize, fit[0], fit[1]), atControl = model(n, fit[0], fit[1]);
        return atControl > 0 ? atTrain / atControl : 1;
    }

    /** {@code norm · ∫₀^w n v (1 − v)ⁿ⁻¹ dv}. */
    static double model(double n, double w, double norm) {
        return norm * (1 - (n * w + 1) * Math.pow(1 - w, n)) / (n + 1);
    }

    /**
     * Least-squares fit of (w, norm) to (size, successes) points: for each w the best norm is closed-form,
     * and w is searched on a log grid over (0, 1] then refined by golden section. Deterministic.
     */
    static double[] fitSinglingOutModel(List<double[]> points) {
        double bestW = 1, bestNorm = 0, bestErr = Double.POSITIVE_INFINITY;
        int grid = 400;
        for (int g = 0; g <= grid; g++) {
            double w = Math.pow(10, -9 + 9.0 * g / grid);
            double[] r = fitNorm(points, w);
            if (r[1] < bestErr) {
                bestErr = r[1];
                bestW = w;
                bestNorm = r[0];
            }
        }
        double lo = Math.log10(bestW) - 9.0 / grid, hi = Math.min(0, Math.log10(bestW) + 9.0 / grid);
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 60; it++) {
            double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
            if (fitNorm(points, Math.pow(10, a))[1] < fitNorm(points, Math.pow(10, b))[1]) hi = b; else lo = a;
        }
        double w = Math.pow(10, (lo + hi) / 2);
        double[] r = fitNorm(points, w);
        if (r[1] <= bestErr) return new double[] {w, r[0]};
        return new double[] {bestW, bestNorm};
    }

    private static double[] fitNorm(List<double[]> points, double w) {
        double sfy = 0, sff = 0;
        for (double[] p : points) {
            double f = model(p[0], w, 1);
            sfy += f * p[1];
            sff += f * f;
        }
        double norm = sff == 0 ? 0 : Math.max(0, sfy / sff);
        double err = 0;
        for (double[] p : points) {
            double d = p[1] - norm * model(p[0], w, 1);
            err += d * d;
        }
        return new double[] {norm, err};
    }

    // ---------------------------------------------------------------- linkability

    /** The linkability attack; null with fewer than two columns. */
    static Attack linkability(EvalData data, int attacks, long seed, Parallel parallel) {
        int nf = data.features.size();
        if (nf < 2) return null;
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, "linkability"));
        int n = Math.min(attacks, Math.min(data.rows(Role.REAL), data.rows(Role.HOLDOUT)));
        int nSyn = data.rows(Role.SYNTHETIC);
        if (n == 0 || nSyn == 0) return null;
        int[][] halves = halves(data);
        int[] a = halves[0], b = halves[1];
        int[] mainTargets = Stats.sample(data.rows(Role.REAL), n, rng.split());
        int[] controlTargets = Stats.sample(data.rows(Role.HOLDOUT), n, rng.split());
        int main = links(data, a, b, Role.REAL, mainTargets, parallel);
        int control = links(data, a, b, Role.HOLDOUT, controlTargets, parallel);
        int base = 0;
        SplittableRandom r = rng.split();
        for (int i = 0; i < n; i++) if (r.nextInt(nSyn) == r.nextInt(nSyn)) base++;
        return result("linkability", n, main, control, base);
    }

    /**
     * The attacker's two halves of the columns: the columns ranked by how many distinct values they have in
     * the real table, dealt alternately, so that both halves get identifying columns (the worst case;
     * Anonymeter leaves the split to its user). With a half of only coarse columns, many synthetic rows tie
     * as its nearest and no link can be made, even to an exact copy.
     */
    static int[][] halves(EvalData data) {
        int nf = data.features.size();
        int[] distinct = new int[nf];
        for (int i = 0; i < nf; i++) {
            Feature f = data.features.get(i);
            if (f.numeric) {
                double[] v = ColumnMetrics.sortedPresent(f.values[Role.REAL.ordinal()]);
                int k = 0;
                for (int j = 0; j < v.length; j++) if (j == 0 || v[j] != v[j - 1]) k++;
                distinct[i] = k;
            } else {
                distinct[i] = f.realLevels;
            }
        }
        Integer[] order = new Integer[nf];
        for (int i = 0; i < nf; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> distinct[x] != distinct[y] ? Integer.compare(distinct[y], distinct[x]) : Integer.compare(x, y));
        int[] a = new int[(nf + 1) / 2], b = new int[nf / 2];
        for (int r = 0; r < nf; r++) {
            if (r % 2 == 0) a[r / 2] = order[r]; else b[r / 2] = order[r];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return new int[][] {a, b};
    }

    private static int links(EvalData data, int[] a, int[] b, Role role, int[] targets, Parallel parallel) {
        int[] nearA = nearestSynthetic(data, a, role, targets, parallel), nearB = nearestSynthetic(data, b, role, targets, parallel);
        int k = 0;
        for (int i = 0; i < targets.length; i++) if (nearA[i] == nearB[i]) k++;
        return k;
    }

    private static int[] nearestSynthetic(EvalData data, int[] features, Role role, int[] targets, Parallel parallel) {
        Gower.Rows syn = Gower.Rows.of(data, features, Role.SYNTHETIC, null);
        double[] ranges = Gower.ranges(syn, Gower.Rows.of(data, features, Role.REAL, null), Gower.Rows.of(data, features, Role.HOLDOUT, null));
        return new Gower(syn, ranges).nearest(Gower.Rows.of(data, features, role, targets), parallel).index();
    }

    // ---------------------------------------------------------------- attribute inference

    /** The inference attack with each column in turn as the secret, in feature order. */
    static List<Attack> inference(EvalData data, int attacks, long seed, Parallel parallel) {
        int nf = data.features.size();
        int nSyn = data.rows(Role.SYNTHETIC);
        int n = Math.min(attacks, Math.min(nSyn, Math.min(data.rows(Role.REAL), data.rows(Role.HOLDOUT))));
        List<Attack> out = new ArrayList<>();
        if (nf < 2 || n == 0) return out;
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, "inference"));
        int[] all = Stats.range(nf);
        int[] mainTargets = Stats.sample(data.rows(Role.REAL), n, rng.split());
        int[] controlTargets = Stats.sample(data.rows(Role.HOLDOUT), n, rng.split());
        Gower.Rows syn = Gower.Rows.of(data, all, Role.SYNTHETIC, null);
        Gower.Rows real = Gower.Rows.of(data, all, Role.REAL, null), hold = Gower.Rows.of(data, all, Role.HOLDOUT, null);
        Gower index = new Gower(syn, Gower.ranges(syn, real, hold));
        int[][] mainGuess = guesses(index, Gower.Rows.of(data, all, Role.REAL, mainTargets), parallel);
        int[][] controlGuess = guesses(index, Gower.Rows.of(data, all, Role.HOLDOUT, controlTargets), parallel);
        for (int j = 0; j < nf; j++) {
            Feature f = data.features.get(j);
            int main = 0, control = 0, base = 0;
            int[] randomRows = Stats.sample(nSyn, n, rng.split());
            // Stats.sample sorts; the baseline pairs targets with synthetic rows in random order.
            int[] perm = Stats.permutation(n, rng.split());
            for (int i = 0; i < n; i++) {
                if (correct(f, Role.SYNTHETIC, mainGuess[i][j], Role.REAL, mainTargets[i])) main++;
                if (correct(f, Role.SYNTHETIC, controlGuess[i][j], Role.HOLDOUT, controlTargets[i])) control++;
                if (correct(f, Role.SYNTHETIC, randomRows[perm[i]], Role.REAL, mainTargets[i])) base++;
            }
            out.add(result("inference: " + f.name, n, main, control, base));
        }
        return out;
    }

    /**
     * For each target row and each secret column j: the synthetic row nearest the target over the other
     * columns. Only rows within 1 of the nearest over all columns can win for some j (a column adds at most
     * 1), so the full distances are computed once per target and the per-secret search runs over those
     * candidates.
     */
    private static int[][] guesses(Gower index, Gower.Rows targets, Parallel parallel) {
        int m = index.m, n = index.n;
        int[][] out = new int[targets.n][m];
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[n]);
        ThreadLocal<float[]> single = ThreadLocal.withInitial(() -> new float[n]);
        parallel.forRange(targets.n, t -> {
            float[] total = buffers.get();
            index.sums(targets, t, total);
            float min = Float.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) min = Math.min(min, total[i]);
            int[] candidates = new int[n];
            int c = 0;
            // The slack covers float rounding of the sums.
            for (int i = 0; i < n; i++) if (total[i] <= min + 1.0001f) candidates[c++] = i;
            float[] part = single.get();
            for (int j = 0; j < m; j++) {
                Arrays.fill(part, 0f);
                index.add(j, targets, t, part);
                float best = Float.POSITIVE_INFINITY;
                int bi = -1;
                for (int k = 0; k < c; k++) {
                    int i = candidates[k];
                    float d = total[i] - part[i];
                    if (d < best) {
                        best = d;
                        bi = i;
                    }
                }
                out[t][j] = bi;
            }
        });
        return out;
    }

    /** Whether the guess (a synthetic row's value) is right about the target's secret. */
    static boolean correct(Feature f, Role guessRole, int guessRow, Role targetRole, int targetRow) {
        if (f.numeric) {
            double g = f.values[guessRole.ordinal()][guessRow], s = f.values[targetRole.ordinal()][targetRow];
            if (Double.isNaN(g) || Double.isNaN(s)) return Double.isNaN(g) && Double.isNaN(s);
            return Math.abs(g - s) <= TOLERANCE * (Math.abs(g) + 1e-12);
        }
        return f.codes[guessRole.ordinal()][guessRow] == f.codes[targetRole.ordinal()][targetRow];
    }
}
