package dev.ersatz.sim.market;

import dev.ersatz.sim.market.GarchMarginal.VolKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum-likelihood fits of the GARCH family ({@link GarchMarginal}) with standard errors.
 *
 * <p>The log-likelihood of returns r_1..r_n given (μ, ω, α, γ, β, shape) is
 * ℓ = Σ_t [ln f(z_t) − ½ ln σ²_t], z_t = (r_t − μ)/σ_t, with the recursion started at the
 * backcast σ²_0 = the sample variance of r − μ. Days that are {@code NaN} (masked zero "holiday"
 * returns) contribute nothing and leave σ² unchanged: they were not trading days.
 *
 * <p>Targeting (Engle and Mezrich, 1996), both on by default: plain MLE on a long index can put the
 * drift several times the sample mean and the implied variance far above the sample's, because the
 * likelihood cares little about the level of slow components. Mean targeting fixes μ to the sample
 * mean; variance targeting fixes ω so the unconditional variance equals the sample variance s²:
 * ω = s²(1 − α − γκ − β) for GARCH/GJR (κ = E[z²·1(z&lt;0)] of the innovation), and for EGARCH
 * ω = (1 − β)(ln s² − ½ Var(g(z))/(1 − β²)), g(z) = α(|z| − E|z|) + γz: the log-normal
 * approximation ln E[σ²] ≈ E[ln σ²] + ½ Var(ln σ²), taking z symmetric (exact targeting of E[σ²] is
 * impossible under t innovations, whose exponential moments are infinite).
 *
 * <p>Constraints: GARCH/GJR need ω &gt; 0, α ≥ 0, α + γ ≥ 0, β ≥ 0 and persistence &lt; 1 (a finite
 * unconditional variance); EGARCH needs |β| &lt; 1; t and skewed-t need 2.05 &lt; ν ≤ 500 and
 * |λ| &lt; 0.95. The optimiser works on ln ω and ln(ν − 2) and treats infeasible points as +∞.
 *
 * <p>Standard errors: the inverse of the numerical Hessian of −ℓ in the estimated parameters, and
 * the robust sandwich H⁻¹JH⁻¹ with J the outer product of the per-day scores (numerical).
 * Targeted parameters are reported as fixed; their own sampling error is not propagated.
 */
final class GarchFitter {
    private GarchFitter() {}

    private static final int MU = 0, OMEGA = 1, ALPHA = 2, GAMMA = 3, BETA = 4, SHAPE = 5;

    /** The starting conditional variance: the mean of (r − μ)² over the days that are not masked. */
    static double backcast(double[] r, double mu) {
        double s = 0;
        int n = 0;
        for (double v : r) {
            if (!Double.isNaN(v)) {
                s += (v - mu) * (v - mu);
                n++;
            }
        }
        return s / n;
    }

