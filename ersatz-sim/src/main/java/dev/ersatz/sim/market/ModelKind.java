package dev.ersatz.sim.market;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The market models by their command-line names.
 *
 * <p>The names the issue fixes ({@code gjr-fhs, garch-t, gjr-t, egarch, heston, merton, gbm,
 * bootstrap, auto}) plus the other volatility × innovation combinations: {@code garch-normal},
 * {@code garch-skewt}, {@code gjr-normal}, {@code gjr-skewt}, {@code egarch-normal},
 * {@code egarch-skewt} ({@code egarch} alone is EGARCH with Student-t innovations).
 */
public enum ModelKind {
    GJR_FHS("gjr-fhs", "GJR-GARCH filter (Gaussian quasi-likelihood) with resampled standardised residuals"),
    GARCH_T("garch-t", "GARCH(1,1), Student-t innovations"),
    GJR_T("gjr-t", "GJR-GARCH(1,1,1), Student-t innovations"),
    EGARCH("egarch", "EGARCH(1,1,1), Student-t innovations"),
    HESTON("heston", "Heston stochastic volatility, simulated method of moments"),
    MERTON("merton", "Merton jump diffusion"),
    GBM("gbm", "geometric Brownian motion"),
    BOOTSTRAP("bootstrap", "stationary block bootstrap of the real returns (Politis-Romano)"),
    AUTO("auto", "the model that passes most stylized-facts targets"),
    GARCH_NORMAL("garch-normal", "GARCH(1,1), Gaussian innovations"),
    GARCH_SKEWT("garch-skewt", "GARCH(1,1), Hansen skewed-t innovations"),
    GJR_NORMAL("gjr-normal", "GJR-GARCH(1,1,1), Gaussian innovations"),
    GJR_SKEWT("gjr-skewt", "GJR-GARCH(1,1,1), Hansen skewed-t innovations"),
    EGARCH_NORMAL("egarch-normal", "EGARCH(1,1,1), Gaussian innovations"),
    EGARCH_SKEWT("egarch-skewt", "EGARCH(1,1,1), Hansen skewed-t innovations");

    private final String label;
    private final String description;

    ModelKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The command-line name. */
    public String label() { return label; }

    /** One line saying what the model is. */
    public String description() { return description; }

    /** The kind named {@code name} (case-insensitive); an {@link InputException} listing the names if none. */
    public static ModelKind parse(String name) {
        for (ModelKind k : values()) if (k.label.equals(name.toLowerCase(Locale.ROOT))) return k;
        List<String> names = new ArrayList<>();
        for (ModelKind k : values()) names.add(k.label);
        throw new InputException(null, -1, "--model", name, "unknown model (models: " + String.join(", ", names) + ")");
    }

    /** The volatility recursion of a GARCH-family kind, or null. */
    GarchMarginal.VolKind volatility() {
        if (label.startsWith("garch")) return GarchMarginal.VolKind.GARCH;
        if (label.startsWith("gjr")) return GarchMarginal.VolKind.GJR;
        if (label.startsWith("egarch")) return GarchMarginal.VolKind.EGARCH;
        return null;
    }

    /** The innovation distribution's name of a parametric GARCH-family kind. */
    String innovation() {
        if (this == EGARCH) return "t";
        if (this == GJR_FHS) return "normal";
        return label.substring(label.indexOf('-') + 1);
    }

    @Override public String toString() { return label; }
}
