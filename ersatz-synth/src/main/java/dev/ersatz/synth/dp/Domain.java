package dev.ersatz.synth.dp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.synth.tree.Arrays64;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One model column as a discrete attribute for a graphical model: its bins and, for a numeric column,
 * how values spread inside each bin.
 *
 * <p>A categorical column's bins are its levels, plus one for missing when the column has missing
 * values. A numeric column is first cut into fine <em>pieces</em>, in value order: point pieces
 * (atoms) and half-open intervals; each piece has an estimated mass. Consecutive pieces form the
 * coarse bins the model sees (equal estimated mass, so an atom that holds much of the mass, such as
 * the zeros of a zero-inflated column, is a bin of its own), plus a last bin for missing values.
 * Inside a bin a value is drawn by picking a piece by its mass, then the atom or a uniform point of
 * the interval: the fine masses give the bin its shape without costing the model any cells.
 */
public final class Domain {
    private final boolean categorical;
    private final int levels;
    private final boolean nullable;
    // numeric
    private final double[] lo, hi, mass;
    private final int[] binStart;
    private final double[] binMass;

    private Domain(boolean categorical, int levels, boolean nullable, double[] lo, double[] hi, double[] mass, int[] binStart) {
        this.categorical = categorical;
        this.levels = levels;
        this.nullable = nullable;
        this.lo = lo;
        this.hi = hi;
        this.mass = mass;
        this.binStart = binStart;
        if (categorical) {
            binMass = null;
        } else {
            binMass = new double[binStart.length - 1];
            for (int b = 0; b < binMass.length; b++) for (int k = binStart[b]; k < binStart[b + 1]; k++) binMass[b] += mass[k];
        }
    }

    /** A categorical column with {@code levels} labels (codes 0..levels-1), missing as one more bin when nullable. */
    public static Domain categorical(int levels, boolean nullable) {
        return new Domain(true, levels, nullable, null, null, null, null);
    }

    /** A numeric column over the given pieces ({@code lo[k] == hi[k]}: an atom) with their masses, grouped into bins. */
    static Domain numeric(double[] lo, double[] hi, double[] mass, int[] binStart, boolean nullable) {
        return new Domain(false, 0, nullable, lo, hi, mass, binStart);
    }

    public boolean categorical() { return categorical; }

    /** The pieces' estimated masses (numeric columns), for tests. */
    double[] pieceMass() { return mass.clone(); }
    public boolean nullable() { return nullable; }

    /** How many bins the attribute has (the missing bin included). */
    public int size() {
        return categorical ? levels + (nullable ? 1 : 0) : binStart.length - 1 + (nullable ? 1 : 0);
    }

    /** The bin of the missing value, or -1 when the column has none. */
    public int missingBin() {
        return nullable ? size() - 1 : -1;
    }

    /** The bin of a model value (a category code, -1 missing; or a number, NaN missing). */
    public int binOf(double v) {
        if (categorical) {
            if (v < 0) return nullable ? levels : 0;
            return (int) v;
        }
        if (Double.isNaN(v)) return nullable ? size() - 1 : 0;
        int k = pieceOf(v);
        int b = Arrays.binarySearch(binStart, k);
        if (b < 0) b = -b - 2;
        return Math.min(Math.max(b, 0), binStart.length - 2);
    }

    /** The piece holding v: the atom equal to it, else the interval [lo, hi) around it (the nearest at the ends). */
    int pieceOf(double v) {
        int a = 0, b = lo.length - 1;
        while (a < b) {
            int m = (a + b + 1) >>> 1;
            if (lo[m] <= v) a = m; else b = m - 1;
        }
        // a: the last piece starting at or below v; an interval piece that starts at an atom's value follows the atom.
        if (a > 0 && lo[a] == v && lo[a] != hi[a] && lo[a - 1] == v && hi[a - 1] == v) return a - 1;
        return a;
    }

