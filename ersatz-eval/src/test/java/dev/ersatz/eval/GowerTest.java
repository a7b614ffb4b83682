package dev.ersatz.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pruned, packed nearest-neighbour search gives exactly the brute-force Gower distances. */
class GowerTest {

    /** Random mixed rows: 3 ordered columns (one constant), 5 categorical ones with up to 300 levels, ~10% missing. */
    private static Gower.Rows rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = 8;
        double[][] num = new double[m][];
        int[][] cat = new int[m][];
        int[] levels = new int[m];
        int[] sizes = {0, 0, 0, 2, 7, 40, 300, 3};
        for (int k = 0; k < m; k++) {
            if (k < 3) {
                num[k] = new double[n];
                for (int i = 0; i < n; i++) num[k][i] = r.nextDouble() < 0.1 ? Double.NaN : (k == 2 ? 5 : r.nextInt(20) * 0.5);
            } else {
                cat[k] = new int[n];
                levels[k] = sizes[k];
                for (int i = 0; i < n; i++) cat[k][i] = r.nextDouble() < 0.1 ? -1 : r.nextInt(sizes[k]);
            }
        }
        return new Gower.Rows(num, cat, n, levels);
    }

    /** The definition, term by term. */
    private static double brute(Gower.Rows a, int i, Gower.Rows b, int j, double[] ranges) {
        double s = 0;
        int m = a.num.length;
        for (int k = 0; k < m; k++) {
            if (a.num[k] != null) {
                double x = a.num[k][i], y = b.num[k][j];
                if (Double.isNaN(x) || Double.isNaN(y)) s += Double.isNaN(x) && Double.isNaN(y) ? 0 : 1;
                else if (ranges[k] == 0) s += x == y ? 0 : 1;
                else s += Math.min(1, Math.abs(x - y) / ranges[k]);
            } else {
                s += a.cat[k][i] == b.cat[k][j] ? 0 : 1;
            }
        }
        return s / m;
    }

    @Test
    void nearest_mixedRowsWithMissingAndWidePacking_equalsBruteForce() {
        Gower.Rows ref = rows(700, 1), q = rows(300, 2);
        double[] ranges = Gower.ranges(ref);
        assertThat(ranges[2]).isZero();
        Gower.Nearest nn;
        try (Parallel p = new Parallel(2)) {
            nn = new Gower(ref, ranges).nearest(q, p);
        }
        for (int i = 0; i < q.n; i++) {
            double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
            int bi = -1;
            for (int j = 0; j < ref.n; j++) {
                double d = brute(q, i, ref, j, ranges);
                if (d < best - 1e-9) {
                    second = best;
                    best = d;
                    bi = j;
                } else if (d < second) {
                    second = d;
                }
            }
            // float sums: within a few ulps of float at these magnitudes
            assertThat(nn.d1()[i]).as("row %d", i).isCloseTo(best, within(1e-5));
            assertThat(nn.d2()[i]).as("row %d", i).isCloseTo(second, within(1e-5));
            assertThat(brute(q, i, ref, nn.index()[i], ranges)).isCloseTo(best, within(1e-5));
        }
    }

    @Test
    void sums_columnMajorPath_equalsBruteForce() {
        Gower.Rows ref = rows(200, 3), q = rows(5, 4);
        double[] ranges = Gower.ranges(ref, q);
        Gower g = new Gower(ref, ranges);
        float[] acc = new float[ref.n];
        for (int i = 0; i < q.n; i++) {
            g.sums(q, i, acc);
            for (int j = 0; j < ref.n; j++) assertThat((double) acc[j] / g.m).isCloseTo(brute(q, i, ref, j, ranges), within(1e-5));
        }
    }
}
