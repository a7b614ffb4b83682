package dev.ersatz.sim.fraud;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small gradient-boosted tree classifier (logistic loss), written here so validation needs no native
 * library: second-order boosting with histogram splits, as in XGBoost (Chen and Guestrin 2016) and
 * LightGBM (Ke et al. 2017), without their sampling tricks.
 *
 * <p>Features are cut into at most {@value #BINS} quantile bins learned from the training rows; a
 * missing value (NaN) has a bin of its own, which goes left at every split. Trees grow level by level
 * to {@code depth}; a split is taken when its gain {@code G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ)} is
 * positive and both children keep a hessian of at least {@code minChildWeight}; leaves hold
 * {@code -η G/(H+λ)}. Positives are weighted so both classes weigh the same. Deterministic: no
 * sampling, ties broken by feature order and then threshold.
 */
final class Gbdt {
    static final int BINS = 63;

    record Options(int rounds, int depth, double eta, double lambda, double minChildWeight) {
        static Options defaults() {
            return new Options(120, 5, 0.1, 1.0, 2.0);
        }
    }

    private final double[][] edges;     // per feature, ascending upper edges of bins 1..k
    private final List<int[]> trees = new ArrayList<>();   // per tree: [feature, threshold bin, left, right] per node; leaf: feature -1
    private final List<double[]> leaves = new ArrayList<>();
    private final double base;

    private Gbdt(double[][] edges, double base) {
        this.edges = edges;
        this.base = base;
    }

