package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Rng;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pattern's parameters: named numbers and [low, high] ranges, with defaults that a scenario file
 * overrides key by key.
 */
public final class Params {
    private final Map<String, double[]> values;

    Params(Map<String, double[]> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, double[]> values() { return values; }

    /** The number {@code key} (the low end, for a range). */
    public double num(String key) {
        return get(key)[0];
    }

    /** The range {@code key} as {lo, hi}. */
    public double[] range(String key) {
        return get(key);
    }

    /** A uniform draw from the range {@code key}. */
    public double draw(String key, Rng rng) {
        double[] r = get(key);
        return r[0] == r[1] ? r[0] : rng.uniform(r[0], r[1]);
    }

    /** A uniform integer draw from the range {@code key}, both ends included. */
    public int drawInt(String key, Rng rng) {
        double[] r = get(key);
        int lo = (int) Math.round(r[0]), hi = (int) Math.round(r[1]);
        return lo >= hi ? lo : rng.between(lo, hi);
    }

    private double[] get(String key) {
        double[] v = values.get(key);
        if (v == null) throw new IllegalArgumentException("no parameter '" + key + "'");
        return v;
    }
}
