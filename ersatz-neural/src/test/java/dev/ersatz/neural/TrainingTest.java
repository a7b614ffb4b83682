package dev.ersatz.neural;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.Fixtures;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Synthesizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Training bookkeeping shared by the three models: budget, early stopping, progress, cancellation, memory, options, conditions. */
class TrainingTest {

    private static FittedModel fit(Synthesizer s, Progress progress) {
        Table t = Fixtures.penguins().table();
        return FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), s, 1, "penguins", progress);
    }

    private static JsonNode report(FittedModel m) {
        return m.generator().toJson().path("training");
    }

    @Test
    void fit_timeBudgetSpent_stopsCleanlyWithUsableModel() {
        for (Synthesizer s : List.of(Ctgan.fromOptions(Map.of("epochs", "100000", "batchSize", "50", "timeBudget", "1ms")),
                Tvae.fromOptions(Map.of("epochs", "100000", "timeBudget", "1ms")),
                TabDdpm.fromOptions(Map.of("epochs", "100000", "timeBudget", "1ms", "layers", "16", "timesteps", "5")))) {
            FittedModel m = fit(s, Progress.NONE);
            assertThat(report(m).path("stoppedBy").asText()).as(s.name()).isEqualTo("time budget");
            assertThat(report(m).path("epochsTrained").asInt()).as(s.name()).isLessThan(100000);
            assertThat(m.sample(20, 1).rowCount()).isEqualTo(20);
        }
    }

    @Test
    void fit_patience_stopsEarlyAndKeepsBestEpoch() {
        FittedModel m = fit(Tvae.fromOptions(Map.of("epochs", "2000", "batchSize", "50", "patience", "3")), Progress.NONE);
        JsonNode r = report(m);
        assertThat(r.path("stoppedBy").asText()).isEqualTo("early stopping");
        assertThat(r.path("epochsTrained").asInt()).isEqualTo(r.path("bestEpoch").asInt() + 3);
        assertThat(r.path("bestHeldOutLoss").isNumber()).isTrue();
    }

    @Test
    void fit_progress_reportsEpochAndLoss() {
        List<String> phases = Collections.synchronizedList(new ArrayList<>());
        fit(Ctgan.fromOptions(Map.of("epochs", "3", "batchSize", "100")), (phase, done, total) -> phases.add(phase));
        assertThat(phases).anyMatch(p -> p.startsWith("training ctgan | epoch 3/3, loss G ") && p.contains(", D "));
    }

    @Test
    void fit_progressCancels_stopsAndEndsInputThread() {
        AtomicInteger calls = new AtomicInteger();
        Synthesizer s = Ctgan.fromOptions(Map.of("epochs", "1000", "batchSize", "50"));
        assertThatThrownBy(() -> fit(s, (phase, done, total) -> {
            if (phase.startsWith("training") && calls.incrementAndGet() > 3) throw new CancellationException("stop");
        })).isInstanceOf(CancellationException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("ersatz-ctgan-batches") && t.isAlive());
    }

    /** A per-step sub-manager frees every tensor a step makes: the engine holds as many arrays after 40 steps as after 5. */
    @Test
    void ctganStep_manySteps_noTensorsAccumulate() {
        Table raw = Fixtures.penguins().table();
        TableCodec codec = TableCodec.fit(raw, Fixtures.penguinsMetadata(), TextStyle.defaults(raw.columnCount()), "penguins");
        Table data = codec.encode(raw, "penguins", 1);
        Ctgan o = Ctgan.fromOptions(Map.of("batchSize", "50"));
        DataTransformer t = DataTransformer.fit(data, codec.modelColumns(), new SplittableRandom(1), true);
        float[] x = t.encode(data, new SplittableRandom(2));
        CondSampler sampler = new CondSampler(t, x, data.rowCount(), true);
        Torch.engine();
        try (NDManager base = NDManager.newBaseManager()) {
            Ctgan.Nets nets = new Ctgan.Nets(o, t, base, new SplittableRandom(3));
            Ctgan.Trainer tr = new Ctgan.Trainer(o, t, sampler, x, data.rowCount(), null, nets, base);
            try (Prefetch<Batches.Step> steps = new Batches(tr, new SplittableRandom(4)).prefetch(40)) {
                for (int i = 0; i < 5; i++) tr.step(steps.take());
                int after5 = base.getManagedArrays().size();
                for (int i = 5; i < 40; i++) tr.step(steps.take());
                assertThat(base.getManagedArrays().size()).isEqualTo(after5);
            }
        }
    }

    @Test
    void options_badValues_inputExceptionsNamingThem() {
        assertThatThrownBy(() -> Ctgan.fromOptions(Map.of("epoch", "3"))).isInstanceOf(InputException.class).hasMessageContaining("\"epoch\"")
                .hasMessageContaining("epochs");
        assertThatThrownBy(() -> Ctgan.fromOptions(Map.of("batchSize", "64"))).isInstanceOf(InputException.class).hasMessageContaining("\"64\"")
                .hasMessageContaining("multiple of pac");
        assertThatThrownBy(() -> Tvae.fromOptions(Map.of("epochs", "ten"))).isInstanceOf(InputException.class).hasMessageContaining("\"ten\"");
        assertThatThrownBy(() -> TabDdpm.fromOptions(Map.of("timeBudget", "soon"))).isInstanceOf(InputException.class).hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> Tvae.fromOptions(Map.of("patience", "3", "holdout", "0"))).isInstanceOf(InputException.class).hasMessageContaining("holdout");
        assertThat(TabDdpm.fromOptions(Map.of("timeBudget", "15m")).training().timeBudget()).isEqualTo(900);
    }

    @Test
    void sample_conditionTheModelNeverMeets_failsNamingItInsteadOfFewerRows() {
        FittedModel m = fit(Tvae.fromOptions(Map.of("epochs", "5")), Progress.NONE);
        FittedGenerator g = m.generator();
        int col = m.codec().modelColumns().indexOf(m.codec().modelColumns().stream().filter(c -> c.name().equals("body_mass_g")).findFirst().orElseThrow());
        ModelCondition impossible = new ModelCondition(col, null, 1e9, 2e9, "body_mass_g>=1000000000");
        assertThatThrownBy(() -> g.sample(10, List.of(impossible), new SplittableRandom(1))).isInstanceOf(InputException.class)
                .hasMessageContaining("body_mass_g>=1000000000").hasMessageContaining("candidates");
        assertThat(g.conditioningMethod(List.of(impossible))).contains("rejection");
    }

    @Test
    void conditioningMethod_categoricalCondition_exactForCtganAndDdpmTarget() {
        FittedModel c = fit(Ctgan.fromOptions(Map.of("epochs", "2", "batchSize", "100")), Progress.NONE);
        assertThat(c.conditioningMethod(List.of(dev.ersatz.core.transform.Condition.parse("species=Gentoo")))).startsWith("exact for species=Gentoo");
        FittedModel d = fit(TabDdpm.fromOptions(Map.of("epochs", "2", "layers", "16", "timesteps", "5", "target", "species")), Progress.NONE);
        assertThat(d.conditioningMethod(List.of(dev.ersatz.core.transform.Condition.parse("species=Gentoo")))).startsWith("exact for species=Gentoo");
        Table rows = d.sample(List.of(dev.ersatz.core.transform.Condition.parse("species=Gentoo")), 300, 4);
        for (int i = 0; i < rows.rowCount(); i++) assertThat(rows.text(i, rows.indexOf("species"))).isEqualTo("Gentoo");
    }
}
