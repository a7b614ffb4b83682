package dev.ersatz.sim.market;

import java.time.LocalDate;
import java.util.List;

/**
 * Simulated price paths: for each asset and path, the start price (day 0) and {@code days}
 * simulated closes.
 *
 * <p>Storage is one flat array per asset, path-major: the price of path p on day t is
 * {@code prices[asset][p * (days + 1) + t]}. The arrays are never written after construction.
 *
 * @param assets the asset names
 * @param paths  the number of paths
 * @param days   the simulated days per path (each path has days + 1 prices)
 * @param prices prices[asset][p·(days + 1) + t]
 * @param dates  the date of day t (days + 1 of them), or {@code null} when the model has no calendar
 */
public record Paths(List<String> assets, int paths, int days, double[][] prices, LocalDate[] dates) {

    public Paths {
        assets = List.copyOf(assets);
    }

    /** The price of {@code asset} on path {@code path}, day {@code day} (0 = the start price). */
    public double price(int asset, int path, int day) {
        return prices[asset][path * (days + 1) + day];
    }

    /** The daily log returns of one path (length {@code days}). */
    public double[] returns(int asset, int path) {
        double[] r = new double[days];
        int base = path * (days + 1);
        double[] p = prices[asset];
        for (int t = 0; t < days; t++) r[t] = Math.log(p[base + t + 1]) - Math.log(p[base + t]);
        return r;
    }
}
