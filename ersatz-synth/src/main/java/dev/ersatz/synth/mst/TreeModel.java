package dev.ersatz.synth.mst;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tree-structured Markov random field over discrete attributes, fitted to noisy marginals by
 * Private-PGM's mirror descent (McKenna, Sheldon and Miklau, "Graphical-model based estimation and
 * inference for differential privacy", ICML 2019).
 *
 * <p>The model is P(x) ∝ exp(Σ_i φ_i(x_i) + Σ_(i,j)∈E θ_ij(x_i, x_j)) over a spanning tree E. Given
 * noisy measurements y_r of some marginals (every attribute, every edge) with per-cell weights w_r
 * (1/σ²), it minimises the least-squares loss L(μ) = ½ Σ_r Σ_cells w_r (μ_r − y_r)² over the
 * marginals μ = N·P_θ(·) the model can express. Each step is a mirror-descent step in the natural
 * parameters, θ_r ← θ_r − α ∂L/∂μ_r, with μ recomputed exactly by belief propagation (sum-product on
 * the tree, in log space), and α found by Armijo backtracking: doubled before each step, halved until
 * L(μ) − L(μ') ≥ ½ α ⟨∇L, μ − μ'⟩ (private-pgm's rule). On a tree the marginal polytope is the local
 * one, so the result is a consistent set of marginals that best fits all the noisy measurements
 * together, which is what turns independent noisy tables into one distribution.
 *
 * <p>N is the minimum-variance combination of the measurements' totals (Σ y_r weighted by
 * 1/(σ_r²·cells_r)), as in private-pgm.
 */
final class TreeModel {
    final int d;
    final int[] k;
    final int[][] edges;          // edges[e] = {a, b}; tables indexed [x_a * k[b] + x_b]
    final double[][] phi;         // node log-potentials
    final double[][] theta;       // edge log-potentials
    // rooted structure (root 0): parent, edge to parent, whether the edge's a is the parent
    final int[] parent, upEdge, bfs;
    final boolean[] parentIsA;
    final List<List<Integer>> children;
    double total = 1;

    TreeModel(int[] k, int[][] edges) {
        this.d = k.length;
        this.k = k.clone();
        this.edges = edges;
        phi = new double[d][];
        for (int i = 0; i < d; i++) phi[i] = new double[k[i]];
        theta = new double[edges.length][];
        for (int e = 0; e < edges.length; e++) theta[e] = new double[k[edges[e][0]] * k[edges[e][1]]];
        parent = new int[d];
        upEdge = new int[d];
        parentIsA = new boolean[d];
        children = new ArrayList<>();
        for (int i = 0; i < d; i++) children.add(new ArrayList<>());
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < d; i++) adj.add(new ArrayList<>());
        for (int e = 0; e < edges.length; e++) { adj.get(edges[e][0]).add(e); adj.get(edges[e][1]).add(e); }
        bfs = new int[d];
        boolean[] seen = new boolean[d];
        Arrays.fill(parent, -1);
        Arrays.fill(upEdge, -1);
        int n = 0;
        // A forest is allowed (every component rooted at its lowest attribute), though MST gives a tree.
        for (int r = 0; r < d; r++) {
            if (seen[r]) continue;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(r);
            seen[r] = true;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                bfs[n++] = u;
                for (int e : adj.get(u)) {
                    int v = edges[e][0] == u ? edges[e][1] : edges[e][0];
                    if (seen[v]) continue;
                    seen[v] = true;
                    parent[v] = u;
                    upEdge[v] = e;
                    parentIsA[v] = edges[e][0] == u;
                    children.get(u).add(v);
                    queue.add(v);
                }
            }
        }
    }

    /** Marginals of the current model: node tables then edge tables, each scaled to {@link #total}. */
    record Marginals(double[][] node, double[][] edge) {}

    /** θ_e(x_parent, x_child) for the edge joining child c to its parent. */
    private double edgeLog(int c, int xp, int xc) {
        int e = upEdge[c];
        return parentIsA[c] ? theta[e][xp * k[c] + xc] : theta[e][xc * k[parent[c]] + xp];
    }

    Marginals marginals() {
        double[][] up = new double[d][];     // up[c][x_parent]: message from c to its parent
        double[][] inner = new double[d][];  // φ_c + Σ messages from c's children, per x_c
        for (int q = d - 1; q >= 0; q--) {
            int c = bfs[q];
            double[] in = phi[c].clone();
            for (int g : children.get(c)) for (int x = 0; x < k[c]; x++) in[x] += up[g][x];
            inner[c] = in;
            if (parent[c] < 0) continue;
            int p = parent[c];
            double[] m = new double[k[p]];
            double[] buf = new double[k[c]];
            for (int xp = 0; xp < k[p]; xp++) {
                for (int xc = 0; xc < k[c]; xc++) buf[xc] = edgeLog(c, xp, xc) + in[xc];
                m[xp] = logSumExp(buf);
            }
            up[c] = m;
        }
        double[][] down = new double[d][];   // down[c][x_c]: message from c's parent to c
        double[][] node = new double[d][];
        for (int q = 0; q < d; q++) {
            int c = bfs[q];
            double[] lb = inner[c].clone();
            if (parent[c] >= 0) for (int x = 0; x < k[c]; x++) lb[x] += down[c][x];
            node[c] = lb;  // log belief (unnormalised)
            for (int g : children.get(c)) {
                double[] outer = new double[k[c]];  // c's belief without g's message
                for (int x = 0; x < k[c]; x++) outer[x] = lb[x] - up[g][x];
                double[] m = new double[k[g]];
                double[] buf = new double[k[c]];
                for (int xg = 0; xg < k[g]; xg++) {
                    for (int xc = 0; xc < k[c]; xc++) buf[xc] = edgeLog(g, xc, xg) + outer[xc];
                    m[xg] = logSumExp(buf);
                }
                down[g] = m;
            }
        }
        double[][] nodeM = new double[d][];
        for (int i = 0; i < d; i++) nodeM[i] = scaled(node[i]);
        double[][] edgeM = new double[edges.length][];
        for (int c = 0; c < d; c++) {
            if (parent[c] < 0) continue;
            int p = parent[c], e = upEdge[c];
            double[] outerP = new double[k[p]];
            for (int x = 0; x < k[p]; x++) outerP[x] = node[p][x] - up[c][x];
            double[] lg = new double[k[p] * k[c]];
            for (int xp = 0; xp < k[p]; xp++) {
                for (int xc = 0; xc < k[c]; xc++) {
                    double v = outerP[xp] + edgeLog(c, xp, xc) + inner[c][xc];
                    if (parentIsA[c]) lg[xp * k[c] + xc] = v; else lg[xc * k[p] + xp] = v;
                }
            }
            edgeM[e] = scaled(lg);
        }
        return new Marginals(nodeM, edgeM);
    }

    private double[] scaled(double[] logs) {
        double z = logSumExp(logs);
        double[] out = new double[logs.length];
        for (int i = 0; i < logs.length; i++) out[i] = total * Math.exp(logs[i] - z);
        return out;
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) max = Math.max(max, x);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (double x : v) s += Math.exp(x - max);
        return max + Math.log(s);
    }

    /** Noisy measurements: per node and per edge (null when unmeasured), with per-cell weights 1/σ². */
    record Measurements(double[][] nodeY, double[][] nodeW, double[][] edgeY, double[] edgeW) {}

    /** Fits the potentials to the measurements by mirror descent with Armijo steps. */
    void fit(Measurements m, int iterations) {
        // Total: minimum-variance combination of the measured totals.
        double num = 0, den = 0;
        for (int i = 0; i < d; i++) {
            if (m.nodeY[i] == null) continue;
            double s = 0, var = 0;
            for (int x = 0; x < k[i]; x++) { s += m.nodeY[i][x]; var += 1 / m.nodeW[i][x]; }
            num += s / var;
            den += 1 / var;
        }
        for (int e = 0; e < edges.length; e++) {
            if (m.edgeY[e] == null) continue;
            double s = 0;
            for (double v : m.edgeY[e]) s += v;
            double var = m.edgeY[e].length / m.edgeW[e];
            num += s / var;
            den += 1 / var;
        }
        total = den > 0 ? Math.max(1, num / den) : 1;
        Marginals mu = marginals();
        double loss = loss(mu, m);
        double alpha = 1.0 / total;
        for (int t = 0; t < iterations; t++) {
            double[][] gNode = new double[d][], gEdge = new double[edges.length][];
            gradient(mu, m, gNode, gEdge);
            double[][] phi0 = copy(phi), theta0 = copy(theta);
            alpha *= 2;
            Marginals next = null;
            double nextLoss = loss;
            for (int tries = 0; tries < 25; tries++) {
                for (int i = 0; i < d; i++) for (int x = 0; x < k[i]; x++) phi[i][x] = phi0[i][x] - alpha * gNode[i][x];
                for (int e = 0; e < edges.length; e++) for (int x = 0; x < theta[e].length; x++) theta[e][x] = theta0[e][x] - alpha * gEdge[e][x];
                next = marginals();
                nextLoss = loss(next, m);
                double decrease = 0;
                for (int i = 0; i < d; i++) for (int x = 0; x < k[i]; x++) decrease += gNode[i][x] * (mu.node[i][x] - next.node[i][x]);
                for (int e = 0; e < edges.length; e++) for (int x = 0; x < theta[e].length; x++) decrease += gEdge[e][x] * (mu.edge[e][x] - next.edge[e][x]);
                if (loss - nextLoss >= 0.5 * alpha * decrease) break;
                alpha *= 0.5;
            }
            if (!(nextLoss <= loss)) {
                // No step decreased the loss: keep the previous potentials and stop.
                for (int i = 0; i < d; i++) phi[i] = phi0[i];
                for (int e = 0; e < edges.length; e++) theta[e] = theta0[e];
                break;
            }
            double improvement = loss - nextLoss;
            mu = next;
            loss = nextLoss;
            if (improvement <= 1e-10 * Math.max(1, loss)) break;
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    double loss(Marginals mu, Measurements m) {
        double l = 0;
        for (int i = 0; i < d; i++) {
            if (m.nodeY[i] == null) continue;
            for (int x = 0; x < k[i]; x++) { double r = mu.node[i][x] - m.nodeY[i][x]; l += 0.5 * m.nodeW[i][x] * r * r; }
        }
        for (int e = 0; e < edges.length; e++) {
            if (m.edgeY[e] == null) continue;
            for (int x = 0; x < m.edgeY[e].length; x++) { double r = mu.edge[e][x] - m.edgeY[e][x]; l += 0.5 * m.edgeW[e] * r * r; }
        }
        return l;
    }

    private void gradient(Marginals mu, Measurements m, double[][] gNode, double[][] gEdge) {
        for (int i = 0; i < d; i++) {
            gNode[i] = new double[k[i]];
            if (m.nodeY[i] == null) continue;
            for (int x = 0; x < k[i]; x++) gNode[i][x] = m.nodeW[i][x] * (mu.node[i][x] - m.nodeY[i][x]);
        }
        for (int e = 0; e < edges.length; e++) {
            gEdge[e] = new double[theta[e].length];
            if (m.edgeY[e] == null) continue;
            for (int x = 0; x < gEdge[e].length; x++) gEdge[e][x] = m.edgeW[e] * (mu.edge[e][x] - m.edgeY[e][x]);
        }
    }
}
