package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The SMOTE family over encoded rows: new rows of one class, in model space.
 *
 * <p>Every method follows imbalanced-learn's definition (its {@code over_sampling} module; version
 * 0.12 where later versions fixed earlier ones), with the papers it cites:
 * <ul>
 *   <li><b>Random over-sampling</b>: rows drawn uniformly with replacement from the class. With a
 *       shrinkage factor s, a smoothed bootstrap: each numeric value gets s·h·σ_c·N(0,1) added, with
 *       σ_c the class's standard deviation (ddof 0) and h = (4 / ((d + 2)·n))^(1/(d + 4)) for d
 *       numeric features and n rows (Silverman's rule; imbalanced-learn {@code RandomOverSampler}).</li>
 *   <li><b>SMOTE</b> (Chawla, Bowyer, Hall &amp; Kegelmeyer, JAIR 16, 2002): the k nearest
 *       neighbours of every class row are found among the class's rows; each new row picks a (row,
 *       neighbour) pair uniformly among the n_c·k pairs and a gap g ~ U[0,1), and is x + g·(x_nn − x).</li>
 *   <li><b>SMOTE-NC</b> (same paper, §6.1): the distance adds, for each categorical column that
 *       differs, the square of the median standard deviation m of the class's numeric columns
 *       (imbalanced-learn ≥ 0.12 one-hot encodes with m/√2, which makes one mismatch count m²; m is
 *       computed per class being over-sampled). Numeric values are interpolated as in SMOTE; each
 *       categorical value is the most frequent among the row's k neighbours, ties broken at random.
 *       At least one numeric column is required.</li>
 *   <li><b>SMOTE-N</b> (same paper, §6.2; imbalanced-learn {@code SMOTEN}): every column categorical;
 *       the distance is the value difference metric (Stanfill &amp; Waltz 1986; Cost &amp; Salzberg
 *       1993) with k = 1, r = 2: δ(x, y) = Σ_f (Σ_c |P(c | x_f) − P(c | y_f)|)², P estimated over all
 *       rows. A new row takes, column by column, the most frequent value among a uniformly drawn
 *       class row and its k nearest neighbours (k + 1 rows); ties go to the first value in sorted
 *       order, as {@code scipy.stats.mode} over ordinal codes does.</li>
 *   <li><b>Borderline-SMOTE</b> (Han, Wang &amp; Mao, ICIC 2005): a class row is "in danger" when
 *       m/2 ≤ m' &lt; m of its m nearest neighbours in the whole data belong to other classes. Only rows
 *       in danger are interpolated from. Kind 1: towards one of their k nearest neighbours in the
 *       class. Kind 2: towards one of their k nearest neighbours in the whole data; when that
 *       neighbour is of another class the gap is further multiplied by U[0, 0.5), so the new row
 *       stays nearer the class row (imbalanced-learn ≥ 0.12; 0.10 indexed the wrong rows there).
 *       When no row is in danger, nothing is added for the class.</li>
 *   <li><b>ADASYN</b> (He, Bai, Garcia &amp; Li, IJCNN 2008): r_i = (share of other classes among the
 *       k nearest neighbours of class row i in the whole data), normalised to sum 1; row i gets
 *       rint(r_i·G) new rows (G asked; the rounded total is what is made, as in imbalanced-learn),
 *       each towards a uniformly chosen one of its k nearest neighbours in the class.</li>
 * </ul>
 *
 * <p>Mixed columns. Categorical columns in SMOTE, Borderline-SMOTE and ADASYN are one-hot
 * indicators (what imbalanced-learn sees after a {@code OneHotEncoder}): a mismatch adds 2 to the
 * squared distance, and the interpolated indicator vector decodes (argmax) to the nearer endpoint's
 * category. Missing categories are a category of their own. Missing numbers are imputed with the
 * column mean for distances only; a new row's number is missing when its base row's is, and copies
 * the base row's when only the neighbour's is missing. With {@code standardize}, numeric columns
 * are divided by their standard deviation over all rows before distances are taken (what a
 * {@code StandardScaler} in front of the sampler does); interpolation is linear, so the values made
 * are the same as scaling, resampling and scaling back.
 *
 * <p>Neighbours: exact, by a {@link KdTree}; among equally distant rows the order is the data's
 * {@code rank} (a seeded permutation when balancing), and a row is never its own neighbour. All
 * randomness comes from the given stream.
 */
