package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** TabDDPM's layout and its tensor posterior against the closed form. */
class DdpmTest {
    static final List<ModelColumn> COLUMNS = List.of(new ModelColumn("x", false, List.of(), 0),
            new ModelColumn("c", true, List.of("a", "b", "c"), 1), new ModelColumn("d", true, List.of("u", "v"), 2),
            new ModelColumn("y", true, List.of("no", "yes"), 3));

    static Table table() {
        int n = 300;
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[n];
        int[] c = new int[n], d = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 30 == 0 ? Double.NaN : r.nextGaussian();
            c[i] = i % 25 == 0 ? -1 : r.nextInt(3);
            d[i] = r.nextInt(2);
            y[i] = r.nextInt(2);
        }
        return new Table(List.of(new NumericColumn("x", x), new CategoricalColumn("c", c, new String[] {"a", "b", "c"}),
                new CategoricalColumn("d", d, new String[] {"u", "v"}), new CategoricalColumn("y", y, new String[] {"no", "yes"})));
    }

    @Test
    void layout_defaultTarget_lastCategoricalWithMissingCategories() {
        DdpmLayout l = DdpmLayout.fit(table(), COLUMNS, "");
        assertThat(l.target).isEqualTo(3);
        assertThat(l.classes).isEqualTo(2);
        // c: 3 levels + missing; x's missing indicator: 2; d: 2.
        assertThat(l.categorical).extracting(DdpmLayout.Categorical::k).containsExactly(2, 4, 2);
        assertThat(l.dNum).isEqualTo(1);
        DdpmLayout.Encoded e = l.encode(table());
        Table back = l.decode(e.num(), e.cat(), e.y(), e.rows());
        assertThat(((CategoricalColumn) back.column(1)).codes()).isEqualTo(((CategoricalColumn) table().column(1)).codes());
        double[] x = ((NumericColumn) table().column(0)).values(), x2 = ((NumericColumn) back.column(0)).values();
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.isNaN(x2[i])).isEqualTo(Double.isNaN(x[i]));
        }
    }

    @Test
    void layout_numericTarget_refusedNamingIt() {
        assertThatThrownBy(() -> DdpmLayout.fit(table(), COLUMNS, "x")).isInstanceOf(InputException.class).hasMessageContaining("\"x\"")
                .hasMessageContaining("categorical");
        assertThatThrownBy(() -> DdpmLayout.fit(table(), COLUMNS, "nope")).isInstanceOf(InputException.class).hasMessageContaining("\"nope\"");
    }

    @Test
    void posterior_tensorForm_matchesClosedForm() {
        Torch.engine();
        DdpmLayout l = DdpmLayout.fit(table(), COLUMNS, "");
        Schedule s = new Schedule(20);
        SplittableRandom r = new SplittableRandom(3);
        int rows = 40, dc = l.dCat, c = l.features();
        try (NDManager m = NDManager.newBaseManager()) {
            TabDdpm.Denoiser net = TabDdpm.Denoiser.create(TabDdpm.fromOptions(Map.of("layers", "8")), l, m, r);
            for (int t : new int[] {0, 1, 7, 19}) {
                float[] logX0 = new float[rows * dc], qone = new float[rows * dc];
                double[][] expected = new double[rows * c][];
                for (int i = 0; i < rows; i++) {
                    for (int f = 0; f < c; f++) {
                        DdpmLayout.Categorical cf = l.categorical.get(f);
                        int k = cf.k(), x0 = r.nextInt(k), xt = r.nextInt(k);
                        for (int kk = 0; kk < k; kk++) {
                            logX0[i * dc + cf.start() + kk] = (float) Math.log(kk == x0 ? 1 : 1e-30);
                            qone[i * dc + cf.start() + kk] = (float) Math.log((kk == xt ? s.alpha[t] : 0) + (1 - s.alpha[t]) / k);
                        }
                        expected[i * c + f] = new double[k];
                        s.categoricalPosterior(t, x0, xt, k, expected[i * c + f]);
                    }
                }
                int tp = Math.max(t - 1, 0);
                NDArray out = net.posterior(m, m.create(logX0, new Shape(rows, dc)), m.create(qone, new Shape(rows, dc)),
                        m.create(new float[] {(float) s.logAlphaBar[tp]}, new Shape(1, 1)), m.create(new float[] {(float) s.log1mAlphaBar[tp]}, new Shape(1, 1)),
                        m.create(new float[] {t == 0 ? 1f : 0f}, new Shape(1, 1)));
                float[] got = out.exp().toFloatArray();
                for (int i = 0; i < rows; i++) {
                    for (int f = 0; f < c; f++) {
                        DdpmLayout.Categorical cf = l.categorical.get(f);
                        for (int kk = 0; kk < cf.k(); kk++) {
                            // float32 log-space arithmetic: 1e-5 absolute on probabilities.
                            assertThat((double) got[i * dc + cf.start() + kk]).as("t=%d row %d feature %d slot %d", t, i, f, kk)
                                    .isCloseTo(expected[i * c + f][kk], within(1e-5));
                        }
                    }
                }
            }
        }
    }
}
