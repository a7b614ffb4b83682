package dev.ersatz.sim.market;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation and numerical curvature for the likelihood fits.
 *
 * <p>Nelder and Mead (1965) with the standard coefficients (reflection 1, expansion 2, contraction
 * ½, shrink ½), restarted from the best point with a fresh simplex until a restart no longer
 * improves the value: a single run can stall on a degenerate simplex, and likelihood surfaces of
 * GARCH models have long curved valleys along the persistence. Infeasible points return +∞ from the
 * objective and are simply never accepted, so constraints need no special handling. The method is
 * deterministic: same start, same steps, same result.
 */
final class Optimize {
    private Optimize() {}

    /** The minimiser's result: the best point, its value and the number of evaluations used. */
    record Result(double[] x, double value, int evaluations) {}

    /**
     * Minimises {@code f} from {@code start} with initial simplex steps {@code step}.
     *
     * @param tol      stop a run when the simplex's values span less than tol·(|f_best| + tol)
     * @param maxEvals the evaluation budget over all restarts
     */
    static Result nelderMead(ToDoubleFunction<double[]> f, double[] start, double[] step, double tol, int maxEvals) {
        double[] best = start.clone();
        double bestValue = f.applyAsDouble(best);
        int evals = 1;
        if (!Double.isFinite(bestValue)) throw new IllegalArgumentException("the starting point is infeasible");
        for (int restart = 0; restart < 6 && evals < maxEvals; restart++) {
            Result r = run(f, best, bestValue, step, tol, maxEvals - evals);
            evals += r.evaluations();
            boolean improved = r.value() < bestValue - tol * (Math.abs(bestValue) + tol);
            if (r.value() < bestValue) {
                best = r.x();
                bestValue = r.value();
            }
            if (!improved && restart > 0) break;
        }
        return new Result(best, bestValue, evals);
    }

    private static Result run(ToDoubleFunction<double[]> f, double[] start, double startValue, double[] step, double tol, int maxEvals) {
        int n = start.length;
        double[][] s = new double[n + 1][];
        double[] v = new double[n + 1];
        s[0] = start.clone();
        v[0] = startValue;
        int evals = 0;
        for (int i = 0; i < n; i++) {
            s[i + 1] = start.clone();
            s[i + 1][i] += step[i];
            v[i + 1] = f.applyAsDouble(s[i + 1]);
            evals++;
            if (!Double.isFinite(v[i + 1])) {
                // try the other direction before giving up on this vertex
                s[i + 1][i] = start[i] - step[i];
                v[i + 1] = f.applyAsDouble(s[i + 1]);
                evals++;
            }
        }
        Integer[] order = new Integer[n + 1];
        double[] centroid = new double[n];
        while (evals < maxEvals) {
            for (int i = 0; i <= n; i++) order[i] = i;
            final double[] vv = v;
            Arrays.sort(order, (a, b) -> Double.compare(vv[a], vv[b]));
            double[][] s2 = new double[n + 1][];
            double[] v2 = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                s2[i] = s[order[i]];
                v2[i] = v[order[i]];
            }
            s = s2;
            v = v2;
            if (Double.isFinite(v[n]) && v[n] - v[0] <= tol * (Math.abs(v[0]) + tol)) break;
            Arrays.fill(centroid, 0);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) centroid[j] += s[i][j] / n;
            double[] xr = along(centroid, s[n], -1);
            double fr = f.applyAsDouble(xr);
            evals++;
            if (fr < v[0]) {
                double[] xe = along(centroid, s[n], -2);
                double fe = f.applyAsDouble(xe);
                evals++;
                if (fe < fr) { s[n] = xe; v[n] = fe; } else { s[n] = xr; v[n] = fr; }
            } else if (fr < v[n - 1]) {
                s[n] = xr;
                v[n] = fr;
            } else {
                boolean outside = fr < v[n];
                double[] xc = along(centroid, s[n], outside ? -0.5 : 0.5);
                double fc = f.applyAsDouble(xc);
                evals++;
                if (fc < (outside ? fr : v[n])) {
                    s[n] = xc;
                    v[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
                        v[i] = f.applyAsDouble(s[i]);
                        evals++;
                    }
                }
            }
        }
        int b = 0;
        for (int i = 1; i <= n; i++) if (v[i] < v[b]) b = i;
        return new Result(s[b].clone(), v[b], evals);
    }

    /** centroid + t·(x − centroid). */
    private static double[] along(double[] centroid, double[] x, double t) {
        double[] out = new double[centroid.length];
        for (int j = 0; j < out.length; j++) out[j] = centroid[j] + t * (x[j] - centroid[j]);
        return out;
    }

    /** The step of the numerical derivatives at θ_i: relative, with a floor for parameters near zero. */
    static double step(double theta, double floor) {
        return 1e-4 * Math.max(Math.abs(theta), floor);
    }

    /**
     * The Hessian of {@code f} at {@code x} by central differences with steps {@code h}: diagonal
     * (f(x+h) − 2f(x) + f(x−h))/h², off-diagonal (f(++) − f(+−) − f(−+) + f(−−))/(4 h_i h_j).
     * Entries are {@code NaN} where a step leaves the feasible region (a parameter on its bound).
     */
    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double[] h) {
        int n = x.length;
        double f0 = f.applyAsDouble(x);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            double fp = f.applyAsDouble(shift(x, i, h[i], -1, 0));
            double fm = f.applyAsDouble(shift(x, i, -h[i], -1, 0));
            out[i][i] = (fp - 2 * f0 + fm) / (h[i] * h[i]);
            for (int j = 0; j < i; j++) {
                double fpp = f.applyAsDouble(shift(x, i, h[i], j, h[j]));
                double fpm = f.applyAsDouble(shift(x, i, h[i], j, -h[j]));
                double fmp = f.applyAsDouble(shift(x, i, -h[i], j, h[j]));
                double fmm = f.applyAsDouble(shift(x, i, -h[i], j, -h[j]));
                out[i][j] = out[j][i] = (fpp - fpm - fmp + fmm) / (4 * h[i] * h[j]);
            }
        }
        for (double[] row : out) for (int j = 0; j < n; j++) if (!Double.isFinite(row[j])) row[j] = Double.NaN;
        return out;
    }

    private static double[] shift(double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        if (j >= 0) y[j] += dj;
        return y;
    }

    /** The inverse of a symmetric matrix, or {@code null} when it is singular or has NaN entries. */
    static double[][] inverse(double[][] a) {
        for (double[] row : a) for (double v : row) if (!Double.isFinite(v)) return null;
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(a), 1e-300);
        if (!lu.getSolver().isNonSingular()) return null;
        RealMatrix inv = lu.getSolver().getInverse();
        return inv.getData();
    }

    /** The square roots of the diagonal of {@code cov}; {@code NaN} where it is missing or not positive. */
    static double[] standardErrors(double[][] cov, int n) {
        double[] se = new double[n];
        Arrays.fill(se, Double.NaN);
        if (cov == null) return se;
        for (int i = 0; i < n; i++) se[i] = cov[i][i] > 0 ? Math.sqrt(cov[i][i]) : Double.NaN;
        return se;
    }
}
