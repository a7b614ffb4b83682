package dev.ersatz.synth.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;

/**
 * A fitted decision tree over model columns, flattened into arrays; immutable and thread-safe.
 *
 * <p>Node 0 is the root. An inner node tests one model column: an ordinal (numeric) test sends
 * missing values and values ≤ its threshold left; a nominal (categorical) test sends the levels in
 * its bit mask left (missing is the level {@code missingLevel}). A leaf stores its leaf index in
 * {@code left}. Values are given column-major as doubles, category codes included (missing = -1).
 */
public final class Tree {
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final long[][] mask;
    final int[] missingLevel;
    private final int leaves;
    private final int[] firstLeaf;
    private final int[] endLeaf;

    Tree(int[] feature, double[] threshold, int[] left, int[] right, long[][] mask, int[] missingLevel) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.mask = mask;
        this.missingLevel = missingLevel;
        int l = 0;
        for (int f : feature) if (f < 0) l++;
        this.leaves = l;
        // Leaves are numbered in depth-first order, left first, so every node's leaves form a contiguous range.
        firstLeaf = new int[feature.length];
        endLeaf = new int[feature.length];
        for (int i = feature.length - 1; i >= 0; i--) {
            if (feature[i] < 0) {
                firstLeaf[i] = left[i];
                endLeaf[i] = left[i] + 1;
            } else {
                firstLeaf[i] = firstLeaf[left[i]];
                endLeaf[i] = endLeaf[right[i]];
                if (endLeaf[left[i]] != firstLeaf[right[i]]) throw new InputException("model file: a tree's leaves are not in depth-first order");
            }
        }
    }

    /** The first leaf under {@code node} (its leaves are firstLeaf .. endLeaf-1). */
    public int firstLeaf(int node) { return firstLeaf[node]; }
    /** One past the last leaf under {@code node}. */
    public int endLeaf(int node) { return endLeaf[node]; }

    /** The node reached by row {@code row} after {@code steps} tests from the root (fewer at a leaf); for paths. */
    int child(int node, double[][] x, int row) {
        int f = feature[node];
        double v = x[f][row];
        long[] m = mask[node];
        boolean goLeft;
        if (m != null) {
            int l = v < 0 ? missingLevel[node] : (int) v;
            int w = l >>> 6;
            goLeft = w < m.length && (m[w] & (1L << l)) != 0;
        } else {
            goLeft = Double.isNaN(v) || v <= threshold[node];
        }
        return goLeft ? left[node] : right[node];
    }

    /**
     * This tree with every node marked in {@code collapse} turned into a leaf (its subtree dropped).
     * The new leaves keep depth-first order, so new leaf k covers a contiguous range of old leaves.
     */
    public Tree prune(boolean[] collapse) {
        int n = feature.length;
        int[] newId = new int[n];
        java.util.Arrays.fill(newId, -1);
        int[] nf = new int[n], nl = new int[n], nr = new int[n], nm = new int[n];
        double[] nt = new double[n];
        long[][] nmask = new long[n][];
        int count = 0, leafCount = 0;
        // Depth-first, left first: the order leaves were numbered in.
        int[] stack = new int[n + 1];
        int sp = 0;
        stack[sp++] = 0;
        newId[0] = count++;
        while (sp > 0) {
            int node = stack[--sp];
            int id = newId[node];
            if (feature[node] < 0 || collapse[node]) {
                nf[id] = -1;
                nl[id] = leafCount++;
                nr[id] = -1;
                continue;
            }
            nf[id] = feature[node];
            nt[id] = threshold[node];
            nmask[id] = mask[node];
            nm[id] = missingLevel[node];
            int l = left[node], r = right[node];
            newId[l] = count++;
            newId[r] = count++;
            nl[id] = newId[l];
            nr[id] = newId[r];
            stack[sp++] = r;
            stack[sp++] = l;
        }
        return new Tree(java.util.Arrays.copyOf(nf, count), java.util.Arrays.copyOf(nt, count), java.util.Arrays.copyOf(nl, count),
                java.util.Arrays.copyOf(nr, count), java.util.Arrays.copyOf(nmask, count), java.util.Arrays.copyOf(nm, count));
    }

    /** How many leaves the tree has (leaf indexes are 0..leaves-1). */
    public int leaves() { return leaves; }
    /** How many nodes the tree has. */
    public int nodes() { return feature.length; }
    /** The column node {@code node} tests, or -1 for a leaf. */
    public int feature(int node) { return feature[node]; }
    /** The left child of an inner node, or the leaf index of a leaf. */
    public int left(int node) { return left[node]; }
    public int right(int node) { return right[node]; }
    public double threshold(int node) { return threshold[node]; }
    /** Whether an inner node tests a categorical column. */
    public boolean nominal(int node) { return mask[node] != null; }

    /** Whether the nominal test at {@code node} sends {@code level} left. */
    public boolean sendsLeft(int node, int level) {
        long[] m = mask[node];
        int w = level >>> 6;
        return w < m.length && (m[w] & (1L << level)) != 0;
    }

    /** The level of a category code at a nominal node (missing, -1, is the node's missing level). */
    public int level(int node, double code) {
        return code < 0 ? missingLevel[node] : (int) code;
    }

    /** The leaf that row {@code row} of the column-major values {@code x} falls into. */
    public int leaf(double[][] x, int row) {
        int node = 0;
        while (true) {
            int f = feature[node];
            if (f < 0) return left[node];
            double v = x[f][row];
            boolean goLeft;
            long[] m = mask[node];
            if (m != null) {
                int l = v < 0 ? missingLevel[node] : (int) v;
                int w = l >>> 6;
                goLeft = w < m.length && (m[w] & (1L << l)) != 0;
            } else {
                goLeft = Double.isNaN(v) || v <= threshold[node];
            }
            node = goLeft ? left[node] : right[node];
        }
    }

    /** The tree as JSON. */
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        // Children are stored relative to their parent (small numbers, compact as varints); thresholds
        // only for ordinal inner nodes.
        int[] l = new int[feature.length], r = new int[feature.length];
        int ordinal = 0;
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] < 0) { l[i] = left[i]; r[i] = 0; continue; }
            l[i] = left[i] - i;
            r[i] = right[i] - i;
            if (mask[i] == null) ordinal++;
        }
        double[] thr = new double[ordinal];
        for (int i = 0, k = 0; i < feature.length; i++) if (feature[i] >= 0 && mask[i] == null) thr[k++] = threshold[i];
        Arrays64.putVarints(o, "feature", feature);
        ModelFile.putDoubles(o, "threshold", thr);
        Arrays64.putVarints(o, "left", l);
        Arrays64.putVarints(o, "right", r);
        List<Integer> nodes = new ArrayList<>();
        List<Long> words = new ArrayList<>();
        for (int i = 0; i < feature.length; i++) {
            if (mask[i] == null) continue;
            nodes.add(i);
            nodes.add(mask[i].length);
            nodes.add(missingLevel[i]);
            for (long w : mask[i]) words.add(w);
        }
        Arrays64.putVarints(o, "maskNodes", nodes.stream().mapToInt(Integer::intValue).toArray());
        Arrays64.putLongs(o, "maskWords", words.stream().mapToLong(Long::longValue).toArray());
        return o;
    }

    /** Reads a tree written by {@link #toJson}. */
    public static Tree fromJson(JsonNode o) {
        int[] feature = Arrays64.getVarints(o, "feature");
        double[] thr = ModelFile.getDoubles(o, "threshold");
        int[] left = Arrays64.getVarints(o, "left"), right = Arrays64.getVarints(o, "right");
        int n = feature.length;
        if (left.length != n || right.length != n) throw new InputException("model file: a tree's arrays differ in length");
        long[][] mask = new long[n][];
        int[] miss = new int[n];
        int[] nodes = Arrays64.getVarints(o, "maskNodes");
        long[] words = Arrays64.getLongs(o, "maskWords");
        for (int k = 0, at = 0; k < nodes.length; k += 3) {
            int node = nodes[k], len = nodes[k + 1];
            mask[node] = java.util.Arrays.copyOfRange(words, at, at + len);
            miss[node] = nodes[k + 2];
            at += len;
        }
        double[] threshold = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (feature[i] < 0) continue;
            left[i] += i;
            right[i] += i;
            if (mask[i] == null) {
                if (k >= thr.length) throw new InputException("model file: a tree has too few thresholds");
                threshold[i] = thr[k++];
            }
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
                throw new InputException("model file: a tree's node " + i + " has bad children");
            }
        }
        return new Tree(feature, threshold, left, right, mask, miss);
    }
}
