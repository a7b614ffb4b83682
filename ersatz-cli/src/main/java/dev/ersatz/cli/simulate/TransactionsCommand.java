package dev.ersatz.cli.simulate;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.sim.engine.RowSink;
import dev.ersatz.sim.fraud.Calibrator;
import dev.ersatz.sim.fraud.Profile;
import dev.ersatz.sim.fraud.Scenario;
import dev.ersatz.sim.fraud.TransactionSimulator;
import dev.ersatz.sim.fraud.TxType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz simulate transactions}: a world of clients, merchants and banks with labelled fraud and laundering. */
@Command(name = "transactions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate mobile-money and card transactions with fraud and laundering typologies, labelled by construction.",
                "With --calibrate, learn a profile (aggregates only) from a real log instead."})
final class TransactionsCommand implements Callable<Integer> {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "20000", description = "Clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Days, one step per hour (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", paramLabel = "FILE", description = "Output: .parquet or .csv; a manifest is written beside it.")
    Path out;

    @Option(names = "--scenario", paramLabel = "FILE", description = "A scenario JSON file: profile, population, typologies and their parameters.")
    Path scenario;

    @Option(names = "--profile", paramLabel = "FILE", description = "A profile from --calibrate, in place of the scenario's.")
    Path profile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}); same seed, same bytes.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the output does not depend on it.")
    Integer threads;

    @Option(names = "--calibrate", paramLabel = "LOG", description = "Learn a profile from this real log (.csv or .parquet) and write it to --profile-out.")
    Path calibrate;

    @Option(names = "--profile-out", paramLabel = "FILE", description = "Where --calibrate writes the profile (JSON).")
    Path profileOut;

    @Option(names = "--type-column", paramLabel = "NAME", defaultValue = "type", description = "Log column with the transaction type (default: ${DEFAULT-VALUE}).")
    String typeColumn;

    @Option(names = "--amount-column", paramLabel = "NAME", defaultValue = "amount", description = "Log column with the amount (default: ${DEFAULT-VALUE}).")
    String amountColumn;

    @Option(names = "--time-column", paramLabel = "NAME", defaultValue = "step",
            description = "Log column with the time: an hour step from the log's start, or a timestamp (default: ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--client-column", paramLabel = "NAME", defaultValue = "nameOrig",
            description = "Log column with the originating account, only counted (default: ${DEFAULT-VALUE}).")
    String clientColumn;

    @Option(names = "--log-clients", paramLabel = "N", description = "How many clients the log covers, when it has no account column.")
    Long logClients;

    @Option(names = "--type-map", paramLabel = "LABEL=TYPE,...", description = "Map the log's type labels to CASH_IN, CASH_OUT, PAYMENT, TRANSFER, DEBIT, CARD.")
    String typeMap;

    @Option(names = "--step-zero-weekday", paramLabel = "DAY", defaultValue = "monday",
            description = "For hour-step logs, the weekday of step 0 (default: ${DEFAULT-VALUE}).")
    String stepZeroWeekday;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (calibrate != null) return calibrate(stdout);
        if (out == null) throw new InputException("--out", -1, null, null, "is required (or use --calibrate LOG --profile-out FILE)");
        if (profileOut != null) throw new InputException("--profile-out", -1, null, profileOut.toString(), "goes with --calibrate");
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        TransactionSimulator.Options o = new TransactionSimulator.Options(clients, days, seed, t);
        if (!RowSink.isParquet(out) && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new InputException(out.toString(), "unknown output type: expected a .csv or a .parquet file");
        }
        AtomicFiles.checkParent(out);
        Scenario sc = scenario == null ? Scenario.defaults() : Scenario.read(scenario);
        if (profile != null) sc = sc.withProfile(Profile.read(profile), profile.getFileName().toString());
        long t0 = System.nanoTime();
        TransactionSimulator.Result r = TransactionSimulator.write(sc, o, out, new LogProgress(spec.commandLine().getErr(), "transactions"));
        double secs = (System.nanoTime() - t0) / 1e9;
        long fraud = 0;
        for (long x : r.typologyRows) fraud += x;
        stdout.printf(Locale.ROOT, "%,d transactions (%,d labelled, %.3f%%) from %,d clients over %d days written to %s in %.1f s; manifest %s%n",
                r.rows, fraud, 100.0 * fraud / Math.max(1, r.rows), clients, days, out, secs, TransactionSimulator.manifestPath(out).getFileName());
        stdout.flush();
        return 0;
    }

    private Integer calibrate(PrintWriter stdout) {
        if (profileOut == null) throw new InputException("--profile-out", -1, null, null, "is required with --calibrate");
        if (out != null) throw new InputException("--out", -1, null, out.toString(), "cannot go with --calibrate (calibration writes only a profile)");
        AtomicFiles.checkParent(profileOut);
        int weekday = weekday(stepZeroWeekday);
        Calibrator.Columns cols = new Calibrator.Columns(typeColumn, amountColumn, timeColumn, clientColumn, logClients,
                Calibrator.parseTypeMap(typeMap), weekday);
        Profile p = Calibrator.calibrate(calibrate, cols);
        p.write(profileOut);
        StringBuilder mix = new StringBuilder();
        for (TxType t : TxType.ALL) {
            if (p.share(t) > 0) mix.append(mix.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%", t, 100 * p.share(t)));
        }
        stdout.printf(Locale.ROOT, "profile of %s (%s rows, %s clients, %s days): %.2f transactions per client per day; %s; written to %s%n",
                calibrate.getFileName(), p.source().path("rows").asText(), p.source().path("clients").asText(), p.source().path("days").asText(),
                p.perClientDay(), mix, profileOut);
        stdout.flush();
        return 0;
    }

    private static int weekday(String s) {
        String[] names = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int i = 0; i < 7; i++) if (names[i].startsWith(s.toLowerCase(Locale.ROOT)) && s.length() >= 2) return i;
        throw new InputException("--step-zero-weekday", -1, null, s, "expected a weekday name (monday ... sunday)");
    }
}
