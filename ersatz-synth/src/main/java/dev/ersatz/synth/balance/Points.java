package dev.ersatz.synth.balance;

/**
 * Rows embedded for nearest-neighbour search: numeric coordinates plus categorical codes whose
 * mismatches add a per-column, per-pair amount to the squared distance.
 *
 * <p>The distance is d(i, j) = sqrt( Σ_numeric (x_i − x_j)² + Σ_categorical T_f[a_i][a_j] ), with
 * T_f symmetric, zero on the diagonal and non-negative. Every distance the SMOTE family uses has
 * this form and is a metric (which keeps the neighbour ordering well defined):
 * <ul>
 *   <li>one-hot indicators of weight w (SMOTE after a one-hot encoder): T = 2w² off the diagonal;</li>
 *   <li>SMOTE-NC: indicators of weight m/√2, m the median standard deviation: T = m²;</li>
 *   <li>SMOTE-N's value difference metric with r = 2: T_f[a][b] = (Σ_c |P(c|a) − P(c|b)|)², a
 *       Euclidean combination of per-column L1 distances.</li>
 * </ul>
 * Codes are stored shifted by one, so code 0 is a missing category (a category like any other).
 * Numeric coordinates must be finite (callers impute missing values first).
 */
final class Points {
    final int n;
    final int dn;
    final int dc;
    final double[] num;
    final int[] cat;
    final double[][] tables;
    final int[] sizes;
    /** Tie-break rank of each row: neighbours at equal distance are ordered by it (the row index unless given). */
    final int[] rank;

    /**
     * @param numeric numeric columns (finite values), each of length n
     * @param codes   categorical columns as codes shifted by one (0 = missing), each of length n
     * @param tables  per categorical column, the flattened (size × size) squared contributions
     * @param sizes   per categorical column, the number of shifted codes (levels + 1)
     */
    Points(int n, double[][] numeric, int[][] codes, double[][] tables, int[] sizes) {
        this(n, numeric, codes, tables, sizes, null);
    }

    /** As above, with ties between equally distant neighbours broken by {@code rank} (a permutation of the rows). */
    Points(int n, double[][] numeric, int[][] codes, double[][] tables, int[] sizes, int[] rank) {
        this.n = n;
        this.dn = numeric.length;
        this.dc = codes.length;
        this.num = new double[n * dn];
        for (int j = 0; j < dn; j++) {
            double[] col = numeric[j];
            for (int i = 0; i < n; i++) num[i * dn + j] = col[i];
        }
        this.cat = new int[n * dc];
        for (int f = 0; f < dc; f++) {
            int[] col = codes[f];
            for (int i = 0; i < n; i++) cat[i * dc + f] = col[i];
        }
        this.tables = tables;
        this.sizes = sizes;
        if (rank == null) {
            rank = new int[n];
            for (int i = 0; i < n; i++) rank[i] = i;
        }
        this.rank = rank;
    }

    /** A seeded random permutation of n rows, for tie-breaking that does not favour the first rows of a file. */
    static int[] shuffledRanks(int n, long seed) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = r[i]; r[i] = r[j]; r[j] = t;
        }
        return r;
    }

    /** The squared distance between rows i and j. */
    double distance2(int i, int j) {
        double s = 0;
        int oi = i * dn, oj = j * dn;
        for (int k = 0; k < dn; k++) {
            double t = num[oi + k] - num[oj + k];
            s += t * t;
        }
        int ci = i * dc, cj = j * dc;
        for (int f = 0; f < dc; f++) {
            int a = cat[ci + f], b = cat[cj + f];
            if (a != b) s += tables[f][a * sizes[f] + b];
        }
        return s;
    }

    /** The distance between rows i and j. */
    double distance(int i, int j) {
        return Math.sqrt(distance2(i, j));
    }

    /** A table with {@code w2} for every mismatch (indicator encodings). */
    static double[] mismatchTable(int size, double w2) {
        double[] t = new double[size * size];
        for (int a = 0; a < size; a++) for (int b = 0; b < size; b++) if (a != b) t[a * size + b] = w2;
        return t;
    }
}
