package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Merton's (1976) jump diffusion in daily steps: r_t = μ + σ z_t + Σ_{j=1}^{N_t} J_j, with
 * N_t ~ Poisson(λ) jumps a day and J_j ~ N(μ_J, σ_J²).
 *
 * <p>Maximum likelihood on the exact daily density, a Poisson mixture of normals:
 * f(r) = Σ_{k=0}^{K} e^{−λ} λ^k/k! · φ(r; μ + kμ_J, σ² + kσ_J²), truncated at K = 12 (the remaining
 * Poisson mass is below 1e-20 for the daily λ seen in practice, which the fit bounds at 0.5). With
 * mean targeting μ = mean(r) − λμ_J; with variance targeting σ² = s² − λ(σ_J² + μ_J²), so the
 * model's first two moments are the sample's. Jumps give heavy tails and skew, but the days stay
 * independent: no volatility clustering, no leverage.
 */
record MertonMarginal(double mu, double sigma, double lambda, double muJ, double sigmaJ, List<Estimate> estimates,
                      double logLikelihood) implements Marginal {

    private static final int K = 12;

    MertonMarginal {
        estimates = List.copyOf(estimates);
    }

    /** Fits the model to the returns that are not {@code NaN}. */
    static MertonMarginal fit(double[] r0, boolean meanTarget, boolean varianceTarget) {
        double[] r = Stats.finite(r0);
        double m = Stats.mean(r), s2 = GarchFitter.backcast(r, m), sd = Math.sqrt(s2);
        // full parameters: mu, sigma, lambda, muJ, sigmaJ
        String[] names = {"mu", "sigma", "lambda", "muJ", "sigmaJ"};
        List<Integer> freeList = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            if (j == 0 && meanTarget) continue;
            if (j == 1 && varianceTarget) continue;
            freeList.add(j);
        }
        int[] free = freeList.stream().mapToInt(Integer::intValue).toArray();
        java.util.function.Function<double[], double[]> complete = t0 -> {
            double[] t = t0.clone();
            if (!(t[2] > 0 && t[2] <= 0.5 && t[4] > 0)) return null;
            if (meanTarget) t[0] = m - t[2] * t[3];
            if (varianceTarget) {
                double v = s2 - t[2] * (t[4] * t[4] + t[3] * t[3]);
                if (!(v > 1e-4 * s2)) return null;
                t[1] = Math.sqrt(v);
            }
            return t[1] > 0 ? t : null;
        };
        java.util.function.ToDoubleFunction<double[]> nll = t0 -> {
            double[] t = complete.apply(t0);
            return t == null ? Double.POSITIVE_INFINITY : -logLik(r, t);
        };
        // optimiser coordinates: mu/sd, ln sigma, ln lambda, muJ/sd, ln sigmaJ
        java.util.function.Function<double[], double[]> fromFree = x -> {
            double[] t = new double[5];
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                t[j] = switch (j) {
                    case 0, 3 -> x[i] * sd;
                    default -> Math.exp(x[i]);
                };
            }
            return t;
        };
        double[] start = {m, 0.8 * sd, 0.02, -sd, 2 * sd};
        double[] x0 = new double[free.length], step = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            int j = free[i];
            x0[i] = j == 0 || j == 3 ? start[j] / sd : Math.log(start[j]);
            step[i] = j == 0 ? 0.02 : 0.3;
        }
        Optimize.Result res = Optimize.nelderMead(x -> nll.applyAsDouble(fromFree.apply(x)), x0, step, 1e-11, 20_000);
        double[] theta = fromFree.apply(res.x());
        double[] full = complete.apply(theta);
        double[] th = new double[free.length], h = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            th[i] = theta[free[i]];
            h[i] = 1e-3 * Math.max(Math.abs(th[i]), free[i] == 0 || free[i] == 3 ? sd : 1e-3);
        }
        java.util.function.ToDoubleFunction<double[]> nllFree = x -> {
            double[] t = new double[5];
            for (int i = 0; i < free.length; i++) t[free[i]] = x[i];
            return nll.applyAsDouble(t);
        };
        double[] se = Optimize.standardErrors(Optimize.inverse(Optimize.hessian(nllFree, th, h)), free.length);
        List<Estimate> est = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            int at = -1;
            for (int i = 0; i < free.length; i++) if (free[i] == j) at = i;
            est.add(at >= 0 ? new Estimate(names[j], full[j], se[at], Double.NaN, false) : Estimate.fixed(names[j], full[j]));
        }
        return new MertonMarginal(full[0], full[1], full[2], full[3], full[4], est, -res.value());
    }

    /** Σ_t ln f(r_t) for parameters t = (μ, σ, λ, μ_J, σ_J), by log-sum-exp over the jump counts. */
    static double logLik(double[] r, double[] t) {
        double mu = t[0], s2 = t[1] * t[1], lam = t[2], muJ = t[3], sJ2 = t[4] * t[4];
        double[] logW = new double[K + 1], mean = new double[K + 1], var = new double[K + 1];
        double lf = 0;
        for (int k = 0; k <= K; k++) {
            if (k > 0) lf += Math.log(k);
            logW[k] = -lam + k * Math.log(lam) - lf;
            mean[k] = mu + k * muJ;
            var[k] = s2 + k * sJ2;
            logW[k] -= 0.5 * Math.log(2 * Math.PI * var[k]);
        }
        double sum = 0;
        double[] terms = new double[K + 1];
        for (double x : r) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k <= K; k++) {
                double d = x - mean[k];
                terms[k] = logW[k] - 0.5 * d * d / var[k];
                if (terms[k] > max) max = terms[k];
            }
            double s = 0;
            for (int k = 0; k <= K; k++) s += Math.exp(terms[k] - max);
            sum += max + Math.log(s);
        }
        return sum;
    }

    @Override public String model() { return "merton"; }
    @Override public double drift() { return mu + lambda * muJ; }

    /** The standard deviation of the daily return: √(σ² + λ(σ_J² + μ_J²)). */
    double totalSd() {
        return Math.sqrt(sigma * sigma + lambda * (sigmaJ * sigmaJ + muJ * muJ));
    }

    @Override public int stateSize() { return 0; }
    @Override public void start(double[] state) { }

    /**
     * The day's return from its standardised shock: r = E[r] + sd·z·scale + jump. The shock is the
     * whole standardised daily return (diffusion and jumps), drawn by {@link #drawShock} or, for
     * several assets, through the copula with {@link #quantile}: so the jumps are as correlated across
     * assets as the rest of the return, instead of independent (independent jumps carrying most of the
     * tail would pull the cross-correlation far below the data's).
     */
    @Override
    public double step(double[] state, double z, double scale, double jump, SplittableRandom rng) {
        return drift() + totalSd() * z * scale + jump;
    }

    /** One standardised draw: (σg + Σ_{j≤N} J_j − λμ_J)/sd with N ~ Poisson(λ), J_j ~ N(μ_J, σ_J²). */
    @Override
    public double drawShock(SplittableRandom rng) {
        int n = Sampling.poisson(rng, lambda);
        double j = n == 0 ? 0 : n * muJ + Math.sqrt(n) * sigmaJ * rng.nextGaussian();
        return (sigma * rng.nextGaussian() + j - lambda * muJ) / totalSd();
    }

    /** The cumulative distribution of the standardised daily return, the Poisson mixture of normals. */
    double cdf(double z) {
        double x = drift() + totalSd() * z;
        double p = Math.exp(-lambda), s = 0;
        for (int k = 0; k <= K; k++) {
            if (k > 0) p *= lambda / k;
            double sd = Math.sqrt(sigma * sigma + k * sigmaJ * sigmaJ);
            s += p * 0.5 * org.hipparchus.special.Erf.erfc(-(x - mu - k * muJ) / (sd * Math.sqrt(2)));
        }
        return s;
    }

    /** The density of the standardised daily return. */
    double pdf(double z) {
        double x = drift() + totalSd() * z;
        double p = Math.exp(-lambda), s = 0;
        for (int k = 0; k <= K; k++) {
            if (k > 0) p *= lambda / k;
            double v = sigma * sigma + k * sigmaJ * sigmaJ, d = x - mu - k * muJ;
            s += p * Math.exp(-0.5 * d * d / v) / Math.sqrt(2 * Math.PI * v);
        }
        return s * totalSd();
    }

    /**
     * The quantile of the standardised daily return: Newton's method on {@link #cdf} from the normal
     * quantile, kept inside a shrinking bisection bracket so it cannot diverge in the flat tails.
     */
    @Override
    public double quantile(double u) {
        return solve(u, new Innovation.Normal().quantile(u), -60);
    }

    /** Quantiles of increasing probabilities, each Newton solve started from (and bracketed by) the last. */
    @Override
    public double[] quantiles(double[] u) {
        double[] z = new double[u.length];
        double prev = -60;
        for (int i = 0; i < u.length; i++) {
            double guess = i == 0 ? new Innovation.Normal().quantile(u[i]) : Math.max(prev, z[i - 1]);
            z[i] = solve(u[i], guess, prev);
            prev = z[i];
        }
        return z;
    }

    private double solve(double u, double start, double lower) {
        double lo = Math.min(lower, start), hi = 60, z = start;
        for (int i = 0; i < 100; i++) {
            double f = cdf(z) - u;
            if (Math.abs(f) < 1e-14) break;
            if (f < 0) lo = z; else hi = z;
            double next = z - f / pdf(z);
            z = next > lo && next < hi && Double.isFinite(next) ? next : 0.5 * (lo + hi);
            if (hi - lo < 1e-12) break;
        }
        return z;
    }

    @Override public boolean gaussianShocks() { return false; }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("type", "merton");
        o.put("mu", mu);
        o.put("sigma", sigma);
        o.put("lambda", lambda);
        o.put("muJ", muJ);
        o.put("sigmaJ", sigmaJ);
        o.put("logLikelihood", logLikelihood);
        o.set("estimates", Marginals.estimatesJson(estimates));
        return o;
    }

    static MertonMarginal fromJson(JsonNode o) {
        return new MertonMarginal(Marginals.num(o, "mu"), Marginals.num(o, "sigma"), Marginals.num(o, "lambda"),
                Marginals.num(o, "muJ"), Marginals.num(o, "sigmaJ"), Marginals.estimatesFromJson(o.path("estimates")),
                o.path("logLikelihood").asDouble(Double.NaN));
    }
}
