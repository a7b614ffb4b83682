package dev.ersatz.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code auto}: picks the synthesizer for the data, by the rules the benchmark in BENCHMARKS.md
 * supports, fits it, and records the choice and the reason in the model.
 *
 * <p>The rule: {@code cart} (bagged sequential trees) for every table, because in the synthesizer
 * benchmark (BENCHMARKS.md, seven datasets) it has the lowest detection AUC on five tables and the best
 * TSTR on five, with a DCR share below {@code arf}'s on six, and fits adult in about 2 s; except tables with more than
 * {@value #WIDE} learned columns and more than {@value #LARGE} cells, where {@code cart}'s sequential
 * trees (the j-th column's trees consider j − 1 predictors, so the cost grows with the square of the
 * width) would take long, and the adversarial random forest ({@code arf}), whose cost grows linearly
 * with the width, is used instead (covertype's columns repeated to 220: cart 19 s of CPU, arf 5 s).
 * Differentially private synthesizers are never chosen
 * automatically: privacy budgets are the user's decision ({@code --synthesizer mst --epsilon 1}).
 */
public record AutoSynthesizer() implements Synthesizer {
    /** Learned columns above which a table counts as wide. */
    static final int WIDE = 100;
    /** Cells (rows × learned columns) above which a wide table is handed to arf. */
    static final long LARGE = 5_000_000;

    public static AutoSynthesizer fromOptions(Map<String, String> options) {
        if (!options.isEmpty()) {
            String key = options.keySet().iterator().next();
            throw new InputException("--option", -1, null, key, "the auto synthesizer takes no options: name the synthesizer they are for, "
                    + "such as --synthesizer cart --option " + key + "=" + options.get(key));
        }
        return new AutoSynthesizer();
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public ObjectNode options() {
        return ModelFile.object();
    }

    /** The synthesizer auto picks for a table of {@code rows} rows over these model columns, and why. */
    static String[] choose(int rows, List<ModelColumn> columns) {
        int p = columns.size();
        long cells = (long) rows * p;
        if (p > WIDE && cells > LARGE) {
            return new String[] {"arf", String.format(java.util.Locale.ROOT,
                    "%d learned columns and %,d cells: the adversarial random forest scales linearly with the width", p, cells)};
        }
        return new String[] {"cart", "sequential trees had the lowest detection AUC and the best TSTR most often, at a DCR share near one half, "
                + "in the seven-dataset benchmark (BENCHMARKS.md)"};
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        String[] choice = choose(data.rowCount(), columns);
        FittedGenerator g = Registry.create(choice[0]).fit(data, columns, seed, progress);
        return new Fitted(choice[0], choice[1], g);
    }

    /** Loads an auto model: the chosen synthesizer's generator, through the registry. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        String chosen = body.path("chosen").asText();
        if (chosen.isEmpty() || chosen.equals("auto")) throw new InputException("model file: the auto model does not name the synthesizer it chose");
        return new Fitted(chosen, body.path("reason").asText(), Registry.get(chosen).load(body.get("generator"), columns));
    }

    /** The chosen synthesizer's fitted generator, with the choice. */
    public record Fitted(String chosen, String reason, FittedGenerator generator) implements FittedGenerator {
        @Override
        public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
            return generator.sample(rows, conditions, rng);
        }

        @Override
        public boolean supports(ModelCondition condition) {
            return generator.supports(condition);
        }

        @Override
        public String conditioningMethod(List<ModelCondition> conditions) {
            return generator.conditioningMethod(conditions);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = ModelFile.object();
            o.put("chosen", chosen);
            o.put("reason", reason);
            o.set("generator", generator.toJson());
            return o;
        }
    }
}
