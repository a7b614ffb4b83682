package dev.ersatz.cli.simulate;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;
import dev.ersatz.sim.health.Module;
import dev.ersatz.sim.health.ModuleLoader;
import dev.ersatz.sim.health.PatientSimulator;
import dev.ersatz.sim.health.PatientValidator;
import dev.ersatz.sim.health.PopulationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz simulate patients}: patient records over whole lives, from disease modules written as JSON state machines. */
@Command(name = "patients", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate patients from birth to death or the end date, driven by disease modules (Synthea-style JSON state machines).",
                "Writes CSV tables (patients, encounters, conditions, medications, observations, procedures) or one FHIR R4 bundle per patient."})
final class PatientsCommand implements Callable<Integer> {
    @Option(names = "--population", paramLabel = "N", defaultValue = "1000", description = "Living patients at the end date (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (new, empty, or an earlier Ersatz output, which is replaced).")
    Path out;

    @Option(names = "--format", paramLabel = "csv|fhir", defaultValue = "csv", description = "csv (default) or fhir (FHIR R4 transaction bundles).")
    String format;

    @Option(names = "--modules", paramLabel = "DIR", description = "A directory of module JSON files, added to the built-in ones (same name replaces).")
    Path modules;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}); same seed, same records and ids.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the output does not depend on it.")
    Integer threads;

    @Option(names = "--population-table", paramLabel = "CSV", description = "An editable population table: region,sex,age_low,age_high,weight.")
    Path table;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", defaultValue = "2025-01-01", description = "The simulation's end date (default: ${DEFAULT-VALUE}).")
    String endDate;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PatientSimulator.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> PatientSimulator.Format.CSV;
            case "fhir" -> PatientSimulator.Format.FHIR;
            default -> throw new InputException("--format", -1, null, format, "expected csv or fhir");
        };
        LocalDate end;
        try {
            end = LocalDate.parse(endDate);
        } catch (DateTimeParseException e) {
            throw new InputException("--end-date", -1, null, endDate, "expected a date such as 2025-01-01");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PatientSimulator.Options o = new PatientSimulator.Options(population, seed, t, end);
        List<Module> mods = modules == null ? ModuleLoader.builtIn() : ModuleLoader.withDirectory(modules);
        PopulationTable pop = table == null ? PopulationTable.builtIn() : PopulationTable.read(table);
        long t0 = System.nanoTime();
        PatientSimulator.Written w = PatientSimulator.write(mods, pop, o, f, out, new LogProgress(spec.commandLine().getErr(), "patients", "patients"));
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder names = new StringBuilder();
        for (Module m : mods) names.append(names.length() == 0 ? "" : ", ").append(m.name());
        spec.commandLine().getOut().printf(Locale.ROOT, "%,d living and %,d deceased patients (%s) written to %s as %s in %.1f s; modules: %s%n",
                w.alive(), w.lives() - w.alive(), f == PatientSimulator.Format.CSV
                        ? String.format(Locale.ROOT, "%,d encounters, %,d observations", w.csvRows()[1], w.csvRows()[4])
                        : String.format(Locale.ROOT, "%,d bundles", w.bundles()),
                out, format.toLowerCase(Locale.ROOT), secs, names);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Validates a patients directory. */
    static Report validate(Path dir, Progress progress) {
        return PatientValidator.validate(dir, progress);
    }
}
