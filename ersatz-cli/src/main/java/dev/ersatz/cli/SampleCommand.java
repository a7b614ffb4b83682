package dev.ersatz.cli;

import dev.ersatz.synth.FittedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ersatz sample}: draws new rows from a saved model. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw new rows from a saved model into a .csv or .parquet file, streamed to disk.")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by 'ersatz fit'.")
    Path model;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "How many rows to sample.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "Output file: .csv or .parquet.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}). Same model and seed give byte-identical output.")
    long seed;

    @Mixin SampleOptionsMixin sample;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (rows < 0) throw new dev.ersatz.core.InputException("--rows", -1, null, Long.toString(rows), "the number of rows must not be negative");
        dev.ersatz.core.model.AtomicFiles.checkParent(out);
        FittedModel m = FittedModel.load(model);
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            Output.sample(m, out, rows, seed, sample.options.conditions(), sample.options.threads(), progress, spec.commandLine().getErr());
        }
        return 0;
    }
}
