package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Version;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.sim.engine.AsyncSink;
import dev.ersatz.sim.engine.EventSink;
import dev.ersatz.sim.engine.Field;
import dev.ersatz.sim.engine.Rng;
import dev.ersatz.sim.engine.RowSink;
import dev.ersatz.sim.engine.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Simulates a transactions world (clients, merchants, banks, typologies and their look-alikes) for a
 * number of days, one step per hour, and writes the transactions with their labels.
 *
 * <p>Output columns (PaySim's names, so PaySim-trained code reads it, plus three):
 * {@code step, timestamp, type, amount, nameOrig, oldbalanceOrg, newbalanceOrig, nameDest,
 * oldbalanceDest, newbalanceDest, isFraud, typology, caseId}. Rows come in time order within each
 * hour. {@code oldbalanceDest}/{@code newbalanceDest} are empty for cash in and out (the cash desk is
 * outside the ledger). {@code isFraud} is 1 for every row a typology made (fraud or laundering),
 * {@code typology} names it and {@code caseId} groups the rows of one case.
 *
 * <p>A manifest is written beside the output ({@code <output>.manifest.json}): the resolved scenario,
 * the full profile, the seed, the library version, counts per type and per label, and the ledger's
 * totals. It holds no timing, so it too is the same for a seed on any number of threads.
 */
public final class TransactionSimulator {
    private TransactionSimulator() {}

    /** Run size and seed; {@code threads} changes speed, never output. */
    public record Options(int clients, int days, long seed, int threads) {
        public Options {
            if (clients < 10) throw new InputException("--clients", -1, null, String.valueOf(clients), "needs at least 10 clients");
            if (days < 1) throw new InputException("--days", -1, null, String.valueOf(days), "needs at least one day");
            if ((long) days * 24 > Integer.MAX_VALUE) throw new InputException("--days", -1, null, String.valueOf(days), "is too many");
            if (threads < 1) throw new InputException("--threads", -1, null, String.valueOf(threads), "needs at least one thread");
        }
    }

    /** The output columns. */
    public static final List<Field> FIELDS = List.of(
            Field.of("step", Field.Type.LONG), Field.of("timestamp", Field.Type.TIMESTAMP),
            Field.enumOf("type", TxType.labels()), Field.of("amount", Field.Type.MONEY),
            Field.of("nameOrig", Field.Type.ID), Field.of("oldbalanceOrg", Field.Type.MONEY), Field.of("newbalanceOrig", Field.Type.MONEY),
            Field.of("nameDest", Field.Type.ID), Field.of("oldbalanceDest", Field.Type.MONEY), Field.of("newbalanceDest", Field.Type.MONEY),
            Field.of("isFraud", Field.Type.LONG), Field.enumOf("typology", Pattern.typologyLabels()), Field.of("caseId", Field.Type.LONG));

    /** What a run did: counts for the manifest and the validator. */
    public static final class Result {
        public long rows;
        public final long[] byType = new long[TxType.COUNT];
        /** Rows made by patterns (typologies and look-alikes) rather than ordinary activity, per type and hour of day. */
        public final long[][] extras = new long[TxType.COUNT][24];
        public final long[] typologyRows = new long[Pattern.TYPOLOGIES.size() + 1];
        public final long[] typologyCases = new long[Pattern.TYPOLOGIES.size() + 1];
        public final long[] plannedCases = new long[Pattern.values().length];
        public final long[] declined = new long[TxType.COUNT];
        public final long[] unaffordable = new long[TxType.COUNT];
        public long opening, closing, cashIn, cashOut;
        public int merchants, banks;
    }

    /** Counts what goes by, then passes it on (on the simulating thread, so counts need no locks). */
    private static final class Tally implements EventSink<Transfer> {
        final Result r;
        final EventSink<Transfer> next;
        final TxWorld w;
        /** Labelled case ids seen (dense from 1), so a case is counted once: a bit per case. */
        final BitSet seen = new BitSet();

        Tally(Result r, TxWorld w, EventSink<Transfer> next) {
            this.r = r;
            this.w = w;
            this.next = next;
        }

        @Override
        public void accept(long step, List<Transfer> events) {
            int hour = (int) (Math.floorMod(w.start / 3600 + step, 24));
            for (Transfer t : events) {
                r.rows++;
                r.byType[t.type]++;
                if (t.pattern != 0) r.extras[t.type][hour]++;
                if (t.typology != 0) {
                    r.typologyRows[t.typology]++;
                    if (!seen.get(t.caseId)) {
                        seen.set(t.caseId);
                        r.typologyCases[t.typology]++;
                    }
                }
            }
            next.accept(step, events);
        }
    }

    /** A world built and ready to run: the ledger, the agents and the planned cases. */
    public static final class Prepared {
        final TxWorld world;
        private final Simulation<TxWorld, Transfer> sim;
        private final List<ClientAgent> clients;
        private final Result result = new Result();
        private final int threads;
        private boolean ran;

        private Prepared(Scenario scenario, Options o) {
            this.threads = o.threads();
            world = new TxWorld(scenario, o.clients(), o.days(), o.seed());
            sim = new Simulation<>(world, o.seed());
            clients = new ArrayList<>(o.clients());
            for (int c = 0; c < o.clients(); c++) {
                ClientAgent a = new ClientAgent();
                clients.add(a);
                sim.add(a, 0);
            }
            result.merchants = world.merchants;
            result.banks = world.banks;
            Plans plans = new Plans(world);
            int caseId = 0;
            double scale = o.clients() / 10_000.0 * o.days() / 30.0;
            for (Scenario.PatternSpec spec : scenario.patterns().values()) {
                Pattern p = spec.pattern();
                // Case counts and scripts come from streams keyed by pattern and case number, so switching
                // one pattern on or off changes no other pattern's cases.
                int n = new Rng(Rng.key(o.seed(), 0x63617365L, p.ordinal())).poisson(spec.rate() * scale);
                result.plannedCases[p.ordinal()] = n;
                for (int i = 0; i < n; i++) {
                    CaseAgent agent = new CaseAgent(plans, p, spec.params(), Rng.key(o.seed(), 1000 + p.ordinal(), i),
                            p.labelled() ? ++caseId : -1);
                    long first = agent.firstStep();
                    if (first < world.steps) sim.add(agent, first);
                }
            }
        }

        /** The account number of account {@code index}. */
        public long accountNumber(int index) { return world.accountNumber[index]; }

        /** Epoch second of step 0. */
        public long start() { return world.start; }

        /** Runs every hour, handing its transactions to {@code sink} in output order. Once only. */
        public Result run(EventSink<Transfer> sink, Progress progress) {
            if (ran) throw new IllegalStateException("a prepared world runs once");
            ran = true;
            Tally tally = new Tally(result, world, sink);
            sim.run(world.steps, tally, threads, progress);
            for (ClientAgent a : clients) for (int k = 0; k < TxType.COUNT; k++) result.unaffordable[k] += a.unaffordable[k];
            System.arraycopy(world.declined, 0, result.declined, 0, TxType.COUNT);
            result.opening = world.totalOpening();
            result.closing = world.totalBalance();
            result.cashIn = world.cashIn;
            result.cashOut = world.cashOut;
            return result;
        }
    }

    /** Builds the world (population, pools, cases) without running it. */
    public static Prepared prepare(Scenario scenario, Options o) {
        return new Prepared(scenario, o);
    }

    /** Builds and runs the world, handing every hour's transactions to {@code sink}: the library entry point. */
    public static Result run(Scenario scenario, Options o, EventSink<Transfer> sink, Progress progress) {
        return prepare(scenario, o).run(sink, progress);
    }

    /** The manifest path for an output file: {@code <output>.manifest.json} beside it. */
    public static Path manifestPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".manifest.json");
    }

    /** Runs the world into {@code out} (.csv or .parquet), then writes the manifest beside it. */
    public static Result write(Scenario scenario, Options o, Path out, Progress progress) {
        Result result;
        try (RowSink rows = RowSink.open(out, FIELDS)) {
            Prepared run = prepare(scenario, o);
            try (AsyncSink<Transfer> async = new AsyncSink<>((step, events) -> writeRows(rows, run, events), 4)) {
                result = run.run(async, progress);
                async.finish();
            }
            rows.commit();
        }
        Path manifest = manifestPath(out);
        try {
            AtomicFiles.write(manifest, Profile.JSON.writeValueAsBytes(manifest(scenario, o, out, result)));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw e instanceof InputException ie ? ie : new InputException(manifest.toString(), "cannot write: " + e.getMessage());
        }
        return result;
    }

    /** Writes one hour's rows. */
    static void writeRows(RowSink s, Prepared run, List<Transfer> events) {
        TxWorld w = run.world;
        for (Transfer t : events) {
            s.putLong(t.step);
            s.putTimestamp(w.start + t.step * 3600 + t.second);
            s.putEnum(t.type);
            s.putMoney(t.cents);
            s.putId(w.accountNumber[t.from]);
            s.putMoney(t.oldFrom);
            s.putMoney(t.newFrom);
            s.putId(w.accountNumber[t.to]);
            if (t.oldTo == Transfer.NONE) {
                s.putNull();
                s.putNull();
            } else {
                s.putMoney(t.oldTo);
                s.putMoney(t.newTo);
            }
            s.putLong(t.typology == 0 ? 0 : 1);
            if (t.typology == 0) {
                s.putNull();
                s.putNull();
            } else {
                s.putEnum(t.typology - 1);
                s.putLong(t.caseId);
            }
            s.endRow();
        }
    }

    /** The manifest of a run. */
    public static ObjectNode manifest(Scenario scenario, Options o, Path out, Result r) {
        ObjectNode m = Profile.JSON.createObjectNode();
        m.put("ersatzManifest", 1);
        m.put("kind", "transactions");
        m.put("library", "ersatz " + Version.get());
        m.put("output", out.getFileName().toString());
        m.put("seed", o.seed());
        m.put("clients", o.clients());
        m.put("days", o.days());
        m.put("merchants", r.merchants);
        m.put("banks", r.banks);
        m.set("scenario", scenario.toJson());
        m.set("profile", scenario.profile().toJson());
        ObjectNode counts = m.putObject("counts");
        counts.put("rows", r.rows);
        ObjectNode byType = counts.putObject("byType");
        for (TxType t : TxType.ALL) byType.put(t.name(), r.byType[t.ordinal()]);
        ObjectNode byLabel = counts.putObject("byLabel");
        long fraud = 0;
        for (long x : r.typologyRows) fraud += x;
        byLabel.put("normal", r.rows - fraud);
        for (Pattern p : Pattern.TYPOLOGIES) {
            ObjectNode t = byLabel.putObject(p.key());
            t.put("rows", r.typologyRows[p.code()]);
            t.put("cases", r.typologyCases[p.code()]);
            t.put("casesPlanned", r.plannedCases[p.ordinal()]);
        }
        ObjectNode benign = counts.putObject("benignCases");
        for (Pattern p : Pattern.values()) if (!p.labelled()) benign.put(p.key(), r.plannedCases[p.ordinal()]);
        ObjectNode extras = m.putObject("patternRowsByTypeAndHour");
        for (TxType t : TxType.ALL) {
            var a = extras.putArray(t.name());
            for (long x : r.extras[t.ordinal()]) a.add(x);
        }
        ObjectNode dec = m.putObject("declined"), un = m.putObject("unaffordable");
        for (TxType t : TxType.ALL) {
            dec.put(t.name(), r.declined[t.ordinal()]);
            un.put(t.name(), r.unaffordable[t.ordinal()]);
        }
        ObjectNode ledger = m.putObject("ledgerCents");
        ledger.put("opening", r.opening);
        ledger.put("closing", r.closing);
        ledger.put("cashIn", r.cashIn);
        ledger.put("cashOut", r.cashOut);
        return m;
    }

    /** Counts per label as a map (for messages). */
    public static Map<String, Long> labelCounts(Result r) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Pattern p : Pattern.TYPOLOGIES) m.put(p.key(), r.typologyRows[p.code()]);
        return m;
    }
}