final class Oversampler {

    /** Parameters of one run. */
    record Params(Method method, int k, int m, Double shrinkage, boolean standardize, int threads) {}

    /** Encoded, labelled rows: features split into numeric and categorical model columns. */
    static final class Data {
        final int n;
        final int[] y;
        final double[][] num;
        final int[][] cat;
        final int[] levels;
        final String[][] levelNames;
        final int classes;
        /** Tie-break ranks of the rows (a permutation); neighbours at equal distance are taken in this order. */
        final int[] rank;

        Data(int[] y, int classes, double[][] num, int[][] cat, int[] levels, String[][] levelNames) {
            this(y, classes, num, cat, levels, levelNames, null);
        }

        Data(int[] y, int classes, double[][] num, int[][] cat, int[] levels, String[][] levelNames, int[] rank) {
            this.n = y.length;
            if (rank == null) {
                rank = new int[y.length];
                for (int i = 0; i < rank.length; i++) rank[i] = i;
            }
            this.rank = rank;
            this.y = y;
            this.classes = classes;
            this.num = num;
            this.cat = cat;
            this.levels = levels;
            this.levelNames = levelNames;
        }
    }

    /**
     * New rows of one class, in model space: numeric feature values and categorical feature codes,
     * or (plain random over-sampling) the data rows to copy verbatim.
     */
    record NewRows(int count, double[][] num, int[][] cat, int[] copies, String note) {
        static NewRows empty(int dn, int dc, String note) {
            return new NewRows(0, new double[dn][0], new int[dc][0], null, note);
        }
    }

    private final Data d;
    private final Params params;
    private double[] means;
    private double[] scales;
    private Points shared;

    Oversampler(Data data, Params params) {
        this.d = data;
        this.params = params;
    }

    /** {@code wanted} new rows of class {@code cls} (fewer for ADASYN's rounding, none for Borderline-SMOTE without rows in danger). */
    NewRows sample(int cls, String label, long wanted, SplittableRandom rng) {
        int dn = d.num.length, dc = d.cat.length;
        if (wanted == 0) return NewRows.empty(dn, dc, null);
        if (wanted > Integer.MAX_VALUE - 8) throw new InputException("--strategy", -1, null, Long.toString(wanted), "too many new rows for one class");
        int want = (int) wanted;
        int[] members = classRows(cls);
        if (members.length == 0) throw new InputException("--target", -1, null, label, "the class has no rows to resample from");
        return switch (params.method()) {
            case RANDOM -> random(members, want, rng);
            case SMOTE -> smote(label, members, want, rng);
            case SMOTENC -> smotenc(label, members, want, rng);
            case SMOTEN -> smoten(label, members, want, rng);
            case BORDERLINE1, BORDERLINE2 -> borderline(cls, label, members, want, rng);
            case ADASYN -> adasyn(cls, label, members, want, rng);
        };
    }

    private int[] classRows(int cls) {
        int c = 0;
        for (int v : d.y) if (v == cls) c++;
        int[] out = new int[c];
        for (int i = 0, j = 0; i < d.n; i++) if (d.y[i] == cls) out[j++] = i;
        return out;
    }

    private void needNeighbours(int available, int k, String what, String label) {
        if (available < k) {
            throw new InputException("--k-neighbors", -1, null, Integer.toString(k),
                    what + " needs " + k + " neighbours of each row but class '" + label + "' offers " + available
                            + ": lower --" + (what.contains("m-neighbors") ? "m" : "k") + "-neighbors or use --method random");
        }
    }

