package dev.ersatz.synth.balance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact k-nearest-neighbour search over {@link Points}: a k-d tree that splits on numeric and on
 * categorical columns.
 *
 * <p>Method. A k-d tree (Bentley 1975; Friedman, Bentley &amp; Finkel 1977) with the incremental
 * distance bound of Arya &amp; Mount (1993): the squared distance from the query to a cell is at least
 * the sum over columns of a per-column offset, and descending into the far child of a split on
 * column d only replaces column d's offset. Numeric columns split at the median, with offset
 * (q_d − s)² for the far side. Categorical columns split their codes into two sets of about equal
 * weight; every row on the far side has a code the query does not have, so the far side's offset is
 * min over its codes c of T_d[q_d][c] (a full mismatch, 2 for one-hot indicators, m² for SMOTE-NC),
 * which a plain k-d tree over one-hot coordinates would see only as an eighth of that. Each node
 * splits the column with the largest mean pairwise contribution (2·variance for numbers,
 * Σ p_a p_b T[a][b] for categories), so the tree cuts where distances are made.
 *
 * <p>Results are exact and deterministic: neighbours are ordered by (squared distance, rank), the rank
 * of a row being its index or, when the caller gives one, its place in a seeded permutation (so that
 * among equally distant rows, which is common with categorical columns, none is favoured for coming
 * early in the file); a row is never its own neighbour. Queries run in parallel, but each
 * answer is independent of the others and of the thread count. Far cells are visited when their
 * bound is within a relative 1e-12 of the current k-th distance, so rounding cannot drop a tie.
 */
final class KdTree {
    private static final int LEAF = 16;
    /** Deeper cells stay leaves (searched by brute force), which bounds recursion on skewed categorical splits. */
    private static final int MAX_DEPTH = 400;

    private final Points p;
    private final int[] items;
    private int[] dim, left, right, from, to, setAt;
    private double[] split;
    private boolean[] codeSets;
    private int codeSetsUsed;
    private int nodes;
    private final int root;
    private final boolean[] mismatchOnly;
    private final double[] mismatchWeight;

    /** Builds the tree over the given rows of {@code p}. */
    KdTree(Points p, int[] members) {
        this.p = p;
        this.items = members.clone();
        int cap = Math.max(8, 2 * (members.length / LEAF + 2));
        dim = new int[cap]; left = new int[cap]; right = new int[cap]; from = new int[cap]; to = new int[cap]; setAt = new int[cap];
        split = new double[cap];
        codeSets = new boolean[64];
        mismatchOnly = new boolean[p.dc];
        mismatchWeight = new double[p.dc];
        for (int f = 0; f < p.dc; f++) classifyTable(f);
        root = members.length == 0 ? -1 : build(0, members.length, 0);
    }

    /** Whether table f is a constant mismatch table (then a far side's offset is that constant). */
    private void classifyTable(int f) {
        double[] t = p.tables[f];
        int s = p.sizes[f];
        double w = s > 1 ? t[1] : 0;
        boolean constant = true;
        for (int a = 0; a < s && constant; a++) for (int b = 0; b < s; b++) if (a != b && t[a * s + b] != w) { constant = false; break; }
        mismatchOnly[f] = constant;
        mismatchWeight[f] = w;
    }

    private int newNode() {
        if (nodes == dim.length) {
            int cap = nodes * 2;
            dim = Arrays.copyOf(dim, cap); left = Arrays.copyOf(left, cap); right = Arrays.copyOf(right, cap);
            from = Arrays.copyOf(from, cap); to = Arrays.copyOf(to, cap); setAt = Arrays.copyOf(setAt, cap);
            split = Arrays.copyOf(split, cap);
        }
        return nodes++;
    }

