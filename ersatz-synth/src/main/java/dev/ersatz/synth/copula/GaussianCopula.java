package dev.ersatz.synth.copula;

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
import dev.ersatz.synth.Synthesizer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Gaussian copula synthesizer ({@code copula}), and with {@code correlated=false} the
 * {@code independent} baseline.
 *
 * <p>Method. Each column gets its own marginal: numeric columns a smoothed empirical quantile
 * function ({@link NumericMarginal}), categorical columns frequency intervals
 * ({@link CategoricalMarginal}), numeric columns with missing values an extra present/missing
 * dimension. Every value is mapped to a normal score by the distributional transform
 * z = Φ⁻¹(F(x⁻) + V·(F(x) − F(x⁻))), V ~ U(0,1) seeded, which makes ties and categories continuous
 * without bias. The dependence is the correlation matrix R of the scores (pairwise over present
 * values, repaired to positive definite). Sampling draws z ~ N(0, R) and maps each score back through
 * its marginal.
 *
 * <p>Conditions ({@code --where}) restrict some scores to intervals. With one restricted dimension
 * the draw is exact: the restricted score from its truncated normal by CDF inversion, the rest from
 * the conditional normal N(Σ_RC Σ_CC⁻¹ z_C, Σ_RR − Σ_RC Σ_CC⁻¹ Σ_CR). With several, the restricted
 * scores come from a Gibbs sampler on their truncated joint normal (each step an exact univariate
 * truncated draw), then the rest exactly as above. No rejection loop: a condition the model gives no
 * probability is an error.
 *
 * <p>References: Sklar (1959); Patki, Wedge, Veeramachaneni, "The Synthetic Data Vault" (2016) for the
 * frequency-interval encoding; Geweke (1991) for Gibbs sampling of truncated multivariate normals.
 */
public record GaussianCopula(boolean correlated, int maxKnots, boolean associationOrder) implements Synthesizer {

    /** Default knot budget for numeric marginals. */
    public static final int DEFAULT_MAX_KNOTS = 2048;

    public GaussianCopula {
        if (maxKnots < 16) throw new InputException(null, -1, null, String.valueOf(maxKnots), "maxKnots must be at least 16");
    }

    /** The copula with default options. */
    public GaussianCopula() {
        this(true, DEFAULT_MAX_KNOTS, true);
    }

    /**
     * Builds the copula from key/value options: {@code maxKnots} (default 2048) and
     * {@code categoryOrder} ({@code association}, the default, or {@code frequency}, SDV's order).
     */
    public static GaussianCopula fromOptions(Map<String, String> options) {
        checkKeys(options, "maxKnots", "categoryOrder");
        String order = options.getOrDefault("categoryOrder", "association");
        if (!order.equals("association") && !order.equals("frequency")) {
            throw new InputException("--option", -1, "categoryOrder", order, "must be association or frequency");
        }
        return new GaussianCopula(true, intOption(options, "maxKnots", DEFAULT_MAX_KNOTS), order.equals("association"));
    }

    /** Builds the independent baseline from key/value options ({@code maxKnots}). */
    public static GaussianCopula independentFromOptions(Map<String, String> options) {
        checkKeys(options, "maxKnots");
        return new GaussianCopula(false, intOption(options, "maxKnots", DEFAULT_MAX_KNOTS), false);
    }

