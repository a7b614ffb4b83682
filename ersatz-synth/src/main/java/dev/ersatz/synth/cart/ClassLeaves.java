package dev.ersatz.synth.cart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.synth.tree.Arrays64;
import dev.ersatz.synth.tree.TreeGrower;

import java.util.SplittableRandom;

/**
 * The class counts in each leaf of a classification tree; a draw picks a class with probability
 * proportional to its count in the leaf (synthpop's CART draw). Classes are stored sparsely: only
 * those present in a leaf.
 */
final class ClassLeaves {
    private final int[] leafStart;
    private final int[] cls;
    private final int[] count;
    private final double[] cum;
    private final double[] total;

    ClassLeaves(int[] leafStart, int[] cls, int[] count) {
        this.leafStart = leafStart;
        this.cls = cls;
        this.count = count;
        int leaves = leafStart.length - 1;
        cum = new double[cls.length];
        total = new double[leaves];
        for (int l = 0; l < leaves; l++) {
            double acc = 0;
            for (int g = leafStart[l]; g < leafStart[l + 1]; g++) {
                acc += count[g];
                cum[g] = acc;
            }
            total[l] = acc;
        }
    }

    static ClassLeaves of(TreeGrower.Grown grown, int[] y, int classes) {
        int leaves = grown.tree().leaves();
        int[] start = new int[leaves + 1];
        int[] c = new int[grown.leafRows().length];
        int[] k = new int[c.length];
        int[] tally = new int[classes];
        int g = 0;
        for (int l = 0; l < leaves; l++) {
            start[l] = g;
            for (int i = grown.leafStart()[l]; i < grown.leafStart()[l + 1]; i++) tally[y[grown.leafRows()[i]]]++;
            for (int q = 0; q < classes; q++) {
                if (tally[q] == 0) continue;
                c[g] = q;
                k[g] = tally[q];
                g++;
                tally[q] = 0;
            }
        }
        start[leaves] = g;
        return new ClassLeaves(start, java.util.Arrays.copyOf(c, g), java.util.Arrays.copyOf(k, g));
    }

    int leaves() { return total.length; }

    int draw(int l, SplittableRandom rng) {
        double u = rng.nextDouble() * total[l];
        int a = leafStart[l], b = leafStart[l + 1] - 1;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (cum[m] > u) b = m; else a = m + 1;
        }
        return cls[a];
    }

    /** The probability leaf {@code l} gives the classes marked in {@code allowed}. */
    double mass(int l, boolean[] allowed) {
        double m = 0;
        for (int g = leafStart[l]; g < leafStart[l + 1]; g++) if (allowed[cls[g]]) m += count[g];
        return m / total[l];
    }

    /** A draw from leaf {@code l} restricted to the allowed classes (which must have positive mass). */
    int drawIn(int l, boolean[] allowed, SplittableRandom rng) {
        double m = 0;
        for (int g = leafStart[l]; g < leafStart[l + 1]; g++) if (allowed[cls[g]]) m += count[g];
        double u = rng.nextDouble() * m;
        int last = -1;
        for (int g = leafStart[l]; g < leafStart[l + 1]; g++) {
            if (!allowed[cls[g]]) continue;
            last = cls[g];
            u -= count[g];
            if (u < 0) return cls[g];
        }
        return last;
    }

    void write(ObjectNode o) {
        Arrays64.putOffsets(o, "leafStart", leafStart);
        Arrays64.putVarints(o, "classes", cls);
        Arrays64.putVarints(o, "counts", count);
    }

    static ClassLeaves read(JsonNode o) {
        return new ClassLeaves(Arrays64.getOffsets(o, "leafStart"), Arrays64.getVarints(o, "classes"), Arrays64.getVarints(o, "counts"));
    }
}
