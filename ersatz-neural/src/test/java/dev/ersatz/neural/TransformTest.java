package dev.ersatz.neural;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The variational mixture, CTGAN's data transformer, TabDDPM's quantile map and diffusion schedule. */
class TransformTest {

    /** 3,000 draws of N(−5, 1) and 7,000 of N(5, 0.5), seeded. */
    static double[] twoModes() {
        SplittableRandom r = new SplittableRandom(42);
        double[] x = new double[10_000];
        for (int i = 0; i < 3000; i++) x[i] = -5 + r.nextGaussian();
        for (int i = 3000; i < x.length; i++) x[i] = 5 + 0.5 * r.nextGaussian();
        return x;
    }

    /**
     * Like scikit-learn's, the truncated Dirichlet-process mixture started from ten k-means clusters
     * prunes slowly in its 100 iterations and may keep several components per true mode; what must
     * hold is that the components on each side describe that side's Gaussian.
     */
    @Test
    void vgm_twoWellSeparatedGaussians_eachSideRecovered() {
        Vgm.Modes m = Vgm.fit(twoModes(), new SplittableRandom(1));
        double[] w = new double[2], mean = new double[2], second = new double[2];
        for (int k = 0; k < m.size(); k++) {
            int side = m.means()[k] < 0 ? 0 : 1;
            w[side] += m.weights()[k];
            mean[side] += m.weights()[k] * m.means()[k];
            second[side] += m.weights()[k] * (m.stds()[k] * m.stds()[k] + m.means()[k] * m.means()[k]);
        }
        for (int side = 0; side < 2; side++) { mean[side] /= w[side]; second[side] /= w[side]; }
        double sdLo = Math.sqrt(second[0] - mean[0] * mean[0]), sdHi = Math.sqrt(second[1] - mean[1] * mean[1]);
        // Four standard errors of each estimate (mean σ/√n, sd σ/√(2n), share √(p(1−p)/n)).
        assertThat(w[1]).as(Vgm.describe(m)).isCloseTo(0.7, within(4 * Math.sqrt(0.21 / 10_000)));
        assertThat(mean[0]).isCloseTo(-5, within(4 * 1 / Math.sqrt(3000)));
        assertThat(mean[1]).isCloseTo(5, within(4 * 0.5 / Math.sqrt(7000)));
        // Each component's variance also carries the prior's share, (data variance)/(1 + n_k): with at most
        // ten components on a side that inflates the side's variance by at most 10·var/n_side.
        double var = 0.3 * 1 + 0.7 * 0.25 + 0.21 * 100;
        double biasLo = Math.sqrt(1 + 10 * var / 3000) - 1, biasHi = Math.sqrt(0.25 + 10 * var / 7000) - 0.5;
        assertThat(sdLo).isCloseTo(1, within(4 * 1 / Math.sqrt(6000) + biasLo));
        assertThat(sdHi).isCloseTo(0.5, within(4 * 0.5 / Math.sqrt(14000) + biasHi));
        assertThat(m.size()).isLessThanOrEqualTo(Vgm.COMPONENTS);
    }

