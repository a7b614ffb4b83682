package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Normal;
import dev.ersatz.sim.engine.Rng;

import java.util.Arrays;

/**
 * A distribution of positive amounts held as a histogram over a fixed logarithmic grid, sampled as
 * log-uniform within each bin.
 *
 * <p>Why a histogram on a fixed grid: it is what {@code --calibrate} can learn without keeping any
 * real amount (only bin counts, each bin 12% wide), it represents heavy tails and multimodal shapes
 * that a parametric family would miss, and two profiles on the same grid compare bin by bin. The grid
 * edges are {@code 10^(k/20)} currency units for integer {@code k} from {@value #MIN_K} (0.01) to
 * {@value #MAX_K} (10^9).
 *
 * <p>The quantile function is exact for this piecewise log-uniform distribution, so an amount is
 * {@code Q(u)} for one uniform {@code u}: simulated clients feed a correlated uniform through it (a
 * Gaussian copula), which keeps the overall distribution exactly while letting a rich client's
 * payments be large together.
 */
public final class AmountDistribution {
    /** Grid exponents: edge k is 10^(k/20). */
    public static final int MIN_K = -40, MAX_K = 180;
    static final int STEPS_PER_DECADE = 20;

    private final int firstK;
    private final double[] weights;
    private final double[] cdf;
    private final double total;