    /**
     * Fits the model to {@code r} (daily log returns; {@code NaN} = masked).
     *
     * @param name the model's name for reports, e.g. "gjr-t"
     */
    static GarchMarginal fit(String name, double[] r, VolKind kind, Innovation dist, boolean meanTarget, boolean varianceTarget) {
        Problem pb = new Problem(r, kind, dist, meanTarget, varianceTarget);
        double[] x0 = pb.toFree(pb.start());
        Optimize.Result res = Optimize.nelderMead(pb::negLogLikTransformed, x0, pb.steps(), 1e-11, 20_000);
        double[] theta = pb.fromFree(res.x());
        double[] full = pb.complete(theta);
        // standard errors in the natural parameters that were estimated
        int[] free = pb.free;
        double[] th = new double[free.length];
        double[] h = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            th[i] = theta[free[i]];
            h[i] = 1e-3 * Math.max(Math.abs(th[i]), pb.floor(free[i]));
        }
        double[][] hess = Optimize.hessian(x -> pb.negLogLik(pb.expand(x)), th, h);
        double[][] cov = Optimize.inverse(hess);
        double[] se = Optimize.standardErrors(cov, free.length);
        double[] robust = Optimize.standardErrors(sandwich(pb, th, h, cov), free.length);
        Innovation fitted = pb.innovation(full);
        List<Estimate> est = new ArrayList<>();
        String[] names = pb.names();
        for (int j = 0; j < full.length; j++) {
            if (kind == VolKind.GARCH && j == GAMMA) continue;
            int at = indexOf(free, j);
            est.add(at >= 0 ? new Estimate(names[j], full[j], se[at], robust[at], false) : Estimate.fixed(names[j], full[j]));
        }
        return new GarchMarginal(name, kind, fitted, full[MU], full[OMEGA], full[ALPHA], full[GAMMA], full[BETA],
                fitted.negativeSecondMoment(), fitted.expectedAbs(), est, -res.value(), meanTarget, varianceTarget);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    /** H⁻¹ J H⁻¹ with J = Σ_t s_t s_tᵀ, s_t the central-difference score of day t. */
    private static double[][] sandwich(Problem pb, double[] th, double[] h, double[][] hinv) {
        if (hinv == null) return null;
        int p = th.length;
        double[][] scores = new double[p][];
        for (int i = 0; i < p; i++) {
            double[] up = th.clone(), dn = th.clone();
            up[i] += h[i];
            dn[i] -= h[i];
            double[] lu = pb.contributions(pb.expand(up)), ld = pb.contributions(pb.expand(dn));
            if (lu == null || ld == null) return null;
            scores[i] = new double[lu.length];
            for (int t = 0; t < lu.length; t++) scores[i][t] = (lu[t] - ld[t]) / (2 * h[i]);
        }
        double[][] j = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int t = 0; t < scores[a].length; t++) s += scores[a][t] * scores[b][t];
                j[a][b] = j[b][a] = s;
            }
        }
        double[][] out = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int c = 0; c < p; c++) for (int d = 0; d < p; d++) s += hinv[a][c] * j[c][d] * hinv[d][b];
                out[a][b] = s;
            }
        }
        return out;
    }

    /** One fitting problem: data, specification and the map between free and full parameters. */
    private static final class Problem {
        final double[] r;
        final VolKind kind;
        final Innovation dist;
        final boolean meanTarget, varianceTarget;
        final double sampleMean, sampleVar, sd;
        final int[] free;
        final int size;

        Problem(double[] r, VolKind kind, Innovation dist, boolean meanTarget, boolean varianceTarget) {
            this.r = r;
            this.kind = kind;
            this.dist = dist;
            this.meanTarget = meanTarget;
            this.varianceTarget = varianceTarget;
            double s = 0;
            int n = 0;
            for (double v : r) {
                if (!Double.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            if (n < 30) throw new IllegalArgumentException("need at least 30 returns to fit a GARCH model, got " + n);
            this.sampleMean = s / n;
            this.sampleVar = backcast(r, sampleMean);
            this.sd = Math.sqrt(sampleVar);
            this.size = SHAPE + dist.params().length;
            List<Integer> f = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                if (j == MU && meanTarget) continue;
                if (j == OMEGA && varianceTarget) continue;
                if (j == GAMMA && kind == VolKind.GARCH) continue;
                f.add(j);
            }
            free = f.stream().mapToInt(Integer::intValue).toArray();
        }

        String[] names() {
            String[] n = new String[size];
            n[MU] = "mu";
            n[OMEGA] = "omega";
            n[ALPHA] = "alpha";
            n[GAMMA] = "gamma";
            n[BETA] = "beta";
            String[] sn = dist.paramNames();
            System.arraycopy(sn, 0, n, SHAPE, sn.length);
            return n;
        }

        double[] start() {
            double[] t = new double[size];
            t[MU] = sampleMean;
            if (kind == VolKind.EGARCH) {
                t[ALPHA] = 0.1;
                t[GAMMA] = -0.05;
                t[BETA] = 0.97;
                t[OMEGA] = (1 - t[BETA]) * Math.log(sampleVar);
            } else {
                t[ALPHA] = kind == VolKind.GJR ? 0.03 : 0.07;
                t[GAMMA] = kind == VolKind.GJR ? 0.07 : 0;
                t[BETA] = 0.88;
                t[OMEGA] = sampleVar * (1 - t[ALPHA] - 0.5 * t[GAMMA] - t[BETA]);
            }
            double[] shape = dist.params();
            System.arraycopy(shape, 0, t, SHAPE, shape.length);
            return t;
        }

        /** Natural → optimiser coordinates (free parameters only). */
        double[] toFree(double[] t) {
            double[] x = new double[free.length];
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                double v = t[j];
                if (j == OMEGA && kind != VolKind.EGARCH) v = Math.log(v);
                else if (j == SHAPE) v = Math.log(v - 2);
                else if (j == MU) v = v / sd;
                x[i] = v;
            }
            return x;
        }

        /** Optimiser coordinates → natural parameters (targeted ones left at 0; see {@link #complete}). */
        double[] fromFree(double[] x) {
            double[] t = new double[size];
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                double v = x[i];
                if (j == OMEGA && kind != VolKind.EGARCH) v = Math.exp(v);
                else if (j == SHAPE) v = 2 + Math.exp(v);
                else if (j == MU) v = v * sd;
                t[j] = v;
            }
            return t;
        }

        /** The natural parameters from the free ones (in natural units). */
        double[] expand(double[] th) {
            double[] t = new double[size];
            for (int i = 0; i < free.length; i++) t[free[i]] = th[i];
            return t;
        }

        double[] steps() {
            double[] s = new double[free.length];
            for (int i = 0; i < free.length; i++) {
                s[i] = switch (free[i]) {
                    case MU -> 0.02;
                    case OMEGA -> kind == VolKind.EGARCH ? 0.05 : 0.3;
                    case ALPHA, GAMMA -> 0.03;
                    case BETA -> 0.03;
                    case SHAPE -> 0.3;
                    default -> 0.05; // skew λ
                };
            }
            return s;
        }

        /** The parameter scale below which the Hessian's step stops shrinking. */
        double floor(int j) {
            return switch (j) {
                case MU -> sd;
                case OMEGA -> kind == VolKind.EGARCH ? 0.01 : sampleVar * 0.01;
                case SHAPE -> 1;
                default -> 0.01;
            };
        }

        Innovation innovation(double[] t) {
            if (t.length == SHAPE) return dist;
            double[] p = new double[t.length - SHAPE];
            System.arraycopy(t, SHAPE, p, 0, p.length);
            return dist.with(p);
        }

        /** Fills in the targeted μ and ω; {@code null} when the parameters are infeasible. */
        double[] complete(double[] t0) {
            double[] t = t0.clone();
            if (meanTarget) t[MU] = sampleMean;
            Innovation inn = innovation(t);
            if (inn == null) return null;
            if (kind == VolKind.EGARCH) {
                if (!(Math.abs(t[BETA]) < 0.9999)) return null;
                if (varianceTarget) {
                    double ea = inn.expectedAbs();
                    double varG = t[ALPHA] * t[ALPHA] * (1 - ea * ea) + t[GAMMA] * t[GAMMA];
                    double s2 = backcast(r, t[MU]);
                    t[OMEGA] = (1 - t[BETA]) * (Math.log(s2) - 0.5 * varG / (1 - t[BETA] * t[BETA]));
                }
                return t;
            }
            if (kind == VolKind.GARCH) t[GAMMA] = 0;
            if (t[ALPHA] < 0 || t[BETA] < 0 || t[ALPHA] + t[GAMMA] < 0) return null;
            double pers = t[ALPHA] + t[GAMMA] * inn.negativeSecondMoment() + t[BETA];
            if (!(pers < 0.9999)) return null;
            if (varianceTarget) t[OMEGA] = backcast(r, t[MU]) * (1 - pers);
            if (!(t[OMEGA] > 0)) return null;
            return t;
        }

        double negLogLikTransformed(double[] x) {
            return negLogLik(fromFree(x));
        }

        double negLogLik(double[] t0) {
            double[] c = contributions(t0);
            if (c == null) return Double.POSITIVE_INFINITY;
            double s = 0;
            for (double v : c) s += v;
            return Double.isFinite(s) ? -s : Double.POSITIVE_INFINITY;
        }

        /** The per-day log-likelihood terms (0 on masked days), or {@code null} when infeasible. */
        double[] contributions(double[] t0) {
            double[] t = complete(t0);
            if (t == null) return null;
            Innovation inn = innovation(t);
            double mu = t[MU], omega = t[OMEGA], alpha = t[ALPHA], gamma = t[GAMMA], beta = t[BETA];
            double[] out = new double[r.length];
            double s2 = backcast(r, mu);
            if (kind == VolKind.EGARCH) {
                double ea = inn.expectedAbs();
                double ls = Math.log(s2);
                for (int i = 0; i < r.length; i++) {
                    double v = r[i];
                    if (Double.isNaN(v)) continue;
                    if (ls > 10 || ls < -60) return null;
                    double z = (v - mu) * Math.exp(-0.5 * ls);
                    out[i] = inn.logPdf(z) - 0.5 * ls;
                    ls = omega + alpha * (Math.abs(z) - ea) + gamma * z + beta * ls;
                }
                return out;
            }
            for (int i = 0; i < r.length; i++) {
                double v = r[i];
                if (Double.isNaN(v)) continue;
                double e = v - mu;
                out[i] = inn.logPdf(e / Math.sqrt(s2)) - 0.5 * Math.log(s2);
                s2 = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * s2;
            }
            return out;
        }
    }
}
