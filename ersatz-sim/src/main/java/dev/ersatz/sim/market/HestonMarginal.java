package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Heston's (1993) stochastic volatility in daily Euler steps with full truncation (Lord, Koekkoek
 * and van Dijk, 2010): with v⁺ = max(v, 0),
 * r_t = μ + √(v⁺_t) z_t and v_{t+1} = v_t + κ(θ − v⁺_t) + ξ √(v⁺_t) w_t, corr(z, w) = ρ,
 * all rates per day. μ absorbs the −½v Itô term: it is the mean daily log return.
 *
 * <p>The daily likelihood has no closed form, so the model is fitted by the simulated method of
 * moments (McFadden, 1989; Duffie and Singleton, 1993): μ and θ are targeted to the sample mean and
 * variance, and (κ, ξ, ρ) minimise (m̂ − m̄(κ,ξ,ρ))ᵀ W (m̂ − m̄) over five moments of the returns
 * — KR, the mean ACF of |r| over lags 1-5, 6-20 and 21-60, and the mean leverage over lags 1-10 —
 * where m̄ averages each moment over S = 8 simulated series as long as the data with common random
 * numbers (fixed by the fit seed) and W is the inverse of the moments' variances under the starting
 * parameters. Standard errors come from the GMM sandwich
 * (1 + 1/S)(GᵀWG)⁻¹GᵀWΩWG(GᵀWG)⁻¹, with G the numerical Jacobian of m̄ and Ω the moments'
 * covariance over 64 series simulated at the estimate.
 *
 * <p>The Feller condition 2κθ ≥ ξ² keeps the continuous-time variance away from zero. Matching
 * an index's kurtosis needs a large ξ that violates it, and the truncated variance then sits at zero
 * for stretches, piling up near-zero returns (the KR gives it away). The moments here (KR, clustering,
 * leverage; not the kurtosis) keep the Feller condition on the EU indices, at the price of tails
 * too light (excess kurtosis ≈ 1.5 against 6.3 for the DAX). {@link #feller()} reports it per fit.
 */
record HestonMarginal(double mu, double kappa, double theta, double xi, double rho, List<Estimate> estimates)
        implements Marginal {

    private static final int S = 8;
    private static final int BURN_IN = 250;

    HestonMarginal {
        estimates = List.copyOf(estimates);
    }

    /** Whether 2κθ ≥ ξ² (the variance process stays positive in continuous time). */
    boolean feller() {
        return 2 * kappa * theta >= xi * xi;
    }

    /** Fits (κ, ξ, ρ) by simulated moments with μ and θ targeted; {@code seed} fixes the simulations. */
    static HestonMarginal fit(double[] r0, long seed) {
        double[] r = Stats.finite(r0);
        int n = r.length;
        double mu = Stats.mean(r), theta = GarchFitter.backcast(r, mu);
        double[] target = moments(r);
        long[] seeds = new long[S];
        SplittableRandom root = new SplittableRandom(seed);
        for (int s = 0; s < S; s++) seeds[s] = root.nextLong();
        double[] start = {0.03, 0.15 * Math.sqrt(theta), -0.5};
        // weights: the inverse variances of the moments, from 64 series at the start
        double[][] omega0 = momentCovariance(mu, theta, start, n, root.nextLong(), 64);
        double[] w = new double[target.length];
        for (int i = 0; i < w.length; i++) w[i] = 1 / Math.max(omega0[i][i], 1e-12);
        // optimiser coordinates: ln κ, ln(ξ/√θ), atanh ρ
        java.util.function.Function<double[], double[]> fromX = x -> new double[] {Math.exp(x[0]), Math.exp(x[1]) * Math.sqrt(theta), Math.tanh(x[2])};
        java.util.function.ToDoubleFunction<double[]> objective = p -> {
            if (!(p[0] > 1e-4 && p[0] < 1 && p[1] > 0 && Math.abs(p[2]) < 0.999)) return Double.POSITIVE_INFINITY;
            double[] m = simulatedMoments(mu, theta, p, n, seeds);
            double q = 0;
            for (int i = 0; i < m.length; i++) q += w[i] * (m[i] - target[i]) * (m[i] - target[i]);
            return Double.isFinite(q) ? q : Double.POSITIVE_INFINITY;
        };
        double[] x0 = {Math.log(start[0]), Math.log(start[1] / Math.sqrt(theta)), atanh(start[2])};
        Optimize.Result res = Optimize.nelderMead(x -> objective.applyAsDouble(fromX.apply(x)), x0,
                new double[] {0.5, 0.3, 0.3}, 1e-8, 1500);
        double[] p = fromX.apply(res.x());
        double[] se = standardErrors(mu, theta, p, n, seeds, w, root.nextLong());
        List<Estimate> est = new ArrayList<>();
        est.add(Estimate.fixed("mu", mu));
        est.add(new Estimate("kappa", p[0], se[0], Double.NaN, false));
        est.add(Estimate.fixed("theta", theta));
        est.add(new Estimate("xi", p[1], se[1], Double.NaN, false));
        est.add(new Estimate("rho", p[2], se[2], Double.NaN, false));
        return new HestonMarginal(mu, p[0], theta, p[1], p[2], est);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** The moments matched: KR, mean ACF|r| over lags 1-5, 6-20, 21-60, mean leverage over 1-10. */
    static double[] moments(double[] r) {
        int n = r.length;
        double[] abs = new double[n];
        for (int t = 0; t < n; t++) abs[t] = Math.abs(r[t]);
        double[] acf = Stats.acf(abs, 60);
        double[] lev = Stats.leverage(r, 10);
        return new double[] {Stats.robustKurtosis(r), avg(acf, 1, 5), avg(acf, 6, 20), avg(acf, 21, 60), avg(lev, 1, 10)};
    }

    private static double avg(double[] x, int from, int to) {
        double s = 0;
        for (int k = from; k <= to; k++) s += x[k - 1];
        return s / (to - from + 1);
    }

    private static double[] simulatedMoments(double mu, double theta, double[] p, int n, long[] seeds) {
        double[] m = new double[5];
        for (long s : seeds) {
            double[] mi = moments(simulate(mu, theta, p, n, new SplittableRandom(s)));
            for (int i = 0; i < 5; i++) m[i] += mi[i] / seeds.length;
        }
        return m;
    }

    private static double[][] momentCovariance(double mu, double theta, double[] p, int n, long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] ms = new double[count][];
        for (int c = 0; c < count; c++) ms[c] = moments(simulate(mu, theta, p, n, rng.split()));
        double[] mean = new double[5];
        for (double[] m : ms) for (int i = 0; i < 5; i++) mean[i] += m[i] / count;
        double[][] cov = new double[5][5];
        for (double[] m : ms) {
            for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) cov[i][j] += (m[i] - mean[i]) * (m[j] - mean[j]) / (count - 1);
        }
        return cov;
    }

    private static double[] standardErrors(double mu, double theta, double[] p, int n, long[] seeds, double[] w, long seed) {
        double[][] g = new double[5][3];
        for (int j = 0; j < 3; j++) {
            double h = 1e-2 * Math.max(Math.abs(p[j]), j == 1 ? 0.01 * Math.sqrt(theta) : 0.01);
            double[] up = p.clone(), dn = p.clone();
            up[j] += h;
            dn[j] -= h;
            if (j == 2) {
                up[2] = Math.min(up[2], 0.998);
                dn[2] = Math.max(dn[2], -0.998);
            }
            double[] mu1 = simulatedMoments(mu, theta, up, n, seeds), md = simulatedMoments(mu, theta, dn, n, seeds);
            for (int i = 0; i < 5; i++) g[i][j] = (mu1[i] - md[i]) / (up[j] - dn[j]);
        }
        double[][] om = momentCovariance(mu, theta, p, n, seed, 64);
        double[][] gwg = new double[3][3], gwowg = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0, s2 = 0;
                for (int i = 0; i < 5; i++) {
                    s += g[i][a] * w[i] * g[i][b];
                    for (int k = 0; k < 5; k++) s2 += g[i][a] * w[i] * om[i][k] * w[k] * g[k][b];
                }
                gwg[a][b] = s;
                gwowg[a][b] = s2;
            }
        }
        double[][] inv = Optimize.inverse(gwg);
        if (inv == null) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double[][] cov = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int c = 0; c < 3; c++) for (int d = 0; d < 3; d++) s += inv[a][c] * gwowg[c][d] * inv[d][b];
                cov[a][b] = (1 + 1.0 / S) * s;
            }
        }
        return Optimize.standardErrors(cov, 3);
    }

    /** One series of n daily returns after a burn-in, started at v = θ. */
    static double[] simulate(double mu, double theta, double[] p, int n, SplittableRandom rng) {
        HestonMarginal h = new HestonMarginal(mu, p[0], theta, p[1], p[2], List.of());
        double[] state = new double[1];
        h.start(state);
        double[] out = new double[n];
        for (int t = -BURN_IN; t < n; t++) {
            double r = h.step(state, rng.nextGaussian(), 1, 0, rng);
            if (t >= 0) out[t] = r;
        }
        return out;
    }

    @Override public String model() { return "heston"; }
    @Override public double logLikelihood() { return Double.NaN; }
    @Override public double drift() { return mu; }
    @Override public int stateSize() { return 1; }
    @Override public void start(double[] state) { state[0] = theta; }

    @Override
    public double step(double[] state, double z, double scale, double jump, SplittableRandom rng) {
        double v = Math.max(state[0], 0);
        double sv = Math.sqrt(v);
        double w = rho * z + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
        double e = sv * z * scale + jump;
        // the shock that moved the price drives the variance, so a crash raises volatility
        double zEff = sv > 0 ? e / sv : z;
        double wEff = rho * zEff + (w - rho * z);
        state[0] = Math.min(state[0] + kappa * (theta - v) + xi * sv * wEff, 1.0);
        return mu + e;
    }

    @Override public double drawShock(SplittableRandom rng) { return rng.nextGaussian(); }
    @Override public double quantile(double u) { return new Innovation.Normal().quantile(u); }
    @Override public boolean gaussianShocks() { return true; }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("type", "heston");
        o.put("mu", mu);
        o.put("kappa", kappa);
        o.put("theta", theta);
        o.put("xi", xi);
        o.put("rho", rho);
        o.put("feller", feller());
        o.set("estimates", Marginals.estimatesJson(estimates));
        return o;
    }

    static HestonMarginal fromJson(JsonNode o) {
        return new HestonMarginal(Marginals.num(o, "mu"), Marginals.num(o, "kappa"), Marginals.num(o, "theta"),
                Marginals.num(o, "xi"), Marginals.num(o, "rho"), Marginals.estimatesFromJson(o.path("estimates")));
    }
}
