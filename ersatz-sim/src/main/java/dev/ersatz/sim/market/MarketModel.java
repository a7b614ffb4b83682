package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.special.Erf;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A fitted market model over one or more assets: per-asset return processes and their dependence,
 * ready to simulate price paths. Immutable and thread-safe; saved as an Ersatz model file of kind
 * {@code "market"}.
 *
 * <p>Dependence between assets takes one of three forms:
 * <ul>
 *   <li>filtered historical simulation ({@code gjr-fhs}): each day draws one row of the joint
 *       standardised residuals (one past day, every asset), so the cross-sectional dependence of the
 *       shocks is the data's, tails included;</li>
 *   <li>parametric marginals with several assets: a Gaussian or Student-t copula of the standardised
 *       residuals on the days all assets traded ({@link Copula}); a day's shocks are g = Lε (L the
 *       Cholesky factor, ε i.i.d. N(0,1)) and z_i = Q_i(Φ(g_i)), or for the t copula
 *       y = g/√(χ²_ν/ν) and z_i = Q_i(T_ν(y_i));</li>
 *   <li>the bootstrap resamples whole rows of returns, so it keeps every dependence by construction.</li>
 * </ul>
 *
 * <p>Simulation is deterministic: path p uses the p-th stream split from {@code SplittableRandom(seed)}
 * in order, before any work is shared between threads, so the paths are byte-identical for the same
 * seed on one thread or many. Volatility models run a burn-in of {@value #BURN_IN} days from their
 * stationary mean first, so day 1 is drawn from (close to) the stationary distribution rather than
 * from its mean.
 */
public final class MarketModel {
    /** The model-file kind. */
    public static final String KIND = "market";
    /** Days simulated and discarded before day 1, for models with a state. */
    public static final int BURN_IN = 250;

    private final ModelKind kind;
    private final List<String> assets;
    private final List<Marginal> marginals;
    private final double[][] correlation;
    private final double copulaNu;
    private final double[][] residuals;
    private final double[][] rows;
    private final double blockLength;
    private final double[] lastPrices;
    private final LocalDate lastDate;
    private final String frequency;
    private final PriceLayout layout;
    private final ObjectNode info;
    private final ObjectNode provenance;

    /** How the prices were laid out in the source, so paths come out the same way. */
    public record PriceLayout(String layout, String keyColumn, String priceColumn, String dateColumn) {}

    MarketModel(ModelKind kind, List<String> assets, List<Marginal> marginals, double[][] correlation, double copulaNu, double[][] residuals,
                double[][] rows, double blockLength, double[] lastPrices, LocalDate lastDate, String frequency,
                PriceLayout layout, ObjectNode info, ObjectNode provenance) {
        this.kind = kind;
        this.assets = List.copyOf(assets);
        this.marginals = List.copyOf(marginals);
        this.correlation = correlation;
        this.copulaNu = copulaNu;
        this.residuals = residuals;
        this.rows = rows;
        this.blockLength = blockLength;
        this.lastPrices = lastPrices.clone();
        this.lastDate = lastDate;
        this.frequency = frequency;
        this.layout = layout;
        this.info = info;
        this.provenance = provenance;
    }

    /** The model that was fitted (never {@code auto}: auto records its choice). */
    public ModelKind kind() { return kind; }
    /** The asset names. */
    public List<String> assets() { return assets; }
    /** The last real prices, the default start of the paths. */
    public double[] lastPrices() { return lastPrices.clone(); }
    /** The last real date, or null. */
    public LocalDate lastDate() { return lastDate; }
    /** The source's price layout. */
    public PriceLayout layout() { return layout; }
    /** Fit diagnostics (zero returns masked, days used, auto's ranking). */
    public ObjectNode info() { return info.deepCopy(); }
    /** The fitted parameters of each asset (empty lists for the bootstrap). */
    public List<List<Estimate>> estimates() {
        List<List<Estimate>> out = new ArrayList<>();
        for (Marginal m : marginals) out.add(m.estimates());
        return out;
    }
    List<Marginal> marginals() { return marginals; }

    /** This model with other diagnostics and provenance (auto records its ranking). */
    MarketModel withInfo(ObjectNode newInfo, ObjectNode newProvenance) {
        return new MarketModel(kind, assets, marginals, correlation, copulaNu, residuals, rows, blockLength, lastPrices, lastDate,
                frequency, layout, newInfo, newProvenance);
    }
    double[][] correlation() { return correlation; }
    /** The t copula's degrees of freedom, +∞ for a Gaussian copula. */
    double copulaNu() { return copulaNu; }
    double blockLength() { return blockLength; }

    /**
     * Simulates {@code paths} price paths of {@code days} days.
     *
     * @param startPrices the day-0 price of each asset, or {@code null} for the last real prices
     * @param scenario    shocks and regimes ({@link Scenario#NONE} for none)
     * @param threads     worker threads (the paths do not depend on it)
     */
    public Paths simulate(int paths, int days, double[] startPrices, long seed, Scenario scenario, int threads) {
        if (paths < 1) throw new InputException(null, -1, "--paths", String.valueOf(paths), "needs at least one path");
        if (days < 1) throw new InputException(null, -1, "--days", String.valueOf(days), "needs at least one day");
        if ((long) paths * (days + 1) > Integer.MAX_VALUE) {
            throw new InputException(null, -1, "--paths", String.valueOf(paths), "paths × (days + 1) must stay below 2^31 per asset");
        }
        int k = assets.size();
        double[] start = startPrices == null ? lastPrices : startPrices;
        if (start.length != k) throw new IllegalArgumentException("one start price per asset");
        Scenario sc = scenario == null ? Scenario.NONE : scenario;
        sc.check(days, assets, "scenario");
        Plan plan = new Plan(sc.spikeScale(days, assets), sc.jumps(days, assets), sc);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[paths];
        for (int p = 0; p < paths; p++) streams[p] = root.split();
        double[][] prices = new double[k][paths * (days + 1)];
        Engine engine = new Engine(threads);
        Runnable all = () -> IntStream.range(0, paths).parallel().forEach(p -> engine.path(streams[p], days, start, plan, prices, p));
        if (threads <= 1) {
            for (int p = 0; p < paths; p++) engine.path(streams[p], days, start, plan, prices, p);
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(all).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simulation interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        return new Paths(assets, paths, days, prices, calendar(days));
    }

    /** The dates of days 0..days: the last real date, then the source's frequency. */
    LocalDate[] calendar(int days) {
        if (lastDate == null) return null;
        LocalDate[] d = new LocalDate[days + 1];
        d[0] = lastDate;
        for (int t = 1; t <= days; t++) {
            d[t] = switch (frequency) {
                case "monthly" -> lastDate.plusMonths(t);
                case "weekly" -> d[t - 1].plusWeeks(1);
                default -> nextBusinessDay(d[t - 1]);
            };
        }
        return d;
    }

    private static LocalDate nextBusinessDay(LocalDate d) {
        LocalDate n = d.plusDays(1);
        while (n.getDayOfWeek() == DayOfWeek.SATURDAY || n.getDayOfWeek() == DayOfWeek.SUNDAY) n = n.plusDays(1);
        return n;
    }

    /** The frequency of a date column, from the median gap: "business-day", "weekly" or "monthly". */
    static String frequency(LocalDate[] dates) {
        if (dates == null || dates.length < 3) return "business-day";
        long[] gaps = new long[dates.length - 1];
        for (int i = 1; i < dates.length; i++) gaps[i - 1] = dates[i].toEpochDay() - dates[i - 1].toEpochDay();
        java.util.Arrays.sort(gaps);
        long med = gaps[gaps.length / 2];
        if (med >= 25) return "monthly";
        if (med >= 5) return "weekly";
        return "business-day";
    }

    /** The per-simulation constants of a scenario. */
    private record Plan(double[][] spike, double[][] jumps, Scenario scenario) {}

    /** The simulator: shock tables and Cholesky factor, built once per simulate call. */
    private final class Engine {
        final double[][] chol;
        final QuantileTable[] tables;
        final Copula.TTable[] tTables;
        final double[] bootMean;

        Engine(int threads) {
            int k = assets.size();
            bootMean = new double[k];
            if (rows != null) for (double[] row : rows) for (int i = 0; i < k; i++) bootMean[i] += row[i] / rows.length;
            if (correlation != null && residuals == null && rows == null && k > 1) {
                chol = cholesky(correlation);
                tables = new QuantileTable[k];
                tTables = Double.isInfinite(copulaNu) ? null : new Copula.TTable[k];
                // the tables are pure functions of the marginals: build them side by side when allowed
                IntStream ids = IntStream.range(0, k);
                (threads > 1 ? ids.parallel() : ids).forEach(i -> {
                    Marginal m = marginals.get(i);
                    if (tTables != null) tTables[i] = new Copula.TTable(m, copulaNu);
                    else tables[i] = m.gaussianShocks() ? null : new QuantileTable(m);
                });
            } else {
                chol = null;
                tables = null;
                tTables = null;
            }
        }

        void path(SplittableRandom rng, int days, double[] start, Plan plan, double[][] prices, int p) {
            int k = assets.size();
            int base = p * (days + 1);
            double[] lp = new double[k];
            for (int i = 0; i < k; i++) {
                prices[i][base] = start[i];
                lp[i] = Math.log(start[i]);
            }
            Scenario sc = plan.scenario();
            boolean regimes = !sc.regimes().isEmpty();
            int regime = sc.startRegime();
            if (rows != null) {
                bootstrapPath(rng, days, plan, prices, base, lp, regimes, regime);
                return;
            }
            double[][] state = new double[k][];
            for (int i = 0; i < k; i++) {
                state[i] = new double[Math.max(1, marginals.get(i).stateSize())];
                marginals.get(i).start(state[i]);
            }
            double[] z = new double[k], eps = new double[k];
            boolean stateful = false;
            for (Marginal m : marginals) stateful |= m.stateSize() > 0;
            for (int t = stateful ? -BURN_IN : 0; t < days; t++) {
                shocks(rng, z, eps);
                if (t < 0) {
                    for (int i = 0; i < k; i++) marginals.get(i).step(state[i], z[i], 1, 0, rng);
                    continue;
                }
                double scale = 1, drift = 0;
                if (regimes) {
                    if (t > 0 && sc.transition() != null) regime = nextRegime(rng, sc.transition()[regime]);
                    scale = sc.regimes().get(regime).volScale();
                    drift = sc.regimes().get(regime).drift();
                }
                for (int i = 0; i < k; i++) {
                    double r = marginals.get(i).step(state[i], z[i], scale * plan.spike()[i][t], plan.jumps()[i][t], rng) + drift;
                    lp[i] += r;
                    prices[i][base + t + 1] = Math.exp(lp[i]);
                }
            }
        }

        void shocks(SplittableRandom rng, double[] z, double[] eps) {
            int k = z.length;
            if (residuals != null) {
                double[] row = residuals[rng.nextInt(residuals.length)];
                System.arraycopy(row, 0, z, 0, k);
            } else if (chol != null) {
                for (int i = 0; i < k; i++) eps[i] = rng.nextGaussian();
                // the t copula's common mixing variable: one χ²_ν/ν for all assets on the day
                double w = tTables == null ? 1 : Math.sqrt(2 * Sampling.gamma(rng, copulaNu / 2) / copulaNu);
                for (int i = 0; i < k; i++) {
                    double g = 0;
                    for (int j = 0; j <= i; j++) g += chol[i][j] * eps[j];
                    if (tTables != null) z[i] = tTables[i].at(g / w);
                    else z[i] = tables[i] == null ? g : tables[i].at(g);
                }
            } else {
                for (int i = 0; i < k; i++) z[i] = marginals.get(i).drawShock(rng);
            }
        }

        /**
         * The stationary bootstrap (Politis and Romano, 1994): each day continues the current block
         * with probability 1 − 1/L (wrapping around the end) or starts a new one at a uniform
         * random day, so block lengths are geometric with mean L.
         */
        void bootstrapPath(SplittableRandom rng, int days, Plan plan, double[][] prices, int base, double[] lp,
                           boolean regimes, int regime) {
            int k = assets.size(), n = rows.length;
            double pNew = 1 / blockLength;
            double[] mean = bootMean;
            int idx = rng.nextInt(n);
            Scenario sc = plan.scenario();
            for (int t = 0; t < days; t++) {
                if (t > 0) idx = rng.nextDouble() < pNew ? rng.nextInt(n) : (idx + 1) % n;
                double scale = 1, drift = 0;
                if (regimes) {
                    if (t > 0 && sc.transition() != null) regime = nextRegime(rng, sc.transition()[regime]);
                    scale = sc.regimes().get(regime).volScale();
                    drift = sc.regimes().get(regime).drift();
                }
                for (int i = 0; i < k; i++) {
                    double r = mean[i] + (rows[idx][i] - mean[i]) * scale * plan.spike()[i][t] + plan.jumps()[i][t] + drift;
                    lp[i] += r;
                    prices[i][base + t + 1] = Math.exp(lp[i]);
                }
            }
        }
    }

    private static int nextRegime(SplittableRandom rng, double[] probs) {
        double u = rng.nextDouble(), c = 0;
        for (int j = 0; j < probs.length; j++) {
            c += probs[j];
            if (u < c) return j;
        }
        return probs.length - 1;
    }

    /** The lower Cholesky factor of a correlation matrix, with a small ridge if it is not positive definite. */
    static double[][] cholesky(double[][] corr) {
        double ridge = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            double[][] a = new double[corr.length][corr.length];
            for (int i = 0; i < corr.length; i++) {
                for (int j = 0; j < corr.length; j++) a[i][j] = (i == j ? 1 : corr[i][j] / (1 + ridge));
            }
            try {
                return new CholeskyDecomposition(new Array2DRowRealMatrix(a), 1e-12, 1e-12).getL().getData();
            } catch (RuntimeException notPositiveDefinite) {
                ridge = ridge == 0 ? 1e-6 : ridge * 10;
            }
        }
        throw new IllegalStateException("correlation matrix is not positive definite");
    }

    /**
     * z = Q(Φ(g)) tabulated on g ∈ [−8, 8] in steps of 1/256 and interpolated linearly: the copula's
     * transform costs a table lookup instead of a t quantile (an iterative solve) per draw.
     */
    static final class QuantileTable {
        private static final double LO = -8, STEP = 1.0 / 256;
        private final double[] z;

        QuantileTable(Marginal m) {
            int size = (int) Math.round(-2 * LO / STEP) + 1;
            double[] u = new double[size];
            for (int i = 0; i < size; i++) {
                double g = LO + i * STEP;
                u[i] = Math.min(Math.max(0.5 * Erf.erfc(-g / Math.sqrt(2)), 1e-15), 1 - 1e-15);
            }
            z = m.quantiles(u);
        }

        double at(double g) {
            double x = (g - LO) / STEP;
            if (x <= 0) return z[0];
            int i = (int) x;
            if (i >= z.length - 1) return z[z.length - 1];
            double f = x - i;
            return z[i] + f * (z[i + 1] - z[i]);
        }
    }

    // ---------------------------------------------------------------- model file

    /** Saves the model atomically as an Ersatz model file of kind "market". */
    public void save(Path file) {
        ModelFile.write(file, KIND, provenance.deepCopy(), body());
    }

    /** The model file's bytes (deterministic for the same model). */
    public byte[] toBytes() {
        return ModelFile.toBytes(KIND, provenance.deepCopy(), body());
    }

    private ObjectNode body() {
        ObjectNode b = ModelFile.object();
        b.put("model", kind.label());
        ArrayNode an = b.putArray("assets");
        assets.forEach(an::add);
        ArrayNode mn = b.putArray("marginals");
        for (Marginal m : marginals) mn.add(m.toJson());
        if (correlation != null) b.set("correlation", matrixJson(correlation));
        if (correlation != null && Double.isFinite(copulaNu)) b.put("copulaNu", copulaNu);
        if (residuals != null) {
            b.put("residualRows", residuals.length);
            ModelFile.putDoubles(b, "residuals", flatten(residuals));
        }
        if (rows != null) {
            b.put("bootstrapRows", rows.length);
            b.put("blockLength", blockLength);
            ModelFile.putDoubles(b, "returns", flatten(rows));
        }
        ArrayNode lp = b.putArray("lastPrices");
        for (double v : lastPrices) lp.add(v);
        if (lastDate != null) b.put("lastDate", lastDate.toString());
        b.put("frequency", frequency);
        ObjectNode l = b.putObject("layout");
        l.put("layout", layout.layout());
        if (layout.keyColumn() != null) l.put("key", layout.keyColumn());
        if (layout.priceColumn() != null) l.put("price", layout.priceColumn());
        if (layout.dateColumn() != null) l.put("date", layout.dateColumn());
        b.set("info", info.deepCopy());
        return b;
    }

    /** Loads a model saved by {@link #save}. */
    public static MarketModel load(Path file) {
        ModelFile.Envelope env = ModelFile.read(file, KIND);
        try {
            return fromBody(env.body(), (ObjectNode) env.provenance());
        } catch (InputException e) {
            throw e.withSource(file.toString());
        } catch (RuntimeException e) {
            throw new InputException(file.toString(), "damaged market model file: " + e.getMessage(), e);
        }
    }

    static MarketModel fromBody(JsonNode b, ObjectNode provenance) {
        ModelKind kind = ModelKind.parse(Marginals.text(b, "model"));
        List<String> assets = new ArrayList<>();
        for (JsonNode a : b.path("assets")) assets.add(a.asText());
        if (assets.isEmpty()) throw new InputException("model file: no assets");
        List<Marginal> marginals = new ArrayList<>();
        for (JsonNode m : b.path("marginals")) marginals.add(Marginals.fromJson(m));
        double[][] corr = b.has("correlation") ? matrixFromJson(b.get("correlation")) : null;
        int k = assets.size();
        double[][] res = b.has("residuals") ? unflatten(ModelFile.getDoubles(b, "residuals"), b.path("residualRows").asInt(), k) : null;
        double[][] rows = b.has("returns") ? unflatten(ModelFile.getDoubles(b, "returns"), b.path("bootstrapRows").asInt(), k) : null;
        if (rows == null && marginals.size() != k) throw new InputException("model file: " + marginals.size() + " marginals for " + k + " assets");
        double[] last = new double[k];
        JsonNode lp = b.path("lastPrices");
        if (lp.size() != k) throw new InputException("model file: lastPrices needs one price per asset");
        for (int i = 0; i < k; i++) last[i] = lp.get(i).asDouble();
        LocalDate lastDate = b.has("lastDate") ? LocalDate.parse(b.get("lastDate").asText()) : null;
        JsonNode l = b.path("layout");
        PriceLayout layout = new PriceLayout(l.path("layout").asText("wide"), l.has("key") ? l.get("key").asText() : null,
                l.has("price") ? l.get("price").asText() : null, l.has("date") ? l.get("date").asText() : null);
        ObjectNode info = b.has("info") && b.get("info").isObject() ? (ObjectNode) b.get("info") : ModelFile.object();
        // files without "copulaNu" (the first v1 files) hold a Gaussian copula
        double nu = b.has("copulaNu") ? b.get("copulaNu").asDouble() : Double.POSITIVE_INFINITY;
        if (!(nu > 2)) throw new InputException("model file: copulaNu must exceed 2, got " + nu);
        return new MarketModel(kind, assets, marginals, corr, nu, res, rows, b.path("blockLength").asDouble(1), last, lastDate,
                b.path("frequency").asText("business-day"), layout, info, provenance == null ? ModelFile.object() : provenance);
    }

    private static ArrayNode matrixJson(double[][] m) {
        ArrayNode a = ModelFile.mapper().createArrayNode();
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double v : row) r.add(v);
        }
        return a;
    }

    private static double[][] matrixFromJson(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            m[i] = new double[a.get(i).size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = a.get(i).get(j).asDouble();
        }
        return m;
    }

    private static double[] flatten(double[][] m) {
        int k = m[0].length;
        double[] out = new double[m.length * k];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, out, i * k, k);
        return out;
    }

    private static double[][] unflatten(double[] flat, int n, int k) {
        if (flat.length != n * k) throw new InputException("model file: array of " + flat.length + " values, expected " + n + " × " + k);
        double[][] m = new double[n][k];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * k, m[i], 0, k);
        return m;
    }
}
