package dev.ersatz.synth.tree;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART tree (Breiman, Friedman, Olshen and Stone, "Classification and Regression Trees",
 * 1984) over the integer codes of {@link Features}.
 *
 * <p>Criteria. A categorical target is split by the Gini criterion: a split maximises
 * Σ_child Σ_k n_{child,k}² / n_child (equivalently, it minimises the children's summed Gini impurity
 * n·(1 − Σ_k p_k²)). A numeric target is split by squared error: a split maximises
 * Σ_child S_child² / n_child, S being the child's sum of centred targets. A split must lower the
 * impurity by at least {@code cp} times the root's impurity (rpart's complexity parameter) and leave
 * every child at least {@code minLeaf} counted rows ({@code allowEmptyChild}: a child may also have
 * none, as the adversarial forest needs to cut off purely synthetic regions).
 *
 * <p>Search. Ordinal columns are presorted once (a counting sort of their codes); every node owns the
 * same contiguous segment of each column's sorted row list, and a split partitions the segments
 * stably (the SLIQ scheme of Mehta, Agrawal and Rissanen, 1996), so each level of the tree costs
 * O(rows × columns) and no node sorts. A scan over a node's rows in a column's order updates the
 * children's Σ n_k² in O(1) per row, whatever the number of classes. Categorical columns order their
 * levels within the node by the share of the node's majority class (by the mean for numeric targets),
 * which is the optimal order for two classes and squared error (Breiman et al., §9.4), then scan that
 * order the same way. Levels absent from a node follow the larger child.
 *
 * <p>Randomness: only the choice of {@code mtry} candidate columns per node (random forests), drawn
 * from the given stream in node order, so a tree is a pure function of its inputs and seed.
 */
public final class TreeGrower {

    /**
     * Growth limits.
     *
     * @param minLeaf         counted rows every child must keep
     * @param cp              least impurity decrease of a split, as a share of the root's impurity
     * @param maxDepth        deepest level (the root is depth 0)
     * @param mtry            columns tried per node (0: all candidate columns)
     * @param allowEmptyChild whether a child may have no counted rows at all
     */
    public record Params(int minLeaf, double cp, int maxDepth, int mtry, boolean allowEmptyChild) {
        public Params {
            if (minLeaf < 1) throw new IllegalArgumentException("minLeaf must be at least 1");
            if (cp < 0) throw new IllegalArgumentException("cp must not be negative");
        }
    }

    /** A grown tree and, per leaf, the rows that reached it ({@code leafRows[leafStart[l] .. leafStart[l+1])}). */
    public record Grown(Tree tree, int[] leafStart, int[] leafRows) {
        /** The rows of leaf {@code l}. */
        public int[] rowsOf(int l) {
            return Arrays.copyOfRange(leafRows, leafStart[l], leafStart[l + 1]);
        }
    }

    private final Features fs;
    private final int[][] codes;
    private final int[] feats;
    private final Params params;
    private final SplittableRandom rng;
    private final int[] countWeight;
    // target
    private final int[] yc;
    private final int classes;
    private final double[] yr;
    // working state
    private final int[][] ord;
    private final int[] featPos;
    private final int[] rowsArr;
    private final int[] tmp;
    private final boolean[] goLeft;
    private final double[] scratchL, scratchR;
    private final int[] lvW, lvM, lvRank, lvPos, lvOrder, lvTouched;
    private final int[] lvCls;
    private final double[] lvKey;
    private final long[] cntNode;
    // output
    private int[] nFeature = new int[64], nLeft = new int[64], nRight = new int[64], nMiss = new int[64];
    private double[] nThreshold = new double[64];
    private long[][] nMask = new long[64][];
    private int nodes;
    private int leaves;
    private int[] leafStart = new int[64];
    private int[] leafRows;
    private int leafRowsUsed;
    private double minGain, tinyImpurity;

