package dev.ersatz.sim.market;

import java.util.Arrays;

/**
 * The stylized facts of one series of daily log returns (Cont, 2001), as the report measures them.
 *
 * <p>Formulas (see {@link Stats} for the estimator conventions):
 * <ul>
 *   <li>heavy tails: excess kurtosis m4/m2² − 3; robust kurtosis KR = (q.975 − q.025)/(q.75 − q.25)
 *       (2.91 for a Gaussian); Hill tail index α = 1/mean(ln(x_(i)/x_(k+1))), i ≤ k = ⌊0.05 n⌋, on
 *       −r for losses and r for gains (smaller α = heavier tail);</li>
 *   <li>no linear autocorrelation: ACF of r at lags 1..250;</li>
 *   <li>volatility clustering and its slow decay: ACF of |r| and r² at lags 1..250;</li>
 *   <li>leverage effect: L(k) = corr(r_t, r²_{t+k}), k = 1..250 (negative for equity indices);</li>
 *   <li>aggregational Gaussianity: skew, excess kurtosis and KR of non-overlapping 5- and 20-day sums
 *       (they fall towards the Gaussian's 0 and 2.91 as the horizon grows);</li>
 *   <li>gain/loss asymmetry: P(r &gt; 0 | |r| &gt; its 95th percentile), and the median first-passage
 *       time (Jensen, Johansen and Simonsen, 2003): from each start day, the number of days until the
 *       cumulative log return first reaches +0.05 (gain) or −0.05 (loss); starts that never reach the
 *       level within 250 days or before the series ends are left out. Losses come faster on indices.</li>
 * </ul>
 *
 * <p>Arrays hold lag k at index k − 1; lags the series is too short for are {@code NaN}. The record
 * is a value: its arrays are never written after construction.
 *
 * @param n the number of returns
 * @param hillLoss Hill α of the losses (−r)
 * @param hillGain Hill α of the gains (r)
 * @param pUpGivenLarge P(up | |r| above its 95th percentile)
 * @param passageGainDays median days to a cumulative +5% (log) move
 * @param passageLossDays median days to a cumulative −5% (log) move
 */
public record StylizedFacts(int n, double mean, double std, double skew, double excessKurtosis, double kr,
                            double hillLoss, double hillGain,
                            double[] acfR, double[] acfAbs, double[] acfSq, double[] leverage,
                            double std5, double skew5, double excessKurtosis5, double kr5,
                            double std20, double skew20, double excessKurtosis20, double kr20,
                            double pUpGivenLarge, double passageGainDays, double passageLossDays) {

    /** The largest lag of the ACF and leverage curves. */
    public static final int MAX_LAG = 250;
    /** The share of observations in the Hill estimator's tail. */
    public static final double HILL_FRACTION = 0.05;
    /** The cumulative log-return level of the first-passage times. */
    public static final double PASSAGE_LEVEL = 0.05;
    /** The longest first passage counted, in days. */
    public static final int PASSAGE_HORIZON = 250;

    /**
     * Measures the facts of {@code r}, daily log returns in time order.
     *
     * <p>Fewer than 40 returns cannot support the 20-day aggregates (two blocks) and the 5% tail: the
     * call is refused with an {@link IllegalArgumentException}.
     */
    public static StylizedFacts of(double[] r) {
        int n = r.length;
        if (n < 40) throw new IllegalArgumentException("need at least 40 returns for the stylized facts, got " + n);
        double[] abs = new double[n], sq = new double[n], neg = new double[n];
        for (int t = 0; t < n; t++) {
            abs[t] = Math.abs(r[t]);
            sq[t] = r[t] * r[t];
            neg[t] = -r[t];
        }
        double[] r5 = Stats.aggregate(r, 5), r20 = Stats.aggregate(r, 20);
        return new StylizedFacts(n, Stats.mean(r), Stats.std(r), Stats.skew(r), Stats.excessKurtosis(r),
                Stats.robustKurtosis(r), Stats.hill(neg, HILL_FRACTION), Stats.hill(r, HILL_FRACTION),
                Stats.acf(r, MAX_LAG), Stats.acf(abs, MAX_LAG), Stats.acf(sq, MAX_LAG), Stats.leverage(r, MAX_LAG),
                Stats.std(r5), Stats.skew(r5), Stats.excessKurtosis(r5), Stats.robustKurtosis(r5),
                Stats.std(r20), Stats.skew(r20), Stats.excessKurtosis(r20), Stats.robustKurtosis(r20),
                pUpGivenLarge(r, abs), passage(r, PASSAGE_LEVEL), passage(r, -PASSAGE_LEVEL));
    }

    /** The mean of L(k) over k = 1..10, the short-lag leverage the targets test. */
    public double leverageMean10() {
        double s = 0;
        for (int k = 0; k < 10; k++) s += leverage[k];
        return s / 10;
    }

    /** The standard error of the mean, std/√n (returns taken as uncorrelated). */
    public double meanStandardError() {
        return std / Math.sqrt(n);
    }

    /** P(r &gt; 0 | |r| &gt; q.95(|r|)): the share of large moves that are gains (strict inequalities). */
    static double pUpGivenLarge(double[] r, double[] abs) {
        double q = Stats.quantile(abs, 0.95);
        int large = 0, up = 0;
        for (int t = 0; t < r.length; t++) {
            if (abs[t] > q) {
                large++;
                if (r[t] > 0) up++;
            }
        }
        return large == 0 ? Double.NaN : (double) up / large;
    }

    /**
     * The median first-passage time to a cumulative log return of {@code level} (a gain when
     * positive, a loss when negative), over every start day whose passage happens within
     * {@link #PASSAGE_HORIZON} days; {@code NaN} when none does.
     */
    static double passage(double[] r, double level) {
        int n = r.length;
        int[] times = new int[n];
        int count = 0;
        for (int s = 0; s < n; s++) {
            double c = 0;
            int end = Math.min(n, s + PASSAGE_HORIZON);
            for (int t = s; t < end; t++) {
                c += r[t];
                if (level > 0 ? c >= level : c <= level) {
                    times[count++] = t - s + 1;
                    break;
                }
            }
        }
        if (count == 0) return Double.NaN;
        int[] used = Arrays.copyOf(times, count);
        Arrays.sort(used);
        return count % 2 == 1 ? used[count / 2] : 0.5 * (used[count / 2 - 1] + used[count / 2]);
    }
}
