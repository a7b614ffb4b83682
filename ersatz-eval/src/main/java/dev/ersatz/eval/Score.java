package dev.ersatz.eval;

import java.util.Map;

/**
 * The result of a metric: its name, value, which direction is better, its range, and per-column or
 * per-pair details.
 */
public record Score(String name, double value, Goal goal, double min, double max, Map<String, Double> details) {

    /** Which direction of a metric is better. */
    public enum Goal { MAXIMIZE, MINIMIZE }

    public Score {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
