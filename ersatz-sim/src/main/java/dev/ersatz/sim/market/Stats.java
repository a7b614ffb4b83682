package dev.ersatz.sim.market;

import java.util.Arrays;

/**
 * Descriptive statistics of return series, with the exact conventions of the stylized-facts report.
 *
 * <p>Conventions (they match {@code shared/PEERS.md}, so the report reproduces its figures):
 * <ul>
 *   <li>standard deviation: the sample estimator, divisor n − 1;</li>
 *   <li>skew and excess kurtosis: the biased moment estimators m3/m2^1.5 and m4/m2² − 3 (divisor n);</li>
 *   <li>quantiles: linear interpolation between order statistics, h = (n − 1)p (Hyndman-Fan type 7,
 *       R's and NumPy's default);</li>
 *   <li>ACF_f(k) = Σ_{t≤n−k}(f_t − f̄)(f_{t+k} − f̄) / Σ_t(f_t − f̄)², the full-sample mean and
 *       denominator (the standard, positive-definite estimator);</li>
 *   <li>correlation: Pearson's, over the pairs given.</li>
 * </ul>
 *
 * <p>Edge cases: an empty array gives {@code NaN} for every statistic; a constant series gives
 * {@code NaN} for the ratios whose denominator is zero (skew, kurtosis, ACF, correlation).
 */
final class Stats {
    private Stats() {}

    /** The arithmetic mean. */
    static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** The sample standard deviation (divisor n − 1); {@code NaN} below two values. */
    static double std(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    /** The biased skewness m3 / m2^1.5. */
    static double skew(double[] x) {
        double m = mean(x), m2 = 0, m3 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        return m3 / Math.pow(m2, 1.5);
    }

    /** The biased excess kurtosis m4 / m2² − 3. */
    static double excessKurtosis(double[] x) {
        double m = mean(x), m2 = 0, m4 = 0;
        for (double v : x) {
            double d2 = (v - m) * (v - m);
            m2 += d2;
            m4 += d2 * d2;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m4 / (m2 * m2) - 3;
    }

    /** The type-7 quantile of already sorted values. */
    static double quantileSorted(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The type-7 quantile of {@code x} (copied and sorted). */
    static double quantile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        return quantileSorted(s, p);
    }

    /**
     * The robust kurtosis KR = (q.975 − q.025) / (q.75 − q.25): the width of the central 95% over
     * the interquartile range. A Gaussian gives 2 · 1.95996 / (2 · 0.67449) = 2.906.
     */
    static double robustKurtosis(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return (quantileSorted(s, 0.975) - quantileSorted(s, 0.025))
                / (quantileSorted(s, 0.75) - quantileSorted(s, 0.25));
    }

    /**
     * The Hill estimator of the tail index of the largest values of {@code x}: with the order
     * statistics x_(1) ≥ x_(2) ≥ …, k = ⌊fraction · n⌋, α = 1 / mean_{i≤k} ln(x_(i) / x_(k+1)).
     * For losses pass −r. {@code NaN} when k &lt; 1 or the threshold x_(k+1) is not positive (too
     * few values on that side).
     */
    static double hill(double[] x, double fraction) {
        int n = x.length;
        int k = (int) Math.floor(fraction * n);
        if (k < 1 || k >= n) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        // descending order statistic i (1-based) is s[n - i]
        double threshold = s[n - k - 1];
        if (!(threshold > 0)) return Double.NaN;
        double sum = 0;
        for (int i = 1; i <= k; i++) sum += Math.log(s[n - i] / threshold);
        return k / sum;
    }

    /**
     * The autocorrelations of {@code f} at lags 1..maxLag (index k − 1), with the full-sample mean
     * and denominator (see the class comment). Lags at or beyond n give {@code NaN}.
     */
    static double[] acf(double[] f, int maxLag) {
        int n = f.length;
        double m = mean(f);
        double[] d = new double[n];
        double den = 0;
        for (int t = 0; t < n; t++) {
            d[t] = f[t] - m;
            den += d[t] * d[t];
        }
        double[] out = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            if (k >= n) {
                out[k - 1] = Double.NaN;
                continue;
            }
            double num = 0;
            for (int t = 0, end = n - k; t < end; t++) num += d[t] * d[t + k];
            out[k - 1] = num / den;
        }
        return out;
    }

    /**
     * The leverage curve L(k) = corr(r_t, r²_{t+k}) for k = 1..maxLag (index k − 1): Pearson's
     * correlation over the n − k pairs (r_t, r²_{t+k}), each side centred on its own mean over those
     * pairs. Negative values are the leverage effect: falls raise later volatility more than rises.
     */
    static double[] leverage(double[] r, int maxLag) {
        int n = r.length;
        double[] sq = new double[n];
        for (int t = 0; t < n; t++) sq[t] = r[t] * r[t];
        // prefix sums make every lag's pair means O(1)
        double[] cr = new double[n + 1], cr2 = new double[n + 1], cq = new double[n + 1], cq2 = new double[n + 1];
        for (int t = 0; t < n; t++) {
            cr[t + 1] = cr[t] + r[t];
            cr2[t + 1] = cr2[t] + r[t] * r[t];
            cq[t + 1] = cq[t] + sq[t];
            cq2[t + 1] = cq2[t] + sq[t] * sq[t];
        }
        double[] out = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            int m = n - k;
            if (m < 3) {
                out[k - 1] = Double.NaN;
                continue;
            }
            double mx = cr[m] / m;                       // r_0 .. r_{m-1}
            double my = (cq[n] - cq[k]) / m;             // sq_k .. sq_{n-1}
            double sxy = 0;
            for (int t = 0; t < m; t++) sxy += (r[t] - mx) * (sq[t + k] - my);
            double sxx = cr2[m] - m * mx * mx;
            double syy = (cq2[n] - cq2[k]) - m * my * my;
            out[k - 1] = sxy / Math.sqrt(sxx * syy);
        }
        return out;
    }