    // ---------------------------------------------------------------- random

    private NewRows random(int[] members, int want, SplittableRandom rng) {
        int[] pick = new int[want];
        for (int i = 0; i < want; i++) pick[i] = members[rng.nextInt(members.length)];
        if (params.shrinkage() == null) return new NewRows(want, null, null, pick, null);
        double s = params.shrinkage();
        int dn = d.num.length;
        double h = dn == 0 ? 0 : Math.pow(4.0 / ((dn + 2.0) * d.n), 1.0 / (dn + 4.0));
        double[][] num = new double[dn][want];
        for (int j = 0; j < dn; j++) {
            double sd = std(d.num[j], members);
            double scale = s * h * sd;
            for (int i = 0; i < want; i++) {
                double v = d.num[j][pick[i]];
                num[j][i] = Double.isNaN(v) ? v : v + scale * rng.nextGaussian();
            }
        }
        return new NewRows(want, num, copyCodes(pick), null, null);
    }

    private int[][] copyCodes(int[] rows) {
        int[][] out = new int[d.cat.length][rows.length];
        for (int f = 0; f < d.cat.length; f++) for (int i = 0; i < rows.length; i++) out[f][i] = d.cat[f][rows[i]];
        return out;
    }

    /** Standard deviation (ddof 0) over the present values of the given rows (0 when none). */
    private static double std(double[] v, int[] rows) {
        double sum = 0;
        int c = 0;
        for (int r : rows) if (!Double.isNaN(v[r])) { sum += v[r]; c++; }
        if (c == 0) return 0;
        double mean = sum / c, ss = 0;
        for (int r : rows) if (!Double.isNaN(v[r])) { double t = v[r] - mean; ss += t * t; }
        return Math.sqrt(ss / c);
    }

    // ---------------------------------------------------------------- embeddings

    private void numericStats() {
        if (means != null) return;
        int dn = d.num.length;
        means = new double[dn];
        scales = new double[dn];
        int[] all = new int[d.n];
        for (int i = 0; i < d.n; i++) all[i] = i;
        for (int j = 0; j < dn; j++) {
            double sum = 0;
            int c = 0;
            for (double v : d.num[j]) if (!Double.isNaN(v)) { sum += v; c++; }
            means[j] = c == 0 ? 0 : sum / c;
            double sd = params.standardize() ? std(d.num[j], all) : 1;
            scales[j] = sd > 0 ? sd : 1;
        }
    }

    /** Numeric coordinates of the given rows: imputed with the mean, divided by the scale. */
    private double[][] coordinates(int[] rows) {
        numericStats();
        int dn = d.num.length;
        double[][] out = new double[dn][rows.length];
        for (int j = 0; j < dn; j++) {
            double[] v = d.num[j];
            for (int i = 0; i < rows.length; i++) {
                double x = v[rows[i]];
                out[j][i] = (Double.isNaN(x) ? means[j] : x) / scales[j];
            }
        }
        return out;
    }

    private int[][] shiftedCodes(int[] rows) {
        int[][] out = new int[d.cat.length][rows.length];
        for (int f = 0; f < d.cat.length; f++) for (int i = 0; i < rows.length; i++) out[f][i] = d.cat[f][rows[i]] + 1;
        return out;
    }

    /** Points over the given rows with every categorical mismatch adding {@code w2}. */
    private Points indicatorPoints(int[] rows, double w2) {
        int dc = d.cat.length;
        double[][] tables = new double[dc][];
        int[] sizes = new int[dc];
        for (int f = 0; f < dc; f++) {
            sizes[f] = d.levels[f] + 1;
            tables[f] = Points.mismatchTable(sizes[f], w2);
        }
        return new Points(rows.length, coordinates(rows), shiftedCodes(rows), tables, sizes, ranks(rows));
    }

