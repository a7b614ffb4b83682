package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The generation step of each method on small fixtures whose neighbours and expected frequencies are
 * worked out by hand (in each test's comment). Frequencies are checked with four binomial standard
 * errors, sqrt(p(1 − p)/n), for n draws: a false alarm about once in 16,000 runs of a correct
 * implementation, with fixed seeds so a run is repeatable.
 */
class OversamplerTest {
    private static final int N = 20_000;

    static double tol(double p, int n) {
        return 4 * Math.sqrt(p * (1 - p) / n);
    }

    static Oversampler.Data oneD(double[] x, int[] y) {
        return new Oversampler.Data(y, 2, new double[][] {x}, new int[0][], new int[0], new String[0][]);
    }

    static Oversampler over(Oversampler.Data d, Method m, int k, int mNeighbors) {
        return new Oversampler(d, new Oversampler.Params(m, k, mNeighbors, null, false, 1));
    }

    @Test
    void smote_lineK1_pairsDrawnUniformlyAndOnlyWithinTheClass() {
        // Class 1 at 0, 1, 3, 7; class 0 at 2 and 5 (between them, never a SMOTE neighbour).
        // k = 1: nn(0) = 1, nn(1) = 0, nn(3) = 1, nn(7) = 3. Each base row is drawn with p = 1/4, so
        // P(new in [0,1]) = 1/2 (from 0 and 1), P(in (1,3)) = 1/4 (from 3), P(in (3,7)) = 1/4 (from 7).
        Oversampler.Data d = oneD(new double[] {0, 2, 1, 5, 3, 7}, new int[] {1, 0, 1, 0, 1, 1});
        Oversampler.NewRows r = over(d, Method.SMOTE, 1, 10).sample(1, "one", N, new SplittableRandom(1));
        assertThat(r.count()).isEqualTo(N);
        int low = 0, mid = 0, high = 0;
        double sumGapHigh = 0;
        for (double v : r.num()[0]) {
            assertThat(v).isBetween(0.0, 7.0);
            if (v <= 1) low++;
            else if (v < 3) mid++;
            else { high++; sumGapHigh += (7 - v) / 4; }
        }
        assertThat(low / (double) N).isCloseTo(0.5, within(tol(0.5, N)));
        assertThat(mid / (double) N).isCloseTo(0.25, within(tol(0.25, N)));
        assertThat(high / (double) N).isCloseTo(0.25, within(tol(0.25, N)));
        // The gap is U[0,1): its mean over the (7 → 3) rows is 1/2 within 4 standard errors (sd 1/sqrt(12)).
        assertThat(sumGapHigh / high).isCloseTo(0.5, within(4 / Math.sqrt(12.0 * high)));
    }

    @Test
    void smote_plane_everyNewRowOnAHandComputedNeighbourSegment() {
        // Class 1: A(0,0), B(1,0), C(0,2), D(5,5). With k = 2: nn(A) = {B, C}, nn(B) = {A, C} (1 and √5),
        // nn(C) = {A, B} (2 and √5), nn(D) = {C, B} (√34 and √41, not A at √50).
        double[] x = {0, 1, 0, 5, 9}, yv = {0, 0, 2, 5, 9};
        Oversampler.Data d = new Oversampler.Data(new int[] {1, 1, 1, 1, 0}, 2, new double[][] {x, yv}, new int[0][], new int[0], new String[0][]);
        Oversampler o = over(d, Method.SMOTE, 2, 10);
        assertThat(o.smoteNeighbours(new int[] {0, 1, 2, 3}, 2)).containsExactly(1, 2, 0, 2, 0, 1, 2, 1);
        Oversampler.NewRows r = o.sample(1, "one", 5000, new SplittableRandom(2));
        int[][] segments = {{0, 1}, {0, 2}, {1, 2}, {3, 2}, {3, 1}};
        for (int i = 0; i < r.count(); i++) {
            double px = r.num()[0][i], py = r.num()[1][i];
            boolean on = false;
            for (int[] s : segments) {
                double ax = x[s[0]], ay = yv[s[0]], bx = x[s[1]], by = yv[s[1]];
                double cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
                double dot = (px - ax) * (bx - ax) + (py - ay) * (by - ay), len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
                if (Math.abs(cross) < 1e-9 && dot >= -1e-12 && dot <= len2 + 1e-12) on = true;
            }
            assertThat(on).as("(%f, %f) lies on a neighbour segment", px, py).isTrue();
        }
    }

    /**
     * Class 1 at 0 and 1, class 0 at 1.6, 5, 6, 7. With m = 2 both class-1 rows have one neighbour of
     * each class among their two nearest (0: {1, 1.6}; 1: {1.6, 0}), so both are in danger (1 ≤ m' &lt; 2).
     */
    static Oversampler.Data borderlineLine() {
        return oneD(new double[] {0, 1, 1.6, 5, 6, 7}, new int[] {1, 1, 0, 0, 0, 0});
    }

    @Test
    void borderline1_line_interpolatesOnlyTowardsTheClass() {
        Oversampler.NewRows r = over(borderlineLine(), Method.BORDERLINE1, 1, 2).sample(1, "one", N, new SplittableRandom(3));
        for (double v : r.num()[0]) assertThat(v).isBetween(0.0, 1.0);
    }

    @Test
    void borderline2_line_goesAtMostHalfWayTowardsAnotherClass() {
        // k = 1 over the whole data: nn(0) = 1 (class 1), nn(1) = 1.6 (class 0). Half the new rows come
        // from 1 towards 1.6 with gap g·u, g ~ U[0,1), u ~ U[0,0.5): inside [1, 1.3), mean gap 1/8
        // (sd of g·u: sqrt(E[g²]E[u²] − 1/64) = sqrt(1/3 · 1/12 − 1/64)).
        Oversampler.NewRows r = over(borderlineLine(), Method.BORDERLINE2, 1, 2).sample(1, "one", N, new SplittableRandom(4));
        int towardsOther = 0;
        double sum = 0;
        for (double v : r.num()[0]) {
            assertThat(v).isBetween(0.0, 1.3);
            if (v > 1) { towardsOther++; sum += (v - 1) / 0.6; }
        }
        assertThat(towardsOther / (double) N).isCloseTo(0.5, within(tol(0.5, N)));
        double sd = Math.sqrt(1.0 / 36 - 1.0 / 64);
        assertThat(sum / towardsOther).isCloseTo(0.125, within(4 * sd / Math.sqrt(towardsOther)));
    }

    @Test
    void borderline_noRowInDanger_addsNothingAndSaysWhy() {
        // Far-apart classes: no class-1 row has a class-0 neighbour among its 2 nearest.
        Oversampler.Data d = oneD(new double[] {0, 1, 2, 100, 101}, new int[] {1, 1, 1, 0, 0});
        Oversampler.NewRows r = over(d, Method.BORDERLINE1, 1, 2).sample(1, "one", 10, new SplittableRandom(5));
        assertThat(r.count()).isZero();
        assertThat(r.note()).contains("in danger").contains("nothing added");
    }

    @Test
    void smotenc_vote_takesTheNeighboursMajorityAndBreaksTiesAtRandom() {
        // Class 1 rows at x = 0, 1, 2, 10 with categories A, B, B, A. k = 2 under the mixed distance
        // (median sd 0.5·... any weight: neighbours by x dominate): nn(0) = {1, 2} → B, B;
        // nn(1) = {0, 2} → A, B (tie); nn(2) = {1, 0} → B, A (tie); nn(10) = {2, 1} → B, B.
        // So P(B) = 1/4 + 1/4 + 1/4·1/2 + 1/4·1/2 = 3/4 exactly, whatever the base row's own category.
        double[] x = {0, 1, 2, 10, 50};
        int[] c = {0, 1, 1, 0, 0};
        Oversampler.Data d = new Oversampler.Data(new int[] {1, 1, 1, 1, 0}, 2, new double[][] {x}, new int[][] {c}, new int[] {2},
                new String[][] {{"A", "B"}});
        Oversampler.NewRows r = over(d, Method.SMOTENC, 2, 10).sample(1, "one", N, new SplittableRandom(6));
        int b = 0;
        for (int v : r.cat()[0]) if (v == 1) b++;
        assertThat(b / (double) N).isCloseTo(0.75, within(tol(0.75, N)));
    }

    @Test
    void smote_categorical_takesTheNearerEndpointsCategory() {
        // SMOTE with a categorical column treats it as one-hot: the new row's category is the base row's
        // when the gap is below 1/2, the neighbour's otherwise.
        double[] x = {0, 4, 50};
        int[] c = {0, 1, 0};
        Oversampler.Data d = new Oversampler.Data(new int[] {1, 1, 0}, 2, new double[][] {x}, new int[][] {c}, new int[] {2},
                new String[][] {{"A", "B"}});
        Oversampler.NewRows r = over(d, Method.SMOTE, 1, 10).sample(1, "one", 2000, new SplittableRandom(7));
        for (int i = 0; i < r.count(); i++) {
            double v = r.num()[0][i];
            assertThat(r.cat()[0][i]).as("x=%f", v).isEqualTo(v < 2 ? 0 : 1);
        }
    }

    @Test
    void smoten_mode_includesTheBaseRowAndBreaksTiesInSortedOrder() {
        // One categorical column, levels in code order {"z", "a"} (sorted: a before z). Class 1 rows:
        // codes z, a, a, z, z; k = 1. A new row is the mode of a base row and its nearest neighbour:
        // two values, so a tie whenever they differ, won by "a" (first in sorted order) — never "z"
        // unless both are "z". The value difference metric puts z and a apart (z occurs in class 1 only,
        // a in both), and rows with the same value at distance 0, ties going to the lower row index.
        int[] c = {0, 1, 1, 0, 0, 1, 1, 1};
        Oversampler.Data d = new Oversampler.Data(new int[] {1, 1, 1, 1, 1, 0, 0, 0}, 2, new double[0][], new int[][] {c}, new int[] {2},
                new String[][] {{"z", "a"}});
        Oversampler o = over(d, Method.SMOTEN, 1, 10);
        Oversampler.NewRows r = o.sample(1, "one", 4000, new SplittableRandom(8));
        int[] nns = o.smotenNeighbours(new int[] {0, 1, 2, 3, 4}, 1, null);
        // Zero-distance neighbours: the same value; so every new row copies its base row's value.
        assertThat(nns).containsExactly(3, 2, 1, 0, 0);
        int zs = 0;
        for (int v : r.cat()[0]) if (v == 0) zs++;
        assertThat(zs / 4000.0).isCloseTo(0.6, within(tol(0.6, 4000)));
        // A tie between different values goes to the sorted-first label.
        int[] c2 = {0, 1, 1, 1, 1, 1};
        Oversampler.Data two = new Oversampler.Data(new int[] {1, 1, 0, 0, 0, 0}, 2, new double[0][], new int[][] {c2}, new int[] {2},
                new String[][] {{"z", "a"}});
        Oversampler.NewRows r2 = over(two, Method.SMOTEN, 1, 10).sample(1, "one", 100, new SplittableRandom(9));
        for (int v : r2.cat()[0]) assertThat(v).isEqualTo(1);
    }

    @Test
    void random_plain_copiesClassRowsUniformly() {
        Oversampler.Data d = oneD(new double[] {0, 1, 2, 3}, new int[] {1, 0, 1, 0});
        Oversampler.NewRows r = over(d, Method.RANDOM, 5, 10).sample(1, "one", N, new SplittableRandom(10));
        assertThat(r.copies()).hasSize(N);
        int zeros = 0;
        for (int i : r.copies()) {
            assertThat(i).isIn(0, 2);
            if (i == 0) zeros++;
        }
        assertThat(zeros / (double) N).isCloseTo(0.5, within(tol(0.5, N)));
    }

    @Test
    void random_shrinkage_addsNoiseOfSilvermansWidth() {
        // 100 class-1 rows at 0 and 2 (σ = 1), 100 class-0 rows: d = 1, n = 200, so
        // h = (4 / (3·200))^(1/5) and the noise sd is s·h·σ. The sample sd of n normal draws has a
        // standard error of about sd/sqrt(2n).
        int n = 200;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < 100; i++) { x[i] = (i % 2) * 2; y[i] = 1; }
        for (int i = 100; i < n; i++) x[i] = 10 + i;
        double s = 0.5;
        Oversampler o = new Oversampler(oneD(x, y), new Oversampler.Params(Method.RANDOM, 5, 10, s, false, 1));
        Oversampler.NewRows r = o.sample(1, "one", N, new SplittableRandom(11));
        double ss = 0;
        for (double v : r.num()[0]) {
            double base = v < 1 ? 0 : 2;
            ss += (v - base) * (v - base);
        }
        double sd = Math.sqrt(ss / N);
        double expected = s * Math.pow(4.0 / (3.0 * n), 1.0 / 5) * 1.0;
        assertThat(sd).isCloseTo(expected, within(4 * expected / Math.sqrt(2.0 * N)));
    }

    @Test
    void smote_missingNumbers_followTheBaseRow() {
        // Rows 0 and 1 are each other's only class neighbour. Row 0's value is missing: new rows based on
        // it are missing; new rows based on row 1 keep row 1's value (the neighbour has none).
        Oversampler.Data d = oneD(new double[] {Double.NaN, 4, 100}, new int[] {1, 1, 0});
        Oversampler.NewRows r = over(d, Method.SMOTE, 1, 10).sample(1, "one", 1000, new SplittableRandom(12));
        int missing = 0;
        for (double v : r.num()[0]) {
            if (Double.isNaN(v)) missing++;
            else assertThat(v).isEqualTo(4.0);
        }
        assertThat(missing / 1000.0).isCloseTo(0.5, within(tol(0.5, 1000)));
    }

    @Test
    void sample_sameSeed_identicalOnAnyThreadCount() {
        SplittableRandom data = new SplittableRandom(99);
        int n = 3000;
        double[] a = new double[n], b = new double[n];
        int[] y = new int[n], c = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = data.nextGaussian();
            b[i] = data.nextGaussian();
            c[i] = data.nextInt(4);
            y[i] = i % 5 == 0 ? 1 : 0;
        }
        for (Method m : new Method[] {Method.SMOTE, Method.SMOTENC, Method.BORDERLINE1, Method.BORDERLINE2, Method.ADASYN}) {
            Oversampler.Data d = new Oversampler.Data(y, 2, new double[][] {a, b}, new int[][] {c}, new int[] {4}, new String[][] {{"p", "q", "r", "s"}});
            Oversampler.NewRows one = new Oversampler(d, new Oversampler.Params(m, 5, 10, null, false, 1)).sample(1, "one", 2000, new SplittableRandom(5));
            Oversampler.NewRows four = new Oversampler(d, new Oversampler.Params(m, 5, 10, null, false, 4)).sample(1, "one", 2000, new SplittableRandom(5));
            assertThat(four.num()).as(m.cliName()).isDeepEqualTo(one.num());
            assertThat(four.cat()).as(m.cliName()).isDeepEqualTo(one.cat());
        }
    }

    @Test
    void errors_tooFewRowsOrWrongKinds_nameTheProblem() {
        Oversampler.Data tiny = oneD(new double[] {0, 1, 5, 6, 7}, new int[] {1, 1, 0, 0, 0});
        assertThatThrownBy(() -> over(tiny, Method.SMOTE, 5, 10).sample(1, "rare", 3, new SplittableRandom(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("class 'rare' offers 1").hasMessageContaining("--k-neighbors");
        Oversampler.Data cats = new Oversampler.Data(new int[] {1, 1, 0}, 2, new double[0][], new int[][] {{0, 1, 0}}, new int[] {2}, new String[][] {{"a", "b"}});
        assertThatThrownBy(() -> over(cats, Method.SMOTENC, 1, 10).sample(1, "one", 3, new SplittableRandom(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("smoten");
        assertThatThrownBy(() -> over(tiny, Method.SMOTEN, 1, 10).sample(1, "one", 3, new SplittableRandom(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("smotenc");
        Oversampler.Data apart = oneD(new double[] {0, 1, 2, 100, 101, 102}, new int[] {1, 1, 1, 0, 0, 0});
        assertThatThrownBy(() -> over(apart, Method.ADASYN, 2, 10).sample(1, "one", 3, new SplittableRandom(1)))
                .isInstanceOf(InputException.class).hasMessageContaining("ADASYN").hasMessageContaining("smote");
    }
}
