package dev.ersatz.augment.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters one transform drew for one image: named numbers (and number lists), in draw order.
 *
 * <p>A record file stores them as JSON; doubles are written in their shortest exact form and read
 * back to the same bits, so applying recorded parameters gives the same bytes as the run that drew
 * them.
 */
public final class Params {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Params put(String name, double v) { values.put(name, v); return this; }
    public Params put(String name, long v) { values.put(name, v); return this; }
    public Params put(String name, int v) { values.put(name, (long) v); return this; }
    public Params put(String name, boolean v) { values.put(name, v); return this; }
    public Params put(String name, double[] v) { values.put(name, v.clone()); return this; }
    public Params put(String name, int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        values.put(name, l);
        return this;
    }

    public boolean has(String name) { return values.containsKey(name); }

    public double d(String name) {
        Object o = need(name);
        if (o instanceof Number n) return n.doubleValue();
        throw bad(name, "a number");
    }

    public long l(String name) {
        Object o = need(name);
        if (o instanceof Long n) return n;
        if (o instanceof Double d && d == Math.rint(d)) return d.longValue();
        throw bad(name, "an integer");
    }

    public int i(String name) { return Math.toIntExact(l(name)); }

    public boolean b(String name) {
        Object o = need(name);
        if (o instanceof Boolean bo) return bo;
        throw bad(name, "true or false");
    }

    public double[] ds(String name) {
        Object o = need(name);
        if (o instanceof double[] a) return a.clone();
        if (o instanceof long[] a) {
            double[] r = new double[a.length];
            for (int k = 0; k < a.length; k++) r[k] = a[k];
            return r;
        }
        throw bad(name, "a list of numbers");
    }

    public int[] is(String name) {
        Object o = need(name);
        if (o instanceof long[] a) {
            int[] r = new int[a.length];
            for (int k = 0; k < a.length; k++) r[k] = Math.toIntExact(a[k]);
            return r;
        }
        if (o instanceof double[] a) {
            int[] r = new int[a.length];
            for (int k = 0; k < a.length; k++) r[k] = (int) a[k];
            return r;
        }
        throw bad(name, "a list of integers");
    }

    private Object need(String name) {
        Object o = values.get(name);
        if (o == null) throw new IllegalArgumentException("parameter '" + name + "' missing");
        return o;
    }

    private IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException("parameter '" + name + "' must be " + what);
    }

    /** The values as plain JSON-ready objects (numbers, booleans, lists), in draw order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof double[] a) {
                List<Double> l = new ArrayList<>();
                for (double x : a) l.add(x);
                v = l;
            } else if (v instanceof long[] a) {
                List<Long> l = new ArrayList<>();
                for (long x : a) l.add(x);
                v = l;
            }
            m.put(e.getKey(), v);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Reads parameters written by {@link #toMap()}: integers stay integers, other numbers are doubles. */
    public static Params fromJson(JsonNode node) {
        Params p = new Params();
        if (node == null || !node.isObject()) throw new IllegalArgumentException("params must be an object");
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isBoolean()) p.values.put(e.getKey(), v.booleanValue());
            else if (v.isIntegralNumber()) p.values.put(e.getKey(), v.longValue());
            else if (v.isNumber()) p.values.put(e.getKey(), v.doubleValue());
            else if (v.isArray()) {
                boolean ints = true;
                for (JsonNode x : v) if (!x.isIntegralNumber()) ints = false;
                if (ints) {
                    long[] a = new long[v.size()];
                    for (int k = 0; k < a.length; k++) a[k] = v.get(k).longValue();
                    p.values.put(e.getKey(), a);
                } else {
                    double[] a = new double[v.size()];
                    for (int k = 0; k < a.length; k++) a[k] = v.get(k).doubleValue();
                    p.values.put(e.getKey(), a);
                }
            } else {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' must be a number, boolean or list");
            }
        }
        return p;
    }
}