    /** A model value from bin {@code b}: a category code, or a number drawn inside the bin (NaN for the missing bin). */
    public double draw(int b, SplittableRandom rng) {
        if (categorical) return b == levels ? -1 : b;
        if (b == missingBin()) return Double.NaN;
        int s = binStart[b], e = binStart[b + 1];
        double u = rng.nextDouble() * binMass[b];
        int k = s;
        if (binMass[b] > 0) {
            for (; k < e - 1; k++) {
                u -= mass[k];
                if (u < 0) break;
            }
        } else {
            k = s + rng.nextInt(e - s);
        }
        return pointIn(k, lo[k], hi[k], rng);
    }

    private double pointIn(int k, double a, double b, SplittableRandom rng) {
        if (lo[k] == hi[k]) return lo[k];
        return a + rng.nextDouble() * (b - a);
    }

    /**
     * The share of bin {@code b} inside a union of closed intervals [i0, i1, i2, i3, ...] (for categories,
     * {@code allowed} marks the allowed codes instead; missing is never allowed).
     */
    public double share(int b, double[] intervals, boolean[] allowed) {
        if (categorical) return b < levels && allowed[b] ? 1 : 0;
        if (b == missingBin()) return 0;
        int s = binStart[b], e = binStart[b + 1];
        double in = 0, total = 0;
        for (int k = s; k < e; k++) {
            double w = binMass[b] > 0 ? mass[k] : 1;
            total += w;
            in += w * overlap(k, intervals);
        }
        return total > 0 ? in / total : 0;
    }

    private double overlap(int k, double[] iv) {
        double f = 0;
        for (int i = 0; i < iv.length; i += 2) {
            if (lo[k] == hi[k]) {
                if (lo[k] >= iv[i] && lo[k] <= iv[i + 1]) return 1;
                continue;
            }
            double a = Math.max(lo[k], iv[i]), c = Math.min(hi[k], iv[i + 1]);
            if (c > a) f += (c - a) / (hi[k] - lo[k]);
        }
        return Math.min(1, f);
    }

    /** A value of bin {@code b} inside the union of intervals (the bin must have a positive share there). */
    public double drawIn(int b, double[] iv, boolean[] allowed, SplittableRandom rng) {
        if (categorical) return b == levels ? -1 : b;
        int s = binStart[b], e = binStart[b + 1];
        int n = e - s, m = iv.length / 2;
        double[] w = new double[n * m];
        double sum = 0;
        for (int k = s; k < e; k++) {
            double base = binMass[b] > 0 ? mass[k] : 1;
            for (int i = 0; i < m; i++) {
                double f;
                if (lo[k] == hi[k]) f = lo[k] >= iv[2 * i] && lo[k] <= iv[2 * i + 1] ? 1 : 0;
                else f = Math.max(0, Math.min(hi[k], iv[2 * i + 1]) - Math.max(lo[k], iv[2 * i])) / (hi[k] - lo[k]);
                w[(k - s) * m + i] = base * f;
                sum += base * f;
            }
        }
        double u = rng.nextDouble() * sum;
        int pick = w.length - 1;
        for (int j = 0; j < w.length; j++) {
            if (w[j] <= 0) continue;
            pick = j;
            u -= w[j];
            if (u < 0) break;
        }
        int k = s + pick / m, i = pick % m;
        if (lo[k] == hi[k]) return lo[k];
        double a = Math.max(lo[k], iv[2 * i]), c = Math.min(hi[k], iv[2 * i + 1]);
        return Math.min(c, Math.max(a, a + rng.nextDouble() * (c - a)));
    }

    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("categorical", categorical);
        o.put("nullable", nullable);
        if (categorical) {
            o.put("levels", levels);
            return o;
        }
        ModelFile.putDoubles(o, "lo", lo);
        ModelFile.putDoubles(o, "hi", hi);
        ModelFile.putDoubles(o, "mass", mass);
        Arrays64.putOffsets(o, "binStart", binStart);
        return o;
    }

    public static Domain fromJson(JsonNode o) {
        boolean nullable = o.path("nullable").asBoolean();
        if (o.path("categorical").asBoolean()) return categorical(o.path("levels").asInt(), nullable);
        return numeric(ModelFile.getDoubles(o, "lo"), ModelFile.getDoubles(o, "hi"), ModelFile.getDoubles(o, "mass"),
                Arrays64.getOffsets(o, "binStart"), nullable);
    }
}
