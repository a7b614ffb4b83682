package dev.ersatz.synth.tree;

import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PruningTest {

    private static int[] all(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private record Data(Features fs, int[][] codes, double[][] values) {}

    private static Data data(double[] x) {
        Table t = new Table(List.of(new NumericColumn("x", x)));
        Features fs = Features.of(t, List.of(new ModelColumn("x", false, List.of(), 0)));
        return new Data(fs, fs.encode(t), new double[][] {x});
    }

    @Test
    void classification_pureNoise_crossValidationPrunesToFewLeaves() {
        int n = 4000;
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = rng.nextDouble(); y[i] = rng.nextInt(2); }
        Data d = data(x);
        TreeGrower.Params p = new TreeGrower.Params(5, 0, 30, 0, false);
        TreeGrower.Grown unpruned = TreeGrower.classification(d.fs, d.codes, all(n), y, 2, null, new int[] {0}, p, new SplittableRandom(2));
        TreeGrower.Grown pruned = Pruning.classification(d.fs, d.codes, d.values, all(n), y, 2, new int[] {0}, p, 5, new SplittableRandom(2));
        assertThat(unpruned.tree().leaves()).isGreaterThan(100);
        assertThat(pruned.tree().leaves()).isLessThanOrEqualTo(4);
    }

    @Test
    void classification_realStructure_crossValidationKeepsIt() {
        int n = 4000;
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            int band = (int) (x[i] * 4);
            y[i] = rng.nextDouble() < (band % 2 == 0 ? 0.9 : 0.1) ? 1 : 0;
        }
        Data d = data(x);
        TreeGrower.Params p = new TreeGrower.Params(5, 0, 30, 0, false);
        TreeGrower.Grown pruned = Pruning.classification(d.fs, d.codes, d.values, all(n), y, 2, new int[] {0}, p, 5, new SplittableRandom(2));
        assertThat(pruned.tree().leaves()).isBetween(4, 40);
    }

    @Test
    void prune_collapseRoot_oneLeafWithEveryRow() {
        int n = 500;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = i; y[i] = i % 7 == 0 ? 1 : 0; }
        Data d = data(x);
        TreeGrower.Grown g = TreeGrower.classification(d.fs, d.codes, all(n), y, 2, null, new int[] {0},
                new TreeGrower.Params(1, 0, 30, 0, false), new SplittableRandom(1));
        boolean[] collapse = new boolean[g.tree().nodes()];
        collapse[0] = true;
        TreeGrower.Grown p = Pruning.prune(g, collapse);
        assertThat(p.tree().leaves()).isEqualTo(1);
        assertThat(p.rowsOf(0)).containsExactlyInAnyOrder(all(n));
        // Collapsing nothing keeps the tree and its leaves.
        TreeGrower.Grown same = Pruning.prune(g, new boolean[g.tree().nodes()]);
        assertThat(same.tree().toJson().toString()).isEqualTo(g.tree().toJson().toString());
        assertThat(same.leafStart()).isEqualTo(g.leafStart());
    }
}
