package dev.ersatz.cli.market;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.sim.market.MarketModel;
import dev.ersatz.sim.market.Paths;
import dev.ersatz.sim.market.PathsIO;
import dev.ersatz.sim.market.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz market simulate}: draws price paths from a saved market model. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate price paths from a market model into a .csv or .parquet file (same seed, same bytes).")
final class MarketSimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by 'ersatz market fit'.")
    Path model;

    @Option(names = "--paths", required = true, paramLabel = "N", description = "How many paths.")
    int paths;

    @Option(names = "--days", required = true, paramLabel = "N", description = "Days per path (periods of the source's calendar).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "Output file: .csv or .parquet.")
    Path out;

    @Option(names = "--start-price", paramLabel = "P", description = "The day-0 price of every asset (default: each asset's last real price).")
    Double startPrice;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", paramLabel = "FILE", description = "A scenario JSON file: crashes, volatility spikes, calm/stressed regimes.")
    Path scenario;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (paths < 1) throw new InputException(null, -1, "--paths", String.valueOf(paths), "needs at least one path");
        if (days < 1) throw new InputException(null, -1, "--days", String.valueOf(days), "needs at least one day");
        if (startPrice != null && !(startPrice > 0 && Double.isFinite(startPrice))) {
            throw new InputException(null, -1, "--start-price", String.valueOf(startPrice), "must be a positive number");
        }
        AtomicFiles.checkParent(out);
        MarketModel m = MarketModel.load(model);
        Scenario sc = scenario == null ? Scenario.NONE : Scenario.read(scenario);
        // name the scenario file in errors (days beyond the horizon, unknown assets)
        if (scenario != null) sc.check(days, m.assets(), scenario.toString());
        double[] start = null;
        if (startPrice != null) {
            start = new double[m.assets().size()];
            Arrays.fill(start, startPrice);
        }
        long t0 = System.nanoTime();
        Paths p = m.simulate(paths, days, start, seed, sc, Runtime.getRuntime().availableProcessors());
        long t1 = System.nanoTime();
        PathsIO.write(p, m.layout(), out);
        long t2 = System.nanoTime();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d paths × %d days of %s (%s): simulated in %.2f s, written in %.2f s%n",
                paths, days, String.join(", ", m.assets()), m.kind().label(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
