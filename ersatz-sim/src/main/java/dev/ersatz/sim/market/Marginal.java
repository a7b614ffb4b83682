package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One asset's fitted daily log-return process, as the simulator drives it.
 *
 * <p>A day is one {@link #step}: the caller supplies the day's standardised shock z (a draw of the
 * marginal's own innovation, a resampled residual, or a copula draw, so that several assets can
 * share dependent shocks) and an additive jump in log-return space (a scenario's crash). The
 * process keeps its state (conditional variance, …) in a small array the caller owns, so one
 * immutable marginal serves many paths on many threads.
 */
sealed interface Marginal permits GarchMarginal, GbmMarginal, MertonMarginal, HestonMarginal {

    /** The model's name, e.g. "gjr-t". */
    String model();

    /** The fitted parameters with their standard errors, in a fixed order. */
    List<Estimate> estimates();

    /** The maximised log-likelihood, or {@code NaN} for a model fitted by simulated moments. */
    double logLikelihood();

    /** The unconditional mean of the daily log return. */
    double drift();

    /** The number of state variables. */
    int stateSize();

    /** Puts the process in its starting state (its stationary mean). */
    void start(double[] state);

    /**
     * Advances one day and returns its log return.
     *
     * @param z     the day's standardised shock (mean 0, variance 1)
     * @param scale a multiplier on the shock (1 normally; a scenario's volatility regime)
     * @param jump  an additive log-return jump (0 normally; a scenario's crash), fed into the state
     *              as a shock would be
     * @param rng   the path's stream, for the marginal's own extra randomness (jumps, variance shocks)
     */
    double step(double[] state, double z, double scale, double jump, SplittableRandom rng);

    /** One draw of the marginal's own standardised innovation. */
    double drawShock(SplittableRandom rng);

    /** The innovation's quantile function, for copula draws: z = Q(Φ(g)) or Q(T_ν(y)). */
    double quantile(double u);

    /**
     * The quantiles of increasing probabilities {@code u} (the copula's lookup tables). The default
     * calls {@link #quantile} for each; a marginal whose quantile is an iterative solve can start
     * each one from the last.
     */
    default double[] quantiles(double[] u) {
        double[] z = new double[u.length];
        for (int i = 0; i < u.length; i++) z[i] = quantile(u[i]);
        return z;
    }

    /** Whether the innovation is standard normal (a copula draw then needs no transform). */
    boolean gaussianShocks();

    /** The model's parameters and settings as JSON, read back by {@link Marginals#fromJson}. */
    ObjectNode toJson();
}