    /** The tie-break ranks of the given rows, for points laid out in that order. */
    private int[] ranks(int[] rows) {
        int[] r = new int[rows.length];
        for (int i = 0; i < rows.length; i++) r[i] = d.rank[rows[i]];
        return r;
    }

    /** One-hot (weight 1) points over all rows, shared by SMOTE, Borderline-SMOTE and ADASYN. */
    private Points onehotAll() {
        if (shared == null) {
            int[] all = new int[d.n];
            for (int i = 0; i < d.n; i++) all[i] = i;
            shared = indicatorPoints(all, 2.0);
        }
        return shared;
    }

    // ---------------------------------------------------------------- SMOTE and its interpolating kin

    /** How a new row's categorical values are chosen. */
    private enum Categorical { NEARER_ENDPOINT, NEIGHBOUR_VOTE }

    /**
     * Interpolated rows: base rows {@code base[i]}, partners {@code partner[i]}, gaps {@code gap[i]};
     * for a neighbour vote, {@code voters} holds each base row's k neighbours (flattened, per base slot
     * {@code slot[i]}).
     */
    private NewRows interpolate(int[] base, int[] partner, double[] gap, Categorical how, int[] voters, int[] slot, int k,
                                SplittableRandom rng) {
        int count = base.length;
        int dn = d.num.length, dc = d.cat.length;
        double[][] num = new double[dn][count];
        for (int j = 0; j < dn; j++) {
            double[] v = d.num[j];
            double[] out = num[j];
            for (int i = 0; i < count; i++) {
                double a = v[base[i]], b = v[partner[i]];
                out[i] = Double.isNaN(a) ? a : (Double.isNaN(b) ? a : a + gap[i] * (b - a));
            }
        }
        int[][] cat = new int[dc][count];
        if (how == Categorical.NEARER_ENDPOINT) {
            for (int f = 0; f < dc; f++) {
                int[] c = d.cat[f];
                for (int i = 0; i < count; i++) cat[f][i] = gap[i] < 0.5 ? c[base[i]] : c[partner[i]];
            }
        } else {
            int maxLevels = 0;
            for (int l : d.levels) maxLevels = Math.max(maxLevels, l + 1);
            int[] votes = new int[maxLevels];
            int[] tied = new int[maxLevels];
            for (int i = 0; i < count; i++) {
                int at = slot[i] * k;
                for (int f = 0; f < dc; f++) {
                    int[] c = d.cat[f];
                    int size = d.levels[f] + 1;
                    Arrays.fill(votes, 0, size, 0);
                    int top = 0;
                    for (int q = 0; q < k; q++) {
                        int code = c[voters[at + q]] + 1;
                        if (++votes[code] > top) top = votes[code];
                    }
                    int nt = 0;
                    for (int code = 0; code < size; code++) if (votes[code] == top) tied[nt++] = code;
                    cat[f][i] = (nt == 1 ? tied[0] : tied[rng.nextInt(nt)]) - 1;
                }
            }
        }
        return new NewRows(count, num, cat, null, null);
    }

    private NewRows smote(String label, int[] members, int want, SplittableRandom rng) {
        int k = params.k();
        needNeighbours(members.length - 1, k, "SMOTE with k-neighbors=" + k, label);
        return pairs(members, smoteNeighbours(members, k), k, want, Categorical.NEARER_ENDPOINT, rng);
    }

    /** SMOTE's neighbours: the k nearest class rows of each class row (flattened, closest first). */
    int[] smoteNeighbours(int[] members, int k) {
        return new KdTree(onehotAll(), members).knn(members, k, params.threads(), null);
    }

