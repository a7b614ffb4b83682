package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The stylized-facts report: the facts of a real series beside those of synthetic paths, with the
 * issue's pass/fail targets.
 *
 * <p>Statistics over paths are medians with 95% bands (the 2.5% and 97.5% quantiles across paths):
 * fitted GARCH models often have an infinite fourth moment, so one path's kurtosis ranges over an
 * order of magnitude and a mean would be meaningless. Curves (ACF, leverage) are also averaged over
 * paths for the scores: score = √(Σ_{k=1..250} (real_k − mean-synthetic_k)²), the L2 distance between
 * the real curve and the path-averaged curve.
 *
 * <p>Distances: the Wasserstein-1 distance between the real and each path's 1-, 5- and 20-day
 * (non-overlapping) returns, divided by the real standard deviation of returns at that horizon.
 *
 * <p>Copying: every synthetic 20-day window of returns is compared with every real one (zeros kept
 * and zeros masked); a window equal to a real one within 1e-9 per day counts as copied. A block
 * bootstrap with long blocks could pass every fact by copying; this check catches it.
 *
 * <p>Targets (per asset, medians over paths): mean within 2 standard errors (std/√n of the real
 * series) and standard deviation within 15%; Hill loss index within ±0.5 and KR within
 * [0.8×, 1.3×] of real; excess kurtosis ≥ 3 when the real one is; |ACF r(k)| ≤ 0.05 for
 * k = 2..20; ACF of |r| within ±0.12 of real at lags 1, 5, 10, 20 and ACF(|r|) score ≤ 1.2; mean
 * leverage over k = 1..10 negative and within ±0.05 of real, leverage score ≤ 0.40; KR of 20-day
 * returns below KR of daily returns; skew within ±0.3 (daily) and ±0.5 (20-day) of real; no copied
 * 20-day window.
 */
