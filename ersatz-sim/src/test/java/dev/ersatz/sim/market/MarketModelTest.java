package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Simulation is seeded and thread-independent, models survive their file, scenarios do what they declare. */
class MarketModelTest {

    private static PriceSeries two() {
        PriceSeries eu = TestData.eu();
        return new PriceSeries(List.of("DAX", "FTSE"), new double[][] {eu.prices()[0], eu.prices()[3]}, null, "wide", null, null, null, 0);
    }

    private static PriceSeries dax() {
        PriceSeries eu = TestData.eu();
        return PriceSeries.of("DAX", eu.prices()[0]);
    }

    @Test
    void simulate_sameSeed_identicalOnOneThreadOrMany() {
        MarketModel m = MarketFitter.fit(TestData.eu(), MarketOptions.of(ModelKind.GJR_FHS), 7, "eu");
        Paths a = m.simulate(300, 60, null, 42, Scenario.NONE, 1);
        Paths b = m.simulate(300, 60, null, 42, Scenario.NONE, 4);
        for (int i = 0; i < 4; i++) assertThat(b.prices()[i]).isEqualTo(a.prices()[i]);
        Paths c = m.simulate(300, 60, null, 43, Scenario.NONE, 1);
        assertThat(c.prices()[0]).isNotEqualTo(a.prices()[0]);
        // path p does not depend on how many paths follow it
        Paths d = m.simulate(10, 60, null, 42, Scenario.NONE, 2);
        for (int t = 0; t <= 60; t++) assertThat(d.price(2, 9, t)).isEqualTo(a.price(2, 9, t));
    }

    /** DAX and FTSE, first 600 days: enough for every fit, quick for the simulated-moments one. */
    private static PriceSeries twoShort() {
        PriceSeries t = two();
        return new PriceSeries(t.names(), new double[][] {java.util.Arrays.copyOf(t.prices()[0], 600),
                java.util.Arrays.copyOf(t.prices()[1], 600)}, null, "wide", null, null, null, 0);
    }

    @Test
    void saveLoad_everyModel_sameBytesAndSamePaths(@TempDir Path dir) throws Exception {
        for (ModelKind kind : List.of(ModelKind.GJR_FHS, ModelKind.GARCH_SKEWT, ModelKind.EGARCH, ModelKind.MERTON,
                ModelKind.GBM, ModelKind.HESTON, ModelKind.BOOTSTRAP)) {
            MarketModel m = MarketFitter.fit(twoShort(), MarketOptions.of(kind), 5, "eu");
            Path f = dir.resolve(kind.label() + ".ersatz");
            m.save(f);
            MarketModel back = MarketModel.load(f);
            assertThat(back.toBytes()).as(kind.label()).isEqualTo(Files.readAllBytes(f));
            assertThat(back.kind()).isEqualTo(kind);
            Paths p = m.simulate(20, 30, null, 9, Scenario.NONE, 1), q = back.simulate(20, 30, null, 9, Scenario.NONE, 1);
            for (int i = 0; i < 2; i++) assertThat(q.prices()[i]).as(kind.label()).isEqualTo(p.prices()[i]);
            // the same fit twice gives the same file: fitting is deterministic too
            assertThat(MarketFitter.fit(twoShort(), MarketOptions.of(kind), 5, "eu").toBytes()).as(kind.label()).isEqualTo(m.toBytes());
        }
    }

    @Test
    void load_otherKind_isRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.ersatz");
        dev.ersatz.core.model.ModelFile.write(f, "tabular", dev.ersatz.core.model.ModelFile.object(), dev.ersatz.core.model.ModelFile.object());
        assertThatThrownBy(() -> MarketModel.load(f)).isInstanceOf(dev.ersatz.core.InputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("expected a 'market' model");
    }

    @Test
    void simulate_crashOnGbm_scalesEveryLaterPriceByOneMinusSize() {
        MarketModel m = MarketFitter.fit(dax(), MarketOptions.of(ModelKind.GBM), 1, "dax");
        Scenario crash = Scenario.parse("{\"events\":[{\"type\":\"crash\",\"day\":10,\"size\":0.2}]}", "crash.json");
        Paths base = m.simulate(5, 30, new double[] {100}, 3, Scenario.NONE, 1);
        Paths hit = m.simulate(5, 30, new double[] {100}, 3, crash, 1);
        for (int p = 0; p < 5; p++) {
            for (int t = 0; t <= 30; t++) {
                double ratio = hit.price(0, p, t) / base.price(0, p, t);
                assertThat(ratio).isCloseTo(t < 10 ? 1.0 : 0.8, within(1e-12));
            }
        }
    }

    @Test
    void simulate_crashOnGjr_raisesLaterVolatility() {
        MarketModel m = MarketFitter.fit(dax(), MarketOptions.of(ModelKind.GJR_T), 1, "dax");
        Scenario crash = Scenario.parse("{\"events\":[{\"type\":\"crash\",\"day\":5,\"size\":0.15}]}", "crash.json");
        Paths base = m.simulate(400, 25, null, 3, Scenario.NONE, 2), hit = m.simulate(400, 25, null, 3, crash, 2);
        double vb = 0, vh = 0;
        for (int p = 0; p < 400; p++) {
            double[] rb = base.returns(0, p), rh = hit.returns(0, p);
            for (int t = 5; t < 15; t++) {
                vb += rb[t] * rb[t];
                vh += rh[t] * rh[t];
            }
        }
        // a 15% fall is ~15 daily standard deviations: the GJR recursion must at least double the next days' variance
        assertThat(vh).isGreaterThan(2 * vb);
    }

