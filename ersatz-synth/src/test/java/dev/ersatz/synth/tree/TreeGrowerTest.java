package dev.ersatz.synth.tree;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TreeGrowerTest {

    private static final TreeGrower.Params EXACT = new TreeGrower.Params(1, 0, 30, 0, false);

    private static int[] all(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static double[][] values(Table t) {
        double[][] out = new double[t.columnCount()][];
        for (int j = 0; j < out.length; j++) {
            if (t.column(j) instanceof NumericColumn nc) out[j] = nc.values();
            else {
                int[] c = ((CategoricalColumn) t.column(j)).codes();
                out[j] = new double[c.length];
                for (int i = 0; i < c.length; i++) out[j][i] = c[i];
            }
        }
        return out;
    }

    @Test
    void classification_separableByThreshold_splitsBetweenTheTwoValues() {
        int n = 200;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = i % 100; y[i] = x[i] >= 37 ? 1 : 0; }
        Table t = new Table(List.of(new NumericColumn("x", x)));
        Features fs = Features.of(t, List.of(new ModelColumn("x", false, List.of(), 0)));
        TreeGrower.Grown g = TreeGrower.classification(fs, fs.encode(t), all(n), y, 2, null, new int[] {0}, EXACT, new SplittableRandom(1));
        assertThat(g.tree().leaves()).isEqualTo(2);
        assertThat(g.tree().threshold(0)).isEqualTo(36.5);
        for (int l = 0; l < 2; l++) {
            int[] rows = g.rowsOf(l);
            for (int r : rows) assertThat(y[r]).isEqualTo(y[rows[0]]);
        }
    }

    @Test
    void classification_nominalPredictor_groupsTheLevelsThatShareAClass() {
        int n = 400;
        int[] a = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) { a[i] = i % 4; y[i] = (a[i] == 0 || a[i] == 2) ? 1 : 0; }
        List<String> levels = List.of("A", "B", "C", "D");
        Table t = new Table(List.of(new CategoricalColumn("a", a, levels.toArray(String[]::new))));
        Features fs = Features.of(t, List.of(new ModelColumn("a", true, levels, 0)));
        TreeGrower.Grown g = TreeGrower.classification(fs, fs.encode(t), all(n), y, 2, null, new int[] {0}, EXACT, new SplittableRandom(1));
        Tree tree = g.tree();
        assertThat(tree.leaves()).isEqualTo(2);
        assertThat(tree.nominal(0)).isTrue();
        assertThat(tree.sendsLeft(0, 0)).isEqualTo(tree.sendsLeft(0, 2));
        assertThat(tree.sendsLeft(0, 1)).isEqualTo(tree.sendsLeft(0, 3));
        assertThat(tree.sendsLeft(0, 0)).isNotEqualTo(tree.sendsLeft(0, 1));
    }

    @Test
    void classification_missingPredictorValues_sortBelowEveryNumber() {
        int n = 300;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = i % 3 == 0 ? Double.NaN : i; y[i] = i % 3 == 0 ? 1 : 0; }
        Table t = new Table(List.of(new NumericColumn("x", x)));
        Features fs = Features.of(t, List.of(new ModelColumn("x", false, List.of(), 0)));
        TreeGrower.Grown g = TreeGrower.classification(fs, fs.encode(t), all(n), y, 2, null, new int[] {0}, EXACT, new SplittableRandom(1));
        assertThat(g.tree().leaves()).isEqualTo(2);
        assertThat(g.tree().threshold(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        double[][] v = values(t);
        for (int i = 0; i < n; i++) assertThat(g.tree().leaf(v, i)).isEqualTo(Double.isNaN(x[i]) ? 0 : 1);
    }

    @Test
    void regression_noisyData_everyLeafKeepsMinLeafRowsAndRoutingAgreesWithMembership() {
        int n = 2000;
        SplittableRandom rng = new SplittableRandom(3);
        double[] x1 = new double[n], y = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            x1[i] = rng.nextDouble() * 10;
            c[i] = rng.nextInt(5);
            y[i] = Math.sin(x1[i]) + c[i] + rng.nextGaussian() * 0.3;
        }
        List<String> levels = List.of("a", "b", "c", "d", "e");
        Table t = new Table(List.of(new NumericColumn("x1", x1), new CategoricalColumn("c", c, levels.toArray(String[]::new))));
        Features fs = Features.of(t, List.of(new ModelColumn("x1", false, List.of(), 0), new ModelColumn("c", true, levels, 1)));
        int minLeaf = 17;
        TreeGrower.Grown g = TreeGrower.regression(fs, fs.encode(t), all(n), y, null, new int[] {0, 1},
                new TreeGrower.Params(minLeaf, 0, 30, 0, false), new SplittableRandom(1));
        assertThat(g.tree().leaves()).isGreaterThan(20);
        double[][] v = values(t);
        for (int l = 0; l < g.tree().leaves(); l++) {
            int[] rows = g.rowsOf(l);
            assertThat(rows.length).isGreaterThanOrEqualTo(minLeaf);
            for (int r : rows) assertThat(g.tree().leaf(v, r)).isEqualTo(l);
        }
    }

    @Test
    void grow_sameInputsAndSeed_identicalTreeJson() {
        int n = 1000;
        SplittableRandom rng = new SplittableRandom(5);
        List<Column> cols = new ArrayList<>();
        List<ModelColumn> mcs = new ArrayList<>();
        int[] y = new int[n];
        for (int j = 0; j < 6; j++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.nextInt(50);
            cols.add(new NumericColumn("x" + j, x));
            mcs.add(new ModelColumn("x" + j, false, List.of(), j));
        }
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(3);
        Table t = new Table(cols);
        Features fs = Features.of(t, mcs);
        TreeGrower.Params forest = new TreeGrower.Params(2, 0, 30, 2, false);
        String a = TreeGrower.classification(fs, fs.encode(t), all(n), y, 3, null, new int[] {0, 1, 2, 3, 4, 5}, forest, new SplittableRandom(9)).tree().toJson().toString();
        String b = TreeGrower.classification(fs, fs.encode(t), all(n), y, 3, null, new int[] {0, 1, 2, 3, 4, 5}, forest, new SplittableRandom(9)).tree().toJson().toString();
        String c = TreeGrower.classification(fs, fs.encode(t), all(n), y, 3, null, new int[] {0, 1, 2, 3, 4, 5}, forest, new SplittableRandom(10)).tree().toJson().toString();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(Tree.fromJson(TreeGrower.classification(fs, fs.encode(t), all(n), y, 3, null, new int[] {0, 1, 2, 3, 4, 5}, forest,
                new SplittableRandom(9)).tree().toJson()).toJson().toString()).isEqualTo(a);
    }
}
