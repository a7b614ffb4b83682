package dev.ersatz.cli.simulate;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ersatz simulate validate}: placeholder until the validator lands. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate a simulated output against its manifest's targets.")
final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.ersatz.core.InputException("simulate validate is not built yet");
    }
}