    private static void checkKeys(Map<String, String> options, String... known) {
        for (String k : options.keySet()) {
            if (!java.util.Arrays.asList(known).contains(k)) {
                throw new InputException("--option", -1, null, k, "unknown option (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static int intOption(Map<String, String> options, String key, int dflt) {
        String v = options.get(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("--option", -1, null, v, key + " must be a whole number");
        }
    }

    @Override
    public String name() {
        return correlated ? "copula" : "independent";
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        o.put("maxKnots", maxKnots);
        if (correlated) o.put("categoryOrder", associationOrder ? "association" : "frequency");
        return o;
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        int m = columns.size();
        SplittableRandom rng = new SplittableRandom(seed);
        NumericMarginal[] numeric = new NumericMarginal[m];
        CategoricalMarginal[] categorical = new CategoricalMarginal[m];
        double[] pMissing = new double[m];
        int[] indicator = new int[m];
        Arrays.fill(indicator, -1);
        int d = m;
        for (int j = 0; j < m; j++) {
            if (!columns.get(j).categorical()) {
                int miss = data.column(j).missingCount();
                pMissing[j] = (double) miss / n;
                if (miss > 0 && miss < n) indicator[j] = d++;
            }
        }
        double[][] scores = new double[d][];
        for (int j = 0; j < m; j++) {
            progress.update("fitting marginals", j, m);
            if (columns.get(j).categorical()) {
                CategoricalColumn c = (CategoricalColumn) data.column(j);
                categorical[j] = CategoricalMarginal.fit(c.codes(), columns.get(j).levels().size());
                scores[j] = categoricalScores(c.codes(), categorical[j], rng.split());
            } else {
                double[] v = ((NumericColumn) data.column(j)).values();
                double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
                Arrays.sort(present);
                SplittableRandom r = rng.split();
                if (present.length > 0) {
                    numeric[j] = NumericMarginal.fit(present, maxKnots);
                    scores[j] = numericScores(v, present, r);
                } else {
                    scores[j] = new double[n];
                    Arrays.fill(scores[j], Double.NaN);
                }
                if (indicator[j] >= 0) scores[indicator[j]] = indicatorScores(v, pMissing[j], r);
            }
        }
        if (correlated && associationOrder) orderCategories(data, columns, categorical, scores, rng);
        progress.update("fitting correlations", 0, 1);
        double[][] corr;
        if (correlated) {
            corr = Correlations.repair(Correlations.pairwise(scores));
        } else {
            corr = new double[d][d];
            for (int i = 0; i < d; i++) corr[i][i] = 1;
        }
        progress.update("fitting correlations", 1, 1);
        return new FittedCopula(columns, correlated, numeric, categorical, pMissing, indicator, corr);
    }

    /** Below this share of explained variance, a column's order says nothing and frequency order stays. */
    static final double MIN_ETA_SQUARED = 0.02;

    /**
     * Orders each categorical column's intervals by what it is most associated with, so that one
     * correlation can carry the association. A Gaussian copula links columns through a single
     * correlation of their scores; with categories in frequency order, a categorical tied to another
     * column (education to years of education, relationship to marital status) gets an arbitrary,
     * non-monotone score and the link is mostly lost. Here the categories of column j are sorted by
     * the mean score, within each category, of the dimension k that explains most of the variance
     * between j's categories (the correlation ratio η²(k | j)); the interval widths stay the
     * frequencies, so the marginal is unchanged. Two passes, so that categorical-to-categorical links
     * settle on each other's new order. Deterministic: scores are recomputed with seeded draws.
     */
    private static void orderCategories(Table data, List<ModelColumn> columns, CategoricalMarginal[] categorical,
                                        double[][] scores, SplittableRandom rng) {
        int m = columns.size();
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < m; j++) {
                if (!columns.get(j).categorical() || categorical[j].codes.length < 3) continue;
                int[] codes = ((CategoricalColumn) data.column(j)).codes();
                int slots = columns.get(j).levels().size() + 1;
                double best = MIN_ETA_SQUARED;
                double[] bestKey = null;
                for (int k = 0; k < scores.length; k++) {
                    if (k == j) continue;
                    double[] sum = new double[slots];
                    long[] cnt = new long[slots];
                    double total = 0, total2 = 0;
                    long n = 0;
                    double[] sk = scores[k];
                    for (int i = 0; i < codes.length; i++) {
                        double x = sk[i];
                        if (Double.isNaN(x)) continue;
                        sum[codes[i] + 1] += x;
                        cnt[codes[i] + 1]++;
                        total += x;
                        total2 += x * x;
                        n++;
                    }
                    if (n < 3) continue;
                    double mean = total / n, ssTotal = total2 - n * mean * mean;
                    if (ssTotal <= 0) continue;
                    double ssBetween = 0;
                    double[] key = new double[slots];
                    for (int c = 0; c < slots; c++) {
                        if (cnt[c] == 0) continue;
                        key[c] = sum[c] / cnt[c];
                        ssBetween += cnt[c] * (key[c] - mean) * (key[c] - mean);
                    }
                    double eta2 = ssBetween / ssTotal;
                    if (eta2 > best) {
                        best = eta2;
                        bestKey = key;
                    }
                }
                if (bestKey == null) continue;
                categorical[j] = CategoricalMarginal.ordered(codes, slots - 1, bestKey);
                scores[j] = categoricalScores(codes, categorical[j], rng.split());
            }
        }
    }

    /**
     * Normal scores of a numeric column by the distributional transform over its present values:
     * a value whose run of ties covers ranks [a, b) gets u = (a + V·(b − a)) / n.
     */
    private static double[] numericScores(double[] v, double[] sorted, SplittableRandom rng) {
        int n = sorted.length;
        double[] out = new double[v.length];
        double lowest = 0.5 / n, highest = 1 - 0.5 / n;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isNaN(x)) { out[i] = Double.NaN; continue; }
            int a = lowerBound(sorted, x), b = upperBound(sorted, x);
            double u = (a + rng.nextDouble() * (b - a)) / n;
            out[i] = Normal.quantile(Math.min(highest, Math.max(lowest, u)));
        }
        return out;
    }

    private static double[] categoricalScores(int[] codes, CategoricalMarginal marginal, SplittableRandom rng) {
        double[] out = new double[codes.length];
        int[] slotOfCode = new int[marginal.codes.length + 2];
        Arrays.fill(slotOfCode, -1);
        int maxCode = -1;
        for (int c : marginal.codes) maxCode = Math.max(maxCode, c);
        slotOfCode = new int[maxCode + 2];
        for (int s = 0; s < marginal.codes.length; s++) slotOfCode[marginal.codes[s] + 1] = s;
        double total = marginal.cum[marginal.codes.length];
        for (int i = 0; i < codes.length; i++) {
            int s = slotOfCode[codes[i] + 1];
            double u = (marginal.cum[s] + rng.nextDouble() * marginal.probs[s]) / total;
            out[i] = Normal.quantile(Math.min(1 - 1e-12, Math.max(1e-12, u)));
        }
        return out;
    }

    /** Scores of the present/missing dimension: present on [0, 1 − p), missing on [1 − p, 1). */
    private static double[] indicatorScores(double[] v, double p, SplittableRandom rng) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double u = Double.isNaN(v[i]) ? (1 - p) + rng.nextDouble() * p : rng.nextDouble() * (1 - p);
            out[i] = Normal.quantile(Math.min(1 - 1e-12, Math.max(1e-12, u)));
        }
        return out;
    }

    private static int lowerBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int upperBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /** Loads a fitted copula from its JSON body. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedCopula.fromJson(body, columns);
    }
}