    private TreeGrower(Features fs, int[][] codes, int[] rows, int[] yc, int classes, double[] yr, int[] countWeight,
                       int[] feats, Params params, SplittableRandom rng) {
        this.fs = fs;
        this.codes = codes;
        this.feats = feats.clone();
        this.params = params;
        this.rng = rng;
        this.countWeight = countWeight;
        this.yc = yc;
        this.classes = classes;
        this.yr = yr;
        int total = codes.length == 0 ? rows.length : codes[0].length;
        featPos = new int[fs.size()];
        Arrays.fill(featPos, -1);
        int ordinal = 0;
        int maxLevels = 1;
        for (int f : feats) {
            if (!fs.nominal(f)) featPos[f] = ordinal++;
            else maxLevels = Math.max(maxLevels, fs.levels(f));
        }
        ord = new int[ordinal][];
        for (int f : feats) if (featPos[f] >= 0) ord[featPos[f]] = Features.sortByCode(codes[f], fs.levels(f), rows);
        rowsArr = rows.clone();
        tmp = new int[rows.length];
        goLeft = new boolean[total];
        scratchL = new double[Math.max(1, classes)];
        scratchR = new double[Math.max(1, classes)];
        lvW = new int[maxLevels];
        lvM = new int[maxLevels];
        lvRank = new int[maxLevels];
        lvPos = new int[maxLevels + 1];
        lvOrder = new int[maxLevels];
        lvTouched = new int[maxLevels];
        lvCls = yc != null && (long) maxLevels * classes <= (1 << 20) ? new int[maxLevels * classes] : null;
        lvKey = new double[maxLevels];
        cntNode = new long[Math.max(1, classes)];
        leafRows = new int[rows.length];
    }

    /** Grows a classification tree for class labels {@code y} in 0..classes-1 over {@code rows}. */
    public static Grown classification(Features fs, int[][] codes, int[] rows, int[] y, int classes, int[] countWeight,
                                       int[] feats, Params params, SplittableRandom rng) {
        return new TreeGrower(fs, codes, rows, y, classes, null, countWeight, feats, params, rng).grow();
    }

    /** Grows a regression tree for the numeric target {@code y} (no NaN among {@code rows}). */
    public static Grown regression(Features fs, int[][] codes, int[] rows, double[] y, int[] countWeight,
                                   int[] feats, Params params, SplittableRandom rng) {
        double mean = 0;
        for (int r : rows) mean += y[r];
        mean = rows.length == 0 ? 0 : mean / rows.length;
        double[] centred = new double[y.length];
        for (int r : rows) centred[r] = y[r] - mean;
        return new TreeGrower(fs, codes, rows, null, 0, centred, countWeight, feats, params, rng).grow();
    }

    private int cw(int r) {
        return countWeight == null ? 1 : countWeight[r];
    }

    private Grown grow() {
        int n = rowsArr.length;
        int[] stackNode = new int[64], stackS = new int[64], stackE = new int[64], stackD = new int[64];
        int sp = 0;
        newNode();
        stackNode[0] = 0; stackS[0] = 0; stackE[0] = n; stackD[0] = 0; sp = 1;
        boolean root = true;
        while (sp > 0) {
            sp--;
            int node = stackNode[sp], s = stackS[sp], e = stackE[sp], depth = stackD[sp];
            double impurity = impurity(s, e);
            if (root) {
                minGain = params.cp() * impurity;
                tinyImpurity = 1e-12 * Math.max(impurity, 1e-300);
                root = false;
            }
            long counted = 0;
            for (int i = s; i < e; i++) counted += cw(rowsArr[i]);
            boolean canSplit = e - s >= 2 && depth < params.maxDepth() && impurity > tinyImpurity
                    && (params.allowEmptyChild() || counted >= 2L * params.minLeaf());
            Split best = canSplit ? search(s, e, impurity) : null;
            if (best == null) {
                makeLeaf(node, s, e);
                continue;
            }
            int mid = partition(best, s, e);
            int l = newNode(), r = newNode();
            nFeature[node] = best.feature;
            nLeft[node] = l;
            nRight[node] = r;
            if (best.mask != null) {
                nMask[node] = best.mask;
                nMiss[node] = fs.levels(best.feature) - 1;
            } else {
                nThreshold[node] = fs.threshold(best.feature, best.code);
            }
            if (sp + 2 > stackNode.length) {
                stackNode = Arrays.copyOf(stackNode, sp * 2 + 4);
                stackS = Arrays.copyOf(stackS, sp * 2 + 4);
                stackE = Arrays.copyOf(stackE, sp * 2 + 4);
                stackD = Arrays.copyOf(stackD, sp * 2 + 4);
            }
            stackNode[sp] = r; stackS[sp] = mid; stackE[sp] = e; stackD[sp] = depth + 1; sp++;
            stackNode[sp] = l; stackS[sp] = s; stackE[sp] = mid; stackD[sp] = depth + 1; sp++;
        }
        Tree tree = new Tree(Arrays.copyOf(nFeature, nodes), Arrays.copyOf(nThreshold, nodes), Arrays.copyOf(nLeft, nodes),
                Arrays.copyOf(nRight, nodes), Arrays.copyOf(nMask, nodes), Arrays.copyOf(nMiss, nodes));
        int[] starts = Arrays.copyOf(leafStart, leaves + 1);
        starts[leaves] = leafRowsUsed;
        return new Grown(tree, starts, leafRows);
    }

