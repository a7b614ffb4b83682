package dev.ersatz.neural;

import dev.ersatz.core.InputException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Key/value options of a neural synthesizer ({@code --option key=value} and the CLI's
 * {@code --epochs}, {@code --batch-size}, {@code --time-budget}), read with their defaults; an
 * unknown key or a malformed value is an {@link InputException} naming it.
 */
final class Options {
    private final String synthesizer;
    private final Map<String, String> values;
    private final Set<String> known;

    Options(String synthesizer, Map<String, String> values, Set<String> known) {
        this.synthesizer = synthesizer;
        this.values = values;
        this.known = new TreeSet<>(known);
        for (String k : values.keySet()) {
            if (!this.known.contains(k)) {
                throw new InputException("--option", -1, null, k, "unknown option of " + synthesizer + " (known: " + String.join(", ", this.known) + ")");
            }
        }
    }

    int integer(String key, int dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number");
        }
    }

    double number(String key, double dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw bad(key, v, "a finite number");
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    boolean bool(String key, boolean dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    String text(String key, String dflt) {
        String v = values.get(key);
        return v == null ? dflt : v.trim();
    }

    /** Layer widths written as {@code 256,256} (or {@code 256x256}). */
    int[] widths(String key, int[] dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        String[] parts = v.trim().split("[,x ]+");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            throw bad(key, v, "layer widths such as 256,256");
        }
        for (int w : out) if (w < 1) throw bad(key, v, "layer widths of at least 1");
        return out;
    }

    /** Seconds, written as {@code 90}, {@code 90s}, {@code 15m} or {@code 2h}. */
    double seconds(String key, double dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        return parseSeconds(v, key);
    }

    static double parseSeconds(String v, String key) {
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) { scale = 1e-3; t = t.substring(0, t.length() - 2); }
        else if (t.endsWith("s")) { t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { scale = 60; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("h")) { scale = 3600; t = t.substring(0, t.length() - 1); }
        try {
            double d = Double.parseDouble(t.trim()) * scale;
            if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new InputException("--option", -1, null, v, key + " must be a duration such as 600, 90s, 15m or 2h");
        }
    }

    InputException bad(String key, String value, String what) {
        return new InputException("--option", -1, null, value, key + " of " + synthesizer + " must be " + what);
    }

    static InputException invalid(String key, Object value, String problem) {
        return new InputException("--option", -1, null, String.valueOf(value), key + " " + problem);
    }
}
