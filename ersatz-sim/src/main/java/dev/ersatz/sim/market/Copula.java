package dev.ersatz.sim.market;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.special.Gamma;

import java.util.Arrays;

/**
 * The dependence of several assets' standardised residuals: a Gaussian or a Student-t copula.
 *
 * <p>Both are fitted to the pseudo-observations u_ti = rank_ti/(n + 1) of the residuals on the days
 * every asset traded (ranks make the copula independent of the marginal fits' tails).
 * <ul>
 *   <li>Gaussian: R is the correlation of the normal scores Φ⁻¹(u); log-likelihood
 *       Σ_t −½ ln|R| − ½ xᵀ(R⁻¹ − I)x.</li>
 *   <li>Student t (Demarta and McNeil, 2005): R = sin(πτ/2) from Kendall's τ of each pair (exact for
 *       every elliptical copula, and robust), and ν maximises the profile log-likelihood
 *       Σ_t ln Γ((ν+d)/2) + (d−1) ln Γ(ν/2) − d ln Γ((ν+1)/2) − ½ ln|R|
 *       − (ν+d)/2 ln(1 + xᵀR⁻¹x/ν) + (ν+1)/2 Σ_i ln(1 + x_i²/ν), with x_i = t_ν⁻¹(u_i), over a grid
 *       of ν from 2.5 to 100.</li>
 * </ul>
 * The t copula is kept when it improves the log-likelihood by more than 1 (Akaike's criterion for
 * its one extra parameter). Its tail dependence is what lets simulated crashes hit every market on
 * the same day, so that the cross-correlation of absolute returns, not only of returns, survives;
 * a Gaussian copula has none.
 *
 * @param correlation the copula's correlation matrix
 * @param nu          the t copula's degrees of freedom, or +∞ for the Gaussian copula
 * @param logLikGaussian the Gaussian copula's log-likelihood
 * @param logLikT     the best t copula's log-likelihood
 */
record Copula(double[][] correlation, double nu, double logLikGaussian, double logLikT) {

    private static final double[] NU_GRID = {2.5, 3, 3.5, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 60, 100};

    /** Whether this is the Gaussian copula. */
    boolean gaussian() {
        return Double.isInfinite(nu);
    }

    /** Fits both copulas to the residual rows [day][asset] and keeps the better by AIC. */
    static Copula fit(double[][] rows) {
        int n = rows.length, d = rows[0].length;
        int[][] rank = new int[d][n];
        for (int i = 0; i < d; i++) {
            Integer[] order = new Integer[n];
            for (int t = 0; t < n; t++) order[t] = t;
            final int col = i;
            Arrays.sort(order, (a, b) -> Double.compare(rows[a][col], rows[b][col]));
            for (int r = 0; r < n; r++) rank[i][order[r]] = r + 1;
        }
        // Gaussian: normal scores
        Innovation.Normal nd = new Innovation.Normal();
        double[] normalScore = new double[n + 1];
        for (int r = 1; r <= n; r++) normalScore[r] = nd.quantile(r / (n + 1.0));
        double[][] xs = new double[d][n];
        for (int i = 0; i < d; i++) for (int t = 0; t < n; t++) xs[i][t] = normalScore[rank[i][t]];
        double[][] rg = new double[d][d];
        for (int i = 0; i < d; i++) {
            rg[i][i] = 1;
            for (int j = 0; j < i; j++) rg[i][j] = rg[j][i] = Stats.correlation(xs[i], xs[j]);
        }
        double llg = gaussianLogLik(rg, xs);
        // t: Kendall's tau correlation, profile likelihood in ν
        double[][] rt = new double[d][d];
        for (int i = 0; i < d; i++) {
            rt[i][i] = 1;
            for (int j = 0; j < i; j++) rt[i][j] = rt[j][i] = Math.sin(Math.PI / 2 * kendall(rank[i], rank[j]));
        }
        rt = nearestValid(rt);
        double bestNu = Double.POSITIVE_INFINITY, bestLl = Double.NEGATIVE_INFINITY;
        for (double nu : NU_GRID) {
            double ll = tLogLik(rt, rank, nu);
            if (ll > bestLl) {
                bestLl = ll;
                bestNu = nu;
            }
        }
        if (bestLl > llg + 1) return new Copula(rt, bestNu, llg, bestLl);
        return new Copula(rg, Double.POSITIVE_INFINITY, llg, bestLl);
    }

