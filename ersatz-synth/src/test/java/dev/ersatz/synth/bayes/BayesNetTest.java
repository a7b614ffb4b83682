package dev.ersatz.synth.bayes;

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
import dev.ersatz.synth.dp.PrivacyReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BayesNetTest {

    private static FittedModel fitPenguins(BayesNet net, long seed) {
        Table t = Fixtures.penguins().table();
        return FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), net, seed, "penguins", Progress.NONE);
    }

    private static JsonNode mechanism(JsonNode ledger, String purpose) {
        for (JsonNode m : ledger.path("mechanisms")) if (m.path("purpose").asText().equals(purpose)) return m;
        throw new AssertionError("no mechanism " + purpose + " in " + ledger);
    }

    @Test
    void fit_epsilon_spendsExactlyItAndEveryNoiseScaleFollowsIt() {
        int d = 8, numeric = 4;
        for (double eps : new double[] {0.5, 1, 4}) {
            BayesNet net = BayesNet.privBayes(eps);
            FittedBayesNet gen = (FittedBayesNet) fitPenguins(net, 3).generator();
            JsonNode ledger = gen.ledger();
            assertThat(ledger.path("epsilon").asDouble()).isCloseTo(eps, within(1e-12));
            double e0 = BayesNet.DEFAULT_DISCRETIZATION_SHARE * eps;
            double e1 = BayesNet.DEFAULT_STRUCTURE_SHARE * (eps - e0);
            double e2 = eps - e0 - e1;
            assertThat(net.split(numeric)).containsExactly(new double[] {e0, e1, e2}, within(1e-12));
            assertThat(mechanism(ledger, "discretization").path("epsilon").asDouble()).isCloseTo(e0, within(1e-12));
            assertThat(mechanism(ledger, "structure").path("epsilon").asDouble()).isCloseTo(e1, within(1e-12));
            assertThat(mechanism(ledger, "structure").path("uses").asInt()).isEqualTo(d - 1);
            JsonNode cond = mechanism(ledger, "conditionals");
            assertThat(cond.path("uses").asInt()).isEqualTo(d);
            // Laplace on d joint tables, a substituted row moving two counts: scale 2d/ε₂.
            assertThat(cond.path("scale").asDouble()).isCloseTo(2.0 * d / e2, within(1e-9));
            assertThat(((PrivacyReport) gen).privacySummary()).contains("epsilon = " + dev.ersatz.synth.dp.Ledger.number(eps, 6) + " spent");
        }
    }

    @Test
    void mutualInformationSensitivity_isPrivBayesLemma41() {
        int n = 1000;
        double expected = 2.0 / n * Math.log(1001 / 2.0) + 999.0 / n * Math.log(1001.0 / 999.0);
        assertThat(BayesNet.mutualInformationSensitivity(n)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void fit_noPrivacy_linksEducationAndEducationNum() {
        ReadResult train = Fixtures.adultTrain();
        FittedModel m = FittedModel.fit(train.table(), Fixtures.adultMetadata(), TextStyle.defaults(15), new BayesNet(), 1, train.source(), Progress.NONE);
        FittedBayesNet gen = (FittedBayesNet) m.generator();
        List<String> names = m.metadata().names();
        int edu = names.indexOf("education"), num = names.indexOf("education_num");
        boolean linked = contains(gen.parents(edu), num) || contains(gen.parents(num), edu);
        assertThat(linked).isTrue();
        assertThat(((PrivacyReport) gen).privacySummary()).contains("not differentially private");
        Table syn = m.sample(20_000, 2);
        assertThat(ColumnShapes.score(train.table(), syn, Fixtures.adultMetadata()).value()).isGreaterThanOrEqualTo(0.98);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    @Test
    void sample_conditions_matchRejectionFromUnconditionalSamples() {
        FittedModel m = fitPenguins(new BayesNet(), 4);
        List<Condition> given = List.of(Condition.parse("species=Adelie"), Condition.parse("body_mass_g>=3800"));
        Table cond = m.sample(given, 4_000, 5);
        Table all = m.sample(60_000, 6);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            String mass = all.text(i, all.indexOf("body_mass_g"));
            if ("Adelie".equals(all.text(i, all.indexOf("species"))) && mass != null && Integer.parseInt(mass) >= 3800) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(4_000);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(cond.text(i, cond.indexOf("species"))).isEqualTo("Adelie");
        double tv = ColumnShapes.totalVariation(cond.column("island"), rejected.column("island"));
        assertThat(tv).isLessThan(2 * Math.sqrt(3 * 0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
        double ks = ColumnShapes.ksStatistic(numbers(cond, "bill_length_mm"), numbers(rejected, "bill_length_mm"));
        assertThat(ks).isLessThan(1.95 * Math.sqrt((double) (cond.rowCount() + rejected.rowCount()) / ((double) cond.rowCount() * rejected.rowCount())));
    }

    private static double[] numbers(Table t, String col) {
        int c = t.indexOf(col);
        return java.util.stream.IntStream.range(0, t.rowCount()).mapToObj(i -> t.text(i, c)).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::parseDouble).sorted().toArray();
    }

    @Test
    void sample_conditionsTheModelNeverMeetsTogether_fails() {
        int n = 400;
        String[] a = new String[n], b = new String[n];
        for (int i = 0; i < n; i++) { a[i] = i % 2 == 0 ? "p" : "q"; b[i] = a[i]; }
        Table t = new Table(List.of(new StringColumn("a", a), new StringColumn("b", b)));
        Metadata meta = new Metadata(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL), ColumnSpec.of("b", ColumnKind.CATEGORICAL)));
        FittedModel m = FittedModel.fit(t, meta, TextStyle.defaults(2), new BayesNet(), 1, "copies", Progress.NONE);
        assertThatThrownBy(() -> m.sample(List.of(Condition.parse("a=p"), Condition.parse("b=q")), 10, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("probability");
    }

    @Test
    void fromOptions_badValues_inputExceptionNamingThem() {
        assertThatThrownBy(() -> Registry.get("bayesnet").create(Map.of("epsilon", "-1"))).isInstanceOf(InputException.class).hasMessageContaining("epsilon=-1");
        assertThatThrownBy(() -> Registry.get("bayesnet").create(Map.of("eps", "1"))).isInstanceOf(InputException.class).hasMessageContaining("eps");
        assertThat(((BayesNet) Registry.get("bayesnet").create(Map.of("epsilon", "none"))).isPrivate()).isFalse();
        assertThat(((BayesNet) Registry.get("bayesnet").create(Map.of("epsilon", "2"))).epsilon()).isEqualTo(2);
    }
}
