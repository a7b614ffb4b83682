package dev.ersatz.synth.copula;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/** Correlation-matrix helpers for the copula: pairwise estimation, repair to positive definite, Cholesky. */
final class Correlations {
    /** Smallest eigenvalue kept when repairing a matrix; keeps the Cholesky factor well conditioned. */
    static final double MIN_EIGEN = 1e-6;

    private Correlations() {}

    /**
     * Pearson correlations of the score rows, each pair over the rows where both are present (NaN =
     * absent). A pair with fewer than three shared rows, or a constant side, gets 0.
     */
    static double[][] pairwise(double[][] scores) {
        int d = scores.length;
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            r[i][i] = 1;
            for (int j = 0; j < i; j++) {
                double v = pearson(scores[i], scores[j]);
                r[i][j] = v;
                r[j][i] = v;
            }
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        int n = 0;
        double sa = 0, sb = 0;
        for (int k = 0; k < a.length; k++) {
            if (Double.isNaN(a[k]) || Double.isNaN(b[k])) continue;
            sa += a[k];
            sb += b[k];
            n++;
        }
        if (n < 3) return 0;
        double ma = sa / n, mb = sb / n, saa = 0, sbb = 0, sab = 0;
        for (int k = 0; k < a.length; k++) {
            if (Double.isNaN(a[k]) || Double.isNaN(b[k])) continue;
            double x = a[k] - ma, y = b[k] - mb;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        if (saa <= 0 || sbb <= 0) return 0;
        double v = sab / Math.sqrt(saa * sbb);
        return Math.max(-1, Math.min(1, v));
    }

    /**
     * The nearest valid correlation matrix by eigenvalue clipping: negative or tiny eigenvalues are
     * raised to {@link #MIN_EIGEN} and the result rescaled to a unit diagonal. Pairwise estimates from
     * incomplete rows need this; complete-data estimates are left unchanged up to rounding.
     */
    static double[][] repair(double[][] r) {
        int d = r.length;
        if (d == 1) return new double[][] {{1}};
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(r, true));
        double[] ev = eig.getEigenvalues();
        boolean ok = true;
        for (double e : ev) if (e < MIN_EIGEN) { ok = false; break; }
        if (ok) return r;
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double lambda = Math.max(ev[k], MIN_EIGEN);
            RealVector v = eig.getEigenvector(k);
            for (int i = 0; i < d; i++) {
                double vi = v.getEntry(i) * lambda;
                for (int j = 0; j < d; j++) out[i][j] += vi * v.getEntry(j);
            }
        }
        double[] s = new double[d];
        for (int i = 0; i < d; i++) s[i] = Math.sqrt(out[i][i]);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) out[i][j] = i == j ? 1 : out[i][j] / (s[i] * s[j]);
        return out;
    }

    /** The lower Cholesky factor of a (repaired) correlation or covariance matrix. */
    static double[][] cholesky(double[][] m) {
        int d = m.length;
        if (d == 0) return new double[0][0];
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(m, true), 1e-8, 1e-12).getL();
        return l.getData();
    }

    /** A covariance matrix made positive definite by clipping its eigenvalues (used for conditional covariances). */
    static double[][] repairCovariance(double[][] c) {
        int d = c.length;
        if (d == 0) return c;
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(c, true));
        double[] ev = eig.getEigenvalues();
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double lambda = Math.max(ev[k], 1e-10);
            RealVector v = eig.getEigenvector(k);
            for (int i = 0; i < d; i++) {
                double vi = v.getEntry(i) * lambda;
                for (int j = 0; j < d; j++) out[i][j] += vi * v.getEntry(j);
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) { double a = 0.5 * (out[i][j] + out[j][i]); out[i][j] = a; out[j][i] = a; }
        return out;
    }
}
