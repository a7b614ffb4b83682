package dev.ersatz.neural.image;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised by a Gaussian (mean
 * and covariance): ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), as in Heusel et al., "GANs Trained by a Two
 * Time-Scale Update Rule Converge to a Local Nash Equilibrium" (NeurIPS 2017, the FID), here over
 * any feature extractor's vectors (Ersatz uses {@link ImageClassifier#features}).
 *
 * <p>Tr((Σ₁Σ₂)^½) is computed as Tr((S Σ₂ S)^½) with S = Σ₁^½ (symmetric, so two symmetric eigen-
 * decompositions and no complex square roots); negative eigenvalues from rounding are taken as 0.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    public static double of(double[][] a, double[][] b) {
        int d = a[0].length;
        double[] ma = mean(a), mb = mean(b);
        RealMatrix ca = cov(a, ma), cb = cov(b, mb);
        double diff = 0;
        for (int j = 0; j < d; j++) diff += (ma[j] - mb[j]) * (ma[j] - mb[j]);
        RealMatrix sa = sqrt(ca);
        RealMatrix m = sa.multiply(cb).multiply(sa);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double trSqrt = 0;
        for (double ev : new EigenDecompositionSymmetric(m).getEigenvalues()) trSqrt += Math.sqrt(Math.max(0, ev));
        return diff + ca.getTrace() + cb.getTrace() - 2 * trSqrt;
    }

    private static RealMatrix sqrt(RealMatrix s) {
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(s);
        double[] ev = e.getEigenvalues();
        RealMatrix v = e.getV();
        int d = ev.length;
        RealMatrix scaled = v.copy();
        for (int j = 0; j < d; j++) {
            double r = Math.sqrt(Math.max(0, ev[j]));
            for (int i = 0; i < d; i++) scaled.setEntry(i, j, v.getEntry(i, j) * r);
        }
        return scaled.multiply(v.transpose());
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) for (int j = 0; j < m.length; j++) m[j] += r[j];
        for (int j = 0; j < m.length; j++) m[j] /= x.length;
        return m;
    }

    private static RealMatrix cov(double[][] x, double[] m) {
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) {
                double di = r[i] - m[i];
                if (di == 0) continue;
                for (int j = i; j < d; j++) c[i][j] += di * (r[j] - m[j]);
            }
        }
        for (int i = 0; i < d; i++) for (int j = i; j < d; j++) { c[i][j] /= (x.length - 1); c[j][i] = c[i][j]; }
        return new Array2DRowRealMatrix(c, false);
    }
}