    /** Trains on rows {@code x} (n × d, NaN = missing) with 0/1 labels {@code y}. */
    static Gbdt train(double[][] x, boolean[] y, Options o) {
        int n = x.length, d = n == 0 ? 0 : x[0].length;
        double pos = 0;
        for (boolean b : y) if (b) pos++;
        if (pos == 0 || pos == n) throw new IllegalArgumentException("training needs both classes");
        double wPos = (n - pos) / pos;
        double[][] edges = new double[d][];
        byte[][] bins = new byte[d][n];
        for (int f = 0; f < d; f++) {
            edges[f] = edges(x, f);
            for (int i = 0; i < n; i++) bins[f][i] = (byte) bin(edges[f], x[i][f]);
        }
        Gbdt model = new Gbdt(edges, 0);
        double[] margin = new double[n];
        double[] g = new double[n], h = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) w[i] = y[i] ? wPos : 1;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int round = 0; round < o.rounds(); round++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-margin[i]));
                g[i] = w[i] * (p - (y[i] ? 1 : 0));
                h[i] = w[i] * Math.max(p * (1 - p), 1e-6);
            }
            model.grow(bins, all, g, h, o);
            int t = model.trees.size() - 1;
            for (int i = 0; i < n; i++) margin[i] += model.leafOfBinned(t, bins, i);
        }
        return model;
    }

    private static double[] edges(double[][] x, int f) {
        int n = x.length;
        double[] v = new double[n];
        int m = 0;
        for (double[] row : x) if (!Double.isNaN(row[f])) v[m++] = row[f];
        if (m == 0) return new double[0];
        v = Arrays.copyOf(v, m);
        Arrays.sort(v);
        double[] out = new double[BINS];
        int k = 0;
        for (int b = 1; b <= BINS; b++) {
            double q = v[Math.min(m - 1, (int) ((long) b * m / (BINS + 1)))];
            if (k == 0 || q > out[k - 1]) out[k++] = q;
        }
        return Arrays.copyOf(out, k);
    }

    /** Bin of a value: 0 for NaN, then 1 + the number of edges below it. */
    private static int bin(double[] edges, double v) {
        if (Double.isNaN(v)) return 0;
        int lo = 0, hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo + 1;
    }

    private void grow(byte[][] bins, int[] rows, double[] g, double[] h, Options o) {
        int d = bins.length;
        List<int[]> nodes = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        // frontier: node index -> rows
        List<int[]> frontierRows = new ArrayList<>();
        List<Integer> frontierNode = new ArrayList<>();
        nodes.add(new int[] {-1, 0, -1, -1});
        values.add(0.0);
        frontierRows.add(rows);
        frontierNode.add(0);
        double[] hg = new double[BINS + 2], hh = new double[BINS + 2];
        for (int level = 0; level <= o.depth(); level++) {
            List<int[]> nextRows = new ArrayList<>();
            List<Integer> nextNode = new ArrayList<>();
            for (int k = 0; k < frontierRows.size(); k++) {
                int[] r = frontierRows.get(k);
                int node = frontierNode.get(k);
                double G = 0, H = 0;
                for (int i : r) {
                    G += g[i];
                    H += h[i];
                }
                values.set(node, -o.eta() * G / (H + o.lambda()));
                if (level == o.depth() || H < 2 * o.minChildWeight()) continue;
                double parent = G * G / (H + o.lambda());
                double bestGain = 1e-9;
                int bestF = -1, bestT = -1;
                for (int f = 0; f < d; f++) {
                    int nb = edges[f].length + 2;   // bin 0 = missing, bins 1..k+1 = up to each edge and above the last
                    Arrays.fill(hg, 0, nb, 0);
                    Arrays.fill(hh, 0, nb, 0);
                    byte[] col = bins[f];
                    for (int i : r) {
                        int b = col[i];
                        hg[b] += g[i];
                        hh[b] += h[i];
                    }
                    double gl = 0, hl = 0;
                    for (int t = 0; t < nb - 1; t++) {
                        gl += hg[t];
                        hl += hh[t];
                        double gr = G - gl, hr = H - hl;
                        if (hl < o.minChildWeight() || hr < o.minChildWeight()) continue;
                        double gain = gl * gl / (hl + o.lambda()) + gr * gr / (hr + o.lambda()) - parent;
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestF = f;
                            bestT = t;
                        }
                    }
                }
                if (bestF < 0) continue;
                int nl = 0;
                byte[] col = bins[bestF];
                for (int i : r) if (col[i] <= bestT) nl++;
                int[] left = new int[nl], right = new int[r.length - nl];
                int a = 0, b = 0;
                for (int i : r) {
                    if (col[i] <= bestT) left[a++] = i; else right[b++] = i;
                }
                int li = nodes.size();
                nodes.add(new int[] {-1, 0, -1, -1});
                values.add(0.0);
                int ri = nodes.size();
                nodes.add(new int[] {-1, 0, -1, -1});
                values.add(0.0);
                nodes.set(node, new int[] {bestF, bestT, li, ri});
                nextRows.add(left);
                nextNode.add(li);
                nextRows.add(right);
                nextNode.add(ri);
            }
            frontierRows = nextRows;
            frontierNode = nextNode;
            if (frontierRows.isEmpty()) break;
        }
        int[] flat = new int[nodes.size() * 4];
        double[] vals = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            System.arraycopy(nodes.get(i), 0, flat, i * 4, 4);
            vals[i] = values.get(i);
        }
        trees.add(flat);
        leaves.add(vals);
    }

    private double leafOfBinned(int t, byte[][] bins, int row) {
        int[] tree = trees.get(t);
        int node = 0;
        while (tree[node * 4] >= 0) {
            int f = tree[node * 4];
            node = bins[f][row] <= tree[node * 4 + 1] ? tree[node * 4 + 2] : tree[node * 4 + 3];
        }
        return leaves.get(t)[node];
    }

    /** The model's score (log-odds) for a row. */
    double score(double[] x) {
        int d = edges.length;
        int[] b = new int[d];
        for (int f = 0; f < d; f++) b[f] = bin(edges[f], x[f]);
        double s = base;
        for (int t = 0; t < trees.size(); t++) {
            int[] tree = trees.get(t);
            int node = 0;
            while (tree[node * 4] >= 0) {
                int f = tree[node * 4];
                node = b[f] <= tree[node * 4 + 1] ? tree[node * 4 + 2] : tree[node * 4 + 3];
            }
            s += leaves.get(t)[node];
        }
        return s;
    }

    /** How often each feature is used for a split (a rough importance). */
    int[] splitCounts() {
        int[] c = new int[edges.length];
        for (int[] tree : trees) for (int i = 0; i < tree.length; i += 4) if (tree[i] >= 0) c[tree[i]]++;
        return c;
    }
}