    /** Kendall's τ-a of two rank vectors (no ties among continuous residuals). */
    static double kendall(int[] a, int[] b) {
        int n = a.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            int ai = a[i], bi = b[i];
            for (int j = i + 1; j < n; j++) s += Long.signum((long) (a[j] - ai) * (b[j] - bi));
        }
        return 2.0 * s / ((double) n * (n - 1));
    }

    /** The matrix itself when positive definite, else shrunk towards the identity until it is. */
    private static double[][] nearestValid(double[][] r) {
        for (double shrink = 0; shrink < 1; shrink = shrink == 0 ? 0.01 : shrink * 2) {
            double[][] m = new double[r.length][r.length];
            for (int i = 0; i < r.length; i++) for (int j = 0; j < r.length; j++) m[i][j] = i == j ? 1 : (1 - shrink) * r[i][j];
            try {
                new org.hipparchus.linear.CholeskyDecomposition(new Array2DRowRealMatrix(m), 1e-12, 1e-10);
                return m;
            } catch (RuntimeException notPositiveDefinite) {
                // shrink further
            }
        }
        double[][] id = new double[r.length][r.length];
        for (int i = 0; i < r.length; i++) id[i][i] = 1;
        return id;
    }

    private static double gaussianLogLik(double[][] r, double[][] x) {
        int d = r.length, n = x[0].length;
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(r));
        double[][] inv = lu.getSolver().getInverse().getData();
        double logDet = Math.log(lu.getDeterminant());
        double ll = 0;
        for (int t = 0; t < n; t++) {
            double q = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) q += x[i][t] * ((i == j ? inv[i][j] - 1 : inv[i][j])) * x[j][t];
            ll += -0.5 * logDet - 0.5 * q;
        }
        return ll;
    }

    private static double tLogLik(double[][] r, int[][] rank, double nu) {
        int d = r.length, n = rank[0].length;
        TDistribution td = new TDistribution(nu);
        double[] q = new double[n + 1];
        for (int k = 1; k <= n; k++) q[k] = td.inverseCumulativeProbability(k / (n + 1.0));
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(r));
        double[][] inv = lu.getSolver().getInverse().getData();
        double logDet = Math.log(lu.getDeterminant());
        double c = Gamma.logGamma((nu + d) / 2) + (d - 1) * Gamma.logGamma(nu / 2) - d * Gamma.logGamma((nu + 1) / 2) - 0.5 * logDet;
        double ll = 0;
        double[] x = new double[d];
        for (int t = 0; t < n; t++) {
            double marg = 0;
            for (int i = 0; i < d; i++) {
                x[i] = q[rank[i][t]];
                marg += Math.log1p(x[i] * x[i] / nu);
            }
            double quad = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) quad += x[i] * inv[i][j] * x[j];
            ll += c - (nu + d) / 2 * Math.log1p(quad / nu) + (nu + 1) / 2 * marg;
        }
        return ll;
    }

    /**
     * z = Q(T_ν(y)) for a t-copula coordinate y, tabulated on s = asinh(y) ∈ [−14.5, 14.5]
     * (|y| up to 10⁶) in 4,096 steps and interpolated linearly: fine near 0, and reaching the far
     * tails a t draw can land in. A Gaussian-shock marginal uses Q = Φ⁻¹.
     */
    static final class TTable {
        private static final double S = 14.5;
        private static final int SIZE = 4097;
        private final double[] z = new double[SIZE];
        private final double step = 2 * S / (SIZE - 1);

        TTable(Marginal m, double nu) {
            TDistribution td = new TDistribution(nu);
            double[] u = new double[SIZE];
            for (int i = 0; i < SIZE; i++) {
                double y = Math.sinh(-S + i * step);
                u[i] = Math.min(Math.max(td.cumulativeProbability(y), 1e-15), 1 - 1e-15);
            }
            System.arraycopy(m.quantiles(u), 0, z, 0, SIZE);
        }

        double at(double y) {
            double x = (asinh(y) + S) / step;
            if (x <= 0) return z[0];
            int i = (int) x;
            if (i >= SIZE - 1) return z[SIZE - 1];
            double f = x - i;
            return z[i] + f * (z[i + 1] - z[i]);
        }

        private static double asinh(double y) {
            double a = Math.abs(y);
            double s = Math.log(a + Math.sqrt(a * a + 1));
            return y < 0 ? -s : s;
        }
    }
}