    @Test
    void vgm_constantColumn_oneNarrowMode() {
        double[] x = new double[100];
        Arrays.fill(x, 3.5);
        Vgm.Modes m = Vgm.fit(x, new SplittableRandom(1));
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.means()[0]).isEqualTo(3.5);
    }

    @Test
    void vgm_sameSeed_sameModes() {
        assertThat(Vgm.describe(Vgm.fit(twoModes(), new SplittableRandom(9)))).isEqualTo(Vgm.describe(Vgm.fit(twoModes(), new SplittableRandom(9))));
    }

    private static Table mixed() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 2000;
        double[] num = new double[n], zeroInflated = new double[n];
        int[] cat = new int[n];
        for (int i = 0; i < n; i++) {
            num[i] = i % 50 == 0 ? Double.NaN : (r.nextBoolean() ? 10 + r.nextGaussian() : 100 + 5 * r.nextGaussian());
            zeroInflated[i] = r.nextDouble() < 0.8 ? 0 : 1000 + 200 * r.nextGaussian();
            cat[i] = i % 40 == 0 ? -1 : r.nextInt(3);
        }
        return new Table(List.of(new NumericColumn("num", num), new NumericColumn("zi", zeroInflated),
                new CategoricalColumn("cat", cat, new String[] {"a", "b", "c"})));
    }

    private static final List<ModelColumn> MIXED = List.of(new ModelColumn("num", false, List.of(), 0),
            new ModelColumn("zi", false, List.of(), 1), new ModelColumn("cat", true, List.of("a", "b", "c"), 2));

    @Test
    void transformer_encodeThenDecode_reproducesValues() {
        Table t = mixed();
        DataTransformer tr = DataTransformer.fit(t, MIXED, new SplittableRandom(1), true);
        float[] x = tr.encode(t, new SplittableRandom(2));
        Table back = tr.decode(x, t.rowCount(), null, new SplittableRandom(3));
        double[] num = ((NumericColumn) t.column(0)).values(), num2 = ((NumericColumn) back.column(0)).values();
        double[] zi = ((NumericColumn) t.column(1)).values(), zi2 = ((NumericColumn) back.column(1)).values();
        int far = 0;
        for (int i = 0; i < num.length; i++) {
            assertThat(Double.isNaN(num2[i])).as("missing kept, row %d", i).isEqualTo(Double.isNaN(num[i]));
            // α is clipped at ±0.99 (3.96 σ of the chosen mode): only such outliers may move.
            if (!Double.isNaN(num[i]) && Math.abs(num2[i] - num[i]) > 1e-3 * Math.max(1, Math.abs(num[i]))) far++;
            if (zi[i] == 0) assertThat(zi2[i]).as("atom 0 exact, row %d", i).isEqualTo(0);
        }
        assertThat(far).isLessThanOrEqualTo(num.length / 100);
        assertThat(((CategoricalColumn) back.column(2)).codes()).isEqualTo(((CategoricalColumn) t.column(2)).codes());
        // Layout: num = α + modes + 2 missing slots; zi = α + modes + atom; cat = 3 levels + missing.
        assertThat(tr.info(1).atoms).containsExactly(0.0);
        assertThat(tr.discrete()).hasSize(1);
        assertThat(tr.condDim()).isEqualTo(4);
    }

    @Test
    void transformer_jsonRoundTrip_sameLayoutAndDecoding() {
        Table t = mixed();
        DataTransformer tr = DataTransformer.fit(t, MIXED, new SplittableRandom(1), true);
        DataTransformer back = DataTransformer.fromJson(tr.toJson(), MIXED);
        assertThat(back.toJson()).isEqualTo(tr.toJson());
        assertThat(back.dim()).isEqualTo(tr.dim());
        float[] x = tr.encode(t, new SplittableRandom(2));
        assertThat(back.encode(t, new SplittableRandom(2))).isEqualTo(x);
    }

    @Test
    void quantileNormal_zeroInflated_keepsAtomAndOrder() {
        double[] zi = ((NumericColumn) mixed().column(1)).values();
        QuantileNormal q = QuantileNormal.fit(zi);
        assertThat(q.inverse(q.forward(0))).isEqualTo(0);
        double prev = Double.NEGATIVE_INFINITY;
        double[] sorted = zi.clone();
        Arrays.sort(sorted);
        for (double v : sorted) {
            double z = q.forward(v);
            assertThat(z).isGreaterThanOrEqualTo(prev);
            prev = z;
        }
        // Stored quantiles come back (the two ends only to within the 1e-7 clip of u: a sliver of the last gap).
        double[] qs = q.quantiles();
        for (int i = 1; i < qs.length - 1; i++) assertThat(q.inverse(q.forward(qs[i]))).isCloseTo(qs[i], within(1e-6 * Math.max(1, Math.abs(qs[i]))));
        int last = qs.length - 1;
        assertThat(q.inverse(q.forward(qs[last]))).isCloseTo(qs[last], within(1e-6 * last * (qs[last] - qs[last - 1])));
    }

    @Test
    void schedule_posterior_isBayesRule() {
        Schedule s = new Schedule(50);
        for (int t = 1; t < 50; t++) assertThat(s.alphaBar[t]).isLessThan(s.alphaBar[t - 1]);
        double[] out = new double[4];
        for (int t : new int[] {0, 1, 10, 49}) {
            for (int x0 = 0; x0 < 4; x0++) {
                for (int xt = 0; xt < 4; xt++) {
                    s.categoricalPosterior(t, x0, xt, 4, out);
                    double[] brute = new double[4];
                    double total = 0;
                    for (int k = 0; k < 4; k++) {
                        // q(x_{t-1}=k | x0) q(x_t | x_{t-1}=k)
                        double prior = t == 0 ? (k == x0 ? 1 : 0) : s.alphaBar[t - 1] * (k == x0 ? 1 : 0) + (1 - s.alphaBar[t - 1]) / 4;
                        double lik = t == 0 ? 1 : s.alpha[t] * (k == xt ? 1 : 0) + (1 - s.alpha[t]) / 4;
                        brute[k] = prior * lik;
                        total += brute[k];
                    }
                    for (int k = 0; k < 4; k++) assertThat(out[k]).isCloseTo(brute[k] / total, within(1e-12));
                }
            }
        }
    }
}
