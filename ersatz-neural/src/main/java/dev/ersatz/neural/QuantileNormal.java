package dev.ersatz.neural;

import java.util.Arrays;

/**
 * A numeric column mapped to a standard normal through its empirical quantiles, and back: TabDDPM's
 * preprocessing (scikit-learn's {@code QuantileTransformer(output_distribution="normal")} with
 * max(min(n/30, 1000), 10) quantiles, Kotelnikov et al. 2023, §4).
 *
 * <p>Forward: u is the position of x among the stored quantiles (linear interpolation; a run of
 * equal quantiles maps to the middle of its positions, as scikit-learn averages its forward and
 * backward interpolations; unlike scikit-learn, the minimum and maximum are not pushed to the clip
 * bounds, so a zero-inflated column's atom sits mid-mass rather than at z = −5.2), z = Φ⁻¹(u) with
 * u clipped to [1e-7, 1 − 1e-7]. Inverse: u = Φ(z),
 * x = the quantile function at u (linear between stored quantiles), so an atom (such as a
 * zero-inflated column's 0) is reproduced exactly.
 */
final class QuantileNormal {
    static final double CLIP = 1e-7;
    private final double[] quantiles;   // non-decreasing, at references 0, 1/(m−1), ..., 1

    QuantileNormal(double[] quantiles) {
        this.quantiles = quantiles;
    }

    /** Fits to the present values (no NaN). */
    static QuantileNormal fit(double[] present) {
        double[] s = present.clone();
        Arrays.sort(s);
        int n = s.length;
        int m = Math.max(Math.min(n / 30, 1000), 10);
        double[] q = new double[m];
        for (int i = 0; i < m; i++) {
            // numpy's default (linear) percentile of the sorted sample at reference i/(m−1).
            double pos = (double) i / (m - 1) * (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, n - 1);
            q[i] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }
        for (int i = 1; i < m; i++) if (q[i] < q[i - 1]) q[i] = q[i - 1];
        return new QuantileNormal(q);
    }

    double[] quantiles() { return quantiles; }

    /** The normal score of {@code x}. */
    double forward(double x) {
        int m = quantiles.length;
        double u;
        if (x < quantiles[0]) u = 0;
        else if (x > quantiles[m - 1]) u = 1;
        else u = 0.5 * (position(x, true) + position(x, false)) / (m - 1);
        return Gaussian.quantile(Math.max(CLIP, Math.min(1 - CLIP, u)));
    }

    /** The interpolated reference position of x within [q₀, q_last], from the first (up) or last index of a run of equal quantiles. */
    private double position(double x, boolean first) {
        int m = quantiles.length;
        int lo = 0, hi = m - 1;
        if (first) {
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (quantiles[mid] < x) lo = mid + 1; else hi = mid; }
            int i = lo;
            if (quantiles[i] == x || i == 0) return i;
            return i - 1 + (x - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1]);
        }
        while (lo < hi) { int mid = (lo + hi + 1) >>> 1; if (quantiles[mid] > x) hi = mid - 1; else lo = mid; }
        int i = lo;
        if (quantiles[i] == x || i == m - 1) return i;
        return i + (x - quantiles[i]) / (quantiles[i + 1] - quantiles[i]);
    }

    /** The value at normal score {@code z}. */
    double inverse(double z) {
        double u = Gaussian.cdf(z);
        int m = quantiles.length;
        double pos = Math.max(0, Math.min(1, u)) * (m - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= m - 1) return quantiles[m - 1];
        return quantiles[lo] + (pos - lo) * (quantiles[lo + 1] - quantiles[lo]);
    }
}
