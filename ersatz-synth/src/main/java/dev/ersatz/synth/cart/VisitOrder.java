package dev.ersatz.synth.cart;

import dev.ersatz.core.InputException;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.tree.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which sequential synthesis visits the model columns, chosen from the data.
 *
 * <p>Each column is coarsened (numeric columns to at most {@value #BINS} equal-count bins of their
 * codes plus a missing bin, categorical columns to their levels) and the mutual information of every
 * pair is computed, I(X;Y) = Σ p(x,y) ln(p(x,y) / (p(x) p(y))). The order is Prim's traversal of the
 * maximum spanning tree of that graph (Chow and Liu, 1968): it starts with the column that shares the
 * most information with all others, then repeatedly takes the column most informative about one
 * already visited. So every column after the first is predicted from a strongly related column, and
 * columns that relate to nothing (record weights, noise) come last, where a tree has little to split
 * on and mostly draws them from their marginal instead of isolating individual rows.
 *
 * <p>Columns the user lists ({@code order=a,b}) are visited first, in that order.
 */
final class VisitOrder {
    static final int BINS = 16;

    private VisitOrder() {}

    static int[] choose(List<ModelColumn> columns, Features fs, int[][] codes, List<String> first) {
        int p = columns.size();
        int n = p == 0 ? 0 : codes[0].length;
        int[][] bins = new int[p][];
        int[] size = new int[p];
        for (int j = 0; j < p; j++) {
            if (fs.nominal(j)) {
                bins[j] = codes[j];
                size[j] = fs.levels(j);
            } else {
                bins[j] = coarsen(codes[j], fs.levels(j), n);
                int max = 0;
                for (int b : bins[j]) max = Math.max(max, b);
                size[j] = max + 1;
            }
        }
        double[][] mi = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                mi[a][b] = mi[b][a] = mutualInformation(bins[a], size[a], bins[b], size[b], n);
            }
        }
        boolean[] used = new boolean[p];
        int[] order = new int[p];
        int k = 0;
        for (String name : first) {
            int j = indexOf(columns, name);
            if (j < 0) throw new InputException("--option", -1, null, "order=" + name, "no such column to visit first");
            if (!used[j]) { used[j] = true; order[k++] = j; }
        }
        if (k == 0 && p > 0) {
            int start = 0;
            double bestSum = -1;
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int o = 0; o < p; o++) s += mi[j][o];
                if (s > bestSum + 1e-12) { bestSum = s; start = j; }
            }
            used[start] = true;
            order[k++] = start;
        }
        double[] link = new double[p];
        Arrays.fill(link, -1);
        for (int i = 0; i < k; i++) for (int j = 0; j < p; j++) link[j] = Math.max(link[j], mi[order[i]][j]);
        while (k < p) {
            int next = -1;
            for (int j = 0; j < p; j++) if (!used[j] && (next < 0 || link[j] > link[next] + 1e-12)) next = j;
            used[next] = true;
            order[k++] = next;
            for (int j = 0; j < p; j++) link[j] = Math.max(link[j], mi[next][j]);
        }
        return order;
    }

    private static int indexOf(List<ModelColumn> columns, String name) {
        for (int j = 0; j < columns.size(); j++) if (columns.get(j).name().equals(name)) return j;
        return -1;
    }

    /** Equal-count bins of ordinal codes (missing code 0 stays a bin of its own when present). */
    private static int[] coarsen(int[] codes, int levels, int n) {
        int[] count = new int[levels];
        for (int c : codes) count[c]++;
        int[] binOf = new int[levels];
        int bin = 0;
        long acc = 0;
        double per = (double) n / BINS;
        for (int c = 0; c < levels; c++) {
            binOf[c] = bin;
            acc += count[c];
            if (acc >= per * (bin + 1) && bin < BINS - 1) bin++;
        }
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = binOf[codes[i]];
        return out;
    }

    static double mutualInformation(int[] a, int na, int[] b, int nb, int n) {
        if (n == 0) return 0;
        long[] joint = new long[na * nb];
        long[] ca = new long[na], cb = new long[nb];
        for (int i = 0; i < n; i++) {
            joint[a[i] * nb + b[i]]++;
            ca[a[i]]++;
            cb[b[i]]++;
        }
        double mi = 0;
        for (int x = 0; x < na; x++) {
            if (ca[x] == 0) continue;
            for (int y = 0; y < nb; y++) {
                long c = joint[x * nb + y];
                if (c == 0) continue;
                mi += c * Math.log((double) c * n / ((double) ca[x] * cb[y]));
            }
        }
        return mi / n;
    }

    static List<String> names(List<ModelColumn> columns, int[] order) {
        List<String> out = new ArrayList<>();
        for (int j : order) out.add(columns.get(j).name());
        return out;
    }
}