    private int newNode() {
        if (nodes == nFeature.length) {
            int m = nodes * 2;
            nFeature = Arrays.copyOf(nFeature, m);
            nLeft = Arrays.copyOf(nLeft, m);
            nRight = Arrays.copyOf(nRight, m);
            nMiss = Arrays.copyOf(nMiss, m);
            nThreshold = Arrays.copyOf(nThreshold, m);
            nMask = Arrays.copyOf(nMask, m);
        }
        nFeature[nodes] = -1;
        return nodes++;
    }

    private void makeLeaf(int node, int s, int e) {
        nFeature[node] = -1;
        nLeft[node] = leaves;
        nRight[node] = -1;
        if (leaves + 1 >= leafStart.length) leafStart = Arrays.copyOf(leafStart, leafStart.length * 2);
        leafStart[leaves] = leafRowsUsed;
        System.arraycopy(rowsArr, s, leafRows, leafRowsUsed, e - s);
        leafRowsUsed += e - s;
        leaves++;
    }

    /** The node's impurity: n − Σ n_k²/n (Gini × n) or Σ y² − S²/n (squared error). */
    private double impurity(int s, int e) {
        double w = e - s;
        if (yc != null) {
            Arrays.fill(cntNode, 0);
            for (int i = s; i < e; i++) cntNode[yc[rowsArr[i]]]++;
            double sq = 0;
            for (long c : cntNode) sq += (double) c * c;
            return w - sq / w;
        }
        double sum = 0, ss = 0;
        for (int i = s; i < e; i++) {
            double y = yr[rowsArr[i]];
            sum += y;
            ss += y * y;
        }
        return Math.max(0, ss - sum * sum / w);
    }

    private static final class Split {
        int feature = -1;
        double score = Double.NEGATIVE_INFINITY;
        int code;
        long[] mask;
    }

    private Split search(int s, int e, double impurity) {
        double w = e - s;
        double parentScore;
        int majority = 0;
        double sum = 0;
        if (yc != null) {
            Arrays.fill(cntNode, 0);
            for (int i = s; i < e; i++) cntNode[yc[rowsArr[i]]]++;
            double sq = 0;
            for (int k = 0; k < classes; k++) {
                sq += (double) cntNode[k] * cntNode[k];
                if (cntNode[k] > cntNode[majority]) majority = k;
            }
            parentScore = sq / w;
        } else {
            for (int i = s; i < e; i++) sum += yr[rowsArr[i]];
            parentScore = sum * sum / w;
        }
        int[] candidates = feats;
        int m = params.mtry();
        if (m > 0 && m < feats.length) {
            candidates = feats.clone();
            for (int i = 0; i < m; i++) {
                int j = i + rng.nextInt(candidates.length - i);
                int t = candidates[i]; candidates[i] = candidates[j]; candidates[j] = t;
            }
            candidates = Arrays.copyOf(candidates, m);
        }
        Split best = new Split();
        for (int f : candidates) {
            if (fs.levels(f) < 2) continue;
            if (fs.nominal(f)) scanNominal(f, s, e, majority, sum, best);
            else scanOrdinal(f, s, e, sum, best);
        }
        if (best.feature < 0) return null;
        double gain = best.score - parentScore;
        if (!(gain > tinyImpurity) || gain < minGain) return null;
        return best;
    }

    private boolean valid(long m) {
        return params.allowEmptyChild() ? (m == 0 || m >= params.minLeaf()) : m >= params.minLeaf();
    }

