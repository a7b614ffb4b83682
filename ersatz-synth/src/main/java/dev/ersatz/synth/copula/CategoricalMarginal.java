package dev.ersatz.synth.copula;

import java.util.Arrays;

/**
 * A categorical marginal by frequency intervals: the categories (and "missing", as code -1) are
 * laid out on [0, 1] in order of decreasing frequency, each over an interval as wide as its share.
 * A normal score z falls in exactly one interval, found by binary search over the interval ends
 * mapped to z space.
 *
 * <p>This is the encoding SDV's copula uses for categories: it keeps each category's frequency
 * exactly, and putting frequent categories first keeps the interval ends away from the tails.
 */
final class CategoricalMarginal {
    /** The code of each slot, in slot order (-1 = missing). */
    final int[] codes;
    /** The probability of each slot. */
    final double[] probs;
    /** Cumulative probability at the start of each slot (length slots + 1). */
    final double[] cum;
    /** Slot boundaries in z space (length slots - 1). */
    private final double[] zCuts;

    CategoricalMarginal(int[] codes, double[] probs) {
        this.codes = codes;
        this.probs = probs;
        this.cum = new double[probs.length + 1];
        for (int i = 0; i < probs.length; i++) cum[i + 1] = cum[i] + probs[i];
        this.zCuts = new double[Math.max(0, probs.length - 1)];
        for (int i = 0; i < zCuts.length; i++) zCuts[i] = Normal.quantile(cum[i + 1] / cum[probs.length]);
    }

    /** Fits to codes (-1 missing) of a column with {@code levels} levels, slots in order of decreasing frequency. */
    static CategoricalMarginal fit(int[] data, int levels) {
        return ordered(data, levels, null);
    }

    /**
     * Fits with the slots in increasing order of {@code key[code + 1]} (ties, and a null key, by
     * decreasing frequency). The slot widths are the frequencies either way; only their order changes.
     */
    static CategoricalMarginal ordered(int[] data, int levels, double[] key) {
        long[] counts = new long[levels + 1];
        for (int c : data) counts[c + 1]++;
        Integer[] order = new Integer[levels + 1];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> {
            if (key != null && key[p] != key[q]) return Double.compare(key[p], key[q]);
            return counts[q] != counts[p] ? Long.compare(counts[q], counts[p]) : Integer.compare(p, q);
        });
        int slots = 0;
        for (long c : counts) if (c > 0) slots++;
        int[] codes = new int[slots];
        double[] probs = new double[slots];
        int s = 0;
        for (int i : order) {
            if (counts[i] == 0) continue;
            codes[s] = i - 1;
            probs[s] = (double) counts[i] / data.length;
            s++;
        }
        return new CategoricalMarginal(codes, probs);
    }

    /** The slot of a code, or -1 when the code never occurred. */
    int slotOf(int code) {
        for (int i = 0; i < codes.length; i++) if (codes[i] == code) return i;
        return -1;
    }

    /** The code a normal score falls on. */
    int fromScore(double z) {
        int lo = 0, hi = zCuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (z < zCuts[mid]) hi = mid; else lo = mid + 1;
        }
        return codes[lo];
    }

    /** The z interval of a slot: [lower, upper]. */
    double zLower(int slot) {
        return slot == 0 ? Double.NEGATIVE_INFINITY : zCuts[slot - 1];
    }

    double zUpper(int slot) {
        return slot == codes.length - 1 ? Double.POSITIVE_INFINITY : zCuts[slot];
    }
}
