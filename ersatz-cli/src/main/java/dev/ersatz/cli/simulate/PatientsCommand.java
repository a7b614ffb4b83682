package dev.ersatz.cli.simulate;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ersatz simulate patients}: placeholder until the patient simulator lands. */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "Simulate patient records from disease modules (JSON state machines).")
final class PatientsCommand implements Callable<Integer> {
    /** Validates a patients directory (not built yet). */
    static dev.ersatz.sim.engine.Report validate(java.nio.file.Path dir, dev.ersatz.core.Progress progress) {
        throw new dev.ersatz.core.InputException(dir.toString(), "patient validation is not built yet");
    }

    @Override
    public Integer call() {
        throw new dev.ersatz.core.InputException("simulate patients is not built yet");
    }
}
