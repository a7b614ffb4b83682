package dev.ersatz.cli;

import dev.ersatz.core.io.ReadResult;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.balance.Hybrid;
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

    @Option(names = "--real-fraction", paramLabel = "F",
            description = "Hybrid output: this share of the rows are real rows drawn from the input (without replacement), the rest synthetic.")
    Double realFraction;

    @Option(names = {"--label-synthetic", "--lineage"}, arity = "0..1", fallbackValue = "synthetic", paramLabel = "COLUMN",
            description = "Add a column (default name: synthetic) saying which rows are synthetic (true) or real (false).")
    String labelColumn;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (rows != null && rows < 0) throw new dev.ersatz.core.InputException("--rows", -1, null, rows.toString(), "the number of rows must not be negative");
        dev.ersatz.core.model.AtomicFiles.checkParent(out);
        if (saveModel != null) dev.ersatz.core.model.AtomicFiles.checkParent(saveModel);
        if (realFraction != null && !sample.options.where.isEmpty()) {
            throw new dev.ersatz.core.InputException("--real-fraction", -1, null, realFraction.toString(),
                    "cannot be combined with --where: the real rows would not meet the conditions (filter the input instead)");
        }
        ReadResult data = in.options.read();
        if (labelColumn != null && data.table().indexOf(labelColumn) >= 0) {
            throw new dev.ersatz.core.InputException("--label-synthetic", -1, labelColumn, null, "the input already has a column of this name: give another, e.g. --label-synthetic=is_synthetic");
        }
        long n = rows != null ? rows : data.table().rowCount();
        Hybrid.Plan plan = realFraction == null ? null : Hybrid.plan(data.table().rowCount(), n, realFraction, synth.options.seed);
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            FittedModel model = synth.options.fit(data, progress, note -> spec.commandLine().getErr().println("ersatz: note: " + note));
            // Sample with the fitting seed: one --seed governs the whole run.
            if (plan == null && labelColumn == null) {
                Output.sample(model, out, n, synth.options.seed, sample.options.conditions(), sample.options.threads(), progress,
                        spec.commandLine().getErr());
            } else {
                dev.ersatz.core.Table real = plan == null ? data.table().head(0) : data.table().select(plan.realRows());
                long synthetic = plan == null ? n : plan.syntheticRows();
                Output.sampleMixed(model, out, real, data.source(), synthetic, synth.options.seed, sample.options.conditions(),
                        sample.options.threads(), labelColumn, progress);
            }
            if (saveModel != null) model.save(saveModel);
        }
        return 0;
    }
}
