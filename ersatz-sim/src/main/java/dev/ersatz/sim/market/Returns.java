package dev.ersatz.sim.market;

/**
 * Daily log returns from prices, and the holiday mask.
 *
 * <p>r_t = ln P_t − ln P_{t−1}. Series such as EuStockMarkets carry the previous close forward on a
 * market's holidays, which leaves exact zero returns (64-87 per index there): they are not trading
 * days, and fitting a volatility model to them understates variance and inflates the central peak.
 * {@link #maskZeros} drops them before fitting; the report measures the real series with them kept,
 * the convention of the reference figures.
 */
public final class Returns {
    private Returns() {}

    /**
     * The log returns of {@code prices} (length n − 1). Prices must be finite and positive; callers
     * validate them where they know the file and row (see {@link PriceSeries}).
     */
    public static double[] log(double[] prices) {
        if (prices.length < 2) return new double[0];
        double[] r = new double[prices.length - 1];
        double prev = Math.log(prices[0]);
        for (int t = 1; t < prices.length; t++) {
            double cur = Math.log(prices[t]);
            r[t - 1] = cur - prev;
            prev = cur;
        }
        return r;
    }

    /** The returns that are not exactly zero, in order. */
    public static double[] maskZeros(double[] r) {
        int c = 0;
        for (double v : r) if (v != 0) c++;
        double[] out = new double[c];
        c = 0;
        for (double v : r) if (v != 0) out[c++] = v;
        return out;
    }

    /** How many returns are exactly zero. */
    public static int zeroCount(double[] r) {
        int c = 0;
        for (double v : r) if (v == 0) c++;
        return c;
    }

    /** Prices from a start price and log returns: P_0 = start, P_t = P_{t−1}·exp(r_t); length n + 1. */
    public static double[] prices(double start, double[] r) {
        double[] p = new double[r.length + 1];
        p[0] = start;
        double lp = Math.log(start);
        for (int t = 0; t < r.length; t++) {
            lp += r[t];
            p[t + 1] = Math.exp(lp);
        }
        return p;
    }
}
