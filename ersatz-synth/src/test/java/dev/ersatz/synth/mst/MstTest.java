package dev.ersatz.synth.mst;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.synth.Fixtures;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.dp.PrivacyReport;
import dev.ersatz.synth.dp.Zcdp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MstTest {
    private static ReadResult train;
    private static FittedModel model;

    @BeforeAll
    static void fit() {
        train = Fixtures.adultTrain();
        model = FittedModel.fit(train.table(), Fixtures.adultMetadata(), TextStyle.defaults(15), new Mst(), 7, train.source(), Progress.NONE);
    }

    private static JsonNode mechanism(JsonNode ledger, String purpose) {
        for (JsonNode m : ledger.path("mechanisms")) if (m.path("purpose").asText().equals(purpose)) return m;
        throw new AssertionError("no mechanism " + purpose + " in " + ledger);
    }

    @Test
    void fit_epsilonDelta_spendsExactlyTheZcdpBudgetAndNoiseFollowsIt() {
        Table t = Fixtures.penguins().table();
        int d = 8;
        double[] sigma2 = new double[2];
        double[] eps = {1, 4};
        for (int k = 0; k < 2; k++) {
            Mst mst = new Mst(eps[k], 1e-9, Mst.DEFAULT_BINS, Mst.DEFAULT_DISCRETIZATION_SHARE, 200);
            FittedMst gen = (FittedMst) FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), mst, 3, "p", Progress.NONE).generator();
            JsonNode ledger = gen.ledger();
            double rho = Zcdp.rho(eps[k], 1e-9);
            assertThat(ledger.path("rho").asDouble()).isCloseTo(rho, within(1e-12));
            double[] split = mst.split(4);
            // 1-way: d marginals with ρ₁/d each, σ = √(d/(2ρ₁)); 2-way: d−1 with ρ₃/(d−1) each.
            assertThat(mechanism(ledger, "1-way marginals").path("scale").asDouble()).isCloseTo(Math.sqrt(d / (2 * split[2])), within(1e-9));
            sigma2[k] = mechanism(ledger, "2-way marginals").path("scale").asDouble();
            assertThat(sigma2[k]).isCloseTo(Math.sqrt((d - 1) / (2 * split[4])), within(1e-9));
            assertThat(mechanism(ledger, "tree selection").path("uses").asInt()).isEqualTo(d - 1);
            assertThat(mechanism(ledger, "tree selection").path("rho").asDouble()).isCloseTo(split[3], within(1e-12));
            assertThat(((PrivacyReport) gen).privacySummary()).contains("delta = 1.00e-09");
        }
        assertThat(sigma2[0] / sigma2[1]).isCloseTo(Math.sqrt(Zcdp.rho(4, 1e-9) / Zcdp.rho(1, 1e-9)), within(1e-9));
    }

    @Test
    void fit_epsilonOne_deterministicAndRoundTrips() {
        Table t = Fixtures.penguinsPlus();
        FittedModel a = FittedModel.fit(t, Fixtures.penguinsPlusMetadata(), TextStyle.defaults(t.columnCount()), new Mst(), 5, "p+", Progress.NONE);
        FittedModel b = FittedModel.fit(t, Fixtures.penguinsPlusMetadata(), TextStyle.defaults(t.columnCount()), new Mst(), 5, "p+", Progress.NONE);
        assertThat(b.toBytes()).isEqualTo(a.toBytes());
        FittedModel back = FittedModel.load(a.toBytes(), "memory");
        assertThat(back.toBytes()).isEqualTo(a.toBytes());
        assertThat(rows(back.sample(3000, 4))).isEqualTo(rows(a.sample(3000, 4)));
    }

    @Test
    void adult_epsilonOne_columnShapesAndATreeOverEveryColumn() {
        FittedMst gen = (FittedMst) model.generator();
        assertThat(gen.edges()).hasNumberOfRows(14);
        Table syn = model.sample(train.table().rowCount(), 1);
        assertThat(ColumnShapes.score(train.table(), syn, Fixtures.adultMetadata()).value()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void sample_evidence_exactAgainstRejection() {
        List<Condition> given = List.of(Condition.parse("sex=Female"), Condition.parse("age>=50"), Condition.parse("race in {White,Black}"));
        assertThat(model.conditioningMethod(given)).startsWith("exact");
        Table cond = model.sample(given, 5_000, 5);
        Table all = model.sample(200_000, 6);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            String race = all.text(i, all.indexOf("race"));
            if ("Female".equals(all.text(i, all.indexOf("sex"))) && Integer.parseInt(all.text(i, all.indexOf("age"))) >= 50
                    && (race.equals("White") || race.equals("Black"))) keep.add(i);
        }
        Table rejected = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        assertThat(rejected.rowCount()).isGreaterThan(5_000);
        for (int i = 0; i < cond.rowCount(); i++) {
            assertThat(cond.text(i, cond.indexOf("sex"))).isEqualTo("Female");
            assertThat(Integer.parseInt(cond.text(i, cond.indexOf("age")))).isGreaterThanOrEqualTo(50);
        }
        for (String col : List.of("age", "hours_per_week")) {
            double ks = ColumnShapes.ksStatistic(numbers(cond, col), numbers(rejected, col));
            assertThat(ks).as(col).isLessThan(1.95 * Math.sqrt((double) (cond.rowCount() + rejected.rowCount()) / ((double) cond.rowCount() * rejected.rowCount())));
        }
        double tv = ColumnShapes.totalVariation(cond.column("income"), rejected.column("income"));
        assertThat(tv).isLessThan(2 * Math.sqrt(2 * 0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
    }

    private static double[] numbers(Table t, String col) {
        int c = t.indexOf(col);
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(t.text(i, c));
        java.util.Arrays.sort(v);
        return v;
    }

    private static List<String> rows(Table t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) sb.append(t.text(i, c)).append('|');
            out.add(sb.toString());
        }
        return out;
    }
}