    /** SMOTE's draw: a uniform (row, neighbour) pair and a uniform gap per new row. */
    private NewRows pairs(int[] bases, int[] nns, int k, int want, Categorical how, SplittableRandom rng) {
        int[] base = new int[want], partner = new int[want], slot = new int[want];
        double[] gap = new double[want];
        long pairsCount = (long) bases.length * k;
        for (int i = 0; i < want; i++) {
            long idx = rng.nextLong(pairsCount);
            int row = (int) (idx / k), col = (int) (idx % k);
            slot[i] = row;
            base[i] = bases[row];
            partner[i] = nns[row * k + col];
            gap[i] = rng.nextDouble();
        }
        return interpolate(base, partner, gap, how, nns, slot, k, rng);
    }

    private NewRows smotenc(String label, int[] members, int want, SplittableRandom rng) {
        int k = params.k();
        if (d.num.length == 0) {
            throw new InputException("--method", -1, null, "smotenc",
                    "SMOTE-NC needs at least one numeric column and every feature here is categorical: use --method smoten");
        }
        needNeighbours(members.length - 1, k, "SMOTE-NC with k-neighbors=" + k, label);
        return pairs(members, smotencNeighbours(members, k), k, want, Categorical.NEIGHBOUR_VOTE, rng);
    }

    /** SMOTE-NC's median of the class's numeric standard deviations (ddof 0, in the coordinates distances use). */
    double smotencMedian(int[] members) {
        double[][] coords = coordinates(members);
        double[] sds = new double[coords.length];
        int[] local = new int[members.length];
        for (int i = 0; i < local.length; i++) local[i] = i;
        for (int j = 0; j < coords.length; j++) sds[j] = std(coords[j], local);
        return median(sds);
    }

    /** SMOTE-NC's neighbours: the k nearest class rows under the class's mixed distance. */
    int[] smotencNeighbours(int[] members, int k) {
        double[][] coords = coordinates(members);
        double med = smotencMedian(members);
        int[] local = new int[members.length];
        for (int i = 0; i < local.length; i++) local[i] = i;
        int dc = d.cat.length;
        double[][] tables = new double[dc][];
        int[] sizes = new int[dc];
        for (int f = 0; f < dc; f++) {
            sizes[f] = d.levels[f] + 1;
            tables[f] = Points.mismatchTable(sizes[f], med * med);
        }
        Points p = new Points(members.length, coords, shiftedCodes(members), tables, sizes, ranks(members));
        int[] nnsLocal = new KdTree(p, local).knn(local, k, params.threads(), null);
        int[] nns = new int[nnsLocal.length];
        for (int i = 0; i < nns.length; i++) nns[i] = members[nnsLocal[i]];
        return nns;
    }

