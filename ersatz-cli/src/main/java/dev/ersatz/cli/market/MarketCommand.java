package dev.ersatz.cli.market;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ersatz market}: price-path models fitted to real prices, simulated, and judged by their stylized facts. */
@Command(name = "market", mixinStandardHelpOptions = true,
        description = "Market price paths: fit a model to real prices, simulate paths, evaluate their stylized facts.",
        subcommands = {MarketFitCommand.class, MarketSimulateCommand.class, MarketEvaluateCommand.class})
public final class MarketCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