    /** A histogram whose bin {@code i} spans edges {@code firstK + i} to {@code firstK + i + 1}. */
    public AmountDistribution(int firstK, double[] weights) {
        if (firstK < MIN_K || firstK + weights.length > MAX_K) {
            throw new IllegalArgumentException("histogram outside the grid: first edge " + firstK + ", " + weights.length + " bins");
        }
        if (weights.length == 0) throw new IllegalArgumentException("an amount histogram needs at least one bin");
        this.firstK = firstK;
        this.weights = weights.clone();
        this.cdf = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("histogram weight " + i + " is not a non-negative number: " + weights[i]);
            }
            s += weights[i];
            cdf[i] = s;
        }
        if (!(s > 0)) throw new IllegalArgumentException("an amount histogram needs a positive total weight");
        this.total = s;
    }

    /** Edge {@code k} of the grid, in currency units. */
    public static double edge(int k) {
        return Math.pow(10, (double) k / STEPS_PER_DECADE);
    }

    /** The grid bin holding {@code amount} (edge index of its lower end). */
    public static int binOf(double amount) {
        int k = (int) Math.floor(Math.log10(amount) * STEPS_PER_DECADE + 1e-9);
        return Math.max(MIN_K, Math.min(MAX_K - 1, k));
    }

    /** A log-normal with the given median (currency units) and log-sd, discretised onto the grid (tails beyond 6 sd cut). */
    public static AmountDistribution lognormal(double median, double sigma) {
        double mu = Math.log(median);
        double lo = Math.exp(mu - 6 * sigma), hi = Math.exp(mu + 6 * sigma);
        int k0 = Math.max(MIN_K, binOf(lo)), k1 = Math.min(MAX_K, binOf(hi) + 1);
        double[] w = new double[k1 - k0];
        for (int i = 0; i < w.length; i++) {
            double a = (Math.log(edge(k0 + i)) - mu) / sigma, b = (Math.log(edge(k0 + i + 1)) - mu) / sigma;
            w[i] = Normal.cdf(b) - Normal.cdf(a);
        }
        return new AmountDistribution(k0, w);
    }

    public int firstK() { return firstK; }

    public double[] weights() { return weights.clone(); }

    /** The amount at probability {@code u} in [0, 1). */
    public double quantile(double u) {
        double target = u * total;
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > target) hi = mid; else lo = mid + 1;
        }
        double before = lo == 0 ? 0 : cdf[lo - 1];
        double frac = weights[lo] > 0 ? (target - before) / weights[lo] : 0;
        frac = Math.max(0, Math.min(1, frac));
        return edge(firstK + lo) * Math.pow(10, frac / STEPS_PER_DECADE);
    }

    /** The probability of an amount below {@code x}. */
    public double cdf(double x) {
        if (x <= edge(firstK)) return 0;
        double pos = Math.log10(x) * STEPS_PER_DECADE - firstK;
        int bin = (int) Math.floor(pos);
        if (bin >= weights.length) return 1;
        double before = bin == 0 ? 0 : cdf[bin - 1];
        return (before + weights[bin] * (pos - bin)) / total;
    }

    /** The mean amount (exact for log-uniform bins). */
    public double mean() {
        double s = 0;
        double ratio = Math.pow(10, 1.0 / STEPS_PER_DECADE);
        for (int i = 0; i < weights.length; i++) {
            double a = edge(firstK + i);
            // mean of a log-uniform on [a, a r]: a (r - 1) / ln r
            s += weights[i] * a * (ratio - 1) / Math.log(ratio);
        }
        return s / total;
    }

    /**
     * {@code E[Q(Φ(rho a + sqrt(1-rho²) Z))]}: the mean amount of a client whose latent wealth score is
     * {@code a}, by the trapezoid rule over Z on [-8, 8] (400 intervals; the normal tails beyond carry
     * less than 1e-15 of the mass).
     */
    public double conditionalMean(double a, double rho) {
        double s = Math.sqrt(1 - rho * rho), sum = 0, norm = 0;
        int n = 400;
        for (int i = 0; i <= n; i++) {
            double z = -8 + 16.0 * i / n;
            double w = Math.exp(-0.5 * z * z) * (i == 0 || i == n ? 0.5 : 1);
            sum += w * quantile(Math.min(1 - 1e-12, Normal.cdf(rho * a + s * z)));
            norm += w;
        }
        return sum / norm;
    }

    private static final int SCORE_POINTS = 1 << 14;
    private static final double SCORE_MIN = -8.5, SCORE_STEP = 17.0 / SCORE_POINTS;
    private volatile double[] logByScore;

    /**
     * {@code Q(Φ(x))}: the amount at normal score {@code x}, from a table of log-amounts on 16,385
     * scores over [-8.5, 8.5] interpolated linearly (one exp instead of an erfc, a binary search and a
     * power per draw; the interpolation error is below 1e-5 in relative amount).
     */
    public double atScore(double x) {
        double[] t = logByScore;
        if (t == null) {
            t = new double[SCORE_POINTS + 1];
            for (int i = 0; i <= SCORE_POINTS; i++) {
                double u = Normal.cdf(SCORE_MIN + i * SCORE_STEP);
                t[i] = Math.log(quantile(Math.min(1 - 1e-15, u)));
            }
            logByScore = t;
        }
        double pos = (x - SCORE_MIN) / SCORE_STEP;
        if (!(pos > 0)) return Math.exp(t[0]);
        if (pos >= SCORE_POINTS) return Math.exp(t[SCORE_POINTS]);
        int i = (int) pos;
        double f = pos - i;
        return Math.exp(t[i] + f * (t[i + 1] - t[i]));
    }

    /** The standard deviation of the natural log of the amount (exact for log-uniform bins). */
    public double logSd() {
        double m1 = 0, m2 = 0, w = Math.log(10) / STEPS_PER_DECADE;
        for (int i = 0; i < weights.length; i++) {
            double a = Math.log(edge(firstK + i)), p = weights[i] / total;
            // ln(amount) uniform on [a, a + w]: mean a + w/2, second moment a² + a w + w²/3
            m1 += p * (a + w / 2);
            m2 += p * (a * a + a * w + w * w / 3);
        }
        return Math.sqrt(Math.max(1e-12, m2 - m1 * m1));
    }

    /** Draws an amount. */
    public double sample(Rng rng) {
        return quantile(rng.nextDouble());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmountDistribution d && d.firstK == firstK && Arrays.equals(d.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * firstK + Arrays.hashCode(weights);
    }
}
