package dev.ersatz.synth.arf;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.ersatz.synth.tree.Arrays64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdversarialRandomForestTest {
    private static ReadResult train;
    private static Metadata meta;
    private static FittedModel model;

    @BeforeAll
    static void fit() {
        train = Fixtures.adultTrain();
        meta = Fixtures.adultMetadata();
        model = FittedModel.fit(train.table(), meta, TextStyle.defaults(15), new AdversarialRandomForest(), 42, train.source(), Progress.NONE);
    }

    private static double ksCritical(int n, int m) {
        return 1.95 * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    @Test
    void fit_adult_iteratesAndEveryGeneratingLeafHoldsMinLeafRealRows() {
        FittedArf gen = (FittedArf) model.generator();
        assertThat(gen.iterations()).isGreaterThanOrEqualTo(1);
        JsonNode body = gen.toJson();
        for (JsonNode t : body.get("trees")) {
            for (int r : Arrays64.getVarints(t, "real")) assertThat(r == 0 || r >= AdversarialRandomForest.DEFAULT_MIN_LEAF).isTrue();
        }
        Table syn = model.sample(train.table().rowCount(), 1);
        assertThat(ColumnShapes.score(train.table(), syn, meta).value()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void fit_independentColumns_forestCannotTellAndStopsAtOnce() {
        int n = 3000;
        SplittableRandom rng = new SplittableRandom(1);
        String[] a = new String[n], b = new String[n], c = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = String.valueOf(rng.nextInt(4));
            b[i] = String.valueOf(rng.nextInt(3));
            c[i] = String.format("%.2f", rng.nextGaussian());
        }
        Table t = new Table(List.of(new StringColumn("a", a), new StringColumn("b", b), new StringColumn("c", c)));
        Metadata m = new Metadata(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL), ColumnSpec.of("b", ColumnKind.CATEGORICAL),
                ColumnSpec.of("c", ColumnKind.NUMERIC)));
        FittedModel fitted = FittedModel.fit(t, m, TextStyle.defaults(3), new AdversarialRandomForest(), 3, "independent", Progress.NONE);
        FittedArf gen = (FittedArf) fitted.generator();
        // Out-of-bag accuracy of a forest on 6,000 rows that carry no signal: 0.5 within four standard errors.
        assertThat(gen.accuracy()).isLessThan(0.5 + 4 * Math.sqrt(0.25 / 6000));
        assertThat(gen.iterations()).isZero();
    }

    @Test
    void sample_evidence_matchesRejectionFromUnconditionalSamples() {
        List<Condition> given = List.of(Condition.parse("sex=Female"), Condition.parse("age>=50"));
        assertThat(model.conditioningMethod(given)).startsWith("exact");
        Table cond = model.sample(given, 6_000, 5);
        Table all = model.sample(150_000, 6);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            if ("Female".equals(all.text(i, all.indexOf("sex"))) && Integer.parseInt(all.text(i, all.indexOf("age"))) >= 50) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(5_000);
        for (int i = 0; i < cond.rowCount(); i++) {
            assertThat(cond.text(i, cond.indexOf("sex"))).isEqualTo("Female");
            assertThat(Integer.parseInt(cond.text(i, cond.indexOf("age")))).isGreaterThanOrEqualTo(50);
        }
        for (String col : List.of("age", "hours_per_week", "fnlwgt")) {
            double ks = ColumnShapes.ksStatistic(sorted(cond, col), sorted(rejected, col));
            assertThat(ks).as(col).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        }
        double tv = ColumnShapes.totalVariation(cond.column("income"), rejected.column("income"));
        assertThat(tv).isLessThan(2 * Math.sqrt(2 * 0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
    }

    @Test
    void sample_evidenceNoLeafAllows_failsNamingIt() {
        // x takes four values, each shared by many rows (atoms, drawn exactly): no leaf puts mass in [40, 45],
        // although the codec accepts the range (it lies within the learned 0..101).
        int n = 1000;
        String[] x = new String[n], c = new String[n];
        int[] vals = {0, 1, 100, 101};
        for (int i = 0; i < n; i++) { x[i] = String.valueOf(vals[i % 4]); c[i] = String.valueOf(i % 3); }
        Table t = new Table(List.of(new StringColumn("x", x), new StringColumn("c", c)));
        Metadata m = new Metadata(List.of(ColumnSpec.of("x", ColumnKind.INTEGER), ColumnSpec.of("c", ColumnKind.CATEGORICAL)));
        FittedModel fitted = FittedModel.fit(t, m, TextStyle.defaults(2), new AdversarialRandomForest(), 1, "atoms", Progress.NONE);
        assertThatThrownBy(() -> fitted.sample(List.of(Condition.parse("x in [40,45]")), 10, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("x in [40,45]").hasMessageContaining("probability");
        Table ok = fitted.sample(List.of(Condition.parse("x in [90,110]")), 200, 1);
        for (int i = 0; i < ok.rowCount(); i++) assertThat(ok.text(i, 0)).isIn("100", "101");
    }

    @Test
    void fit_oneOrTwoThreads_byteIdenticalModel() {
        Table t = Fixtures.penguins().table();
        String old = System.getProperty("ersatz.threads");
        try {
            System.setProperty("ersatz.threads", "1");
            byte[] one = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), new AdversarialRandomForest(), 3, "p", Progress.NONE).toBytes();
            System.setProperty("ersatz.threads", "2");
            byte[] two = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), new AdversarialRandomForest(), 3, "p", Progress.NONE).toBytes();
            assertThat(two).isEqualTo(one);
        } finally {
            if (old == null) System.clearProperty("ersatz.threads"); else System.setProperty("ersatz.threads", old);
        }
    }

    @Test
    void fit_pseudocounts_roundTripAndStayInsideTheLeafPaths() {
        Table t = Fixtures.penguins().table();
        FittedModel m = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()),
                AdversarialRandomForest.fromOptions(Map.of("alpha", "0.5")), 3, "p", Progress.NONE);
        FittedModel back = FittedModel.load(m.toBytes(), "memory");
        assertThat(SynthText.rows(back.sample(2000, 4))).isEqualTo(SynthText.rows(m.sample(2000, 4)));
        Table cond = m.sample(List.of(Condition.parse("island=Dream")), 500, 2);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(cond.text(i, cond.indexOf("island"))).isEqualTo("Dream");
    }

    @Test
    void fromOptions_unknownOrBadValue_inputExceptionNamingIt() {
        assertThatThrownBy(() -> Registry.get("arf").create(Map.of("forest", "3"))).isInstanceOf(InputException.class).hasMessageContaining("forest");
        assertThatThrownBy(() -> Registry.get("arf").create(Map.of("delta", "0.7"))).isInstanceOf(InputException.class).hasMessageContaining("delta=0.7");
        assertThat(((AdversarialRandomForest) Registry.get("arf").create(Map.of("trees", "3"))).trees()).isEqualTo(3);
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

    @Test
    void fit_adult_educationYearsFollowTheEducationLevel() {
        // education_num is a function of education in adult: drawn from the leaf independently, half the
        // rows of a leaf mixing two levels would pair a level with the other's years.
        JsonNode deps = model.generator().toJson().path("dependents");
        assertThat(deps.size()).isGreaterThanOrEqualTo(1);
        assertThat(deps.get(0).path("column").asText()).isEqualTo("education_num");
        assertThat(deps.get(0).path("parent").asText()).isEqualTo("education");
        java.util.Set<String> realPairs = new java.util.HashSet<>();
        Table real = train.table();
        for (int i = 0; i < real.rowCount(); i++) realPairs.add(real.text(i, real.indexOf("education")) + "|" + real.text(i, real.indexOf("education_num")));
        Table syn = model.sample(20_000, 3);
        int seen = 0;
        for (int i = 0; i < syn.rowCount(); i++) {
            if (realPairs.contains(syn.text(i, syn.indexOf("education")) + "|" + syn.text(i, syn.indexOf("education_num")))) seen++;
        }
        assertThat(seen).isEqualTo(syn.rowCount());
        // A condition on the dependent column is met by the model's search, and the pairing still holds.
        List<Condition> given = List.of(Condition.parse("education_num=13"));
        assertThat(model.generator().supports(model.codec().translate(given).get(0))).isFalse();
        Table cond = model.sample(given, 500, 4);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(cond.text(i, cond.indexOf("education"))).isEqualTo("Bachelors");
    }

    @Test
    void fit_adult_maritalStatusRelationshipAndSexDrawnTogether() {
        JsonNode groups = model.generator().toJson().path("groups");
        assertThat(groups.toString()).isEqualTo("[[\"marital_status\",\"relationship\",\"sex\"]]");
        // Drawn one by one from mixed leaves, husbands would often come out female.
        Table syn = model.sample(20_000, 8);
        int husbands = 0, female = 0;
        for (int i = 0; i < syn.rowCount(); i++) {
            if (!"Husband".equals(syn.text(i, syn.indexOf("relationship")))) continue;
            husbands++;
            if ("Female".equals(syn.text(i, syn.indexOf("sex")))) female++;
            assertThat(syn.text(i, syn.indexOf("marital_status"))).startsWith("Married");
        }
        assertThat(husbands).isGreaterThan(5_000);
        assertThat(female).isLessThanOrEqualTo(husbands / 1000);
    }

    @Test
    void sample_conditionOnAKernelColumnAndAGroupedColumn_matchesRejection() {
        List<Condition> given = List.of(Condition.parse("fnlwgt<=100000"), Condition.parse("relationship=Wife"));
        for (var c : model.codec().translate(given)) assertThat(model.generator().supports(c)).isTrue();
        Table cond = model.sample(given, 3_000, 21);
        Table all = model.sample(300_000, 22);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            if (Double.parseDouble(all.text(i, all.indexOf("fnlwgt"))) <= 100000 && "Wife".equals(all.text(i, all.indexOf("relationship")))) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(2_000);
        int male = 0;
        for (int i = 0; i < cond.rowCount(); i++) {
            assertThat(Double.parseDouble(cond.text(i, cond.indexOf("fnlwgt")))).isLessThanOrEqualTo(100000);
            assertThat(cond.text(i, cond.indexOf("relationship"))).isEqualTo("Wife");
            if ("Male".equals(cond.text(i, cond.indexOf("sex")))) male++;
        }
        // The training rows hold 2 male wives among 1,568: the pair is kept jointly, rare exceptions included.
        assertThat(male).isLessThanOrEqualTo(cond.rowCount() / 100);
        for (String col : List.of("fnlwgt", "age")) {
            double ks = ColumnShapes.ksStatistic(sorted(cond, col), sorted(rejected, col));
            assertThat(ks).as(col).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        }
    }

    @Test
    void fit_paperNormals_kdeFalse_roundTripsAndConditions() {
        Table t = Fixtures.penguins().table();
        FittedModel m = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()),
                AdversarialRandomForest.fromOptions(Map.of("kde", "false")), 3, "p", Progress.NONE);
        assertThat(m.generator().toJson().path("trees").get(0).has("naSd")).isTrue();
        FittedModel back = FittedModel.load(m.toBytes(), "memory");
        assertThat(SynthText.rows(back.sample(1000, 4))).isEqualTo(SynthText.rows(m.sample(1000, 4)));
        Table cond = m.sample(List.of(Condition.parse("body_mass_g>=5000")), 300, 2);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(Double.parseDouble(cond.text(i, cond.indexOf("body_mass_g")))).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void dependents_explainedShareDecides() {
        // b is a function of a; c agrees with a on 70% of rows only; d is a nearly constant column.
        int n = 4000;
        SplittableRandom rng = new SplittableRandom(9);
        String[] a = new String[n], b = new String[n], c = new String[n], d = new String[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(5);
            a[i] = "a" + k;
            b[i] = String.valueOf(10 * k);
            c[i] = rng.nextDouble() < 0.7 ? "c" + k : "c" + rng.nextInt(5);
            d[i] = i == 0 ? "rare" : "x";
        }
        Table t = new Table(List.of(new StringColumn("a", a), new StringColumn("b", b), new StringColumn("c", c), new StringColumn("d", d)));
        Metadata m = new Metadata(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL), ColumnSpec.of("b", ColumnKind.INTEGER),
                ColumnSpec.of("c", ColumnKind.CATEGORICAL), new ColumnSpec("d", ColumnKind.CATEGORICAL, null, null, 1, List.of())));
        FittedModel fitted = FittedModel.fit(t, m, TextStyle.defaults(4), new AdversarialRandomForest(), 2, "deps", Progress.NONE);
        JsonNode deps = fitted.generator().toJson().path("dependents");
        assertThat(deps.size()).isEqualTo(1);
        assertThat(deps.get(0).path("column").asText()).isEqualTo("b");
        assertThat(deps.get(0).path("parent").asText()).isEqualTo("a");
        Table syn = FittedModel.load(fitted.toBytes(), "memory").sample(3000, 1);
        for (int i = 0; i < syn.rowCount(); i++) {
            assertThat(syn.text(i, 1)).isEqualTo(String.valueOf(10 * Integer.parseInt(syn.text(i, 0).substring(1))));
        }
    }

    private static double[] sorted(Table t, String col) {
        int c = t.indexOf(col);
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(t.text(i, c));
        java.util.Arrays.sort(v);
        return v;
    }

    /** Rows as text, for comparing samples. */
    static final class SynthText {
        static List<String> rows(Table t) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < t.rowCount(); i++) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < t.columnCount(); c++) sb.append(t.text(i, c)).append('|');
                out.add(sb.toString());
            }
            return out;
        }
    }
}
