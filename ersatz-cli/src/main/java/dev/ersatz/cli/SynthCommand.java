package dev.ersatz.cli;

import dev.ersatz.core.io.ReadResult;
import dev.ersatz.synth.FittedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ersatz synth}: fit and sample in one step. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Fit a synthesizer to a table and write new rows in one step.")
final class SynthCommand implements Callable<Integer> {
    @Mixin InputOptionsMixin in;
    @Mixin SynthOptionsMixin synth;
    @Mixin SampleOptionsMixin sample;

    @Option(names = "--rows", paramLabel = "N", description = "How many rows to write (default: as many as the input has).")
    Long rows;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "Output file: .csv or .parquet.")
    Path out;

    @Option(names = "--save-model", paramLabel = "MODEL", description = "Also save the fitted model here.")
    Path saveModel;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (rows != null && rows < 0) throw new dev.ersatz.core.InputException("--rows", -1, null, rows.toString(), "the number of rows must not be negative");
        dev.ersatz.core.model.AtomicFiles.checkParent(out);
        if (saveModel != null) dev.ersatz.core.model.AtomicFiles.checkParent(saveModel);
        ReadResult data = in.options.read();
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            FittedModel model = synth.options.fit(data, progress);
            long n = rows != null ? rows : data.table().rowCount();
            // Sample with the fitting seed: one --seed governs the whole run.
            Output.sample(model, out, n, synth.options.seed, sample.options.conditions(), sample.options.threads(), progress);
            if (saveModel != null) model.save(saveModel);
        }
        return 0;
    }
}
