package dev.ersatz.synth.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.tree.Arrays64;
import dev.ersatz.synth.tree.Tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted adversarial random forest: the forest's leaves with their weights and per-column
 * distributions (FORDE), sampled by FORGE. Immutable and thread-safe; see {@link AdversarialRandomForest}.
 *
 * <p>Storage per tree: only leaves holding real rows generate; they are numbered as slots in leaf
 * order. For slot s and column f, the cell s·p + f holds sparse (key, count) entries (category levels;
 * for numeric columns atom indexes, the missing value being index {@code atoms.length}); for the k-th
 * numeric column, s·q + k holds the count, mean and sd of the values that are not atoms.
 */
final class FittedArf implements FittedGenerator {

    /**
     * One tree's leaves. Non-atom values of numeric cell nc: with a kernel density, the sorted values
     * naValues[naStart[nc] .. naStart[nc + 1]); with a normal (the paper's FORDE), naMean and naSd.
     */
    record TreeDensity(Tree tree, int[] real, int[] start, int[] key, int[] count, int[] naCount, double[] naMean, double[] naSd,
                       int[] naStart, double[] naValues) {}

    private final List<ModelColumn> columns;
    private final int p;
    private final int q;
    private final int[] numIdx;
    private final int[][] slotOf;
    private final int[][] slotReal;
    private final TreeDensity[] dens;
    private final double[][] atoms;
    private final double[] min, max;
    private final double alpha;
    private final int iterations;
    private final double accuracy;
    /** By column: the link of a column drawn from its parent's level rather than from the leaves (null: none). */
    private final Dependents.Link[] deps;
    /** Columns drawn jointly from a leaf (see {@link Groups}); by column, its group or -1. */
    private final int[][] groups;
    private final int[] groupOf;
    /** By column: the kernel bandwidth of a numeric column's non-atom values; null for the paper's truncated normals. */
    private final double[] bandwidth;
    // derived
    private final double[][] lo, hi;
    private final long[][][] allowed;
    private final int[][] allowedCount;
    private final int[] pairTree, pairLeaf;
    private final double[] pairWeight;
    private final double[] baseCum;

