package dev.ersatz.synth.mst;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeModelTest {

    @Test
    void fit_exactMeasurementsOfAChain_recoversItsMarginals() {
        // A chain a - b - c: P(a) P(b|a) P(c|b), with 3, 4 and 2 values.
        double[] pa = {0.5, 0.3, 0.2};
        double[][] pba = {{0.7, 0.1, 0.1, 0.1}, {0.1, 0.6, 0.2, 0.1}, {0.25, 0.25, 0.25, 0.25}};
        double[][] pcb = {{0.9, 0.1}, {0.2, 0.8}, {0.5, 0.5}, {0.05, 0.95}};
        double n = 10_000;
        double[] a = new double[3], b = new double[4], c = new double[2];
        double[] ab = new double[12], bc = new double[8];
        for (int x = 0; x < 3; x++) for (int y = 0; y < 4; y++) for (int z = 0; z < 2; z++) {
            double p = n * pa[x] * pba[x][y] * pcb[y][z];
            a[x] += p; b[y] += p; c[z] += p;
            ab[x * 4 + y] += p;
            bc[y * 2 + z] += p;
        }
        TreeModel m = new TreeModel(new int[] {3, 4, 2}, new int[][] {{0, 1}, {1, 2}});
        double w = 1.0;
        m.fit(new TreeModel.Measurements(new double[][] {a, b, c}, new double[][] {{w, w, w}, {w, w, w, w}, {w, w}},
                new double[][] {ab, bc}, new double[] {w, w}), 3000);
        TreeModel.Marginals mu = m.marginals();
        assertThat(m.total).isCloseTo(n, org.assertj.core.data.Offset.offset(1e-6));
        for (int x = 0; x < 12; x++) assertThat(mu.edge()[0][x]).isCloseTo(ab[x], org.assertj.core.data.Offset.offset(1.0));
        for (int x = 0; x < 8; x++) assertThat(mu.edge()[1][x]).isCloseTo(bc[x], org.assertj.core.data.Offset.offset(1.0));
        // The model's marginals are consistent: summing the edge a-b over a gives node b.
        for (int y = 0; y < 4; y++) {
            double s = 0;
            for (int x = 0; x < 3; x++) s += mu.edge()[0][x * 4 + y];
            assertThat(s).isCloseTo(mu.node()[1][y], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void fit_inconsistentNoisyMeasurements_consistentLeastSquaresCompromise() {
        // Node b measured as (60, 40); the edge a-b implies b = (50, 50): the fit sits between them.
        TreeModel m = new TreeModel(new int[] {2, 2}, new int[][] {{0, 1}});
        m.fit(new TreeModel.Measurements(new double[][] {{50, 50}, {60, 40}}, new double[][] {{1, 1}, {1, 1}},
                new double[][] {{25, 25, 25, 25}}, new double[] {1}), 3000);
        double b0 = m.marginals().node()[1][0];
        assertThat(b0).isGreaterThan(50.5).isLessThan(59.5);
    }
}