    @Test
    void simulate_stressedRegime_doublesEveryShock() {
        MarketModel m = MarketFitter.fit(dax(), MarketOptions.of(ModelKind.GBM), 1, "dax");
        Scenario stressed = Scenario.parse("{\"regimes\":{\"states\":[{\"name\":\"stressed\",\"volScale\":2}]}}", "s.json");
        Paths base = m.simulate(3, 50, null, 8, Scenario.NONE, 1), hit = m.simulate(3, 50, null, 8, stressed, 1);
        double mu = m.marginals().get(0).drift();
        for (int p = 0; p < 3; p++) {
            double[] rb = base.returns(0, p), rh = hit.returns(0, p);
            for (int t = 0; t < 50; t++) assertThat(rh[t] - mu).isCloseTo(2 * (rb[t] - mu), within(1e-12));
        }
    }

    @Test
    void simulate_volSpikeOnOneAsset_scalesOnlyItsShocksForTheGivenDays() {
        MarketModel m = MarketFitter.fit(two(), MarketOptions.of(ModelKind.GBM), 1, "eu");
        Scenario spike = Scenario.parse("{\"events\":[{\"type\":\"volSpike\",\"day\":10,\"factor\":3,\"days\":5,\"assets\":[\"FTSE\"]}]}", "s.json");
        Paths base = m.simulate(4, 30, null, 2, Scenario.NONE, 1), hit = m.simulate(4, 30, null, 2, spike, 1);
        double mu = m.marginals().get(1).drift();
        for (int p = 0; p < 4; p++) {
            assertThat(hit.returns(0, p)).isEqualTo(base.returns(0, p));
            double[] rb = base.returns(1, p), rh = hit.returns(1, p);
            for (int t = 0; t < 30; t++) {
                double factor = t >= 9 && t < 14 ? 3 : 1;
                assertThat(rh[t] - mu).isCloseTo(factor * (rb[t] - mu), within(1e-12));
            }
        }
    }

    @Test
    void calendar_businessDays_skipWeekends() {
        PriceSeries s = new PriceSeries(List.of("x"), new double[][] {{1, 1.01, 1.02}}, new java.time.LocalDate[] {
                java.time.LocalDate.of(2024, 1, 3), java.time.LocalDate.of(2024, 1, 4), java.time.LocalDate.of(2024, 1, 5)},
                "wide", null, null, "date", 0);
        assertThat(MarketModel.frequency(s.dates())).isEqualTo("business-day");
        MarketModel m = new MarketModel(ModelKind.GBM, List.of("x"), List.of(new GbmMarginal(0, 0.01, 3)), null, Double.POSITIVE_INFINITY, null, null, 1,
                new double[] {1.02}, s.dates()[2], "business-day", new MarketModel.PriceLayout("wide", null, null, "date"),
                dev.ersatz.core.model.ModelFile.object(), dev.ersatz.core.model.ModelFile.object());
        java.time.LocalDate[] d = m.calendar(3);
        assertThat(d).containsExactly(java.time.LocalDate.of(2024, 1, 5), java.time.LocalDate.of(2024, 1, 8),
                java.time.LocalDate.of(2024, 1, 9), java.time.LocalDate.of(2024, 1, 10));
    }

    @Test
    void scenario_badValues_areNamedWithFileFieldAndValue() {
        assertThatThrownBy(() -> Scenario.parse("{\"events\":[{\"type\":\"crash\",\"day\":3,\"size\":1.5}]}", "c.json"))
                .hasMessageContaining("c.json").hasMessageContaining("events[0].size").hasMessageContaining("1.5");
        assertThatThrownBy(() -> Scenario.parse("{\"events\":[{\"type\":\"melt\",\"day\":3}]}", "c.json"))
                .hasMessageContaining("events[0].type").hasMessageContaining("melt");
        assertThatThrownBy(() -> Scenario.parse("{\"regimes\":{\"states\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"transition\":[[0.5,0.4],[0,1]]}}", "c.json"))
                .hasMessageContaining("regimes.transition[0]").hasMessageContaining("sum to 1");
        MarketModel m = MarketFitter.fit(dax(), MarketOptions.of(ModelKind.GBM), 1, "dax");
        Scenario late = Scenario.parse("{\"events\":[{\"type\":\"crash\",\"day\":300,\"size\":0.1}]}", "c.json");
        assertThatThrownBy(() -> m.simulate(1, 252, null, 1, late, 1)).hasMessageContaining("300").hasMessageContaining("252");
    }

    @Test
    void bootstrap_blockLength_isShortForIndependentDataAndLongForPersistentData() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        double[] iid = new double[2000], ar = new double[2000];
        for (int t = 0; t < 2000; t++) {
            iid[t] = rng.nextGaussian();
            ar[t] = (t > 0 ? 0.9 * ar[t - 1] : 0) + rng.nextGaussian();
        }
        assertThat(BlockLength.stationary(iid)).isLessThan(3);
        assertThat(BlockLength.stationary(ar)).isGreaterThan(10);
    }
}
