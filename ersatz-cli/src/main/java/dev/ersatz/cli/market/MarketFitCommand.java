package dev.ersatz.cli.market;

import dev.ersatz.core.InputException;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.sim.market.Estimate;
import dev.ersatz.sim.market.MarketFitter;
import dev.ersatz.sim.market.MarketModel;
import dev.ersatz.sim.market.MarketOptions;
import dev.ersatz.sim.market.ModelKind;
import dev.ersatz.sim.market.PriceSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz market fit}: fits a market model to prices and saves it. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a price-path model to real prices (zero holiday returns masked) and save it.")
final class MarketFitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRICES", description = "Prices: a .csv or .parquet file, wide (one column per asset) or long (asset, date, price).")
    String input;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to save the model (e.g. market.ersatz).")
    Path out;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "gjr-fhs, garch-t, gjr-t, egarch, heston, merton, gbm, bootstrap or auto (default: ${DEFAULT-VALUE}: the model that passes most "
                    + "stylized-facts targets); also garch-normal, garch-skewt, gjr-normal, gjr-skewt, egarch-normal, egarch-skewt.")
    String model;

    @Option(names = "--date", paramLabel = "COLUMN", description = "The date column (default: a column named 'date', if any).")
    String date;

    @Option(names = "--price", paramLabel = "COLUMN", description = "The price column of a single series, or of a long layout.")
    String price;

    @Option(names = "--columns", split = ",", paramLabel = "A,B,...", description = "The assets to fit together: columns (wide) or keys (long).")
    List<String> columns;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}); fits are deterministic for a seed.")
    long seed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ModelKind kind = ModelKind.parse(model);
        AtomicFiles.checkParent(out);
        PriceSeries data = read(input, date, price, columns);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        MarketModel m = MarketFitter.fit(data, MarketOptions.of(kind), seed, input, line -> {
            err.println("ersatz: " + line);
            err.flush();
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        m.save(out);
        summary(m, spec.commandLine().getOut(), data.days() - 1, seconds);
        return 0;
    }

    /** Reads the price series out of {@code input}. */
    static PriceSeries read(String input, String date, String price, List<String> columns) {
        try {
            return PriceSeries.fromTable(TableReader.read(input, ReadOptions.defaults()).table(), input, date, price, columns);
        } catch (InputException e) {
            throw e.source() == null ? e.withSource(input) : e;
        }
    }

    private static void summary(MarketModel m, PrintWriter out, int returns, double seconds) {
        out.printf(Locale.ROOT, "%s fitted to %s (%s): %d returns each, %.2f s%n", m.kind().label(), String.join(", ", m.assets()),
                m.kind().description(), returns, seconds);
        List<List<Estimate>> est = m.estimates();
        for (int i = 0; i < est.size(); i++) {
            StringBuilder sb = new StringBuilder("  ").append(m.assets().get(i)).append(':');
            for (Estimate e : est.get(i)) {
                sb.append(' ').append(e.name()).append('=').append(String.format(Locale.ROOT, "%.4g", e.value()));
                if (e.fixed()) sb.append(" (set)");
                else if (!Double.isNaN(e.se())) sb.append(String.format(Locale.ROOT, " (se %.2g)", e.se()));
            }
            out.println(sb);
        }
        if (m.info().has("feller")) out.println("  Feller condition 2κθ ≥ ξ²: " + m.info().get("feller"));
        if (m.info().has("selection")) out.println("  " + m.info().get("selectedBy").asText());
        out.flush();
    }
}