    static double median(double[] v) {
        if (v.length == 0) return 0;
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    // ---------------------------------------------------------------- SMOTE-N

    private NewRows smoten(String label, int[] members, int want, SplittableRandom rng) {
        int k = params.k();
        if (d.num.length > 0) {
            throw new InputException("--method", -1, null, "smoten",
                    "SMOTE-N treats every column as categorical but " + d.num.length + " feature column(s) are numeric: use --method smotenc for mixed data, or mark them categorical in --metadata");
        }
        needNeighbours(members.length - 1, k, "SMOTE-N with k-neighbors=" + k, label);
        int dc = d.cat.length;
        int[] sizes = new int[dc];
        for (int f = 0; f < dc; f++) sizes[f] = d.levels[f] + 1;
        int[] nns = smotenNeighbours(members, k, null);
        // Rank of each shifted code in sorted label order (missing last), for scipy's tie rule.
        int[][] rank = new int[dc][];
        for (int f = 0; f < dc; f++) rank[f] = sortedRank(f);
        int[][] cat = new int[dc][want];
        int[] votes = new int[Arrays.stream(sizes).max().orElse(1)];
        for (int i = 0; i < want; i++) {
            int row = rng.nextInt(members.length);
            for (int f = 0; f < dc; f++) {
                int[] c = d.cat[f];
                Arrays.fill(votes, 0, sizes[f], 0);
                votes[c[members[row]] + 1]++;
                for (int q = 0; q < k; q++) votes[c[members[nns[row * k + q]]] + 1]++;
                int best = -1;
                for (int code = 0; code < sizes[f]; code++) {
                    if (votes[code] == 0) continue;
                    if (best < 0 || votes[code] > votes[best] || (votes[code] == votes[best] && rank[f][code] < rank[f][best])) best = code;
                }
                cat[f][i] = best - 1;
            }
        }
        return new NewRows(want, new double[0][want], cat, null, null);
    }

    /** SMOTE-N's neighbours (class-local indices) under the value difference metric; distances (δ, not squared) into dist. */
    int[] smotenNeighbours(int[] members, int k, double[] dist) {
        int dc = d.cat.length;
        double[][] tables = new double[dc][];
        int[] sizes = new int[dc];
        for (int f = 0; f < dc; f++) {
            sizes[f] = d.levels[f] + 1;
            tables[f] = vdmTable(f);
        }
        int[] local = new int[members.length];
        for (int i = 0; i < local.length; i++) local[i] = i;
        Points p = new Points(members.length, new double[0][], shiftedCodes(members), tables, sizes, ranks(members));
        return new KdTree(p, local).knn(local, k, params.threads(), dist);
    }

    /** The value difference metric's squared per-column term: (Σ_c |P(c|a) − P(c|b)|)² over shifted codes. */
    double[] vdmTable(int f) {
        int size = d.levels[f] + 1;
        double[][] prob = new double[size][d.classes];
        int[] c = d.cat[f];
        for (int i = 0; i < d.n; i++) prob[c[i] + 1][d.y[i]]++;
        for (double[] row : prob) {
            double s = 0;
            for (double x : row) s += x;
            if (s > 0) for (int j = 0; j < row.length; j++) row[j] /= s;
        }
        double[] t = new double[size * size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                double l1 = 0;
                for (int j = 0; j < d.classes; j++) l1 += Math.abs(prob[a][j] - prob[b][j]);
                t[a * size + b] = l1 * l1;
            }
        }
        return t;
    }

    private int[] sortedRank(int f) {
        int size = d.levels[f] + 1;
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        String[] names = d.levelNames[f];
        Arrays.sort(order, Comparator.comparing((Integer code) -> code == 0 ? 1 : 0).thenComparing(code -> code == 0 ? "" : names[code - 1]));
        int[] rank = new int[size];
        for (int r = 0; r < size; r++) rank[order[r]] = r;
        return rank;
    }

    // ---------------------------------------------------------------- Borderline-SMOTE

    private NewRows borderline(int cls, String label, int[] members, int want, SplittableRandom rng) {
        int k = params.k(), m = params.m();
        needNeighbours(d.n - 1, m, "Borderline-SMOTE with m-neighbors=" + m, label);
        Points p = onehotAll();
        KdTree whole = new KdTree(p, allRows());
        int[] bases = danger(cls, members, whole, m);
        int dn = d.num.length, dc = d.cat.length;
        if (bases.length == 0) {
            return NewRows.empty(dn, dc, "no row of class '" + label + "' is in danger (half or more, but not all, of its "
                    + m + " nearest neighbours in other classes): nothing added, as imbalanced-learn does; try --method smote");
        }
        if (params.method() == Method.BORDERLINE1) {
            needNeighbours(members.length - 1, k, "Borderline-SMOTE with k-neighbors=" + k, label);
            int[] nns = new KdTree(p, members).knn(bases, k, params.threads(), null);
            return pairs(bases, nns, k, want, Categorical.NEARER_ENDPOINT, rng);
        }
        int[] nns = whole.knn(bases, k, params.threads(), null);
        int[] base = new int[want], partner = new int[want];
        double[] gap = new double[want];
        long pairsCount = (long) bases.length * k;
        for (int i = 0; i < want; i++) {
            long idx = rng.nextLong(pairsCount);
            int row = (int) (idx / k), col = (int) (idx % k);
            base[i] = bases[row];
            partner[i] = nns[row * k + col];
            double g = rng.nextDouble();
            if (d.y[partner[i]] != cls) g *= 0.5 * rng.nextDouble();
            gap[i] = g;
        }
        return interpolate(base, partner, gap, Categorical.NEARER_ENDPOINT, null, null, k, rng);
    }

