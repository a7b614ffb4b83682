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

/** {@code ersatz fit}: learns a model from a table and saves it. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Learn a synthesizer from a table and save it as a model file.")
final class FitCommand implements Callable<Integer> {
    @Mixin InputOptionsMixin in;
    @Mixin SynthOptionsMixin synth;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to save the model (e.g. model.ersatz).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        dev.ersatz.core.model.AtomicFiles.checkParent(out);
        ReadResult data = in.options.read();
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            FittedModel model = synth.options.fit(data, progress, note -> spec.commandLine().getErr().println("ersatz: note: " + note));
            model.save(out);
        }
        return 0;
    }
}
