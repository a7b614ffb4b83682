package dev.ersatz.synth.cart;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.synth.Fixtures;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CartSynthesizerTest {
    private static ReadResult train;
    private static Metadata meta;
    private static FittedModel model;

    @BeforeAll
    static void fit() {
        train = Fixtures.adultTrain();
        meta = Fixtures.adultMetadata();
        model = FittedModel.fit(train.table(), meta, TextStyle.defaults(15), new CartSynthesizer(), 42, train.source(), Progress.NONE);
    }

    /** Kolmogorov–Smirnov critical value at α = 0.001 for samples of n and m: c(α)·√((n+m)/(nm)). */
    private static double ksCritical(int n, int m) {
        return 1.95 * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    @Test
    void adult_columnShapesAndADependence_matchTheData() {
        Table syn = model.sample(train.table().rowCount(), 1);
        assertThat(ColumnShapes.score(train.table(), syn, meta).value()).isGreaterThanOrEqualTo(0.98);
        // P(income >50K | education = Doctorate): a dependence two columns apart, which a marginal model loses.
        double[] real = share(train.table(), "education", "Doctorate", "income", ">50K");
        double[] synth = share(syn, "education", "Doctorate", "income", ">50K");
        double p = real[0];
        double tol = 4 * Math.sqrt(p * (1 - p) * (1 / real[1] + 1 / synth[1]));
        assertThat(Math.abs(synth[0] - p)).as("real %.3f (n=%.0f), synthetic %.3f (n=%.0f)", p, real[1], synth[0], synth[1]).isLessThan(tol);
    }

    private static double[] share(Table t, String col, String value, String target, String label) {
        int c = t.indexOf(col), y = t.indexOf(target);
        double n = 0, k = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!value.equals(t.text(i, c))) continue;
            n++;
            if (label.equals(t.text(i, y))) k++;
        }
        return new double[] {k / n, n};
    }

    @Test
    void sample_conditionsOnLaterColumns_matchRejectionFromUnconditionalSamples() {
        List<Condition> given = List.of(Condition.parse("sex=Female"), Condition.parse("age>=50"));
        assertThat(model.conditioningMethod(given)).contains("rejection");
        Table cond = model.sample(given, 6_000, 5);
        Table all = model.sample(150_000, 6);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            if ("Female".equals(all.text(i, all.indexOf("sex"))) && Integer.parseInt(all.text(i, all.indexOf("age"))) >= 50) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(5_000);
        assertThat(cond.rowCount()).isEqualTo(6_000);
        for (int i = 0; i < cond.rowCount(); i++) {
            assertThat(cond.text(i, cond.indexOf("sex"))).isEqualTo("Female");
            assertThat(Integer.parseInt(cond.text(i, cond.indexOf("age")))).isGreaterThanOrEqualTo(50);
        }
        for (String col : List.of("age", "hours_per_week", "fnlwgt")) {
            double ks = ColumnShapes.ksStatistic(sorted(cond, col), sorted(rejected, col));
            assertThat(ks).as(col).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        }
        for (String col : List.of("income", "marital_status", "relationship")) {
            double tv = ColumnShapes.totalVariation(cond.column(col), rejected.column(col));
            // TV over k labels: each frequency within 4 SEs, summed and halved, bounded by 2·√(k·¼·(1/n+1/m)).
            int k = col.equals("income") ? 2 : 7;
            assertThat(tv).as(col).isLessThan(2 * Math.sqrt(k * 0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
        }
    }

    @Test
    void conditioningMethod_firstVisitedColumn_exactWithoutRejection() {
        FittedCart gen = (FittedCart) model.generator();
        String first = gen.order().get(0);
        String value = model.sample(1, 3).text(0, model.metadata().names().indexOf(first));
        List<Condition> given = List.of(Condition.parse(first + "=" + value));
        assertThat(model.conditioningMethod(given)).contains("visited first");
        Table t = model.sample(given, 3_000, 2);
        for (int i = 0; i < t.rowCount(); i++) assertThat(t.text(i, t.indexOf(first))).isEqualTo(value);
    }

    @Test
    void sample_conditionsTheModelNeverMeetsTogether_failsNamingThemInsteadOfReturningFewerRows() {
        // b copies a: the trees learn it exactly, so a=p together with b=q has probability zero.
        int n = 400;
        String[] a = new String[n], b = new String[n], c = new String[n];
        for (int i = 0; i < n; i++) { a[i] = i % 2 == 0 ? "p" : "q"; b[i] = a[i]; c[i] = String.valueOf(i % 5); }
        Table t = new Table(List.of(new StringColumn("a", a), new StringColumn("b", b), new StringColumn("c", c)));
        Metadata m = new Metadata(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL), ColumnSpec.of("b", ColumnKind.CATEGORICAL),
                ColumnSpec.of("c", ColumnKind.CATEGORICAL)));
        FittedModel fitted = FittedModel.fit(t, m, TextStyle.defaults(3), new CartSynthesizer(), 1, "copies", Progress.NONE);
        List<Condition> impossible = List.of(Condition.parse("a=p"), Condition.parse("b=q"));
        assertThatThrownBy(() -> fitted.sample(impossible, 10, 1)).isInstanceOf(InputException.class)
                .hasMessageContaining("a=p").hasMessageContaining("probability");
        assertThat(fitted.sample(List.of(Condition.parse("a=p"), Condition.parse("b=p")), 10, 1).rowCount()).isEqualTo(10);
    }

    @Test
    void fit_oneOrTwoThreads_byteIdenticalModel() {
        Table t = Fixtures.penguins().table();
        String old = System.getProperty("ersatz.threads");
        try {
            System.setProperty("ersatz.threads", "1");
            byte[] one = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), new CartSynthesizer(), 3, "p", Progress.NONE).toBytes();
            System.setProperty("ersatz.threads", "2");
            byte[] two = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), new CartSynthesizer(), 3, "p", Progress.NONE).toBytes();
            assertThat(two).isEqualTo(one);
        } finally {
            if (old == null) System.clearProperty("ersatz.threads"); else System.setProperty("ersatz.threads", old);
        }
    }

    @Test
    void fit_orderOption_visitsListedColumnsFirst() {
        Table t = Fixtures.penguins().table();
        FittedModel m = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()),
                CartSynthesizer.fromOptions(Map.of("order", "sex,body_mass_g")), 3, "p", Progress.NONE);
        assertThat(((FittedCart) m.generator()).order().subList(0, 2)).containsExactly("sex", "body_mass_g");
        assertThatThrownBy(() -> FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()),
                CartSynthesizer.fromOptions(Map.of("order", "beak")), 3, "p", Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("beak");
    }

    @Test
    void fromOptions_unknownOrBadValue_inputExceptionNamingIt() {
        assertThatThrownBy(() -> Registry.get("cart").create(Map.of("leaf", "3"))).isInstanceOf(InputException.class).hasMessageContaining("leaf");
        assertThatThrownBy(() -> Registry.get("cart").create(Map.of("minLeaf", "x"))).isInstanceOf(InputException.class).hasMessageContaining("minLeaf=x");
        assertThatThrownBy(() -> Registry.get("cart").create(Map.of("folds", "1"))).isInstanceOf(InputException.class).hasMessageContaining("folds");
        assertThat(((CartSynthesizer) Registry.get("cart").create(Map.of("minLeaf", "25"))).minLeaf()).isEqualTo(25);
    }

    @Test
    void fit_crossValidatedPruning_conformsAndDiffersFromTheDefault() {
        Table t = Fixtures.penguins().table();
        FittedModel cv = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()),
                CartSynthesizer.fromOptions(Map.of("folds", "3", "cp", "0")), 3, "p", Progress.NONE);
        FittedModel back = FittedModel.load(cv.toBytes(), "memory");
        assertThat(back.toBytes()).isEqualTo(cv.toBytes());
        assertThat(back.sample(500, 1).rowCount()).isEqualTo(500);
    }

    @Test
    void sample_setAndExclusion_exactAndMatchRejection() {
        List<Condition> given = List.of(Condition.parse("race in {Black,Asian-Pac-Islander}"), Condition.parse("hours_per_week not in {40,45,50}"));
        assertThat(model.generator().supports(model.codec().translate(given).get(0))).isTrue();
        assertThat(model.generator().supports(model.codec().translate(given).get(1))).isTrue();
        Table cond = model.sample(given, 4_000, 11);
        Table all = model.sample(200_000, 12);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            String race = all.text(i, all.indexOf("race"));
            int h = Integer.parseInt(all.text(i, all.indexOf("hours_per_week")));
            if ((race.equals("Black") || race.equals("Asian-Pac-Islander")) && h != 40 && h != 45 && h != 50) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(3_000);
        for (int i = 0; i < cond.rowCount(); i++) {
            assertThat(cond.text(i, cond.indexOf("race"))).isIn("Black", "Asian-Pac-Islander");
            int h = Integer.parseInt(cond.text(i, cond.indexOf("hours_per_week")));
            assertThat(h).isNotIn(40, 45, 50);
        }
        for (String col : List.of("age", "hours_per_week")) {
            double ks = ColumnShapes.ksStatistic(sorted(cond, col), sorted(rejected, col));
            assertThat(ks).as(col).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        }
        double tv = ColumnShapes.totalVariation(cond.column("race"), rejected.column("race"));
        assertThat(tv).isLessThan(2 * Math.sqrt(2 * 0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
    }

    private static double[] sorted(Table t, String col) {
        int c = t.indexOf(col);
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(t.text(i, c));
        java.util.Arrays.sort(v);
        return v;
    }
}
