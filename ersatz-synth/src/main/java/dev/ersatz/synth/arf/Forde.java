package dev.ersatz.synth.arf;

import dev.ersatz.synth.tree.Features;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.tree.Tree;
import dev.ersatz.synth.tree.TreeGrower;

import java.util.Arrays;
import java.util.List;

/** FORDE: leaf-wise density estimation from the real rows in each leaf of the final forest (see {@link AdversarialRandomForest}). */
final class Forde {
    private Forde() {}

    static FittedArf fit(AdversarialRandomForest.Forest rf, Features fs, List<ModelColumn> columns, int[][] codes, double[][] values,
                         int n, int atomMin, double alpha, int iterations, double accuracy, Dependents.Link[] deps, int[][] groups,
                         boolean kde) {
        int p = columns.size();
        // A group's joint codes live in its first column's cell; its other columns' cells stay empty.
        int[] leaderOf = new int[p];
        java.util.Arrays.fill(leaderOf, -1);
        for (int g = 0; g < groups.length; g++) for (int f : groups[g]) leaderOf[f] = g;
        double[][] atoms = new double[p][];
        double[] min = new double[p], max = new double[p], bandwidth = new double[p];
        for (int f = 0; f < p; f++) {
            if (columns.get(f).categorical()) continue;
            double[] v = values[f];
            atoms[f] = atoms(v, atomMin);
            bandwidth[f] = AdversarialRandomForest.silverman(v);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : v) if (!Double.isNaN(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            min[f] = lo;
            max[f] = hi;
        }
        int b = rf.grown().size();
        FittedArf.TreeDensity[] dens = new FittedArf.TreeDensity[b];
        int maxLevels = 1;
        for (int f = 0; f < p; f++) if (columns.get(f).categorical()) maxLevels = Math.max(maxLevels, columns.get(f).levels().size() + 1);
        for (int[] g : groups) maxLevels = Math.max(maxLevels, Groups.combinations(g, columns));
        for (int f = 0; f < p; f++) if (!columns.get(f).categorical()) maxLevels = Math.max(maxLevels, atoms[f].length + 1);
        int[] tally = new int[maxLevels];
        for (int t = 0; t < b; t++) {
            TreeGrower.Grown g = withoutSyntheticSubtrees(rf.grown().get(t), n);
            Tree tree = g.tree();
            int leaves = tree.leaves();
            int[] real = new int[leaves];
            int slots = 0;
            for (int l = 0; l < leaves; l++) {
                int s = g.leafStart()[l], e = g.leafStart()[l + 1];
                for (int k = s; k < e; k++) if (g.leafRows()[k] < n) real[l]++;
                if (real[l] > 0) slots++;
            }
            int q = FittedArf.numericCount(columns);
            int[] numIdx = FittedArf.numericIndex(columns);
            // Cells only for leaves that hold real rows (slots, in leaf order): the others never generate.
            int[] start = new int[slots * p + 1];
            IntBuffer key = new IntBuffer(), cnt = new IntBuffer();
            int[] naCount = new int[slots * q];
            double[] naMean = new double[slots * q], naSd = new double[slots * q];
            int[] naStart = kde ? new int[slots * q + 1] : null;
            DoubleBuffer naValues = new DoubleBuffer();
            int slot = -1;
            for (int l = 0; l < leaves; l++) {
                if (real[l] == 0) continue;
                slot++;
                int s = g.leafStart()[l], e = g.leafStart()[l + 1];
                int[] rows = Arrays.stream(g.leafRows(), s, e).filter(r -> r < n).toArray();
                for (int f = 0; f < p; f++) {
                    int cell = slot * p + f;
                    start[cell] = key.size;
                    if (columns.get(f).categorical()) {
                        int gr = leaderOf[f];
                        if (gr >= 0 && groups[gr][0] != f) continue;
                        int levels = gr >= 0 ? Groups.combinations(groups[gr], columns) : columns.get(f).levels().size() + 1;
                        if (gr >= 0) for (int r : rows) tally[Groups.code(groups[gr], fs, codes, r)]++;
                        else for (int r : rows) tally[codes[f][r]]++;
                        for (int k = 0; k < levels; k++) if (tally[k] > 0) { key.add(k); cnt.add(tally[k]); tally[k] = 0; }
                    } else {
                        double[] a = atoms[f];
                        int na = 0;
                        double sum = 0, ss = 0;
                        for (int r : rows) {
                            double v = values[f][r];
                            int k = Double.isNaN(v) ? a.length : Arrays.binarySearch(a, v);
                            if (k >= 0) { tally[k]++; continue; }
                            na++;
                            sum += v;
                        }
                        double mean = na > 0 ? sum / na : 0;
                        for (int r : rows) {
                            double v = values[f][r];
                            if (!Double.isNaN(v) && Arrays.binarySearch(a, v) < 0) ss += (v - mean) * (v - mean);
                        }
                        for (int k = 0; k <= a.length; k++) if (tally[k] > 0) { key.add(k); cnt.add(tally[k]); tally[k] = 0; }
                        int nc = slot * q + numIdx[f];
                        if (kde) {
                            naStart[nc] = naValues.size;
                            int from = naValues.size;
                            for (int r : rows) {
                                double v = values[f][r];
                                if (!Double.isNaN(v) && Arrays.binarySearch(a, v) < 0) naValues.add(v);
                            }
                            Arrays.sort(naValues.a, from, naValues.size);
                        }
                        naCount[nc] = na;
                        naMean[nc] = mean;
                        naSd[nc] = Math.max(na > 1 ? Math.sqrt(ss / (na - 1)) : 0, bandwidth[f]);
                    }
                }
            }
            start[slots * p] = key.size;
            if (kde) naStart[slots * q] = naValues.size;
            dens[t] = new FittedArf.TreeDensity(tree, real, start, key.toArray(), cnt.toArray(), naCount, naMean, naSd,
                    naStart, kde ? naValues.toArray() : null);
        }
        return new FittedArf(columns, dens, atoms, min, max, alpha, iterations, accuracy, deps, groups, kde ? bandwidth : null);
    }

    /**
     * The tree with every subtree that holds no real rows collapsed into one leaf: such leaves never
     * generate, and the paths to the others (their bounds) are unchanged. Halves the stored trees.
     */
    static TreeGrower.Grown withoutSyntheticSubtrees(TreeGrower.Grown g, int n) {
        Tree tree = g.tree();
        int[] realPerLeaf = new int[tree.leaves()];
        for (int l = 0; l < realPerLeaf.length; l++) {
            for (int k = g.leafStart()[l]; k < g.leafStart()[l + 1]; k++) if (g.leafRows()[k] < n) realPerLeaf[l]++;
        }
        int[] prefix = new int[realPerLeaf.length + 1];
        for (int l = 0; l < realPerLeaf.length; l++) prefix[l + 1] = prefix[l] + realPerLeaf[l];
        boolean[] collapse = new boolean[tree.nodes()];
        for (int node = 0; node < tree.nodes(); node++) {
            if (tree.feature(node) >= 0 && prefix[tree.endLeaf(node)] - prefix[tree.firstLeaf(node)] == 0) collapse[node] = true;
        }
        return dev.ersatz.synth.tree.Pruning.prune(g, collapse);
    }

    static double[] atoms(double[] v, int atomMin) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        double[] out = new double[s.length];
        int k = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) j++;
            if (j - i >= atomMin) out[k++] = s[i];
            i = j;
        }
        return Arrays.copyOf(out, k);
    }

    /** A growable double array. */
    static final class DoubleBuffer {
        double[] a = new double[1024];
        int size;

        void add(double v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** A growable int array. */
    static final class IntBuffer {
        int[] a = new int[1024];
        int size;

        void add(int v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