    private int build(int lo, int hi, int depth) {
        int node = newNode();
        from[node] = lo;
        to[node] = hi;
        dim[node] = -1;
        if (hi - lo <= LEAF || depth >= MAX_DEPTH) return node;
        int best = -1;
        double bestSpread = 0;
        for (int d = 0; d < p.dn; d++) {
            double s = numericSpread(d, lo, hi);
            if (s > bestSpread) { bestSpread = s; best = d; }
        }
        for (int f = 0; f < p.dc; f++) {
            double s = categoricalSpread(f, lo, hi);
            if (s > bestSpread) { bestSpread = s; best = p.dn + f; }
        }
        if (best < 0) return node; // every row identical: a leaf
        int mid;
        if (best < p.dn) {
            mid = (lo + hi) >>> 1;
            selectNumeric(best, lo, hi - 1, mid);
            split[node] = p.num[items[mid] * p.dn + best];
        } else {
            int f = best - p.dn;
            int size = p.sizes[f];
            if (codeSetsUsed + size > codeSets.length) codeSets = Arrays.copyOf(codeSets, Math.max(codeSets.length * 2, codeSetsUsed + size));
            int at = codeSetsUsed;
            codeSetsUsed += size;
            setAt[node] = at;
            // Codes by decreasing count, each to the lighter side: two sets of about equal weight.
            long[] counts = new long[size];
            for (int i = lo; i < hi; i++) counts[p.cat[items[i] * p.dc + f]]++;
            Integer[] order = new Integer[size];
            for (int c = 0; c < size; c++) order[c] = c;
            Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
            long wl = 0, wr = 0;
            for (int c : order) {
                if (counts[c] == 0) continue;
                if (wl <= wr) { codeSets[at + c] = true; wl += counts[c]; } else wr += counts[c];
            }
            int i = lo, j = hi - 1;
            while (i <= j) {
                if (codeSets[at + p.cat[items[i] * p.dc + f]]) i++;
                else { int t = items[i]; items[i] = items[j]; items[j] = t; j--; }
            }
            mid = i;
            if (mid == lo || mid == hi) return node;
        }
        dim[node] = best;
        int l = build(lo, mid, depth + 1);
        int r = build(mid, hi, depth + 1);
        left[node] = l;
        right[node] = r;
        return node;
    }

    private double numericSpread(int d, int lo, int hi) {
        double mean = 0;
        int n = hi - lo;
        for (int i = lo; i < hi; i++) mean += p.num[items[i] * p.dn + d];
        mean /= n;
        double ss = 0;
        for (int i = lo; i < hi; i++) { double t = p.num[items[i] * p.dn + d] - mean; ss += t * t; }
        return 2 * ss / n;
    }

    private double categoricalSpread(int f, int lo, int hi) {
        int size = p.sizes[f];
        double[] prob = new double[size];
        for (int i = lo; i < hi; i++) prob[p.cat[items[i] * p.dc + f]]++;
        int n = hi - lo;
        int present = 0;
        for (int c = 0; c < size; c++) { prob[c] /= n; if (prob[c] > 0) present++; }
        if (present < 2) return 0;
        double[] t = p.tables[f];
        if (mismatchOnly[f]) {
            double sq = 0;
            for (double x : prob) sq += x * x;
            return mismatchWeight[f] * (1 - sq);
        }
        double s = 0;
        for (int a = 0; a < size; a++) {
            if (prob[a] == 0) continue;
            for (int b = 0; b < size; b++) if (prob[b] > 0) s += prob[a] * prob[b] * t[a * size + b];
        }
        return s;
    }

    /** Quickselect on (coordinate d, row): position k ends up holding the k-th smallest. */
    private void selectNumeric(int d, int lo, int hi, int k) {
        while (hi > lo) {
            int m = (lo + hi) >>> 1;
            if (lessAt(d, m, lo)) swap(m, lo);
            if (lessAt(d, hi, lo)) swap(hi, lo);
            if (lessAt(d, hi, m)) swap(hi, m);
            double pv = p.num[items[m] * p.dn + d];
            int pr = items[m];
            int i = lo, j = hi;
            while (i <= j) {
                while (less(p.num[items[i] * p.dn + d], items[i], pv, pr)) i++;
                while (less(pv, pr, p.num[items[j] * p.dn + d], items[j])) j--;
                if (i <= j) { swap(i, j); i++; j--; }
            }
            if (k <= j) hi = j; else if (k >= i) lo = i; else return;
        }
    }

    private boolean lessAt(int d, int a, int b) {
        return less(p.num[items[a] * p.dn + d], items[a], p.num[items[b] * p.dn + d], items[b]);
    }

    private static boolean less(double da, int ra, double db, int rb) {
        return da < db || (da == db && ra < rb);
    }

    private void swap(int a, int b) {
        int t = items[a]; items[a] = items[b]; items[b] = t;
    }

    /** A bounded max-heap of the k best (squared distance, row) pairs seen so far. */
    static final class Best {
        final double[] d;
        final int[] r;
        final int[] rank;
        int size;

        Best(int k, int[] rank) {
            d = new double[k];
            r = new int[k];
            this.rank = rank;
        }

        private boolean less(double da, int ra, double db, int rb) {
            return da < db || (da == db && rank[ra] < rank[rb]);
        }

        double bound() {
            return size < d.length ? Double.POSITIVE_INFINITY : d[0];
        }

