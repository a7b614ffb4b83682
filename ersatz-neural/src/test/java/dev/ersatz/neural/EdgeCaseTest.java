package dev.ersatz.neural;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.Synthesizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tables at the edges: numbers only, categories only, one row, constant and all-missing columns. */
class EdgeCaseTest {
    static List<Synthesizer> tiny() {
        return List.of(Ctgan.fromOptions(Map.of("epochs", "2", "batchSize", "20", "pac", "2")),
                Tvae.fromOptions(Map.of("epochs", "2", "batchSize", "20")),
                TabDdpm.fromOptions(Map.of("epochs", "2", "batchSize", "20", "layers", "8", "timesteps", "4")));
    }

    private static void fitAndSample(Table t, List<ModelColumn> cols) {
        for (Synthesizer s : tiny()) {
            FittedGenerator g = s.fit(t, cols, 1, Progress.NONE);
            Table out = g.sample(50, List.of(), new SplittableRandom(2));
            assertThat(out.rowCount()).as(s.name()).isEqualTo(50);
            assertThat(out.names()).isEqualTo(t.names());
        }
    }

    @Test
    void fit_numbersOnlyWithConstantAndAllMissingColumns_samples() {
        int n = 60;
        double[] a = new double[n], c = new double[n], m = new double[n];
        for (int i = 0; i < n; i++) { a[i] = i % 7; c[i] = 3; m[i] = Double.NaN; }
        Table t = new Table(List.of(new NumericColumn("a", a), new NumericColumn("c", c), new NumericColumn("m", m)));
        fitAndSample(t, List.of(new ModelColumn("a", false, List.of(), 0), new ModelColumn("c", false, List.of(), 1),
                new ModelColumn("m", false, List.of(), 2)));
    }

    @Test
    void fit_categoriesOnly_samples() {
        int n = 60;
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = i % 3; y[i] = i % 11 == 0 ? -1 : i % 2; }
        Table t = new Table(List.of(new CategoricalColumn("x", x, new String[] {"p", "q", "r"}),
                new CategoricalColumn("y", y, new String[] {"no", "yes"})));
        fitAndSample(t, List.of(new ModelColumn("x", true, List.of("p", "q", "r"), 0), new ModelColumn("y", true, List.of("no", "yes"), 1)));
    }

    @Test
    void fit_oneRow_samplesThatRow() {
        Table t = new Table(List.of(new NumericColumn("a", new double[] {4.5}), new CategoricalColumn("b", new int[] {0}, new String[] {"z"})));
        fitAndSample(t, List.of(new ModelColumn("a", false, List.of(), 0), new ModelColumn("b", true, List.of("z"), 1)));
    }

    @Test
    void fit_ddpmWithOnlyTheTarget_refusedWithReason() {
        Table t = new Table(List.of(new CategoricalColumn("b", new int[] {0, 1, 0}, new String[] {"u", "v"})));
        assertThatThrownBy(() -> TabDdpm.fromOptions(Map.of()).fit(t, List.of(new ModelColumn("b", true, List.of("u", "v"), 0)), 1, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("besides the target");
    }
}
