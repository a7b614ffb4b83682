package dev.ersatz.sim.market;

/**
 * One fitted parameter: its value and standard errors.
 *
 * <p>{@code se} comes from the inverse Hessian of the negative log-likelihood (or, for simulated
 * moments, the GMM sandwich); {@code robustSe} is the Bollerslev-Wooldridge sandwich H⁻¹JH⁻¹ (valid
 * when the innovation distribution is misspecified, as in a Gaussian quasi-likelihood filter).
 * Either is {@code NaN} where it is not defined: a parameter on a bound, a singular Hessian.
 * {@code fixed} marks a parameter that was not estimated but set (mean or variance targeting, or a
 * value implied by others): it has no standard error.
 *
 * @param name     the parameter's name, as in the model file
 * @param value    its value (daily units for rates and variances)
 * @param se       the standard error, or NaN
 * @param robustSe the robust standard error, or NaN
 * @param fixed    whether the value was set rather than estimated
 */
public record Estimate(String name, double value, double se, double robustSe, boolean fixed) {

    /** A parameter set by targeting or implied by the others, without standard errors. */
    static Estimate fixed(String name, double value) {
        return new Estimate(name, value, Double.NaN, Double.NaN, true);
    }
}
