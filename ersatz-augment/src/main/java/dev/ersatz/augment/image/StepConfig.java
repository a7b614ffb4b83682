package dev.ersatz.augment.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one pipeline step's JSON fields with their defaults and bounds, and refuses fields the
 * transform does not know. Every error is one line naming the pipeline file and the field's path,
 * such as {@code pipeline.json: field 'transforms[2].limit': must be between -180 and 180}.
 */
public final class StepConfig {
    private final JsonNode node;
    private final String file;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    public StepConfig(JsonNode node, String file, String path) {
        this.node = node;
        this.file = file;
        this.path = path;
    }

    public String path() { return path; }
    public String file() { return file; }
    public JsonNode node() { return node; }

    public InputException error(String field, String problem) {
        return new InputException(file, "field '" + (field == null ? path : path + "." + field) + "': " + problem);
    }

    private JsonNode get(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Marks a field as known without reading it here. */
    public void allow(String name) {
        known.add(name);
    }

    public boolean has(String name) {
        known.add(name);
        return node.hasNonNull(name);
    }

    public double number(String name, double def, double min, double max) {
        JsonNode v = get(name);
        if (v == null) return def;
        if (!v.isNumber()) throw error(name, "must be a number, got " + v);
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) throw error(name, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
        return d;
    }

    public int integer(String name, int def, int min, int max) {
        JsonNode v = get(name);
        if (v == null) return def;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
            throw error(name, "must be a whole number, got " + v);
        }
        long d = v.longValue();
        if (d < min || d > max) throw error(name, "must be between " + min + " and " + max + ", got " + d);
        return (int) d;
    }

    public boolean bool(String name, boolean def) {
        JsonNode v = get(name);
        if (v == null) return def;
        if (!v.isBoolean()) throw error(name, "must be true or false, got " + v);
        return v.booleanValue();
    }

    /**
     * A range {@code [lo, hi]}: a two-number list, or one number {@code x} meaning {@code [-x, x]}
     * when {@code symmetric} (else {@code [x, x]}); both ends within {@code [min, max]}, lo ≤ hi.
     */
    public double[] range(String name, double[] def, double min, double max, boolean symmetric) {
        JsonNode v = get(name);
        if (v == null) return def.clone();
        double lo, hi;
        if (v.isNumber()) {
            double x = v.doubleValue();
            if (symmetric) { lo = -Math.abs(x); hi = Math.abs(x); } else { lo = x; hi = x; }
        } else if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
            lo = v.get(0).doubleValue();
            hi = v.get(1).doubleValue();
        } else {
            throw error(name, "must be a number or a list [low, high], got " + v);
        }
        if (!(lo >= min && hi <= max)) throw error(name, "must lie between " + fmt(min) + " and " + fmt(max) + ", got [" + fmt(lo) + ", " + fmt(hi) + "]");
        if (lo > hi) throw error(name, "low end " + fmt(lo) + " is above high end " + fmt(hi));
        return new double[] {lo, hi};
    }

    /** An integer range {@code [lo, hi]}: a two-number list or one number {@code x} meaning {@code [x, x]}. */
    public int[] intRange(String name, int[] def, int min, int max) {
        JsonNode v = get(name);
        if (v == null) return def.clone();
        int lo, hi;
        if (v.isIntegralNumber()) {
            lo = hi = v.intValue();
        } else if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
            lo = v.get(0).intValue();
            hi = v.get(1).intValue();
        } else {
            throw error(name, "must be a whole number or a list [low, high] of whole numbers, got " + v);
        }
        if (lo < min || hi > max) throw error(name, "must lie between " + min + " and " + max + ", got [" + lo + ", " + hi + "]");
        if (lo > hi) throw error(name, "low end " + lo + " is above high end " + hi);
        return new int[] {lo, hi};
    }

    public String choice(String name, String def, String... allowed) {
        JsonNode v = get(name);
        if (v == null) return def;
        if (!v.isTextual()) throw error(name, "must be one of " + String.join(", ", allowed) + ", got " + v);
        String s = v.textValue().toLowerCase(Locale.ROOT);
        for (String a : allowed) if (a.equals(s)) return a;
        throw error(name, "must be one of " + String.join(", ", allowed) + ", got \"" + v.textValue() + "\"");
    }

    public Border border(String name, Border def) {
        JsonNode v = get(name);
        if (v == null) return def;
        if (!v.isTextual()) throw error(name, "must be constant, reflect, reflect101 or replicate, got " + v);
        try {
            return Border.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    /** A fill colour: one number (every channel) or a list of up to 4, each 0..255. */
    public int[] fill(String name, int[] def) {
        JsonNode v = get(name);
        if (v == null) return def == null ? null : def.clone();
        List<Integer> out = new ArrayList<>();
        if (v.isNumber()) {
            out.add(v.intValue());
        } else if (v.isArray() && v.size() >= 1 && v.size() <= 4) {
            for (JsonNode x : v) {
                if (!x.isNumber()) throw error(name, "must be a number 0..255 or a list of them, got " + v);
                out.add(x.intValue());
            }
        } else {
            throw error(name, "must be a number 0..255 or a list of up to 4, got " + v);
        }
        int[] f = new int[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i);
            if (f[i] < 0 || f[i] > 255) throw error(name, "values must be 0..255, got " + v);
        }
        return f;
    }

    /** The field names asked for so far, in order. */
    public java.util.List<String> knownFields() {
        return java.util.List.copyOf(known);
    }

    /** Refuses every field that no getter asked for (a misspelt parameter). */
    public void finish(String type) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                List<String> k = new ArrayList<>(known);
                k.remove("type");
                throw error(n, "unknown parameter of " + type + " (known: " + String.join(", ", k) + ")");
            }
        }
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