        void offer(double dist, int row) {
            if (size < d.length) {
                int i = size++;
                d[i] = dist; r[i] = row;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (!less(d[parent], r[parent], d[i], r[i])) break;
                    swapAt(i, parent);
                    i = parent;
                }
            } else if (less(dist, row, d[0], r[0])) {
                d[0] = dist; r[0] = row;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1, rt = l + 1, big = i;
                    if (l < size && less(d[big], r[big], d[l], r[l])) big = l;
                    if (rt < size && less(d[big], r[big], d[rt], r[rt])) big = rt;
                    if (big == i) break;
                    swapAt(i, big);
                    i = big;
                }
            }
        }

        private void swapAt(int a, int b) {
            double td = d[a]; d[a] = d[b]; d[b] = td;
            int tr = r[a]; r[a] = r[b]; r[b] = tr;
        }

        /** Rows sorted by (squared distance, row) into out[at..at+size); distances (not squared) into dist. */
        void drain(int[] out, int at, double[] dist) {
            // Heap-sort in place: repeatedly move the largest to the end.
            int n = size;
            for (int end = n - 1; end > 0; end--) {
                swapAt(0, end);
                int i = 0;
                while (true) {
                    int l = 2 * i + 1, rt = l + 1, big = i;
                    if (l < end && less(d[big], r[big], d[l], r[l])) big = l;
                    if (rt < end && less(d[big], r[big], d[rt], r[rt])) big = rt;
                    if (big == i) break;
                    swapAt(i, big);
                    i = big;
                }
            }
            for (int i = 0; i < n; i++) {
                out[at + i] = r[i];
                if (dist != null) dist[at + i] = Math.sqrt(d[i]);
            }
        }
    }

    /** The k nearest members to row {@code q} (excluding row q itself), closest first. */
    void search(int q, int k, int[] out, int at, double[] dist) {
        Best best = new Best(k, p.rank);
        if (root >= 0) visit(root, q, best, new double[p.dn + p.dc], 0);
        if (best.size < k) throw new IllegalStateException("fewer than " + k + " neighbours");
        best.drain(out, at, dist);
    }

    private void visit(int node, int q, Best best, double[] off, double bound) {
        int d = dim[node];
        if (d < 0) {
            for (int i = from[node]; i < to[node]; i++) {
                int r = items[i];
                if (r != q) best.offer(p.distance2(q, r), r);
            }
            return;
        }
        int near, far;
        double farOff;
        if (d < p.dn) {
            double x = p.num[q * p.dn + d], s = split[node];
            boolean goLeft = x < s;
            near = goLeft ? left[node] : right[node];
            far = goLeft ? right[node] : left[node];
            farOff = (x - s) * (x - s);
        } else {
            int f = d - p.dn;
            int code = p.cat[q * p.dc + f];
            int at = setAt[node];
            boolean inLeft = codeSets[at + code];
            near = inLeft ? left[node] : right[node];
            far = inLeft ? right[node] : left[node];
            if (mismatchOnly[f]) {
                farOff = mismatchWeight[f];
            } else {
                int size = p.sizes[f];
                double[] t = p.tables[f];
                double min = Double.POSITIVE_INFINITY;
                for (int c = 0; c < size; c++) if (codeSets[at + c] != inLeft && t[code * size + c] < min) min = t[code * size + c];
                farOff = min == Double.POSITIVE_INFINITY ? 0 : min;
            }
        }
        visit(near, q, best, off, bound);
        double old = off[d];
        double now = Math.max(old, farOff);
        double farBound = bound - old + now;
        double tau = best.bound();
        if (farBound <= tau + 1e-12 * tau) {
            off[d] = now;
            visit(far, q, best, off, farBound);
            off[d] = old;
        }
    }

    /**
     * The k nearest members of each query row (excluding the query itself): row {@code i} of the answer
     * is {@code out[i*k .. i*k+k)}, closest first. {@code dist}, when not null, receives the distances.
     */
    int[] knn(int[] queries, int k, int threads, double[] dist) {
        int[] out = new int[queries.length * k];
        int q = queries.length;
        int t = Math.max(1, Math.min(threads, q / 256));
        if (t == 1) {
            for (int i = 0; i < q; i++) search(queries[i], k, out, i * k, dist);
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "ersatz-knn");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            int block = 256;
            for (int start = 0; start < q; start += block) {
                final int s = start, e = Math.min(q, start + block);
                parts.add(pool.submit(() -> {
                    for (int i = s; i < e; i++) search(queries[i], k, out, i * k, dist);
                }));
            }
            for (Future<?> f : parts) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("neighbour search interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Brute-force reference (for tests): the same ordering by (squared distance, row). */
    static int[] bruteForce(Points p, int[] members, int[] queries, int k) {
        int[] out = new int[queries.length * k];
        for (int qi = 0; qi < queries.length; qi++) {
            Best best = new Best(k, p.rank);
            for (int m : members) if (m != queries[qi]) best.offer(p.distance2(queries[qi], m), m);
            best.drain(out, qi * k, null);
        }
        return out;
    }
}
