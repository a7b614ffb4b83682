package dev.ersatz.synth.dp;

/**
 * Conversions between zero-concentrated DP and (ε, δ)-DP, as private-pgm's {@code cdp_rho} /
 * {@code cdp_delta} compute them: the bound of Canonne, Kamath and Steinke, "The discrete Gaussian
 * for differential privacy" (NeurIPS 2020), Proposition 12:
 * δ = min over α > 1 of exp((α−1)(αρ − ε)) / (α−1) · (1 − 1/α)^α.
 */
public final class Zcdp {
    private Zcdp() {}

    /** The δ that ρ-zCDP gives at ε (the optimal α found by bisection on the derivative). */
    public static double delta(double rho, double epsilon) {
        if (rho < 0 || epsilon < 0) throw new IllegalArgumentException("rho and epsilon must not be negative");
        if (rho == 0) return 0;
        double amin = 1.01, amax = (epsilon + 1) / (2 * rho) + 2, alpha = amin;
        for (int i = 0; i < 1000; i++) {
            alpha = (amin + amax) / 2;
            double derivative = (2 * alpha - 1) * rho - epsilon + Math.log1p(-1.0 / alpha);
            if (derivative < 0) amin = alpha; else amax = alpha;
        }
        double delta = Math.exp((alpha - 1) * (alpha * rho - epsilon) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1.0);
        return Math.min(delta, 1.0);
    }

    /** The largest ρ whose zCDP guarantee implies (ε, δ)-DP (bisection). */
    public static double rho(double epsilon, double delta) {
        if (!(epsilon >= 0) || !(delta > 0)) throw new IllegalArgumentException("epsilon must be >= 0 and delta > 0");
        if (delta >= 1) return 0;
        double lo = 0, hi = epsilon + 1;
        for (int i = 0; i < 1000; i++) {
            double mid = (lo + hi) / 2;
            if (delta(mid, epsilon) <= delta) lo = mid; else hi = mid;
        }
        return lo;
    }
}
