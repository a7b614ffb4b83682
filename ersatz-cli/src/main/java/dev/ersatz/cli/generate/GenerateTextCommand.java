package dev.ersatz.cli.generate;

import dev.ersatz.augment.text.Generated;
import dev.ersatz.augment.text.GeneratedWriter;
import dev.ersatz.augment.text.Grammar;
import dev.ersatz.augment.text.GrammarGenerator;
import dev.ersatz.augment.text.TextFormat;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz generate text}: labelled sentences with slot spans from a JSON grammar of intents. */
@Command(name = "text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate distinct labelled sentences with slot spans from a JSON grammar of intents,",
                "templates and slots. Same grammar, options and seed: same bytes."})
public final class GenerateTextCommand implements Callable<Integer> {
    @Option(names = "--grammar", required = true, paramLabel = "FILE", description = "The grammar (JSON): intents, slots, rules.")
    Path grammar;

    @Option(names = "--per-intent", paramLabel = "N", description = "Sentences per intent (an intent's own \"count\" wins).")
    Integer perIntent;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .csv (text,intent,entities), .jsonl or .conll.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or conll (default: from the output's extension).")
    String format;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (perIntent != null && perIntent < 0) throw new InputException(null, -1, "--per-intent", perIntent.toString(), "must not be negative");
        TextFormat fmt;
        if (format != null) {
            try {
                fmt = TextFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, -1, "--format", format, e.getMessage());
            }
        } else {
            fmt = TextFormat.of(out);
            if (fmt == null) throw new InputException(out.toString(), "cannot tell the format from the extension: use .csv, .jsonl or .conll, or give --format");
        }
        AtomicFiles.checkParent(out);
        long t0 = System.nanoTime();
        Grammar g = Grammar.read(grammar);
        List<Generated> rows = GrammarGenerator.generate(g, perIntent, seed);
        GeneratedWriter.write(out, fmt, rows);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d sentences for %d intents (%s) written to %s in %.2f s%n",
                rows.size(), g.intentNames().size(), String.join(", ", g.intentNames()), out, (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