public final class FactsReport {
    /** The length of the windows of the copy check. */
    public static final int COPY_WINDOW = 20;
    private static final double COPY_TOLERANCE = 1e-9;
    /** The probabilities of the quantile-quantile comparison (pooled synthetic returns against real). */
    private static final double[] QQ_PROBS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
            0.9, 0.95, 0.975, 0.99, 0.995, 0.9975, 0.999};

    /** A median with its 95% band across paths. */
    public record Band(double median, double lo, double hi) {
        static Band of(double[] values) {
            double[] v = Stats.finite(values).clone();
            Arrays.sort(v);
            return new Band(Stats.quantileSorted(v, 0.5), Stats.quantileSorted(v, 0.025), Stats.quantileSorted(v, 0.975));
        }
    }

    /** One target: its rule, the real and synthetic values, and whether it passed. */
    public record Check(String name, String rule, double real, double synthetic, boolean pass) {}

    /**
     * A curve over lags 1..250: real, path mean, path median and the 95% band, and {@code selfScore},
     * the median over paths of one path's L2 distance to the path mean: the score a real series drawn
     * from the model itself would typically get. A score near it is as close as sampling noise lets
     * any model come; the real curve's own noise puts a floor under every score.
     */
    public record Curve(double[] real, double[] mean, double[] median, double[] lo, double[] hi, double selfScore) {
        /** The L2 distance between the real curve and the path-averaged one over the lags both have. */
        public double score() {
            double s = 0;
            for (int k = 0; k < real.length; k++) {
                if (Double.isNaN(real[k]) || Double.isNaN(mean[k])) continue;
                s += (real[k] - mean[k]) * (real[k] - mean[k]);
            }
            return Math.sqrt(s);
        }
    }

    /** The report of one asset. */
    public record AssetReport(String asset, StylizedFacts real, int paths, int days, Map<String, Band> synthetic,
                              Map<String, Double> realScalars, Curve acfR, Curve acfAbs, Curve acfSq, Curve leverage,
                              Band w1, Band w5, Band w20, long copiedWindows, long windows, List<Check> checks,
                              double[] qqProbs, double[] realQuantiles, double[] syntheticQuantiles) {
        /** The ACF(|r|) score. */
        public double acfAbsScore() { return acfAbs.score(); }
        /** The leverage score. */
        public double leverageScore() { return leverage.score(); }
        /** How many checks passed. */
        public int passed() { return (int) checks.stream().filter(Check::pass).count(); }
    }

    /** Cross-asset correlations: real, and the median and band over paths. */
    public record Cross(String a, String b, double realReturns, Band returns, double realAbs, Band abs) {}

    private final List<AssetReport> assets;
    private final List<Cross> cross;

    private FactsReport(List<AssetReport> assets, List<Cross> cross) {
        this.assets = List.copyOf(assets);
        this.cross = List.copyOf(cross);
    }

    /** The per-asset reports. */
    public List<AssetReport> assets() { return assets; }

    /** The cross-asset correlations (empty for one asset). */
    public List<Cross> cross() { return cross; }

    /** Checks passed over all assets. */
    public int passed() { return assets.stream().mapToInt(AssetReport::passed).sum(); }

    /** Checks over all assets. */
    public int checks() { return assets.stream().mapToInt(a -> a.checks().size()).sum(); }

    /**
     * Evaluates synthetic paths against real returns.
     *
     * @param names asset names; {@code paths} must hold them (in any order)
     * @param real  the real daily log returns of each asset, zeros kept
     */
    public static FactsReport evaluate(List<String> names, double[][] real, Paths paths) {
        List<double[][]> synth = new ArrayList<>();
        for (String name : names) {
            int a = paths.assets().indexOf(name);
            if (a < 0) throw new IllegalArgumentException("paths have no asset " + name);
            double[][] r = new double[paths.paths()][];
            for (int p = 0; p < paths.paths(); p++) r[p] = paths.returns(a, p);
            synth.add(r);
        }
        return evaluate(names, real, synth);
    }

    /**
     * Evaluates synthetic return series against real ones.
     *
     * @param synthetic per asset, [path][day] daily log returns (each path needs ≥ 40 days)
     */
    public static FactsReport evaluate(List<String> names, double[][] real, List<double[][]> synthetic) {
        List<AssetReport> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add(asset(names.get(i), real[i], synthetic.get(i)));
        List<Cross> cross = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                int paths = synthetic.get(i).length;
                double[] c = new double[paths], ca = new double[paths];
                for (int p = 0; p < paths; p++) {
                    c[p] = Stats.correlation(synthetic.get(i)[p], synthetic.get(j)[p]);
                    ca[p] = Stats.correlation(abs(synthetic.get(i)[p]), abs(synthetic.get(j)[p]));
                }
                int n = Math.min(real[i].length, real[j].length);
                double[] ri = Arrays.copyOf(real[i], n), rj = Arrays.copyOf(real[j], n);
                cross.add(new Cross(names.get(i), names.get(j), Stats.correlation(ri, rj), Band.of(c),
                        Stats.correlation(abs(ri), abs(rj)), Band.of(ca)));
            }
        }
        return new FactsReport(out, cross);
    }

    private static double[] abs(double[] x) {
        double[] a = new double[x.length];
        for (int t = 0; t < x.length; t++) a[t] = Math.abs(x[t]);
        return a;
    }

    private static AssetReport asset(String name, double[] real, double[][] synth) {
        StylizedFacts rf = StylizedFacts.of(real);
        int paths = synth.length;
        StylizedFacts[] sf = new StylizedFacts[paths];
        double[][] w = new double[3][paths];
        double[] r5 = Stats.aggregate(real, 5), r20 = Stats.aggregate(real, 20);
        double sd1 = rf.std(), sd5 = Stats.std(r5), sd20 = Stats.std(r20);
        IntStream.range(0, paths).parallel().forEach(p -> {
            sf[p] = StylizedFacts.of(synth[p]);
            w[0][p] = Stats.wasserstein1(real, synth[p]) / sd1;
            w[1][p] = Stats.wasserstein1(r5, Stats.aggregate(synth[p], 5)) / sd5;
            w[2][p] = Stats.wasserstein1(r20, Stats.aggregate(synth[p], 20)) / sd20;
        });
        Map<String, Double> realScalars = scalars(rf);
        Map<String, Band> synthScalars = new LinkedHashMap<>();
        for (String key : realScalars.keySet()) {
            double[] v = new double[paths];
            for (int p = 0; p < paths; p++) v[p] = scalars(sf[p]).get(key);
            synthScalars.put(key, Band.of(v));
        }
        Curve acfR = curve(rf.acfR(), sf, StylizedFacts::acfR);
        Curve acfAbs = curve(rf.acfAbs(), sf, StylizedFacts::acfAbs);
        Curve acfSq = curve(rf.acfSq(), sf, StylizedFacts::acfSq);
        Curve lev = curve(rf.leverage(), sf, StylizedFacts::leverage);
        long[] copies = copies(real, synth);
        List<Check> checks = checks(rf, realScalars, synthScalars, acfR, acfAbs, lev, copies[0]);
        double[] pooled = new double[paths * synth[0].length];
        for (int p = 0, at = 0; p < paths; p++) {
            System.arraycopy(synth[p], 0, pooled, at, synth[p].length);
            at += synth[p].length;
        }
        Arrays.sort(pooled);
        double[] sortedReal = real.clone();
        Arrays.sort(sortedReal);
        double[] rq = new double[QQ_PROBS.length], sq = new double[QQ_PROBS.length];
        for (int i = 0; i < QQ_PROBS.length; i++) {
            rq[i] = Stats.quantileSorted(sortedReal, QQ_PROBS[i]);
            sq[i] = Stats.quantileSorted(pooled, QQ_PROBS[i]);
        }
        return new AssetReport(name, rf, paths, synth[0].length, synthScalars, realScalars, acfR, acfAbs, acfSq, lev,
                Band.of(w[0]), Band.of(w[1]), Band.of(w[2]), copies[0], copies[1], checks, QQ_PROBS.clone(), rq, sq);
    }

    /** The scalar facts by name, in report order. */
    static Map<String, Double> scalars(StylizedFacts f) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", f.mean());
        m.put("std", f.std());
        m.put("skew", f.skew());
        m.put("excessKurtosis", f.excessKurtosis());
        m.put("kr", f.kr());
        m.put("hillLoss", f.hillLoss());
        m.put("hillGain", f.hillGain());
        m.put("acfR1", f.acfR()[0]);
        m.put("acfAbs1", f.acfAbs()[0]);
        m.put("acfAbs5", f.acfAbs()[4]);
        m.put("acfAbs10", f.acfAbs()[9]);
        m.put("acfAbs20", f.acfAbs()[19]);
        m.put("acfAbs50", f.acfAbs()[49]);
        m.put("acfSq1", f.acfSq()[0]);
        m.put("acfSq5", f.acfSq()[4]);
        m.put("acfSq10", f.acfSq()[9]);
        m.put("acfSq20", f.acfSq()[19]);
        m.put("acfSq50", f.acfSq()[49]);
        m.put("leverageMean10", f.leverageMean10());
        m.put("std5", f.std5());
        m.put("skew5", f.skew5());
        m.put("excessKurtosis5", f.excessKurtosis5());
        m.put("kr5", f.kr5());
        m.put("std20", f.std20());
        m.put("skew20", f.skew20());
        m.put("excessKurtosis20", f.excessKurtosis20());
        m.put("kr20", f.kr20());
        m.put("pUpGivenLarge", f.pUpGivenLarge());
        m.put("passageGainDays", f.passageGainDays());
        m.put("passageLossDays", f.passageLossDays());
        return m;
    }

    private static Curve curve(double[] real, StylizedFacts[] sf, java.util.function.Function<StylizedFacts, double[]> get) {
        int lags = real.length, paths = sf.length;
        double[] mean = new double[lags], med = new double[lags], lo = new double[lags], hi = new double[lags];
        double[] col = new double[paths];
        for (int k = 0; k < lags; k++) {
            double s = 0;
            int c = 0;
            for (int p = 0; p < paths; p++) {
                col[p] = get.apply(sf[p])[k];
                if (!Double.isNaN(col[p])) {
                    s += col[p];
                    c++;
                }
            }
            mean[k] = c == 0 ? Double.NaN : s / c;
            Band b = Band.of(col);
            med[k] = b.median();
            lo[k] = b.lo();
            hi[k] = b.hi();
        }
        double[] self = new double[paths];
        for (int p = 0; p < paths; p++) {
            double[] v = get.apply(sf[p]);
            double d = 0;
            for (int k = 0; k < lags; k++) if (!Double.isNaN(v[k]) && !Double.isNaN(mean[k])) d += (v[k] - mean[k]) * (v[k] - mean[k]);
            self[p] = Math.sqrt(d);
        }
        return new Curve(real.clone(), mean, med, lo, hi, Stats.median(self));
    }

    private static List<Check> checks(StylizedFacts rf, Map<String, Double> real, Map<String, Band> s, Curve acfR,
                                      Curve acfAbs, Curve lev, long copied) {
        List<Check> c = new ArrayList<>();
        double se = rf.meanStandardError();
        double m = s.get("mean").median();
        c.add(new Check("mean", "within 2 standard errors (2 × " + fmt(se) + ") of real", rf.mean(), m, Math.abs(m - rf.mean()) <= 2 * se));
        double sd = s.get("std").median();
        c.add(new Check("std", "within 15% of real", rf.std(), sd, Math.abs(sd / rf.std() - 1) <= 0.15));
        double hl = s.get("hillLoss").median();
        c.add(new Check("hillLoss", "within ±0.5 of real", rf.hillLoss(), hl, Math.abs(hl - rf.hillLoss()) <= 0.5));
        double kr = s.get("kr").median();
        c.add(new Check("kr", "within [0.8×, 1.3×] of real", rf.kr(), kr, kr >= 0.8 * rf.kr() && kr <= 1.3 * rf.kr()));
        if (rf.excessKurtosis() >= 3) {
            double ek = s.get("excessKurtosis").median();
            c.add(new Check("excessKurtosis", "≥ 3 (the real one is)", rf.excessKurtosis(), ek, ek >= 3));
        }
        double maxAcf = 0;
        for (int k = 2; k <= 20; k++) maxAcf = Math.max(maxAcf, Math.abs(acfR.median()[k - 1]));
        double realMax = 0;
        for (int k = 2; k <= 20; k++) realMax = Math.max(realMax, Math.abs(rf.acfR()[k - 1]));
        c.add(new Check("acfR2to20", "max |ACF r(k)|, k = 2..20, ≤ 0.05", realMax, maxAcf, maxAcf <= 0.05));
        for (int k : new int[] {1, 5, 10, 20}) {
            double v = acfAbs.median()[k - 1];
            c.add(new Check("acfAbs" + k, "ACF |r| at lag " + k + " within ±0.12 of real", rf.acfAbs()[k - 1], v,
                    Math.abs(v - rf.acfAbs()[k - 1]) <= 0.12));
        }
        c.add(new Check("acfAbsScore", "ACF(|r|) score ≤ 1.2", 0, acfAbs.score(), acfAbs.score() <= 1.2));
        double lm = s.get("leverageMean10").median();
        c.add(new Check("leverageMean10", "mean L(1..10) negative and within ±0.05 of real", real.get("leverageMean10"), lm,
                lm < 0 && Math.abs(lm - real.get("leverageMean10")) <= 0.05));
        c.add(new Check("leverageScore", "leverage score ≤ 0.40", 0, lev.score(), lev.score() <= 0.40));
        double kr20 = s.get("kr20").median();
        c.add(new Check("kr20BelowKr", "KR of 20-day returns below KR of daily returns (synthetic)", kr, kr20, kr20 < kr));
        double sk = s.get("skew").median();
        c.add(new Check("skew", "within ±0.3 of real", rf.skew(), sk, Math.abs(sk - rf.skew()) <= 0.3));
        double sk20 = s.get("skew20").median();
        c.add(new Check("skew20", "within ±0.5 of real", rf.skew20(), sk20, Math.abs(sk20 - rf.skew20()) <= 0.5));
        c.add(new Check("noCopies", "no synthetic 20-day window equal to a real one", 0, copied, copied == 0));
        return c;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * Counts synthetic {@value #COPY_WINDOW}-day windows equal (within 1e-9 a day) to a real window,
     * of the real series with zeros kept or masked; returns {copied, windows compared}.
     */
    static long[] copies(double[] real, double[][] synth) {
        double[] masked = Returns.maskZeros(real);
        double[][] sources = {real, masked};
        Map<Long, List<int[]>> index = new HashMap<>();
        for (int s = 0; s < 2; s++) {
            double[] x = sources[s];
            for (int t = 0; t + COPY_WINDOW <= x.length; t++) index.computeIfAbsent(key(x[t]), q -> new ArrayList<>()).add(new int[] {s, t});
        }
        long copied = 0, windows = 0;
        for (double[] y : synth) {
            for (int t = 0; t + COPY_WINDOW <= y.length; t++) {
                windows++;
                long q = key(y[t]);
                boolean hit = false;
                for (long d = -1; d <= 1 && !hit; d++) {
                    List<int[]> cands = index.get(q + d);
                    if (cands == null) continue;
                    for (int[] c : cands) {
                        double[] x = sources[c[0]];
                        boolean same = true;
                        for (int j = 0; j < COPY_WINDOW && same; j++) same = Math.abs(x[c[1] + j] - y[t + j]) <= COPY_TOLERANCE;
                        if (same) {
                            hit = true;
                            break;
                        }
                    }
                }
                if (hit) copied++;
            }
        }
        return new long[] {copied, windows};
    }

    private static long key(double v) {
        return Math.round(v * 1e8);
    }

    // ---------------------------------------------------------------- JSON

    /** The report as JSON (NaN as null). */
    public ObjectNode toJson() {
        ObjectNode root = ModelFile.object();
        root.put("report", "stylized-facts");
        root.put("passed", passed());
        root.put("checks", checks());
        ArrayNode an = root.putArray("assets");
        for (AssetReport a : assets) {
            ObjectNode o = an.addObject();
            o.put("asset", a.asset());
            o.put("realReturns", a.real().n());
            o.put("paths", a.paths());
            o.put("days", a.days());
            o.put("passed", a.passed());
            o.put("checks", a.checks().size());
            ArrayNode cs = o.putArray("targets");
            for (Check c : a.checks()) {
                ObjectNode co = cs.addObject();
                co.put("name", c.name());
                co.put("rule", c.rule());
                Marginals.putNumber(co, "real", c.real());
                Marginals.putNumber(co, "synthetic", c.synthetic());
                co.put("pass", c.pass());
            }
            ObjectNode facts = o.putObject("facts");
            for (Map.Entry<String, Double> e : a.realScalars().entrySet()) {
                ObjectNode f = facts.putObject(e.getKey());
                Marginals.putNumber(f, "real", e.getValue());
                band(f, a.synthetic().get(e.getKey()));
            }
            ObjectNode scores = o.putObject("scores");
            Marginals.putNumber(scores, "acfR", a.acfR().score());
            Marginals.putNumber(scores, "acfAbs", a.acfAbsScore());
            Marginals.putNumber(scores, "acfSq", a.acfSq().score());
            Marginals.putNumber(scores, "leverage", a.leverageScore());
            ObjectNode self = o.putObject("selfScores");
            Marginals.putNumber(self, "acfR", a.acfR().selfScore());
            Marginals.putNumber(self, "acfAbs", a.acfAbs().selfScore());
            Marginals.putNumber(self, "acfSq", a.acfSq().selfScore());
            Marginals.putNumber(self, "leverage", a.leverage().selfScore());
            ObjectNode qq = o.putObject("quantiles");
            array(qq, "p", a.qqProbs());
            array(qq, "real", a.realQuantiles());
            array(qq, "synthetic", a.syntheticQuantiles());
            ObjectNode wd = o.putObject("wasserstein1OverRealStd");
            band(wd.putObject("1d"), a.w1());
            band(wd.putObject("5d"), a.w5());
            band(wd.putObject("20d"), a.w20());
            ObjectNode cp = o.putObject("copies");
            cp.put("window", COPY_WINDOW);
            cp.put("copied", a.copiedWindows());
            cp.put("compared", a.windows());
            ObjectNode curves = o.putObject("curves");
            curve(curves.putObject("acfR"), a.acfR());
            curve(curves.putObject("acfAbs"), a.acfAbs());
            curve(curves.putObject("acfSq"), a.acfSq());
            curve(curves.putObject("leverage"), a.leverage());
        }
        if (!cross.isEmpty()) {
            ArrayNode cn = root.putArray("crossCorrelations");
            for (Cross c : cross) {
                ObjectNode o = cn.addObject();
                o.put("a", c.a());
                o.put("b", c.b());
                ObjectNode r = o.putObject("returns");
                Marginals.putNumber(r, "real", c.realReturns());
                band(r, c.returns());
                ObjectNode ab = o.putObject("absReturns");
                Marginals.putNumber(ab, "real", c.realAbs());
                band(ab, c.abs());
            }
        }
        return root;
    }

    private static void band(ObjectNode o, Band b) {
        Marginals.putNumber(o, "median", b.median());
        Marginals.putNumber(o, "lo95", b.lo());
        Marginals.putNumber(o, "hi95", b.hi());
    }

    private static void curve(ObjectNode o, Curve c) {
        array(o, "real", c.real());
        array(o, "mean", c.mean());
        array(o, "median", c.median());
        array(o, "lo95", c.lo());
        array(o, "hi95", c.hi());
    }

    /** Writes {@code v} with six significant digits (curves are noisy far beyond that; files stay small). */
    private static void array(ObjectNode o, String field, double[] v) {
        ArrayNode a = o.putArray(field);
        for (double x : v) {
            if (Double.isFinite(x)) a.add(new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue());
            else a.addNull();
        }
    }
}
