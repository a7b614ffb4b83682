package dev.ersatz.sim.market;

import java.util.Objects;

/**
 * The options of a market fit.
 *
 * @param model              the model to fit ({@link ModelKind#AUTO} picks by the stylized-facts report)
 * @param meanTargeting      fix the drift to the sample mean instead of estimating it
 * @param varianceTargeting  fix the variance intercept so the unconditional variance is the sample's
 * @param maskZeros          drop exact zero returns (holidays carried forward) before fitting
 */
public record MarketOptions(ModelKind model, boolean meanTargeting, boolean varianceTargeting, boolean maskZeros) {

    public MarketOptions {
        Objects.requireNonNull(model, "model");
    }

    /** The defaults for {@code model}: both targetings on, zeros masked. */
    public static MarketOptions of(ModelKind model) {
        return new MarketOptions(model, true, true, true);
    }
}
