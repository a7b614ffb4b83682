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

    @Option(names = "--report", paramLabel = "FILE.html", description = "Evaluate the output and write the HTML report here "
            + "(without --holdout, a random 20% of the input is held out first and the model fitted on the rest).")
    Path report;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Evaluate the output and write the scores here as JSON.")
    Path json;

    @Option(names = "--holdout", paramLabel = "FILE", description = "Real rows not in the input, for --report/--json (instead of holding out part of the input).")
    String holdout;

    @Option(names = "--holdout-share", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Share of the input held out for --report/--json when there is no --holdout (default: ${DEFAULT-VALUE}).")
    double holdoutShare;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column the report's ML-utility models predict.")
    String target;

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
        boolean evaluate = report != null || json != null;
        if (evaluate) EvaluationOutput.check(report, json);
        else if (holdout != null || target != null) {
            throw new dev.ersatz.core.InputException(holdout != null ? "--holdout" : "--target", "is used by the evaluation: add --report or --json");
        }
        ReadResult data = in.options.read();
        if (labelColumn != null && data.table().indexOf(labelColumn) >= 0) {
            throw new dev.ersatz.core.InputException("--label-synthetic", -1, labelColumn, null, "the input already has a column of this name: give another, e.g. --label-synthetic=is_synthetic");
        }
        SynthReport.Plan evalPlan = evaluate ? SynthReport.plan(data, holdout, in.options.readOptions(), holdoutShare, synth.options.seed, target) : null;
        // The model is fitted, and hybrid real rows are drawn, from the part of the input that is not held out.
        ReadResult fitData = evalPlan == null ? data : evalPlan.train();
        long n = rows != null ? rows : data.table().rowCount();
        Hybrid.Plan plan = realFraction == null ? null : Hybrid.plan(fitData.table().rowCount(), n, realFraction, synth.options.seed);
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            FittedModel model = synth.options.fit(fitData, progress, note -> spec.commandLine().getErr().println("ersatz: note: " + note));
            // Sample with the fitting seed: one --seed governs the whole run.
            if (plan == null && labelColumn == null) {
                Output.sample(model, out, n, synth.options.seed, sample.options.conditions(), sample.options.threads(), progress,
                        spec.commandLine().getErr());
            } else {
                dev.ersatz.core.Table real = plan == null ? fitData.table().head(0) : fitData.table().select(plan.realRows());
                long synthetic = plan == null ? n : plan.syntheticRows();
                Output.sampleMixed(model, out, real, fitData.source(), synthetic, synth.options.seed, sample.options.conditions(),
                        sample.options.threads(), labelColumn, progress);
            }
            if (saveModel != null) model.save(saveModel);
            if (evaluate) {
                var e = SynthReport.evaluate(evalPlan, model, out, in.options.readOptions(), target, synth.options.seed, labelColumn, progress);
                EvaluationOutput.write(e, report, json);
                EvaluationOutput.print(e, spec.commandLine().getOut(), report, json);
            }
        }
        return 0;
    }
}
