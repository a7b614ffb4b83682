package dev.ersatz.synth;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a synthesizer's {@code --option key=value} pairs: unknown keys and values that do not parse
 * or fall outside their range are {@link InputException}s naming the key and the value.
 */
public final class Options {
    private final String synthesizer;
    private final Map<String, String> values;

    private Options(String synthesizer, Map<String, String> values) {
        this.synthesizer = synthesizer;
        this.values = values;
    }

    /** Checks that every key in {@code values} is one of {@code known}. */
    public static Options of(String synthesizer, Map<String, String> values, String... known) {
        List<String> k = Arrays.asList(known);
        for (String key : values.keySet()) {
            if (!k.contains(key)) {
                throw new InputException("--option", -1, null, key,
                        "unknown option for " + synthesizer + " (known: " + String.join(", ", known) + ")");
            }
        }
        return new Options(synthesizer, values);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public int intValue(String key, int dflt, int min, int max) {
        String v = values.get(key);
        if (v == null) return dflt;
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a whole number");
        }
        if (x < min || x > max) throw bad(key, v, "must be between " + min + " and " + max);
        return x;
    }

    public double doubleValue(String key, double dflt, double min, double max) {
        String v = values.get(key);
        if (v == null) return dflt;
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a number");
        }
        if (!(x >= min && x <= max)) throw bad(key, v, "must be between " + min + " and " + max);
        return x;
    }

    /** A positive number, or {@code dflt} when absent; "none"/"inf" give +infinity when allowed. */
    public double positive(String key, double dflt, boolean allowInfinite) {
        String v = values.get(key);
        if (v == null) return dflt;
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (allowInfinite && (t.equals("inf") || t.equals("none") || t.equals("infinity"))) return Double.POSITIVE_INFINITY;
        double x;
        try {
            x = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a positive number");
        }
        if (!(x > 0) || Double.isInfinite(x)) throw bad(key, v, "must be a positive number");
        return x;
    }

    public boolean boolValue(String key, boolean dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("1")) return true;
        if (t.equals("false") || t.equals("no") || t.equals("0")) return false;
        throw bad(key, v, "must be true or false");
    }

    /** A comma-separated list (empty when absent). */
    public List<String> list(String key) {
        String v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        for (String s : v.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private InputException bad(String key, String value, String why) {
        return new InputException("--option", -1, null, key + "=" + value, key + " " + why + " (" + synthesizer + ")");
    }
}
