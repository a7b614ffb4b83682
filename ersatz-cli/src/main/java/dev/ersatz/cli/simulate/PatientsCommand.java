package dev.ersatz.cli.simulate;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ersatz simulate patients}: placeholder until the patient simulator lands. */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "Simulate patient records from disease modules (JSON state machines).")
final class PatientsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.ersatz.core.InputException("simulate patients is not built yet");
    }
}
