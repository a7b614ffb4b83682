package dev.ersatz.cli.simulate;

import dev.ersatz.core.InputException;
import dev.ersatz.sim.engine.Report;
import dev.ersatz.sim.fraud.TransactionValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ersatz simulate validate}: checks a simulated output against its manifest's targets and writes a report. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a simulated output against its manifest: a transactions log (.parquet/.csv) or a patients directory.",
                "Writes a report as JSON and HTML; exits 0 when every check passes, 3 when one fails."})
final class ValidateCommand implements Callable<Integer> {
    /** Exit code when the output was read but a check failed. */
    static final int CHECK_FAILED = 3;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "A transactions log or a patients directory written by 'ersatz simulate'.")
    Path target;

    @Option(names = "--report", paramLabel = "HTML", description = "Where to write the HTML report (default: <OUTPUT>.validation.html); the JSON goes beside it.")
    Path html;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--skip-detectability", description = "Transactions: leave out the detectability check (it simulates a training run).")
    boolean skipDetectability;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(target)) throw new InputException(target.toString(), "no such file or directory");
        Path base = target.toAbsolutePath().normalize();
        Path htmlPath = html != null ? html : base.resolveSibling(base.getFileName() + ".validation.html");
        String name = htmlPath.getFileName().toString();
        Path jsonPath = htmlPath.resolveSibling((name.endsWith(".html") ? name.substring(0, name.length() - 5) : name) + ".json");
        dev.ersatz.core.model.AtomicFiles.checkParent(htmlPath);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) throw new InputException("--threads", -1, null, String.valueOf(t), "needs at least one thread");
        Report report;
        LogProgress progress = new LogProgress(spec.commandLine().getErr(), "validate");
        if (Files.isDirectory(target)) {
            report = PatientsCommand.validate(target, progress);
        } else {
            report = TransactionValidator.validate(target, t, !skipDetectability, progress);
        }
        report.write(jsonPath, htmlPath);
        out.println(report.summary());
        out.println("report: " + htmlPath + " (and " + jsonPath.getFileName() + ")");
        out.flush();
        return report.passed() ? 0 : CHECK_FAILED;
    }
}
