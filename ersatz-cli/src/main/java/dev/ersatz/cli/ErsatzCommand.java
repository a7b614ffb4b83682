package dev.ersatz.cli;

import dev.ersatz.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code ersatz} command: lists the subcommands. */
@Command(name = "ersatz",
        mixinStandardHelpOptions = true,
        versionProvider = ErsatzCommand.VersionProvider.class,
        description = "Synthetic data for machine learning: learn a table's distribution, sample new rows that keep its patterns without copying them.",
        subcommands = {
                MetadataCommand.class,
                FitCommand.class,
                SampleCommand.class,
                SynthCommand.class,
                BalanceCommand.class,
                dev.ersatz.cli.market.MarketCommand.class,
                dev.ersatz.cli.augment.AugmentCommand.class,
                dev.ersatz.cli.generate.GenerateCommand.class,
                dev.ersatz.cli.simulate.SimulateCommand.class,
                EvaluateCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class ErsatzCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the library version for {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ersatz " + Version.get() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