    private void scanOrdinal(int f, int s, int e, double total, Split best) {
        int[] a = ord[featPos[f]];
        int[] code = codes[f];
        long ml = 0, mr = 0;
        for (int i = s; i < e; i++) mr += cw(a[i]);
        double wl = 0, wr = e - s;
        boolean strict = !params.allowEmptyChild();
        int minLeaf = params.minLeaf();
        if (yc != null) {
            double[] l = scratchL, r = scratchR;
            Arrays.fill(l, 0);
            double sqL = 0, sqR = 0;
            for (int k = 0; k < classes; k++) { r[k] = cntNode[k]; sqR += r[k] * r[k]; }
            for (int i = s; i < e - 1; i++) {
                int row = a[i];
                int c = yc[row];
                sqL += 2 * l[c] + 1;
                l[c] += 1;
                sqR += 1 - 2 * r[c];
                r[c] -= 1;
                wl += 1; wr -= 1;
                int cwr = cw(row);
                ml += cwr; mr -= cwr;
                int cc = code[row];
                if (cc == code[a[i + 1]]) continue;
                if (strict && mr < minLeaf) break;
                if (!valid(ml) || !valid(mr)) continue;
                double score = sqL / wl + sqR / wr;
                if (score > best.score) { best.score = score; best.feature = f; best.code = cc; best.mask = null; }
            }
        } else {
            double sl = 0;
            for (int i = s; i < e - 1; i++) {
                int row = a[i];
                sl += yr[row];
                wl += 1; wr -= 1;
                int cwr = cw(row);
                ml += cwr; mr -= cwr;
                int cc = code[row];
                if (cc == code[a[i + 1]]) continue;
                if (strict && mr < minLeaf) break;
                if (!valid(ml) || !valid(mr)) continue;
                double sr = total - sl;
                double score = sl * sl / wl + sr * sr / wr;
                if (score > best.score) { best.score = score; best.feature = f; best.code = cc; best.mask = null; }
            }
        }
    }

