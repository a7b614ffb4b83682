package dev.ersatz.neural;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A one-dimensional variational Gaussian mixture with a Dirichlet-process prior on the weights: the
 * mode finder of CTGAN's mode-specific normalisation.
 *
 * <p>Method: mean-field variational Bayes (Bishop, "Pattern Recognition and Machine Learning", 2006,
 * §10.2) for a truncated stick-breaking Dirichlet process (Blei and Jordan, "Variational inference for
 * Dirichlet process mixtures", 2006), in one dimension, where the Gauss-Wishart prior is a
 * Normal-Gamma. It follows scikit-learn's {@code BayesianGaussianMixture} as RDT's
 * {@code ClusterBasedNormalizer} (the transformer CTGAN and TVAE use) configures it: 10 components,
 * {@code weight_concentration_prior} 0.001, mean prior = the data mean with precision 1, degrees of
 * freedom prior 1, covariance prior = the data variance, {@code reg_covar} 1e-6, initial
 * responsibilities from k-means (k-means++ seeding), at most 100 iterations, stopping when the
 * evidence lower bound moves less than 1e-3. Components whose weight exceeds 0.005 are the column's
 * modes (Xu et al., "Modeling Tabular Data using Conditional GAN", NeurIPS 2019, §4.2).
 *
 * <p>Values are standardised before fitting (the prior scales with the data, so this changes nothing
 * but the conditioning of the arithmetic) and the result is reported in the data's units.
 *
 * <p>Edge cases: one distinct value (or a zero spread) gives one mode at that value with a tiny spread;
 * fewer distinct values than components leave the surplus components empty (weight ≈ 0, dropped).
 */
final class Vgm {
    static final int COMPONENTS = 10;
    static final double WEIGHT_PRIOR = 1e-3;
    static final double WEIGHT_THRESHOLD = 5e-3;
    static final int MAX_ITER = 100;
    static final double TOL = 1e-3;
    static final double REG_COVAR = 1e-6;

    /** The kept modes: weights (renormalised over the kept ones), means and standard deviations in data units. */
    record Modes(double[] weights, double[] means, double[] stds) {
        int size() { return means.length; }
    }

    private Vgm() {}

    /** Fits the mixture to {@code x} (no NaN) and returns its modes. */
    static Modes fit(double[] x, SplittableRandom rng) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("no values");
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var = n > 1 ? var / (n - 1) : 0;
        double sd = Math.sqrt(var);
        if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
            return new Modes(new double[] {1}, new double[] {mean}, new double[] {Math.max(1e-6, Math.abs(mean) * 1e-9)});
        }
        // Ties carry the same responsibilities: work on the distinct values with their counts.
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int u = 0;
        double[] z = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) { w[u - 1]++; continue; }
            z[u] = (sorted[i] - mean) / sd;
            w[u] = 1;
            u++;
        }
        Fitted f = fitStandardised(Arrays.copyOf(z, u), Arrays.copyOf(w, u), COMPONENTS, rng);
        int kept = 0;
        for (double wk : f.weights) if (wk > WEIGHT_THRESHOLD) kept++;
        double[] wt = new double[kept], m = new double[kept], s = new double[kept];
        double total = 0;
        for (int k = 0, j = 0; k < f.weights.length; k++) {
            if (f.weights[k] <= WEIGHT_THRESHOLD) continue;
            wt[j] = f.weights[k];
            m[j] = mean + sd * f.means[k];
            s[j] = sd * Math.sqrt(f.covariances[k]);
            total += wt[j];
            j++;
        }
        for (int j = 0; j < kept; j++) wt[j] /= total;
        return new Modes(wt, m, s);
    }

    /** The fitted variational parameters (standardised units). */
    record Fitted(double[] weights, double[] means, double[] covariances, double[] alpha, double[] beta,
                  double[] meanPrecision, double[] dof, int iterations, boolean converged) {}

    /** Variational EM on standardised distinct values {@code z} with multiplicities {@code w}; exposed for tests. */
    static Fitted fitStandardised(double[] z, double[] w, int k, SplittableRandom rng) {
        int n = z.length;
        double count = 0, m0 = 0;
        for (int i = 0; i < n; i++) { count += w[i]; m0 += w[i] * z[i]; }
        m0 /= count;
        double cov0 = 0;
        for (int i = 0; i < n; i++) cov0 += w[i] * (z[i] - m0) * (z[i] - m0);
        cov0 = count > 1 ? cov0 / (count - 1) : 1;
        final double beta0 = 1, nu0 = 1;

        double[][] resp = new double[k][n];
        int[] labels = KMeans1d.labels(z, w, k, rng);
        for (int i = 0; i < n; i++) resp[labels[i]][i] = 1;

        double[] nk = new double[k], xk = new double[k], sk = new double[k];
        double[] alpha = new double[k], beta = new double[k], meanPrec = new double[k], means = new double[k],
                dof = new double[k], cov = new double[k];
        double[] logResp = new double[k];
        double prevBound = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iter = 0;
        for (iter = 1; iter <= MAX_ITER; iter++) {
            mStep(z, w, resp, nk, xk, sk, alpha, beta, meanPrec, means, dof, cov, m0, cov0, beta0, nu0);
            // E-step: responsibilities, and the entropy term of the bound.
            double[] logWeights = logWeights(alpha, beta);
            double[] logNorm = new double[k];
            for (int c = 0; c < k; c++) {
                double precChol = 1 / Math.sqrt(cov[c]);
                double logLambda = Math.log(2) + Gamma.digamma(0.5 * dof[c]);
                logNorm[c] = Math.log(precChol) - 0.5 * Math.log(dof[c]) - 0.5 * Math.log(2 * Math.PI)
                        + 0.5 * (logLambda - 1 / meanPrec[c]) + logWeights[c];
            }
            double entropy = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double y = (z[i] - means[c]) / Math.sqrt(cov[c]);
                    logResp[c] = logNorm[c] - 0.5 * y * y;
                    if (logResp[c] > max) max = logResp[c];
                }
                double s = 0;
                for (int c = 0; c < k; c++) { double e = Math.exp(logResp[c] - max); resp[c][i] = e; s += e; }
                double lse = max + Math.log(s);
                for (int c = 0; c < k; c++) {
                    double r = resp[c][i] / s;
                    resp[c][i] = r;
                    if (r > 0) entropy -= w[i] * r * (logResp[c] - lse);
                }
            }
            double bound = lowerBound(entropy, alpha, beta, meanPrec, dof, cov);
            if (Math.abs(bound - prevBound) < TOL) {
                converged = true;
                break;
            }
            prevBound = bound;
        }
        // scikit-learn ends with an M-step from the last responsibilities.
        mStep(z, w, resp, nk, xk, sk, alpha, beta, meanPrec, means, dof, cov, m0, cov0, beta0, nu0);
        double[] weights = new double[k];
        double total = 0, stick = 1;
        for (int c = 0; c < k; c++) {
            double sum = alpha[c] + beta[c];
            weights[c] = alpha[c] / sum * stick;
            stick *= beta[c] / sum;
            total += weights[c];
        }
        for (int c = 0; c < k; c++) weights[c] /= total;
        return new Fitted(weights, means.clone(), cov.clone(), alpha, beta, meanPrec, dof, Math.min(iter, MAX_ITER), converged);
    }

    private static void mStep(double[] z, double[] w, double[][] resp, double[] nk, double[] xk, double[] sk, double[] alpha, double[] beta,
                              double[] meanPrec, double[] means, double[] dof, double[] cov,
                              double m0, double cov0, double beta0, double nu0) {
        int k = nk.length, n = z.length;
        final double eps10 = 10 * Math.ulp(1.0);
        for (int c = 0; c < k; c++) {
            double[] r = resp[c];
            double s = 0, sx = 0;
            for (int i = 0; i < n; i++) { double wr = w[i] * r[i]; s += wr; sx += wr * z[i]; }
            nk[c] = s + eps10;
            xk[c] = sx / nk[c];
            double ss = 0;
            for (int i = 0; i < n; i++) { double d = z[i] - xk[c]; ss += w[i] * r[i] * d * d; }
            sk[c] = ss / nk[c] + REG_COVAR;
        }
        // Stick-breaking weights: alpha_k = 1 + N_k, beta_k = prior + sum of N_j for j > k.
        double tail = 0;
        for (int c = k - 1; c >= 0; c--) {
            alpha[c] = 1 + nk[c];
            beta[c] = WEIGHT_PRIOR + tail;
            tail += nk[c];
        }
        for (int c = 0; c < k; c++) {
            meanPrec[c] = beta0 + nk[c];
            means[c] = (beta0 * m0 + nk[c] * xk[c]) / meanPrec[c];
            dof[c] = nu0 + nk[c];
            double diff = xk[c] - m0;
            cov[c] = (cov0 + nk[c] * sk[c] + nk[c] * beta0 / meanPrec[c] * diff * diff) / dof[c];
        }
    }

    private static double[] logWeights(double[] alpha, double[] beta) {
        int k = alpha.length;
        double[] out = new double[k];
        double acc = 0;
        for (int c = 0; c < k; c++) {
            double dsum = Gamma.digamma(alpha[c] + beta[c]);
            out[c] = Gamma.digamma(alpha[c]) - dsum + acc;
            acc += Gamma.digamma(beta[c]) - dsum;
        }
        return out;
    }

    private static double lowerBound(double entropy, double[] alpha, double[] beta, double[] meanPrec, double[] dof, double[] cov) {
        int k = alpha.length;
        double logWishart = 0, logNormWeight = 0, logMeanPrec = 0;
        for (int c = 0; c < k; c++) {
            double logDetPrecChol = Math.log(1 / Math.sqrt(cov[c])) - 0.5 * Math.log(dof[c]);
            logWishart += -(dof[c] * logDetPrecChol + dof[c] * 0.5 * Math.log(2) + Gamma.logGamma(0.5 * dof[c]));
            logNormWeight += Beta.logBeta(alpha[c], beta[c]);
            logMeanPrec += Math.log(meanPrec[c]);
        }
        return entropy - logWishart + logNormWeight - 0.5 * logMeanPrec;
    }

    /** Log-densities of each component at {@code x} (data units), for the component posterior. */
    static double[] logPosterior(Modes modes, double x, double[] out) {
        int k = modes.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double y = (x - modes.means[c]) / modes.stds[c];
            out[c] = Math.log(modes.weights[c]) - Math.log(modes.stds[c]) - 0.5 * y * y;
            if (out[c] > max) max = out[c];
        }
        double s = 0;
        for (int c = 0; c < k; c++) s += Math.exp(out[c] - max);
        double lse = max + Math.log(s);
        for (int c = 0; c < k; c++) out[c] -= lse;
        return out;
    }

    static String describe(Modes m) {
        return "modes " + Arrays.toString(m.means) + " sd " + Arrays.toString(m.stds) + " w " + Arrays.toString(m.weights);
    }
}