    /** Pearson's correlation of two equally long arrays. */
    static double correlation(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i] - mx, b = y[i] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Non-overlapping h-period sums of {@code r} from its start (a trailing partial block is dropped). */
    static double[] aggregate(double[] r, int h) {
        int m = r.length / h;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < h; j++) s += r[i * h + j];
            out[i] = s;
        }
        return out;
    }

    /**
     * The Wasserstein-1 distance between the empirical distributions of {@code a} and {@code b}:
     * ∫ |F_a(x) − F_b(x)| dx, exact for samples of any two sizes (a merge of the sorted values).
     */
    static double wasserstein1(double[] a, double[] b) {
        double[] x = a.clone(), y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0, j = 0, n = x.length, m = y.length;
        if (n == 0 || m == 0) return Double.NaN;
        double prev = Math.min(x[0], y[0]), dist = 0;
        while (i < n || j < m) {
            double next;
            if (j >= m || (i < n && x[i] <= y[j])) next = x[i];
            else next = y[j];
            dist += Math.abs((double) i / n - (double) j / m) * (next - prev);
            prev = next;
            if (j >= m || (i < n && x[i] <= y[j])) i++;
            else j++;
        }
        return dist;
    }

    /** The median of {@code x}; {@code NaN}s are ignored, and all-NaN gives NaN. */
    static double median(double[] x) {
        return quantile(finite(x), 0.5);
    }

    /** The values of {@code x} that are not {@code NaN}. */
    static double[] finite(double[] x) {
        int c = 0;
        for (double v : x) if (!Double.isNaN(v)) c++;
        if (c == x.length) return x;
        double[] out = new double[c];
        c = 0;
        for (double v : x) if (!Double.isNaN(v)) out[c++] = v;
        return out;
    }
}