    private void scanNominal(int f, int s, int e, int majority, double total, Split best) {
        int[] code = codes[f];
        int touched = 0;
        boolean perClass = yc != null && lvCls != null;
        int k = classes;
        for (int i = s; i < e; i++) {
            int row = rowsArr[i];
            int lv = code[row];
            if (lvW[lv] == 0) lvTouched[touched++] = lv;
            lvW[lv]++;
            lvM[lv] += cw(row);
            if (yc != null) {
                int c = yc[row];
                if (c == majority) lvKey[lv] += 1;
                if (perClass) lvCls[lv * k + c]++;
            } else {
                lvKey[lv] += yr[row];
            }
        }
        try {
            if (touched < 2) return;
            // Order the present levels by their key (majority-class share or mean), ties by level.
            int[] order = lvOrder;
            System.arraycopy(lvTouched, 0, order, 0, touched);
            sortLevels(order, touched);
            int len = e - s;
            long ml = 0, mr = 0;
            for (int q = 0; q < touched; q++) mr += lvM[order[q]];
            double wl = 0, wr = len;
            int bestRank = -1;
            double bestScore = best.score;
            if (yc == null) {
                double sl = 0;
                for (int q = 0; q < touched - 1; q++) {
                    int lv = order[q];
                    sl += lvKey[lv];
                    wl += lvW[lv]; wr -= lvW[lv];
                    ml += lvM[lv]; mr -= lvM[lv];
                    if (!valid(ml) || !valid(mr)) continue;
                    double sr = total - sl;
                    double score = sl * sl / wl + sr * sr / wr;
                    if (score > bestScore) { bestScore = score; bestRank = q; }
                }
            } else if (perClass && (long) touched * k <= 4L * len) {
                // Level by level: add each level's class counts (cheap when the node is large).
                double[] l = scratchL, r = scratchR;
                Arrays.fill(l, 0);
                double sqL = 0, sqR = 0;
                for (int c = 0; c < k; c++) { r[c] = cntNode[c]; sqR += r[c] * r[c]; }
                for (int q = 0; q < touched - 1; q++) {
                    int lv = order[q];
                    int base = lv * k;
                    for (int c = 0; c < k; c++) {
                        int a = lvCls[base + c];
                        if (a == 0) continue;
                        sqL += a * (2 * l[c] + a);
                        l[c] += a;
                        sqR += a * (a - 2 * r[c]);
                        r[c] -= a;
                    }
                    wl += lvW[lv]; wr -= lvW[lv];
                    ml += lvM[lv]; mr -= lvM[lv];
                    if (!valid(ml) || !valid(mr)) continue;
                    double score = sqL / wl + sqR / wr;
                    if (score > bestScore) { bestScore = score; bestRank = q; }
                }
            } else {
                // Row by row in level order (cheap when the node is small): a counting sort by rank.
                int at = 0;
                for (int q = 0; q < touched; q++) {
                    int lv = order[q];
                    lvRank[lv] = q;
                    lvPos[q] = at;
                    at += lvW[lv];
                }
                for (int i = s; i < e; i++) {
                    int row = rowsArr[i];
                    tmp[lvPos[lvRank[code[row]]]++] = row;
                }
                double[] l = scratchL, r = scratchR;
                Arrays.fill(l, 0);
                double sqL = 0, sqR = 0;
                for (int c = 0; c < k; c++) { r[c] = cntNode[c]; sqR += r[c] * r[c]; }
                for (int i = 0; i < len - 1; i++) {
                    int row = tmp[i];
                    int c = yc[row];
                    sqL += 2 * l[c] + 1;
                    l[c] += 1;
                    sqR += 1 - 2 * r[c];
                    r[c] -= 1;
                    wl += 1; wr -= 1;
                    int cwr = cw(row);
                    ml += cwr; mr -= cwr;
                    int rk = lvRank[code[row]];
                    if (rk == lvRank[code[tmp[i + 1]]]) continue;
                    if (!valid(ml) || !valid(mr)) continue;
                    double score = sqL / wl + sqR / wr;
                    if (score > bestScore) { bestScore = score; bestRank = rk; }
                }
            }
            if (bestRank < 0) return;
            int levels = fs.levels(f);
            long[] mask = new long[(levels + 63) >>> 6];
            long leftW = 0;
            for (int q = 0; q <= bestRank; q++) {
                int lv = order[q];
                mask[lv >>> 6] |= 1L << lv;
                leftW += lvW[lv];
            }
            if (2 * leftW >= len) {
                // Levels absent from this node follow the larger child: here the left one.
                for (int lv = 0; lv < levels; lv++) if (lvW[lv] == 0) mask[lv >>> 6] |= 1L << lv;
            }
            best.score = bestScore;
            best.feature = f;
            best.mask = mask;
        } finally {
            if (perClass) {
                for (int i = s; i < e; i++) {
                    int row = rowsArr[i];
                    lvCls[code[row] * k + yc[row]] = 0;
                }
            }
            for (int q = 0; q < touched; q++) {
                int lv = lvTouched[q];
                lvW[lv] = 0;
                lvM[lv] = 0;
                lvKey[lv] = 0;
            }
        }
    }

    /** Sorts the first {@code n} levels by key ratio, ties by level (insertion sort: n is small). */
    private void sortLevels(int[] a, int n) {
        if (n > 64) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) boxed[i] = a[i];
            Arrays.sort(boxed, (x, y) -> compareLevels(x, y));
            for (int i = 0; i < n; i++) a[i] = boxed[i];
            return;
        }
        for (int i = 1; i < n; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && compareLevels(a[j], v) > 0) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
    }

    private int compareLevels(int x, int y) {
        int c = Double.compare(lvKey[x] / lvW[x], lvKey[y] / lvW[y]);
        return c != 0 ? c : Integer.compare(x, y);
    }

    /** Partitions every row list of the node stably into left then right rows; returns the boundary. */
    private int partition(Split split, int s, int e) {
        int[] code = codes[split.feature];
        int nLeftRows = 0;
        for (int i = s; i < e; i++) {
            int r = rowsArr[i];
            int c = code[r];
            boolean left = split.mask != null ? (split.mask[c >>> 6] & (1L << c)) != 0 : c <= split.code;
            goLeft[r] = left;
            if (left) nLeftRows++;
        }
        for (int[] a : ord) stablePartition(a, s, e);
        stablePartition(rowsArr, s, e);
        return s + nLeftRows;
    }

    private void stablePartition(int[] a, int s, int e) {
        int l = s, t = 0;
        for (int i = s; i < e; i++) {
            int r = a[i];
            if (goLeft[r]) a[l++] = r; else tmp[t++] = r;
        }
        System.arraycopy(tmp, 0, a, l, t);
    }
}
