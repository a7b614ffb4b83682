package dev.ersatz.augment.text;

import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared sentence-polarity set (rt_polarity), found through the ersatz.datasets property. */
final class RtPolarity {
    private RtPolarity() {}

    static Path file() {
        Path p = Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"), "rt_polarity_sentences", "rt_polarity.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset rt_polarity_sentences not found at " + p + ": skipped");
        return p;
    }

    /** Every {@code step}-th sentence (both classes, since the file lists positives first), as examples. */
    static List<Example> sample(int n, int step) {
        Table t = TableReader.read(file().toString(), ReadOptions.defaults().withMissingMarkers(List.of(""))).table();
        List<Example> out = new ArrayList<>();
        int text = t.indexOf("sentence"), label = t.indexOf("label");
        for (int r = 0; r < t.rowCount() && out.size() < n; r += step) out.add(new Example(Tokenizer.tokenize(t.text(r, text)), t.text(r, label)));
        return out;
    }
}
