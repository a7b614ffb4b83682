package dev.ersatz.synth.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.synth.tree.Arrays64;
import dev.ersatz.synth.tree.TreeGrower;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The numeric values in each leaf of a regression tree, and the smoothed distribution drawn from them.
 *
 * <p>A leaf keeps its distinct values v_1 < … < v_g with their counts c_i (m = Σ c_i). Value v_i has
 * probability c_i / m, as in synthpop's CART, but unless it is an <em>atom</em> it is not replayed:
 * it is spread uniformly over its Voronoi cell [(v_{i−1} + v_i)/2, (v_i + v_{i+1})/2] among the
 * leaf's values (an end value gets a cell symmetric about it). Atoms are values that at least
 * {@code atomMin} training rows share (zeros of a zero-inflated column, the integers of a count,
 * round amounts): they are drawn exactly, because smearing them would be visible and hides nobody. So
 * no value seen fewer than {@code atomMin} times is ever reproduced, the leaf's mean is kept, and the
 * distribution's CDF is piecewise linear with jumps at atoms, which makes truncation to an interval
 * (conditional sampling) exact by inversion.
 *
 * <p>A leaf with one distinct value draws it exactly (there is nothing to smooth towards; the tree's
 * minimum leaf size already hides it among at least {@code minLeaf} rows).
 */
final class NumericLeaves {
    private final int[] leafStart;
    private final double[] value;
    private final int[] count;
    private final double[] cum;
    private final double[] lo, hi;
    private final double[] total;

    NumericLeaves(int[] leafStart, double[] value, int[] count, double[] atoms, boolean smooth) {
        this.leafStart = leafStart;
        this.value = value;
        this.count = count;
        int leaves = leafStart.length - 1;
        cum = new double[value.length];
        lo = new double[value.length];
        hi = new double[value.length];
        total = new double[leaves];
        for (int l = 0; l < leaves; l++) {
            int s = leafStart[l], e = leafStart[l + 1];
            double acc = 0;
            for (int g = s; g < e; g++) {
                acc += count[g];
                cum[g] = acc;
                double v = value[g];
                boolean atom = !smooth || e - s == 1 || Arrays.binarySearch(atoms, v) >= 0;
                if (atom) { lo[g] = v; hi[g] = v; continue; }
                double left = g > s ? (value[g - 1] + v) / 2 : Double.NaN;
                double right = g < e - 1 ? (v + value[g + 1]) / 2 : Double.NaN;
                if (Double.isNaN(left)) left = v - (right - v);
                if (Double.isNaN(right)) right = v + (v - left);
                lo[g] = left;
                hi[g] = right;
            }
            total[l] = acc;
        }
    }

    /** Collects each leaf's values from a grown tree over the rows of {@code y}. */
    static NumericLeaves of(TreeGrower.Grown grown, double[] y, double[] atoms, boolean smooth) {
        int leaves = grown.tree().leaves();
        int[] start = new int[leaves + 1];
        double[] vals = new double[grown.leafRows().length];
        int[] cnts = new int[vals.length];
        int g = 0;
        for (int l = 0; l < leaves; l++) {
            start[l] = g;
            int s = grown.leafStart()[l], e = grown.leafStart()[l + 1];
            double[] v = new double[e - s];
            for (int i = s; i < e; i++) v[i - s] = y[grown.leafRows()[i]];
            Arrays.sort(v);
            for (int i = 0; i < v.length; i++) {
                if (i > 0 && v[i] == v[i - 1]) { cnts[g - 1]++; continue; }
                vals[g] = v[i];
                cnts[g] = 1;
                g++;
            }
        }
        start[leaves] = g;
        return new NumericLeaves(start, Arrays.copyOf(vals, g), Arrays.copyOf(cnts, g), atoms, smooth);
    }

    int leaves() { return total.length; }

    /** A draw from leaf {@code l}. */
    double draw(int l, SplittableRandom rng) {
        return invert(l, rng.nextDouble() * total[l]);
    }

    /** The probability leaf {@code l} gives the closed interval [a, b]. */
    double mass(int l, double a, double b) {
        return Math.max(0, cdf(l, b, true) - cdf(l, a, false)) / total[l];
    }

    /** A draw from leaf {@code l} truncated to [a, b] (which must have positive mass). */
    double drawIn(int l, double a, double b, SplittableRandom rng) {
        double ua = cdf(l, a, false), ub = cdf(l, b, true);
        double x = invert(l, ua + rng.nextDouble() * (ub - ua));
        return Math.min(b, Math.max(a, x));
    }

    /** Σ of counts below x (atoms at x included when {@code inclusive}). */
    private double cdf(int l, double x, boolean inclusive) {
        int s = leafStart[l], e = leafStart[l + 1];
        int a = s, b = e;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (hi[m] < x) a = m + 1; else b = m;
        }
        double acc = a > s ? cum[a - 1] : 0;
        for (int g = a; g < e; g++) {
            if (lo[g] == hi[g]) {
                if (value[g] < x || (inclusive && value[g] == x)) { acc += count[g]; continue; }
                break;
            }
            if (hi[g] <= x) { acc += count[g]; continue; }
            if (lo[g] < x) acc += count[g] * (x - lo[g]) / (hi[g] - lo[g]);
            break;
        }
        return acc;
    }

    private double invert(int l, double u) {
        int s = leafStart[l], e = leafStart[l + 1];
        int a = s, b = e - 1;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (cum[m] > u) b = m; else a = m + 1;
        }
        int g = a;
        if (lo[g] == hi[g]) return value[g];
        double prev = cum[g] - count[g];
        double frac = Math.min(1, Math.max(0, (u - prev) / count[g]));
        return lo[g] + frac * (hi[g] - lo[g]);
    }

    void write(ObjectNode o) {
        Arrays64.putOffsets(o, "leafStart", leafStart);
        ModelFile.putDoubles(o, "values", value);
        Arrays64.putVarints(o, "counts", count);
    }

    static NumericLeaves read(JsonNode o, double[] atoms, boolean smooth) {
        return new NumericLeaves(Arrays64.getOffsets(o, "leafStart"), ModelFile.getDoubles(o, "values"), Arrays64.getVarints(o, "counts"), atoms, smooth);
    }
}