    /** Borderline-SMOTE's rows in danger: m/2 ≤ (neighbours of other classes among the m nearest) &lt; m. */
    int[] danger(int cls, int[] members, KdTree whole, int m) {
        int[] mnn = whole.knn(members, m, params.threads(), null);
        List<Integer> danger = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            int other = 0;
            for (int q = 0; q < m; q++) if (d.y[mnn[i * m + q]] != cls) other++;
            if (other >= m / 2.0 && other < m) danger.add(members[i]);
        }
        return danger.stream().mapToInt(Integer::intValue).toArray();
    }

    KdTree wholeTree() {
        return new KdTree(onehotAll(), allRows());
    }

    int[] allRows() {
        int[] all = new int[d.n];
        for (int i = 0; i < d.n; i++) all[i] = i;
        return all;
    }

    // ---------------------------------------------------------------- ADASYN

    private NewRows adasyn(int cls, String label, int[] members, int want, SplittableRandom rng) {
        int k = params.k();
        needNeighbours(d.n - 1, k, "ADASYN with k-neighbors=" + k, label);
        needNeighbours(members.length - 1, k, "ADASYN with k-neighbors=" + k, label);
        int[] per = adasynCounts(cls, label, members, want);
        long total = 0;
        for (int c : per) total += c;
        if (total == 0) {
            throw new InputException("--method", -1, null, "adasyn", "ADASYN's rounded weights give class '" + label
                    + "' no new rows for " + want + " asked: ask for more rows or use --method smote");
        }
        Points p = onehotAll();
        int[] nns = new KdTree(p, members).knn(members, k, params.threads(), null);
        int count = (int) total;
        int[] base = new int[count], partner = new int[count];
        double[] gap = new double[count];
        int at = 0;
        for (int i = 0; i < members.length; i++) {
            for (int r = 0; r < per[i]; r++) {
                base[at] = members[i];
                partner[at] = nns[i * k + rng.nextInt(k)];
                gap[at] = rng.nextDouble();
                at++;
            }
        }
        NewRows out = interpolate(base, partner, gap, Categorical.NEARER_ENDPOINT, null, null, k, rng);
        String note = count == want ? null : "ADASYN's per-row counts are rounded (as in imbalanced-learn): " + count
                + " new rows for class '" + label + "' instead of " + want;
        return new NewRows(out.count(), out.num(), out.cat(), null, note);
    }

    /** ADASYN's new rows per class row: rint(r_i / Σ r · want), r_i the share of other classes among its k neighbours. */
    int[] adasynCounts(int cls, String label, int[] members, int want) {
        int k = params.k();
        int[] knnAll = new KdTree(onehotAll(), allRows()).knn(members, k, params.threads(), null);
        double[] ratio = new double[members.length];
        double sum = 0;
        for (int i = 0; i < members.length; i++) {
            int other = 0;
            for (int q = 0; q < k; q++) if (d.y[knnAll[i * k + q]] != cls) other++;
            ratio[i] = (double) other / k;
            sum += ratio[i];
        }
        if (sum == 0) {
            throw new InputException("--method", -1, null, "adasyn", "no row of class '" + label
                    + "' has a neighbour of another class among its " + k + " nearest, so ADASYN's weights are undefined: use --method smote");
        }
        int[] per = new int[members.length];
        for (int i = 0; i < members.length; i++) per[i] = (int) Math.rint(ratio[i] / sum * want);
        return per;
    }
}
