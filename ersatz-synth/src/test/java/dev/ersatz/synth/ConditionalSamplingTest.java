package dev.ersatz.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.copula.GaussianCopula;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Rich conditions end to end: sets, exclusions and combined ranges, sampled exactly by the copula
 * and by the bounded search that serves generators that only take simple conditions.
 *
 * <p>Exactness is checked on a share the model fixes exactly: conditioning only on
 * {@code island in {Dream, Torgersen}} restricts one score to the union of the two islands' slots,
 * so P(Dream | set) = 124 / (124 + 52), the real counts (the categorical marginal is fitted to them).
 * Tolerance: four binomial standard errors for n draws.
 */
class ConditionalSamplingTest {
    private static final double P_DREAM = 124.0 / (124 + 52);

    static FittedModel fit(Synthesizer s) {
        ReadResult p = Fixtures.penguins();
        return FittedModel.fit(p.table(), Fixtures.penguinsMetadata(), TextStyle.defaults(8), s, 3, "penguins", Progress.NONE);
    }

    /** The copula, but with the default {@link FittedGenerator#supports}: only simple conditions. */
    static Synthesizer simpleOnly(boolean stuckOnBiscoe) {
        GaussianCopula inner = new GaussianCopula();
        return new Synthesizer() {
            @Override public String name() { return "simple-only"; }
            @Override public ObjectNode options() { return inner.options(); }
            @Override public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
                FittedGenerator g = inner.fit(data, columns, seed, progress);
                int island = 1, biscoe = columns.get(island).levels().indexOf("Biscoe");
                return new FittedGenerator() {
                    @Override public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
                        for (ModelCondition c : conditions) assertThat(c.simple()).as("only simple conditions reach the generator").isTrue();
                        List<ModelCondition> cs = new ArrayList<>(conditions);
                        if (stuckOnBiscoe) cs.add(new ModelCondition(island, new int[] {biscoe}, Double.NaN, Double.NaN, "island=Biscoe"));
                        return g.sample(rows, cs, rng);
                    }
                    @Override public String conditioningMethod(List<ModelCondition> conditions) { return g.conditioningMethod(conditions); }
                    @Override public ObjectNode toJson() { return g.toJson(); }
                };
            }
        };
    }

    static void assertMeets(Table t) {
        int island = t.indexOf("island"), mass = t.indexOf("body_mass_g"), flipper = t.indexOf("flipper_length_mm");
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(t.text(i, island)).isIn("Dream", "Torgersen");
            assertThat(t.text(i, mass)).isNotEqualTo("4000");
            assertThat(t.text(i, flipper)).isIn("190", "195", "200", "205", "210");
        }
    }

    static final List<Condition> RICH = List.of(Condition.parse("island in {Dream,Torgersen}"), Condition.parse("body_mass_g!=4000"),
            Condition.parse("flipper_length_mm in {190,195,200,205,210}"));

    static double dreamShare(Table t) {
        int island = t.indexOf("island"), d = 0;
        for (int i = 0; i < t.rowCount(); i++) if ("Dream".equals(t.text(i, island))) d++;
        return (double) d / t.rowCount();
    }

    @Test
    void copula_setsAndExclusions_everyRowMeetsThemExactly() {
        FittedModel m = fit(new GaussianCopula());
        Table t = m.sample(RICH, 3000, 5);
        assertThat(t.rowCount()).isEqualTo(3000);
        assertMeets(t);
        assertThat(m.conditioningMethod(RICH)).doesNotContain("bounded search");
        int n = 8000;
        Table one = m.sample(List.of(Condition.parse("island in {Dream,Torgersen}")), n, 6);
        assertThat(dreamShare(one)).isCloseTo(P_DREAM, within(4 * Math.sqrt(P_DREAM * (1 - P_DREAM) / n)));
        assertThat(m.conditioningMethod(List.of(Condition.parse("island in {Dream,Torgersen}")))).startsWith("exact");
    }

    @Test
    void search_generatorWithSimpleConditionsOnly_meetsTheRestExactlyAndReportsIt() {
        FittedModel m = fit(simpleOnly(false));
        AtomicReference<FittedModel.SearchStats> stats = new AtomicReference<>();
        List<Table> parts = new ArrayList<>();
        m.sampleTo(parts::add, 3000, 5, RICH, false, 1, Progress.NONE, stats::set);
        Table t = parts.get(0);
        assertThat(t.rowCount()).isEqualTo(3000);
        assertMeets(t);
        assertThat(stats.get().kept()).isEqualTo(3000);
        assertThat(stats.get().drawn()).isGreaterThan(3000);
        assertThat(m.conditioningMethod(RICH)).contains("bounded search").contains("island in {Dream,Torgersen}");
        // Rejection from the model's own distribution is exact: the same share as the copula's exact draw.
        int n = 8000;
        Table one = m.sample(List.of(Condition.parse("island in {Dream,Torgersen}")), n, 6);
        assertThat(dreamShare(one)).isCloseTo(P_DREAM, within(4 * Math.sqrt(P_DREAM * (1 - P_DREAM) / n)));
        // Chunks search independently, so the thread count does not change the rows.
        List<Table> a = new ArrayList<>(), b = new ArrayList<>();
        m.sampleTo(a::add, 20_000, 9, RICH, false, 1, Progress.NONE);
        m.sampleTo(b::add, 20_000, 9, RICH, false, 3, Progress.NONE);
        assertThat(SynthesizerContract.text(FittedModel.concat(b, m.codec()))).isEqualTo(SynthesizerContract.text(FittedModel.concat(a, m.codec())));
    }

    @Test
    void search_conditionTheModelNeverMeets_failsNamingItAndTheRate() {
        FittedModel m = fit(simpleOnly(true));
        assertThatThrownBy(() -> m.sample(RICH, 100, 5))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("island in {Dream,Torgersen}")
                .hasMessageContaining("rarely produces rows meeting it")
                .hasMessageContaining("0 of ");
    }
}