    FittedArf(List<ModelColumn> columns, TreeDensity[] dens, double[][] atoms, double[] min, double[] max, double alpha,
              int iterations, double accuracy, Dependents.Link[] deps, int[][] groups, double[] bandwidth) {
        this.columns = List.copyOf(columns);
        this.bandwidth = bandwidth;
        this.deps = deps;
        this.groups = groups;
        groupOf = new int[columns.size()];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.length; g++) for (int f : groups[g]) groupOf[f] = g;
        this.p = columns.size();
        this.q = numericCount(columns);
        this.numIdx = numericIndex(columns);
        this.dens = dens;
        this.atoms = atoms;
        this.min = min;
        this.max = max;
        this.alpha = alpha;
        this.iterations = iterations;
        this.accuracy = accuracy;
        int b = dens.length;
        lo = new double[b][];
        hi = new double[b][];
        allowed = new long[b][][];
        allowedCount = new int[b][];
        slotOf = new int[b][];
        slotReal = new int[b][];
        List<int[]> pairs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int t = 0; t < b; t++) {
            Tree tree = dens[t].tree;
            int leaves = tree.leaves();
            if (dens[t].real.length != leaves) throw new InputException("model file: a forest tree's leaf counts do not match its leaves");
            slotOf[t] = new int[leaves];
            int slots = 0;
            for (int l = 0; l < leaves; l++) slotOf[t][l] = dens[t].real[l] > 0 ? slots++ : -1;
            slotReal[t] = new int[slots];
            for (int l = 0; l < leaves; l++) if (slotOf[t][l] >= 0) slotReal[t][slotOf[t][l]] = dens[t].real[l];
            if (dens[t].start.length != slots * p + 1) throw new InputException("model file: a forest tree's cells do not match its leaves");
            lo[t] = new double[slots * p];
            hi[t] = new double[slots * p];
            allowed[t] = new long[slots * p][];
            allowedCount[t] = new int[slots * p];
            double[] curLo = new double[p], curHi = new double[p];
            long[][] curMask = new long[p][];
            for (int f = 0; f < p; f++) {
                curLo[f] = Double.NEGATIVE_INFINITY;
                curHi[f] = Double.POSITIVE_INFINITY;
                if (columns.get(f).categorical()) {
                    int levels = columns.get(f).levels().size() + 1;
                    curMask[f] = new long[(levels + 63) >>> 6];
                    for (int k = 0; k < levels; k++) curMask[f][k >>> 6] |= 1L << k;
                }
            }
            bounds(t, tree, 0, curLo, curHi, curMask);
            long realTotal = 0;
            for (int r : dens[t].real) realTotal += r;
            for (int l = 0; l < leaves; l++) {
                if (dens[t].real[l] == 0 || realTotal == 0) continue;
                pairs.add(new int[] {t, slotOf[t][l]});
                weights.add((double) dens[t].real[l] / realTotal / b);
            }
        }
        pairTree = new int[pairs.size()];
        pairLeaf = new int[pairs.size()];
        pairWeight = new double[pairs.size()];
        for (int k = 0; k < pairTree.length; k++) {
            pairTree[k] = pairs.get(k)[0];
            pairLeaf[k] = pairs.get(k)[1];
            pairWeight[k] = weights.get(k);
        }
        baseCum = cumulative(pairWeight);
    }

    private void bounds(int t, Tree tree, int node, double[] curLo, double[] curHi, long[][] curMask) {
        int f = tree.feature(node);
        if (f < 0) {
            int l = slotOf[t][tree.left(node)];
            if (l < 0) return;
            for (int g = 0; g < p; g++) {
                int cell = l * p + g;
                if (columns.get(g).categorical()) {
                    allowed[t][cell] = curMask[g].clone();
                    int c = 0;
                    for (long w : curMask[g]) c += Long.bitCount(w);
                    allowedCount[t][cell] = c;
                } else {
                    lo[t][cell] = Math.max(curLo[g], min[g]);
                    hi[t][cell] = Math.min(curHi[g], max[g]);
                }
            }
            return;
        }
        if (tree.nominal(node)) {
            long[] saved = curMask[f].clone();
            for (int k = 0; k < saved.length * 64; k++) if (!tree.sendsLeft(node, k)) curMask[f][k >>> 6] &= ~(1L << k);
            bounds(t, tree, tree.left(node), curLo, curHi, curMask);
            for (int w = 0; w < saved.length; w++) curMask[f][w] = saved[w];
            for (int k = 0; k < saved.length * 64; k++) if (tree.sendsLeft(node, k)) curMask[f][k >>> 6] &= ~(1L << k);
            bounds(t, tree, tree.right(node), curLo, curHi, curMask);
            curMask[f] = saved;
        } else {
            double thr = tree.threshold(node);
            double h = curHi[f];
            curHi[f] = Math.min(h, thr);
            bounds(t, tree, tree.left(node), curLo, curHi, curMask);
            curHi[f] = h;
            double l = curLo[f];
            curLo[f] = Math.max(l, thr);
            bounds(t, tree, tree.right(node), curLo, curHi, curMask);
            curLo[f] = l;
        }
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double acc = 0;
        for (int i = 0; i < w.length; i++) { acc += w[i]; c[i] = acc; }
        return c;
    }

    int iterations() { return iterations; }
    double accuracy() { return accuracy; }

    /** What a condition asks of one column: allowed levels, or a union of closed intervals [lo0, hi0, lo1, hi1, ...]. */
    private record Need(boolean[] levels, double[] intervals) {}

    /** Conditions on a dependent column are met by the model's bounded search; all others exactly. */
    @Override
    public boolean supports(ModelCondition condition) {
        return deps[condition.modelColumn()] == null;
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        Need[] needs = needs(conditions);
        double[] cum = baseCum;
        if (!conditions.isEmpty()) {
            double[] w = new double[pairWeight.length];
            for (int k = 0; k < w.length; k++) {
                double x = pairWeight[k];
                for (int f = 0; f < p && x > 0; f++) if (needs[f] != null && groupOf[f] < 0) x *= evidence(pairTree[k], pairLeaf[k], f, needs[f]);
                for (int g = 0; g < groups.length && x > 0; g++) if (conditioned(g, needs)) x *= groupMass(pairTree[k], pairLeaf[k], g, needs) / slotReal[pairTree[k]][pairLeaf[k]];
                w[k] = x;
            }
            cum = cumulative(w);
            if (!(cum.length > 0 && cum[cum.length - 1] > 0)) {
                List<String> t = new ArrayList<>();
                for (ModelCondition c : conditions) t.add(c.text());
                throw new InputException("--where", -1, null, String.join(" and ", t), "the model gives these conditions no probability (no leaf of the forest allows them together)");
            }
        }
        double[][] x = new double[p][rows];
        double total = cum[cum.length - 1];
        for (int i = 0; i < rows; i++) {
            double u = rng.nextDouble() * total;
            int a = 0, b = cum.length - 1;
            while (a < b) {
                int m = (a + b) >>> 1;
                if (cum[m] > u) b = m; else a = m + 1;
            }
            int t = pairTree[a], l = pairLeaf[a];
            for (int f = 0; f < p; f++) {
                if (deps[f] != null) continue;
                int g = groupOf[f];
                if (g < 0) { x[f][i] = draw(t, l, f, needs[f], rng); continue; }
                if (groups[g][0] != f) continue;
                int code = drawGroup(t, l, g, needs, rng);
                for (int m : groups[g]) {
                    int radix = columns.get(m).levels().size() + 1;
                    int level = code % radix;
                    code /= radix;
                    x[m][i] = level == radix - 1 ? -1 : level;
                }
            }
            for (Dependents.Link d : deps) if (d != null) x[d.child()][i] = d.draw(x[d.parent()][i], rng);
        }
        List<Column> out = new ArrayList<>(p);
        for (int f = 0; f < p; f++) {
            ModelColumn mc = columns.get(f);
            if (mc.categorical()) {
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) codes[i] = (int) x[f][i];
                out.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                out.add(new NumericColumn(mc.name(), x[f]));
            }
        }
        return new Table(out);
    }

    private Need[] needs(List<ModelCondition> conditions) {
        Need[] needs = new Need[p];
        for (ModelCondition c : conditions) {
            int f = c.modelColumn();
            if (c.categorical()) {
                boolean[] lv = new boolean[columns.get(f).levels().size() + 1];
                for (int code : c.codes()) if (code >= 0 && code < lv.length - 1) lv[code] = true;
                needs[f] = new Need(lv, null);
            } else {
                double[] iv = new double[2 * c.intervalCount()];
                for (int k = 0; k < c.intervalCount(); k++) { iv[2 * k] = c.intervalLow(k); iv[2 * k + 1] = c.intervalHigh(k); }
                needs[f] = new Need(null, iv);
            }
        }
        return needs;
    }

    private boolean conditioned(int g, Need[] needs) {
        for (int f : groups[g]) if (needs[f] != null) return true;
        return false;
    }

    /** Whether joint code {@code code} of group g meets every need on the group's columns. */
    private boolean meets(int g, int code, Need[] needs) {
        for (int f : groups[g]) {
            int radix = columns.get(f).levels().size() + 1;
            int level = code % radix;
            code /= radix;
            if (needs[f] != null && !needs[f].levels[level]) return false;
        }
        return true;
    }

    /** The leaf's count of rows whose combination of group g meets the needs on it. */
    private double groupMass(int t, int l, int g, Need[] needs) {
        TreeDensity d = dens[t];
        int cell = l * p + groups[g][0];
        double m = 0;
        for (int e = d.start[cell]; e < d.start[cell + 1]; e++) if (meets(g, d.key[e], needs)) m += d.count[e];
        return m;
    }

    /** A joint code of group g from the leaf, among the combinations meeting the needs. */
    private int drawGroup(int t, int l, int g, Need[] needs, SplittableRandom rng) {
        TreeDensity d = dens[t];
        int cell = l * p + groups[g][0];
        int s = d.start[cell], e = d.start[cell + 1];
        boolean any = conditioned(g, needs);
        double total = 0;
        for (int k = s; k < e; k++) if (!any || meets(g, d.key[k], needs)) total += d.count[k];
        double u = rng.nextDouble() * total;
        int last = d.key[e - 1];
        for (int k = s; k < e; k++) {
            if (any && !meets(g, d.key[k], needs)) continue;
            last = d.key[k];
            u -= d.count[k];
            if (u < 0) return d.key[k];
        }
        return last;
    }

    /** The probability leaf l of tree t gives the need on column f. */
    private double evidence(int t, int l, int f, Need need) {
        TreeDensity d = dens[t];
        int cell = l * p + f;
        double real = slotReal[t][l];
        if (need.levels != null) {
            double m = 0;
            for (int e = d.start[cell]; e < d.start[cell + 1]; e++) if (need.levels[d.key[e]]) m += d.count[e];
            double denom = real;
            if (alpha > 0) {
                denom += alpha * allowedCount[t][cell];
                for (int k = 0; k < need.levels.length; k++) if (need.levels[k] && isAllowed(t, cell, k)) m += alpha;
            }
            return m / denom;
        }
        double m = 0;
        int nc = l * q + numIdx[f];
        for (int k = 0; k < need.intervals.length; k += 2) m += numericMass(t, l, f, nc, need.intervals[k], need.intervals[k + 1]);
        return m / real;
    }

    /** The leaf's count-weighted mass of numeric column f in [a, b]: atoms inside plus the non-atom normal's share. */
    private double numericMass(int t, int l, int f, int nc, double a, double b) {
        TreeDensity d = dens[t];
        int cell = l * p + f;
        double[] at = atoms[f];
        double m = 0;
        for (int e = d.start[cell]; e < d.start[cell + 1]; e++) {
            int k = d.key[e];
            if (k < at.length && at[k] >= a && at[k] <= b) m += d.count[e];
        }
        if (d.naCount[nc] > 0) m += d.naCount[nc] * nonAtomShare(t, cell, nc, a, b);
        return m;
    }

    /**
     * The share of the leaf's non-atom density that falls in [a, b]. With kernels: the mean over the
     * leaf's values v of N(v, h²) truncated to the leaf's bounds, h the column's bandwidth.
     */
    private double nonAtomShare(int t, int cell, int nc, double a, double b) {
        TreeDensity d = dens[t];
        double l = lo[t][cell], h = hi[t][cell];
        if (bandwidth != null) {
            double bw = bandwidth[cell % p];
            double lo2 = Math.max(a, l), hi2 = Math.min(b, h);
            if (!(lo2 <= hi2)) return 0;
            double sum = 0;
            int s = d.naStart[nc], e = d.naStart[nc + 1];
            for (int k = s; k < e; k++) sum += kernelShare(d.naValues[k], bw, l, h, lo2, hi2);
            return e > s ? sum / (e - s) : 0;
        }
        double whole = TruncatedNormal.mass(d.naMean[nc], d.naSd[nc], l, h);
        if (!(whole > 0)) {
            double point = Math.min(Math.max(d.naMean[nc], l), h);
            return point >= a && point <= b ? 1 : 0;
        }
        return TruncatedNormal.mass(d.naMean[nc], d.naSd[nc], Math.max(a, l), Math.min(b, h)) / whole;
    }

    /** The share of N(v, bw²) truncated to [l, h] that falls in [a, b] (inside [l, h]); a point mass at v when degenerate. */
    private static double kernelShare(double v, double bw, double l, double h, double a, double b) {
        double whole = TruncatedNormal.mass(v, bw, l, h);
        if (!(whole > 0)) {
            double point = Math.min(Math.max(v, l), h);
            return point >= a && point <= b ? 1 : 0;
        }
        return TruncatedNormal.mass(v, bw, a, b) / whole;
    }

    /** A draw from the leaf's kernel density of cell nc, restricted to [a, b] within the leaf's bounds [l, h]. */
    private double drawKernel(TreeDensity d, int nc, double bw, double l, double h, double a, double b, boolean restricted, SplittableRandom rng) {
        int s = d.naStart[nc], e = d.naStart[nc + 1];
        double lo2 = Math.max(a, l), hi2 = Math.min(b, h);
        int pick;
        if (!restricted) {
            pick = s + rng.nextInt(e - s);
        } else {
            double sum = 0;
            for (int k = s; k < e; k++) sum += kernelShare(d.naValues[k], bw, l, h, lo2, hi2);
            double u = rng.nextDouble() * sum;
            pick = e - 1;
            for (int k = s; k < e; k++) {
                double w = kernelShare(d.naValues[k], bw, l, h, lo2, hi2);
                if (w <= 0) continue;
                pick = k;
                u -= w;
                if (u < 0) break;
            }
        }
        double v = d.naValues[pick];
        if (!(TruncatedNormal.mass(v, bw, lo2, hi2) > 0)) return Math.min(Math.max(v, lo2), hi2);
        return TruncatedNormal.draw(v, bw, lo2, hi2, rng);
    }

    private boolean isAllowed(int t, int cell, int level) {
        long[] m = allowed[t][cell];
        int w = level >>> 6;
        return w < m.length && (m[w] & (1L << level)) != 0;
    }

    private double draw(int t, int l, int f, Need need, SplittableRandom rng) {
        TreeDensity d = dens[t];
        int cell = l * p + f;
        int s = d.start[cell], e = d.start[cell + 1];
        if (columns.get(f).categorical()) {
            int missing = columns.get(f).levels().size();
            int level = need == null ? drawLevel(t, cell, s, e, rng) : drawLevelIn(t, cell, s, e, need.levels, rng);
            return level == missing ? -1 : level;
        }
        double[] a = atoms[f];
        int nc = l * q + numIdx[f];
        if (need == null) {
            double atomTotal = 0;
            for (int k = s; k < e; k++) atomTotal += d.count[k];
            double u = rng.nextDouble() * (atomTotal + d.naCount[nc]);
            for (int k = s; k < e; k++) {
                u -= d.count[k];
                if (u < 0) return d.key[k] == a.length ? Double.NaN : a[d.key[k]];
            }
            if (d.naCount[nc] == 0) return d.key[e - 1] == a.length ? Double.NaN : a[d.key[e - 1]];
            if (bandwidth != null) return drawKernel(d, nc, bandwidth[f], lo[t][cell], hi[t][cell], lo[t][cell], hi[t][cell], false, rng);
            return TruncatedNormal.draw(d.naMean[nc], d.naSd[nc], lo[t][cell], hi[t][cell], rng);
        }
        double[] iv = need.intervals;
        int pickIv = 0;
        if (iv.length > 2) {
            double[] w = new double[iv.length / 2];
            double sum = 0;
            for (int k = 0; k < w.length; k++) { w[k] = numericMass(t, l, f, nc, iv[2 * k], iv[2 * k + 1]); sum += w[k]; }
            double u = rng.nextDouble() * sum;
            for (int k = 0; k < w.length; k++) {
                if (w[k] <= 0) continue;
                pickIv = k;
                u -= w[k];
                if (u < 0) break;
            }
        }
        double na = iv[2 * pickIv], nb = iv[2 * pickIv + 1];
        double atomMass = 0;
        for (int k = s; k < e; k++) {
            int key = d.key[k];
            if (key < a.length && a[key] >= na && a[key] <= nb) atomMass += d.count[k];
        }
        double naMass = d.naCount[nc] > 0 ? d.naCount[nc] * nonAtomShare(t, cell, nc, na, nb) : 0;
        double u = rng.nextDouble() * (atomMass + naMass);
        if (u < atomMass) {
            for (int k = s; k < e; k++) {
                int key = d.key[k];
                if (key < a.length && a[key] >= na && a[key] <= nb) {
                    u -= d.count[k];
                    if (u < 0) return a[key];
                }
            }
        }
        double l2 = Math.max(na, lo[t][cell]), h2 = Math.min(nb, hi[t][cell]);
        if (bandwidth != null && l2 <= h2) return drawKernel(d, nc, bandwidth[f], lo[t][cell], hi[t][cell], na, nb, true, rng);
        if (!(l2 <= h2)) {
            // The leaf's normal is a point mass inside the condition (a degenerate leaf): use it.
            return Math.min(Math.max(d.naMean[nc], na), nb);
        }
        return TruncatedNormal.draw(d.naMean[nc], d.naSd[nc], l2, h2, rng);
    }

    private int drawLevel(int t, int cell, int s, int e, SplittableRandom rng) {
        TreeDensity d = dens[t];
        double total = 0;
        for (int k = s; k < e; k++) total += d.count[k];
        double extra = alpha > 0 ? alpha * allowedCount[t][cell] : 0;
        double u = rng.nextDouble() * (total + extra);
        for (int k = s; k < e; k++) {
            u -= d.count[k];
            if (u < 0) return d.key[k];
        }
        if (extra > 0) {
            int pick = (int) Math.min(allowedCount[t][cell] - 1, Math.floor(u / alpha));
            long[] m = allowed[t][cell];
            for (int w = 0; w < m.length; w++) {
                int c = Long.bitCount(m[w]);
                if (pick < c) {
                    long bits = m[w];
                    for (int q = 0; q < pick; q++) bits &= bits - 1;
                    return w * 64 + Long.numberOfTrailingZeros(bits);
                }
                pick -= c;
            }
        }
        return d.key[e - 1];
    }

    private int drawLevelIn(int t, int cell, int s, int e, boolean[] levels, SplittableRandom rng) {
        TreeDensity d = dens[t];
        double total = 0;
        for (int k = s; k < e; k++) if (levels[d.key[k]]) total += d.count[k];
        double extra = 0;
        if (alpha > 0) for (int k = 0; k < levels.length; k++) if (levels[k] && isAllowed(t, cell, k)) extra += alpha;
        double u = rng.nextDouble() * (total + extra);
        int last = -1;
        for (int k = s; k < e; k++) {
            if (!levels[d.key[k]]) continue;
            last = d.key[k];
            u -= d.count[k];
            if (u < 0) return d.key[k];
        }
        if (extra > 0) {
            for (int k = 0; k < levels.length; k++) {
                if (!levels[k] || !isAllowed(t, cell, k)) continue;
                last = k;
                u -= alpha;
                if (u < 0) return k;
            }
        }
        return last;
    }

    static int numericCount(List<ModelColumn> columns) {
        int q = 0;
        for (ModelColumn c : columns) if (!c.categorical()) q++;
        return q;
    }

    static int[] numericIndex(List<ModelColumn> columns) {
        int[] idx = new int[columns.size()];
        int q = 0;
        for (int f = 0; f < idx.length; f++) idx[f] = columns.get(f).categorical() ? -1 : q++;
        return idx;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "none";
        return "exact (leaves reweighted by the probability each gives the conditions, conditioned columns drawn from the leaf distributions truncated to them)";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("alpha", alpha);
        o.put("iterations", iterations);
        o.put("oobAccuracy", accuracy);
        ArrayNode cols = o.putArray("columns");
        for (int f = 0; f < p; f++) {
            ObjectNode c = cols.addObject();
            c.put("column", columns.get(f).name());
            if (columns.get(f).categorical()) continue;
            ModelFile.putDoubles(c, "atoms", atoms[f]);
            c.put("min", min[f]);
            c.put("max", max[f]);
            if (bandwidth != null) c.put("bandwidth", bandwidth[f]);
        }
        Dependents.write(o, deps, columns);
        Groups.write(o, groups, columns);
        ArrayNode ts = o.putArray("trees");
        for (TreeDensity d : dens) {
            ObjectNode t = ts.addObject();
            t.set("tree", d.tree.toJson());
            Arrays64.putVarints(t, "real", d.real);
            Arrays64.putOffsets(t, "start", d.start);
            Arrays64.putVarints(t, "key", d.key);
            Arrays64.putVarints(t, "count", d.count);
            Arrays64.putVarints(t, "naCount", d.naCount);
            if (d.naValues != null) {
                Arrays64.putOffsets(t, "naStart", d.naStart);
                ModelFile.putDoubles(t, "naValues", d.naValues);
            } else {
                ModelFile.putDoubles(t, "naMean", d.naMean);
                ModelFile.putDoubles(t, "naSd", d.naSd);
            }
        }
        return o;
    }

    static FittedArf fromJson(JsonNode o, List<ModelColumn> columns) {
        int p = columns.size();
        JsonNode cols = o.path("columns");
        if (cols.size() != p) throw new InputException("model file: the forest's columns do not match the model's");
        double[][] atoms = new double[p][];
        double[] min = new double[p], max = new double[p], bandwidth = new double[p];
        boolean kde = false;
        for (int f = 0; f < p; f++) {
            JsonNode c = cols.get(f);
            if (!c.path("column").asText().equals(columns.get(f).name())) throw new InputException("model file: the forest's column " + f + " is not " + columns.get(f).name());
            if (columns.get(f).categorical()) continue;
            atoms[f] = ModelFile.getDoubles(c, "atoms");
            min[f] = c.path("min").asDouble();
            max[f] = c.path("max").asDouble();
            if (c.has("bandwidth")) { kde = true; bandwidth[f] = c.path("bandwidth").asDouble(); }
            else if (kde) throw new InputException("model file: a forest column has no kernel bandwidth");
        }
        List<TreeDensity> dens = new ArrayList<>();
        for (JsonNode t : o.path("trees")) {
            boolean kernels = t.has("naValues");
            TreeDensity d = new TreeDensity(Tree.fromJson(t.get("tree")), Arrays64.getVarints(t, "real"), Arrays64.getOffsets(t, "start"),
                    Arrays64.getVarints(t, "key"), Arrays64.getVarints(t, "count"), Arrays64.getVarints(t, "naCount"),
                    kernels ? null : ModelFile.getDoubles(t, "naMean"), kernels ? null : ModelFile.getDoubles(t, "naSd"),
                    kernels ? Arrays64.getOffsets(t, "naStart") : null, kernels ? ModelFile.getDoubles(t, "naValues") : null);
            if (kernels != kde && numericCount(columns) > 0) throw new InputException("model file: the forest mixes kernel and normal leaf densities");
            if (kernels) {
                int cellsQ = d.naCount().length;
                if (d.naStart().length != cellsQ + 1) throw new InputException("model file: a forest tree's kernel values do not match its leaves");
                for (int k = 0; k < cellsQ; k++) {
                    if (d.naStart()[k + 1] - d.naStart()[k] != d.naCount()[k]) throw new InputException("model file: a forest tree's kernel values do not match its counts");
                }
            }
            dens.add(d);
        }
        if (dens.isEmpty()) throw new InputException("model file: the forest has no trees");
        return new FittedArf(columns, dens.toArray(TreeDensity[]::new), atoms, min, max, o.path("alpha").asDouble(),
                o.path("iterations").asInt(), o.path("oobAccuracy").asDouble(), Dependents.read(o, columns), Groups.read(o, columns),
                kde ? bandwidth : null);
    }
}
