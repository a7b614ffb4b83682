package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.eval.Evaluation;
import dev.ersatz.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ersatz evaluate}: scores a synthetic table against the real one. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a synthetic table against the real table it was learned from: fidelity, detection, "
                + "ML utility and privacy (distances and the singling-out, linkability and inference attacks), "
                + "with a plain-language verdict per section.",
                "A real holdout the generator never saw (--holdout) gives the ceilings, ML utility, the DCR share and the "
                + "attack risks; ML utility also needs --target."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "FILE", description = "The real (training) table: .csv or .parquet.")
    String real;

    @Option(names = "--synthetic", required = true, paramLabel = "FILE", description = "The synthetic table, with the real table's columns.")
    String synthetic;

    @Option(names = "--holdout", paramLabel = "FILE", description = "Real rows the generator never saw, with the same columns.")
    String holdout;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column ML utility predicts (classification or regression by its kind).")
    String target;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write the report here: one HTML file that opens offline.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the scores here as JSON (stable summary keys at the top level).")
    Path json;

    @Option(names = "--metadata", paramLabel = "JSON", description = "Column metadata of the real table; listed columns override detection.")
    Path metadata;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}). Same inputs and seed give byte-identical JSON.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). The scores do not depend on it.")
    Integer threads;

    @Option(names = "--missing", paramLabel = "MARKERS", description = "Comma-separated texts that mean a missing value in the CSV inputs (default: empty, NA, N/A, ?, null, NULL, NaN).")
    String missing;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "Character set of the CSV inputs (default: UTF-8).")
    String encoding;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        EvaluationOutput.check(report, json);
        if (threads != null && threads < 1) throw new InputException("--threads", -1, null, threads.toString(), "must be at least 1");
        ReadOptions options = readOptions();
        ReadResult r = TableReader.read(real, options);
        ReadResult s = TableReader.read(synthetic, options);
        ReadResult h = holdout == null ? null : TableReader.read(holdout, options);
        Metadata detected = MetadataDetector.detect(r.table());
        Metadata meta = metadata == null ? detected : Metadata.read(metadata).overriding(detected, metadata.toString());
        Evaluator.Options o = Evaluator.Options.defaults().withSeed(seed).withTarget(target);
        if (threads != null) o = o.withThreads(threads);
        Evaluation e;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            e = Evaluator.evaluate(r.table(), r.source(), s.table(), s.source(), h == null ? null : h.table(), h == null ? null : h.source(),
                    meta, o, progress);
        }
        EvaluationOutput.write(e, report, json);
        EvaluationOutput.print(e, spec.commandLine().getOut(), report, json);
        return 0;
    }

    private ReadOptions readOptions() {
        ReadOptions o = ReadOptions.defaults();
        if (missing != null) o = o.withMissingMarkers(List.copyOf(Arrays.asList(missing.split(",", -1))));
        if (encoding != null) {
            try {
                o = o.withEncoding(Charset.forName(encoding));
            } catch (IllegalArgumentException ex) {
                throw new InputException("--encoding", -1, null, encoding, "unknown character set");
            }
        }
        return o;
    }
}
