package dev.ersatz.synth.balance;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The k-d tree against brute force over mixed data, with ties, duplicates and general tables. */
class KdTreeTest {

    static Points random(int n, int dn, int dc, int levels, boolean generalTables, boolean coarse, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] num = new double[dn][n];
        for (double[] c : num) for (int i = 0; i < n; i++) c[i] = coarse ? r.nextInt(4) : r.nextGaussian() * (1 + r.nextInt(3));
        int[][] cat = new int[dc][n];
        double[][] tables = new double[dc][];
        int[] sizes = new int[dc];
        for (int f = 0; f < dc; f++) {
            sizes[f] = levels + 1;
            for (int i = 0; i < n; i++) cat[f][i] = r.nextInt(sizes[f]);
            if (generalTables) {
                double[] t = new double[sizes[f] * sizes[f]];
                for (int a = 0; a < sizes[f]; a++) for (int b = a + 1; b < sizes[f]; b++) t[a * sizes[f] + b] = t[b * sizes[f] + a] = r.nextInt(3) * 0.5;
                tables[f] = t;
            } else {
                tables[f] = Points.mismatchTable(sizes[f], coarse ? 1 : 0.5 + r.nextDouble());
            }
        }
        return new Points(n, num, cat, tables, sizes);
    }

    static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) out[i - from] = i;
        return out;
    }

    @Test
    void knn_mixedData_equalsBruteForceIncludingTieOrder() {
        int caseNo = 0;
        for (int dn : new int[] {0, 1, 3, 8}) {
            for (int dc : new int[] {0, 2, 6}) {
                if (dn + dc == 0) continue;
                for (boolean general : new boolean[] {false, true}) {
                    for (boolean coarse : new boolean[] {false, true}) {
                        Points p = random(700, dn, dc, 5, general, coarse, 31L * ++caseNo);
                        int[] members = range(0, 500);
                        int[] queries = range(0, 700);
                        for (int k : new int[] {1, 5, 12}) {
                            int[] fast = new KdTree(p, members).knn(queries, k, 1, null);
                            int[] slow = KdTree.bruteForce(p, members, queries, k);
                            assertThat(fast).as("dn=%d dc=%d general=%s coarse=%s k=%d", dn, dc, general, coarse, k).containsExactly(slow);
                        }
                    }
                }
            }
        }
    }

    @Test
    void knn_threads_sameAnswer() {
        Points p = random(5000, 4, 3, 6, false, false, 7);
        int[] all = range(0, 5000);
        KdTree tree = new KdTree(p, all);
        double[] d1 = new double[5000 * 5], d4 = new double[5000 * 5];
        assertThat(tree.knn(all, 5, 4, d4)).containsExactly(tree.knn(all, 5, 1, d1));
        assertThat(d4).containsExactly(d1);
    }

    @Test
    void knn_allRowsIdentical_ordersByRowIndexAndExcludesSelf() {
        Points p = new Points(40, new double[][] {new double[40]}, new int[][] {new int[40]}, new double[][] {Points.mismatchTable(2, 1)}, new int[] {2});
        int[] nn = new KdTree(p, range(0, 40)).knn(new int[] {0, 17}, 3, 1, null);
        assertThat(nn).containsExactly(1, 2, 3, 0, 1, 2);
    }

    @Test
    void knn_rankGiven_breaksTiesByRankNotByRowIndex() {
        int[] rank = {5, 3, 9, 0, 7, 1, 8, 2, 6, 4};
        Points p = new Points(10, new double[][] {new double[10]}, new int[0][], new double[0][], new int[0], rank);
        int[] nn = new KdTree(p, range(0, 10)).knn(new int[] {3}, 4, 1, null);
        // Row 3 itself (rank 0) is excluded; then ranks 1, 2, 3, 4 are rows 5, 7, 1, 9.
        assertThat(nn).containsExactly(5, 7, 1, 9);
        assertThat(KdTree.bruteForce(p, range(0, 10), new int[] {3}, 4)).containsExactly(5, 7, 1, 9);
    }
}
