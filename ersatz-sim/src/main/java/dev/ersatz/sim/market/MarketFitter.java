package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Version;
import dev.ersatz.core.model.ModelFile;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fits a {@link MarketModel} to price series.
 *
 * <p>Every model is fitted to the log returns with the exact zeros masked (see {@link Returns}).
 * Per-asset fits are independent; the dependence between assets is estimated afterwards from the
 * standardised residuals on the days every asset traded (see {@link MarketModel}).
 *
 * <p>{@code auto} fits the candidates {@link #AUTO_CANDIDATES}, simulates {@value #AUTO_PATHS} paths as
 * long as the data from each, scores them with the stylized-facts report against the real series,
 * and keeps the model that passes most targets (ties: the smaller sum of the ACF(|r|) and leverage
 * scores). The ranking is stored in the model's {@code info.selection}.
 */
public final class MarketFitter {
    private MarketFitter() {}

    /** The models {@code auto} compares. */
    public static final List<ModelKind> AUTO_CANDIDATES = List.of(ModelKind.GJR_FHS, ModelKind.GJR_SKEWT, ModelKind.GJR_T,
            ModelKind.EGARCH, ModelKind.GARCH_T, ModelKind.HESTON, ModelKind.MERTON, ModelKind.GBM, ModelKind.BOOTSTRAP);
    /** Paths per candidate in {@code auto}. */
    public static final int AUTO_PATHS = 100;

    /** Fits without progress messages. */
    public static MarketModel fit(PriceSeries data, MarketOptions options, long seed, String source) {
        return fit(data, options, seed, source, msg -> { });
    }

    /**
     * Fits {@code options.model()} to {@code data}.
     *
     * @param source   the input's name, recorded in the provenance
     * @param progress receives one line per stage of a long fit ({@code auto})
     */
    public static MarketModel fit(PriceSeries data, MarketOptions options, long seed, String source, Consumer<String> progress) {
        int k = data.assets();
        double[][] masked = new double[k][];
        int[] zeros = new int[k];
        for (int i = 0; i < k; i++) {
            double[] r = data.returns(i);
            zeros[i] = Returns.zeroCount(r);
            masked[i] = r.clone();
            if (options.maskZeros()) for (int t = 0; t < r.length; t++) if (r[t] == 0) masked[i][t] = Double.NaN;
            int usable = Stats.finite(masked[i]).length;
            if (usable < 60) {
                throw new InputException(source, -1, data.names().get(i), null, "only " + usable
                        + " non-zero returns: a market model needs at least 60");
            }
        }
        if (options.model() == ModelKind.AUTO) return auto(data, options, seed, source, masked, zeros, progress);
        return fitOne(data, options, options.model(), seed, source, masked, zeros);
    }

    private static MarketModel fitOne(PriceSeries data, MarketOptions options, ModelKind kind, long seed, String source,
                                      double[][] masked, int[] zeros) {
        int k = data.assets();
        List<Marginal> marginals = new ArrayList<>();
        double[][] correlation = null, residualRows = null, bootRows = null;
        double blockLength = 1;
        ObjectNode info = ModelFile.object();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        switch (kind) {
            case GBM -> {
                for (int i = 0; i < k; i++) marginals.add(GbmMarginal.fit(masked[i]));
            }
            case MERTON -> {
                for (int i = 0; i < k; i++) marginals.add(MertonMarginal.fit(masked[i], options.meanTargeting(), options.varianceTargeting()));
            }
            case HESTON -> {
                for (int i = 0; i < k; i++) marginals.add(HestonMarginal.fit(masked[i], seeds.nextLong()));
            }
            case BOOTSTRAP -> {
                bootRows = jointRows(masked);
                double b = 1;
                for (int i = 0; i < k; i++) {
                    double[] col = new double[bootRows.length];
                    for (int t = 0; t < col.length; t++) col[t] = bootRows[t][i] * bootRows[t][i];
                    b = Math.max(b, BlockLength.stationary(col));
                }
                blockLength = b;
            }
            case GJR_FHS -> {
                residualRows = fhs(masked, options, marginals);
            }
            default -> {
                GarchMarginal.VolKind vol = kind.volatility();
                if (vol == null) throw new IllegalArgumentException("not a fittable model: " + kind);
                for (int i = 0; i < k; i++) {
                    marginals.add(GarchFitter.fit(kind.label(), masked[i], vol, Innovation.named(kind.innovation()),
                            options.meanTargeting(), options.varianceTargeting()));
                }
            }
        }
        double copulaNu = Double.POSITIVE_INFINITY;
        if (k > 1 && residualRows == null && bootRows == null) {
            Copula c = Copula.fit(jointRows(standardised(masked, marginals)));
            correlation = c.correlation();
            copulaNu = c.nu();
            ObjectNode cn = info.putObject("copula");
            cn.put("family", c.gaussian() ? "gaussian" : "t");
            if (!c.gaussian()) cn.put("nu", c.nu());
            cn.put("logLikelihoodGaussian", c.logLikGaussian());
            cn.put("logLikelihoodT", c.logLikT());
        }
        ArrayNode zn = info.putArray("zeroReturnsMasked");
        for (int z : zeros) zn.add(options.maskZeros() ? z : 0);
        info.put("returns", masked[0].length);
        for (int i = 0; i < marginals.size(); i++) {
            if (marginals.get(i) instanceof HestonMarginal h) {
                ObjectNode feller = info.has("feller") ? (ObjectNode) info.get("feller") : info.putObject("feller");
                feller.put(data.names().get(i), h.feller());
            }
        }
        double[] last = new double[k];
        for (int i = 0; i < k; i++) last[i] = data.prices()[i][data.days() - 1];
        java.time.LocalDate lastDate = data.dates() == null ? null : data.dates()[data.days() - 1];
        MarketModel.PriceLayout layout = new MarketModel.PriceLayout(data.layout(), data.keyColumn(), data.priceColumn(), data.dateColumn());
        return new MarketModel(kind, data.names(), marginals, correlation, copulaNu, residualRows, bootRows, blockLength, last, lastDate,
                MarketModel.frequency(data.dates()), layout, info, provenance(data, options, kind, seed, source));
    }

    /**
     * Filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper, 1999): a GJR filter per
     * asset fitted by Gaussian quasi-maximum likelihood (consistent whatever the true innovation
     * distribution), then the standardised residuals of the days every asset traded, each column
     * re-centred and re-scaled to mean 0 and variance 1 so that the targeted mean and variance hold
     * exactly in simulation. With variance targeting ω is re-set with the residuals' own
     * κ̂ = mean(z²·1(z &lt; 0)), the weight the asymmetry term has when those residuals are drawn.
     */
    private static double[][] fhs(double[][] masked, MarketOptions options, List<Marginal> out) {
        int k = masked.length;
        List<GarchMarginal> filters = new ArrayList<>();
        double[][] z = new double[k][];
        for (int i = 0; i < k; i++) {
            GarchMarginal g = GarchFitter.fit("gjr-fhs", masked[i], GarchMarginal.VolKind.GJR, new Innovation.Normal(),
                    options.meanTargeting(), options.varianceTargeting());
            filters.add(g);
            z[i] = g.residuals(masked[i]);
        }
        double[][] rows = jointRows(z);
        int n = rows.length;
        for (int i = 0; i < k; i++) {
            double m = 0, v = 0;
            for (double[] row : rows) m += row[i] / n;
            for (double[] row : rows) v += (row[i] - m) * (row[i] - m) / n;
            double sd = Math.sqrt(v), kappa = 0, eAbs = 0;
            for (double[] row : rows) {
                row[i] = (row[i] - m) / sd;
                if (row[i] < 0) kappa += row[i] * row[i] / n;
                eAbs += Math.abs(row[i]) / n;
            }
            GarchMarginal g = filters.get(i);
            double omega = g.omega();
            List<Estimate> est = new ArrayList<>(g.estimates());
            if (options.varianceTargeting()) {
                double s2 = GarchFitter.backcast(masked[i], g.mu());
                omega = s2 * (1 - g.alpha() - g.gamma() * kappa - g.beta());
                for (int j = 0; j < est.size(); j++) if (est.get(j).name().equals("omega")) est.set(j, Estimate.fixed("omega", omega));
            }
            est.add(Estimate.fixed("kappa", kappa));
            out.add(g.withMoments("gjr-fhs", omega, kappa, eAbs, est));
        }
        return rows;
    }

    /** The rows (days) on which no series is {@code NaN}, as [row][asset]. */
    static double[][] jointRows(double[][] series) {
        int n = series[0].length, k = series.length;
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double[] row = new double[k];
            boolean ok = true;
            for (int i = 0; i < k; i++) {
                row[i] = series[i][t];
                if (Double.isNaN(row[i])) ok = false;
            }
            if (ok) rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /** Each asset's standardised residuals (GARCH family) or demeaned returns (the others); masked days stay NaN. */
    private static double[][] standardised(double[][] masked, List<Marginal> marginals) {
        int k = masked.length;
        double[][] z = new double[k][];
        for (int i = 0; i < k; i++) {
            Marginal m = marginals.get(i);
            if (m instanceof GarchMarginal g) z[i] = g.residuals(masked[i]);
            else {
                z[i] = masked[i].clone();
                double mu = m.drift();
                for (int t = 0; t < z[i].length; t++) z[i][t] -= mu;
            }
        }
        return z;
    }

    private static MarketModel auto(PriceSeries data, MarketOptions options, long seed, String source, double[][] masked,
                                    int[] zeros, Consumer<String> progress) {
        int k = data.assets();
        double[][] real = new double[k][];
        for (int i = 0; i < k; i++) real[i] = data.returns(i);
        int n = real[0].length;
        MarketModel best = null;
        double[] bestKey = null;
        ArrayNode selection = ModelFile.mapper().createArrayNode();
        for (ModelKind cand : AUTO_CANDIDATES) {
            long t0 = System.nanoTime();
            MarketModel m = fitOne(data, options, cand, seed, source, masked, zeros);
            Paths paths = m.simulate(AUTO_PATHS, n, null, seed, Scenario.NONE, Runtime.getRuntime().availableProcessors());
            FactsReport rep = FactsReport.evaluate(data.names(), real, paths);
            double scores = 0;
            for (FactsReport.AssetReport a : rep.assets()) scores += a.acfAbsScore() + a.leverageScore();
            ObjectNode row = selection.addObject();
            row.put("model", cand.label());
            row.put("passed", rep.passed());
            row.put("checks", rep.checks());
            row.put("acfAbsPlusLeverageScore", scores);
            row.put("seconds", (System.nanoTime() - t0) / 1e9);
            progress.accept(String.format(java.util.Locale.ROOT, "auto: %-12s passes %d/%d targets (scores %.3f)",
                    cand.label(), rep.passed(), rep.checks(), scores));
            double[] key = {rep.passed(), -scores};
            if (bestKey == null || key[0] > bestKey[0] || (key[0] == bestKey[0] && key[1] > bestKey[1])) {
                best = m;
                bestKey = key;
            }
        }
        ObjectNode info = best.info();
        info.set("selection", selection);
        info.put("selectedBy", "auto: most stylized-facts targets passed over " + AUTO_PATHS + " paths of " + n + " days, seed " + seed);
        return best.withInfo(info, provenance(data, options, best.kind(), seed, source));
    }

    private static ObjectNode provenance(PriceSeries data, MarketOptions options, ModelKind fitted, long seed, String source) {
        ObjectNode p = ModelFile.object();
        ObjectNode o = p.putObject("options");
        o.put("model", options.model().label());
        o.put("meanTargeting", options.meanTargeting());
        o.put("varianceTargeting", options.varianceTargeting());
        o.put("maskZeros", options.maskZeros());
        p.put("fitted", fitted.label());
        p.put("seed", seed);
        if (source != null) p.put("source", source);
        p.put("days", data.days());
        p.put("dataSha256", hash(data));
        p.put("library", Version.get());
        return p;
    }

    /** SHA-256 of the asset names and prices, so a model names the exact data it saw. */
    static String hash(PriceSeries data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : data.names()) md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (double[] p : data.prices()) {
                for (double v : p) {
                    buf.clear();
                    buf.putDouble(v);
                    md.update(buf.array());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
