package dev.ersatz.cli.simulate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ersatz simulate}: data that real records lack, from agent-based simulators with labels known by construction. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate data that real records lack: transactions with fraud and laundering typologies, "
                + "patient records from disease modules; and validate what was simulated.",
        subcommands = {TransactionsCommand.class, PatientsCommand.class, ValidateCommand.class})
public final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
