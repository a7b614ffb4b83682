package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a simulated transactions log against its manifest: counts per type and hour against the
 * profile, amount distributions, the balance invariant, labels and cases per typology, and how
 * detectable each typology is from behaviour and from artefacts.
 *
 * <p><b>Tolerances, and where they come from.</b>
 * <ul>
 * <li>Counts per type and hour: the expected count E is the profile's rate times the clients, summed
 * over the run's hours; the count varies by Poisson noise (E) and by the draw of the population
 * (E² c²/N, where c² is the squared coefficient of variation of a client's rate, from the scenario's
 * gamma shapes: activity, type preference, night and weekend factors; for CASH_IN, whose preference
 * is the client's spending mix, its spread follows from the profile's spending shares). A cell passes within 4 standard deviations. Rows made by patterns
 * (typologies and look-alikes) are taken out first, using the manifest's aggregate counts, and
 * attempts a client could not afford are put back.</li>
 * <li>Amounts: the Kolmogorov-Smirnov distance at the grid's edges between the log and the profile (with
 * its round amounts), within 1.63 sqrt(deff / n) (the 1% critical value) plus the share of rows made
 * by patterns and of unaffordable attempts. deff = 1 + (m - 1) (2/π) asin(ρ²) is the design effect of
 * m rows per client whose amounts share a wealth score with loading ρ_k (see {@link TxWorld#loading}).</li>
 * <li>Balances: exact, in cents.</li>
 * <li>Labels: exactly the manifest's counts; cases planned within 4 sqrt(E) of the scenario's rate
 * (Poisson); cases with rows at least the planned ones less those that may start after the run's end
 * (the pattern's longest lead over the run's length) less 4 sqrt(planned).</li>
 * <li>Detectability: behavioural AUC per typology at least {@value #WELL} (detected well) and, at 90%
 * precision in the log's own proportions, recall below {@value #NOT_PERFECT_RECALL} (not perfectly);
 * artefact AUC within 4 standard errors of 0.5 (Mann and Whitney's null error, counting cases rather
 * than rows as the positives).</li>
 * </ul>
 */
public final class TransactionValidator {
    /** A typology is "detected well" from behaviour at this AUC or above. */
    public static final double WELL = 0.75;
    /**
     * ... and "not perfectly" when, at 90% precision, less than this share of its rows is caught. PaySim's
     * fraud is perfectly detectable in this sense: two rules catch 1,003 of its 1,007 frauds (99.6%)
     * almost without false alarms. (AUC against all traffic is not the measure: a typology that lives
     * where little ordinary traffic does, such as deposits just under a threshold, reaches AUC 0.99+
     * even when most of the transactions in its region are innocent.)
     */
    public static final double NOT_PERFECT_RECALL = 0.95;
    /** The precision at which {@link #NOT_PERFECT_RECALL} is measured. */
    public static final double PRECISION = 0.9;
    /** Standard deviations allowed for counts and artefact AUCs. */
    public static final double Z = 4;
    /** Largest training run for the detectability check, in clients (larger logs are tested against a run of this size). */
    public static final int MAX_TRAIN_CLIENTS = 20_000;

    private TransactionValidator() {}

    /** Reads the manifest beside {@code log}. */
    static JsonNode manifest(Path log) {
        Path m = TransactionSimulator.manifestPath(log);
        if (!Files.isRegularFile(m)) {
            throw new InputException(log.toString(), "no manifest beside it (" + m.getFileName()
                    + "); validate checks a log written by 'ersatz simulate transactions' against its manifest");
        }
        try {
            JsonNode root = Profile.JSON.readTree(m.toFile());
            if (!"transactions".equals(root.path("kind").asText())) throw new InputException(m.toString(), "not a transactions manifest");
            return root;
        } catch (IOException e) {
            throw new InputException(m.toString(), "not a valid manifest: " + Profile.oneLine(e.getMessage()));
        }
    }

    /** The run's scenario, rebuilt from the manifest (the profile is inlined there). */
    static Scenario scenario(JsonNode manifest, String source) {
        ObjectNode sc = ((ObjectNode) manifest.get("scenario")).deepCopy();
        sc.set("profile", manifest.get("profile"));
        return Scenario.fromJson(sc, source, null);
    }

    /** Validates {@code log}; {@code threads} speeds up the training run for the detectability check. */
    public static Report validate(Path log, int threads, Progress progress) {
        return validate(log, threads, true, progress);
    }

    /** Validates {@code log}, with or without the detectability check (which simulates a training run: the slow part). */
    public static Report validate(Path log, int threads, boolean detectability, Progress progress) {
        JsonNode m = manifest(log);
        String msource = TransactionSimulator.manifestPath(log).toString();
        Scenario scenario = scenario(m, msource);
        Profile profile = scenario.profile();
        int clients = m.get("clients").asInt(), days = m.get("days").asInt();
        long seed = m.get("seed").asLong();
        Report report = new Report("Ersatz validation: transactions", log.getFileName() + ": " + String.format(Locale.ROOT,
                "%,d clients over %d days, seed %d, %s", clients, days, seed, m.path("library").asText()));

        // one pass over the log
        long[][] counts = new long[TxType.COUNT][24];
        long[][] bins = new long[TxType.COUNT][AmountDistribution.MAX_K - AmountDistribution.MIN_K];
        long[] typeRows = new long[TxType.COUNT];
        long[] labelRows = new long[Pattern.TYPOLOGIES.size() + 1];
        List<Set<Long>> labelCases = new ArrayList<>();
        for (int i = 0; i <= Pattern.TYPOLOGIES.size(); i++) labelCases.add(new HashSet<>());
        Map<Long, Long> lastBalance = new HashMap<>(), firstBalance = new HashMap<>();
        long[] badRow = {-1}, badChain = {-1};
        long[] cash = new long[2];
        long[] rowsSeen = {0};
        long expectedRows = m.path("counts").path("rows").asLong();
        Detectability.Collector test = new Detectability.Collector(
                Math.min(1, (double) Detectability.NEGATIVES_TEST / Math.max(1, expectedRows)), 0x74657374L);
        try (LogSource src = new LogSource(log)) {
            src.forEachTransaction(r -> {
                rowsSeen[0]++;
                TxType t = r.txType();
                int hour = (int) Math.floorMod(r.time / 3600, 24);
                counts[r.type][hour]++;
                typeRows[r.type]++;
                bins[r.type][AmountDistribution.binOf(r.cents / 100.0) - AmountDistribution.MIN_K]++;
                labelRows[r.typology]++;
                if (r.typology != 0) labelCases.get(r.typology).add(r.caseId);
                boolean ok = r.cents > 0 && r.newOrig == (t.debitsOrigin() ? r.oldOrig - r.cents : r.oldOrig + r.cents) && r.newOrig >= 0;
                if (t.externalDestination()) ok &= r.oldDest == Transfer.NONE;
                else ok &= r.oldDest != Transfer.NONE && r.newDest == r.oldDest + r.cents;
                if (!ok && badRow[0] < 0) badRow[0] = r.index + 1;
                Long before = lastBalance.put(r.orig, r.newOrig);
                if (before == null) firstBalance.put(r.orig, r.oldOrig);
                else if (before != r.oldOrig && badChain[0] < 0) badChain[0] = r.index + 1;
                if (!t.externalDestination() && r.oldDest != Transfer.NONE) {
                    Long b = lastBalance.put(r.dest, r.newDest);
                    if (b == null) firstBalance.put(r.dest, r.oldDest);
                    else if (b != r.oldDest && badChain[0] < 0) badChain[0] = r.index + 1;
                }
                if (t == TxType.CASH_IN) cash[0] += r.cents;
                if (t == TxType.CASH_OUT) cash[1] += r.cents;
                test.accept(r);
                if ((rowsSeen[0] & 0xFFFFF) == 0) progress.update("validate: reading", rowsSeen[0], expectedRows);
            });
        }
        long rows = rowsSeen[0];

        // --- counts per type and hour ---
        String section = "counts per type and hour";
        Params pop = scenario.population();
        double act = 1 / pop.num("activityShape"), pref = 1 / pop.num("typeShape"), rhy = 1 / pop.num("rhythmShape");
        double rho = pop.num("wealthCorrelation");
        long start = scenario.start();
        int weekOffset = (int) ((Math.floorMod(Math.floorDiv(start, 86_400) + 3, 7)) * 24 + Math.floorMod(start, 86_400) / 3600);
        JsonNode extras = m.path("patternRowsByTypeAndHour");
        double cashInMixCv2 = cashInMixCv2(profile, pref);
        List<List<String>> countRows = new ArrayList<>();
        for (TxType t : TxType.ALL) {
            double share = profile.share(t);
            Profile.TypeProfile tp = profile.type(t);
            if (share == 0 || tp == null) continue;
            double[] expected = new double[24];
            for (long step = 0; step < days * 24L; step++) {
                int how = (int) ((step + weekOffset) % 168);
                int hourUtc = (int) Math.floorMod(start / 3600 + step, 24);
                expected[hourUtc] += clients * profile.perClientDay() / 24 * share * tp.rhythm(how % 24, how / 24);
            }
            double e = 0;
            for (double x : expected) e += x;
            double unaff = m.path("unaffordable").path(t.name()).asDouble();
            double cv2g = t == TxType.CASH_IN ? cashInMixCv2 : pref;
            double c2 = (1 + act) * (1 + cv2g) * (1 + rhy) * (1 + rhy) - 1;
            double worst = 0, obsTotal = 0;
            int worstHour = -1;
            for (int h = 0; h < 24; h++) {
                double obs = counts[t.ordinal()][h] - extras.path(t.name()).path(h).asDouble() + (e > 0 ? unaff * expected[h] / e : 0);
                obsTotal += obs;
                if (expected[h] < 5) continue;
                double sd = Math.sqrt(expected[h] + expected[h] * expected[h] * c2 / clients);
                double z = (obs - expected[h]) / sd;
                if (Math.abs(z) > Math.abs(worst)) {
                    worst = z;
                    worstHour = h;
                }
            }
            double sdTotal = Math.sqrt(e + e * e * c2 / clients);
            double zTotal = (obsTotal - e) / sdTotal;
            report.check(section, t + " total", Math.abs(zTotal) <= Z, fmt(obsTotal), fmt(e),
                    String.format(Locale.ROOT, "±%s (z %.1f)", fmt(Z * sdTotal), zTotal),
                    "Poisson plus population draw: sd = sqrt(E + E² c²/N), c² = " + String.format(Locale.ROOT, "%.3f", c2));
            report.check(section, t + " by hour (worst hour)", Math.abs(worst) <= Z,
                    String.format(Locale.ROOT, "z %.2f at %02d:00", worst, Math.max(0, worstHour)), "|z| ≤ " + Z, Z + " sd per hour",
                    "each hour's count against the profile's rhythm, sd as above");
            countRows.add(List.of(t.name(), fmt(typeRows[t.ordinal()]), fmt(e), String.format(Locale.ROOT, "%.1f%%", 100.0 * typeRows[t.ordinal()] / rows),
                    String.format(Locale.ROOT, "%.1f%%", 100 * share)));
        }
        report.table("Transactions per type", List.of("type", "rows", "expected (profile, ordinary activity)", "share", "profile share"), countRows,
                "Expected counts leave out rows made by typologies and look-alikes (the manifest counts them).");

        // --- amounts ---
        section = "amount distributions";
        for (TxType t : TxType.ALL) {
            Profile.TypeProfile tp = profile.type(t);
            long n = typeRows[t.ordinal()];
            if (tp == null || n == 0) continue;
            double[] cdf = roundedCdf(tp.amounts(), tp.roundShare());
            double ks = 0;
            long cum = 0;
            int worstEdge = 0;
            for (int k = 0; k < cdf.length; k++) {
                cum += bins[t.ordinal()][k];
                double d = Math.abs((double) cum / n - cdf[k]);
                if (d > ks) {
                    ks = d;
                    worstEdge = k + 1 + AmountDistribution.MIN_K;
                }
            }
            double perClient = (double) n / clients;
            double loading = TxWorld.loading(tp.amounts(), rho);
            double deff = 1 + Math.max(0, perClient - 1) * (2 / Math.PI) * Math.asin(loading * loading);
            double extraShare = 0;
            for (int h = 0; h < 24; h++) extraShare += extras.path(t.name()).path(h).asDouble();
            extraShare /= n;
            double unaffShare = m.path("unaffordable").path(t.name()).asDouble() / n;
            double tol = 1.63 * Math.sqrt(deff / n) + extraShare + unaffShare + 0.0005;
            report.check(section, t + " KS distance", ks <= tol, String.format(Locale.ROOT, "%.4f (at %s)", ks, fmt2(AmountDistribution.edge(worstEdge))),
                    "0", String.format(Locale.ROOT, "%.4f", tol), String.format(Locale.ROOT,
                            "1.63·sqrt(deff/n), n %,d, deff %.1f (%.0f rows per client); + pattern rows %.4f + unaffordable %.4f + quadrature 0.0005",
                            n, deff, perClient, extraShare, unaffShare));
        }

        // --- balances ---
        section = "balance invariant";
        report.check(section, "every row adds up (new = old ± amount, both sides)", badRow[0] < 0,
                badRow[0] < 0 ? "all rows" : "row " + badRow[0] + " does not", "all rows", "exact", "money is counted in cents");
        report.check(section, "each account's balance carries from row to row", badChain[0] < 0,
                badChain[0] < 0 ? "all accounts" : "breaks at row " + badChain[0], "all accounts", "exact", "old balance = the previous row's new balance");
        long delta = 0;
        for (Map.Entry<Long, Long> e : lastBalance.entrySet()) delta += e.getValue() - firstBalance.get(e.getKey());
        long net = cash[0] - cash[1];
        report.check(section, "money enters only by CASH_IN and leaves only by CASH_OUT", delta == net,
                money(delta), money(net) + " (cash in − cash out)", "exact", "change of all balances seen in the log");

        // --- labels ---
        section = "typologies";
        JsonNode byLabel = m.path("counts").path("byLabel");
        report.check(section, "rows as in the manifest", rows == expectedRows, fmt(rows), fmt(expectedRows), "exact", "the log is the one the manifest describes");
        double scale = clients / 10_000.0 * days / 30.0;
        for (Pattern p : Pattern.TYPOLOGIES) {
            JsonNode lm = byLabel.path(p.key());
            long mrows = lm.path("rows").asLong(), planned = lm.path("casesPlanned").asLong();
            long cases = labelCases.get(p.code()).size();
            report.check(section, p.key() + ": labelled rows and cases as in the manifest",
                    labelRows[p.code()] == mrows && cases == lm.path("cases").asLong(), fmt(labelRows[p.code()]) + " rows, " + cases + " cases",
                    fmt(mrows) + " rows, " + lm.path("cases").asLong() + " cases", "exact", "labels by construction");
            double rate = scenario.patterns().get(p).rate();
            double e = rate * scale;
            report.check(section, p.key() + ": cases planned at the scenario's rate", Math.abs(planned - e) <= Z * Math.sqrt(Math.max(e, 1)),
                    fmt(planned), String.format(Locale.ROOT, "%.1f", e), String.format(Locale.ROOT, "±%.1f", Z * Math.sqrt(Math.max(e, 1))),
                    "case counts are Poisson(rate × clients/10,000 × days/30)");
            double lead = leadDays(scenario.patterns().get(p).params());
            double floor = planned * Math.max(0, 1 - lead / days) - Z * Math.sqrt(planned);
            report.check(section, p.key() + ": cases with rows", cases >= floor && cases <= planned, fmt(cases),
                    planned + " planned", String.format(Locale.ROOT, "≥ %.1f", floor),
                    String.format(Locale.ROOT, "cases may start after the run's end: up to %.1f of %d days of lead, less 4·sqrt(planned)", lead, days));
        }

        if (!detectability) return report;
        // --- detectability ---
        section = "detectability";
        int trainClients = Math.min(clients, MAX_TRAIN_CLIENTS);
        TransactionSimulator.Options trainOptions = new TransactionSimulator.Options(trainClients, days, seed + 1, threads);
        long trainRows = (long) (trainClients * profile.perClientDay() * days);
        Detectability.Result d = Detectability.evaluate(
                c -> Detectability.feedRun(scenario, trainOptions, c, Progress.NONE), trainRows,
                c -> replay(test, c), rows, progress);
        List<List<String>> detRows = new ArrayList<>();
        for (Detectability.Row r : d.rows()) {
            String key = r.typology().key();
            if (r.testRows() == 0) continue;
            report.check(section, key + ": behaviour detects it well", r.behaviouralAuc() >= WELL,
                    String.format(Locale.ROOT, "AUC %.3f", r.behaviouralAuc()), "≥ " + WELL, "—",
                    "trained on a run with seed " + (seed + 1) + ", tested on this log");
            report.check(section, key + ": ... but not perfectly", r.recallAtPrecision90() < NOT_PERFECT_RECALL,
                    String.format(Locale.ROOT, "recall %.3f at 90%% precision", r.recallAtPrecision90()), "< " + NOT_PERFECT_RECALL, "—",
                    "PaySim's fraud: 99.6% recall with almost no false alarms");
            double tol = Z * r.artefactStandardError();
            report.check(section, key + ": artefacts do no better than chance", Math.abs(r.artefactAuc() - 0.5) <= tol,
                    String.format(Locale.ROOT, "AUC %.3f", r.artefactAuc()), "0.5", String.format(Locale.ROOT, "±%.3f", tol),
                    "4 × Mann-Whitney null error with cases as positives, negatives weighted to the typology's type mix");
            detRows.add(List.of(key, fmt(r.testRows()), String.format(Locale.ROOT, "%.3f", r.behaviouralAuc()),
                    String.format(Locale.ROOT, "%.3f", r.recallAtOnePercent()), String.format(Locale.ROOT, "%.3f", r.recallAtPrecision90()),
                    String.format(Locale.ROOT, "%.3f", r.artefactAuc())));
        }
        report.table("Detectability per typology (gradient-boosted trees, trained on seed " + (seed + 1) + ", tested here)",
                List.of("typology", "rows", "behavioural AUC", "recall at 1% false positives", "recall at 90% precision", "artefact AUC (type-matched)"), detRows,
                String.format(Locale.ROOT, "All typologies together: behavioural AUC %.3f. Most used features: %s. PaySim's rule (a transfer or "
                                + "cash-out of the whole balance) flags %,d rows, %,d of them labelled, of %,d labelled rows.",
                        d.overallBehaviouralAuc(), d.topFeatures(), d.ruleFlagged(), d.ruleTruePositives(), d.labelled()));
        return report;
    }

    /** Feeds the rows a collector kept back through another consumer: the test side was read in the main pass. */
    private static void replay(Detectability.Collector kept, java.util.function.Consumer<TxRow> into) {
        if (into instanceof Detectability.Collector c) c.adopt(kept);
        else throw new IllegalStateException("replay needs a collector");
    }

    /** The pattern's longest lead before its first transaction, in days (its span parameter, plus a day of waiting for daytime). */
    static double leadDays(Params p) {
        double lead = 1;
        Map<String, double[]> v = p.values();
        if (v.containsKey("spanDays")) lead += v.get("spanDays")[1];
        if (v.containsKey("spanHours")) lead += v.get("spanHours")[1] / 24;
        if (v.containsKey("burstMinutes")) lead += v.get("burstMinutes")[1] / 1440;
        return lead;
    }

    /** The profile's amount CDF at each grid edge after rounding a share {@code round} of amounts (half to 0s, half to 0s or 5s). */
    static double[] roundedCdf(AmountDistribution dist, double round) {
        int n = AmountDistribution.MAX_K - AmountDistribution.MIN_K;
        double[] plain = new double[n], rounded = new double[n];
        for (int k = 0; k < n; k++) plain[k] = dist.cdf(AmountDistribution.edge(AmountDistribution.MIN_K + k + 1));
        int q = 20_000;
        for (int i = 0; i < q; i++) {
            double u = (i + 0.5) / q;
            long cents = Math.max(1, Math.round(dist.quantile(u) * 100));
            for (int mode = 0; mode < 2; mode++) {
                long c = TxWorld.roundNice(cents, mode == 1);
                int bin = AmountDistribution.binOf(c / 100.0) - AmountDistribution.MIN_K;
                rounded[bin] += 0.5 / q;
            }
        }
        double cum = 0;
        for (int k = 0; k < n; k++) {
            cum += rounded[k];
            rounded[k] = cum;
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) out[k] = (1 - round) * plain[k] + round * rounded[k];
        return out;
    }

    /**
     * The squared coefficient of variation of a client's cash-in preference: its spending mix
     * {@code Σ share_k g_k mean_k / Σ share_k mean_k} over the four spending types, with g_k independent
     * gammas of squared CV {@code cv2}.
     */
    static double cashInMixCv2(Profile p, double cv2) {
        double s = 0, s2 = 0;
        for (TxType t : new TxType[] {TxType.CASH_OUT, TxType.PAYMENT, TxType.CARD, TxType.DEBIT}) {
            if (p.type(t) == null) continue;
            double x = p.share(t) * p.type(t).amounts().mean();
            s += x;
            s2 += x * x;
        }
        return s > 0 ? cv2 * s2 / (s * s) : 0;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%,.2f", cents / 100.0);
    }
}
