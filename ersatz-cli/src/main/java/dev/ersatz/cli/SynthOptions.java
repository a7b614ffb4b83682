package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;
import dev.ersatz.synth.constraints.Constraints;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options of commands that fit a model: metadata, synthesizer, its options, seed. */
final class SynthOptions {
    @Option(names = "--metadata", paramLabel = "JSON", description = "Column metadata (from 'ersatz metadata', edited); listed columns override detection.")
    Path metadata;

    @Option(names = "--synthesizer", paramLabel = "NAME", defaultValue = "auto",
            description = "Synthesizer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", completionCandidates = Names.class)
    String synthesizer;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A synthesizer option, such as maxKnots=1024 (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--constraints", paramLabel = "JSON",
            description = "Rules every output row keeps (inequality, range, positive, negative, fixedCombinations, fixedIncrements, formula, oneHot, unique), enforced by reversible transforms.")
    Path constraints;

    @Option(names = "--on-violation", paramLabel = "fail|drop", defaultValue = "fail",
            description = "Real rows that break a constraint: fail with a list of them (default), or drop them before fitting.")
    String onViolation;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs of a neural synthesizer (ctgan, tvae, ddpm); sets the option epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per training step of a neural synthesizer; sets the option batchSize.")
    Integer batchSize;

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "Stop training a neural synthesizer after this long (such as 90s, 15m, 2h), keeping the model trained so far; sets the option timeBudget.")
    String timeBudget;

    @Option(names = "--epsilon", paramLabel = "E", description = "Differential privacy budget of a private synthesizer (bayesnet, mst); sets the option epsilon.")
    String epsilon;

    @Option(names = "--delta", paramLabel = "D", description = "The delta of (epsilon, delta)-differential privacy (mst; default 1e-9); sets the option delta.")
    String delta;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed for fitting (default: ${DEFAULT-VALUE}). Same data, options and seed give a byte-identical model.")
    long seed;

    /** The registered names, for help text. */
    static final class Names implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() { return Registry.names().iterator(); }
    }

    /** The metadata for the input: detected, with any user file laid over it. */
    Metadata metadataFor(ReadResult data) {
        Metadata detected = MetadataDetector.detect(data.table());
        if (metadata == null) return detected;
        return Metadata.read(metadata).overriding(detected, metadata.toString());
    }

    Synthesizer synthesizer() {
        Registry.Entry entry = Registry.get(synthesizer);
        Map<String, String> all = new LinkedHashMap<>(options);
        Map<String, String> flags = new LinkedHashMap<>();
        if (epochs != null) flags.put("epochs", "--epochs");
        if (batchSize != null) flags.put("batchSize", "--batch-size");
        if (timeBudget != null) flags.put("timeBudget", "--time-budget");
        if (epochs != null) all.put("epochs", epochs.toString());
        if (batchSize != null) all.put("batchSize", batchSize.toString());
        if (timeBudget != null) all.put("timeBudget", timeBudget);
        if (epsilon != null) { flags.put("epsilon", "--epsilon"); all.put("epsilon", epsilon); }
        if (delta != null) { flags.put("delta", "--delta"); all.put("delta", delta); }
        try {
            return entry.create(all);
        } catch (InputException e) {
            // A flag the chosen synthesizer does not take: name the flag, not the option key.
            String flag = flags.get(e.value());
            if (flag != null && (flag.equals("--epsilon") || flag.equals("--delta"))) {
                throw new InputException(flag, -1, null, null, "the " + synthesizer
                        + " synthesizer is not differentially private (bayesnet takes --epsilon, mst --epsilon and --delta)");
            }
            if (flag != null) {
                throw new InputException(flag, -1, null, null, "the " + synthesizer
                        + " synthesizer does not train in epochs and steps (only the neural ones do: ctgan, tvae, ddpm)");
            }
            throw e;
        }
    }

    /** Fits the chosen synthesizer to the input. */
    FittedModel fit(ReadResult data, Progress progress) {
        return fit(data, progress, note -> { });
    }

    /** The declared constraints (none without --constraints). */
    Constraints constraints() {
        return constraints == null ? Constraints.NONE : Constraints.read(constraints);
    }

    Constraints.OnViolation onViolation() {
        return switch (onViolation == null ? "fail" : onViolation.toLowerCase(java.util.Locale.ROOT)) {
            case "fail" -> Constraints.OnViolation.FAIL;
            case "drop" -> Constraints.OnViolation.DROP;
            default -> throw new InputException("--on-violation", -1, null, onViolation, "use fail or drop");
        };
    }

    /** Fits the chosen synthesizer to the input under the declared constraints; {@code notes} hears about rows left out. */
    FittedModel fit(ReadResult data, Progress progress, java.util.function.Consumer<String> notes) {
        if (data.table().rowCount() == 0) throw new InputException(data.source(), "no data rows (the file has a header only)");
        Constraints.OnViolation policy = onViolation();
        Constraints declared = constraints();
        Metadata meta = metadataFor(data);
        Synthesizer synth = synthesizer();
        char delimiter = data.delimiter() == null ? ',' : data.delimiter();
        TextStyle style = new TextStyle(delimiter, data.missingMarkers());
        FittedModel model = FittedModel.fit(data.table(), meta, style, synth, seed, data.source(), progress, declared, policy, notes);
        dev.ersatz.synth.FittedGenerator gen = model.generator();
        if (gen instanceof dev.ersatz.synth.AutoSynthesizer.Fitted auto) {
            notes.accept("synthesizer auto chose " + auto.chosen() + ": " + auto.reason());
            gen = auto.generator();
        }
        if (gen instanceof dev.ersatz.synth.dp.PrivacyReport privacy) notes.accept(privacy.privacySummary());
        return model;
    }

    static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
