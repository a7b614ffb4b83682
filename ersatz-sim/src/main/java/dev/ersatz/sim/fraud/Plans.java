package dev.ersatz.sim.fraud;

import dev.ersatz.core.util.IntList;
import dev.ersatz.sim.engine.Rng;

/**
 * Writes the script of one case of each pattern.
 *
 * <p>Sources for the typologies: account takeover with mule cash-out is PaySim's fraud (Lopez-Rojas et
 * al. 2016), here with a partial drain over one to three mules (PaySim empties the account in one
 * transfer, which makes a zero balance a perfect tell); card testing follows the card-network
 * descriptions of enumeration attacks (Visa, "Card testing", 2022: bursts of small authorisations,
 * often at online merchants, before larger fraud); authorised push-payment scams follow UK Finance's
 * annual fraud reports (several payments to a new payee, larger than the victim's usual, then moved on
 * quickly); fan-in, fan-out, cycle and scatter-gather are AMLSim's typologies (Altman et al. 2023;
 * IBM AMLSim); structuring is cash deposits under a reporting threshold (FinCEN's currency transaction
 * report at $10,000, 31 CFR 1010.311, and the offence of structuring, 31 U.S.C. 5324), spread over
 * days and branches; layered mule chains are the "layering" stage of FATF's placement-layering-
 * integration model, with each hop keeping a cut.
 *
 * <p>What keeps them from being trivially detectable: amounts are rounded exactly as often as
 * ordinary transactions of the same type are (only a typology that calls for it would do more, and
 * none here does), no account is emptied to zero by construction, every account involved is an
 * ordinary client with its own history, and each typology has a benign look-alike in the scenario.
 */
final class Plans {
    private final TxWorld w;
    private final long horizonSeconds;

    Plans(TxWorld w) {
        this.w = w;
        this.horizonSeconds = w.steps * 3600;
    }

    static long hours(double h) {
        return Math.max(1, Math.round(h * 3600));
    }

    /** Rounding mode for a hop of {@code type}: rounded as often as ordinary transactions of the type are. */
    private int roundLike(TxType type, Rng rng) {
        if (!rng.chance(w.roundShare[type.ordinal()])) return 0;
        return rng.chance(0.5) ? 2 : 1;
    }

    /**
     * The first moment from {@code t} on at which a person would act: each hour is accepted with
     * probability rhythm(hour) / max rhythm of the type, otherwise the time moves on an hour (to a random
     * second in it). People move money while awake; only automated fraud (takeover scripts, card
     * testing) keeps to uniform times.
     */
    long daytime(long t, TxType type, Rng rng) {
        Profile.TypeProfile p = w.profile.type(type);
        if (p == null) return t;
        double[] hod = p.hourOfDay();
        double max = 0;
        for (double v : hod) max = Math.max(max, v);
        if (!(max > 0)) return t;
        long at = t;
        for (int i = 0; i < 24 * 7; i++) {
            int hour = (int) Math.floorMod((w.start + at) / 3600, 24);
            if (rng.nextDouble() * max < hod[hour]) return at;
            at = (at / 3600 + 1) * 3600 + rng.nextInt(3600);
        }
        return at;
    }

    /** A start time uniform over the run. */
    long anyTime(Rng rng) {
        return (long) (rng.nextDouble() * horizonSeconds);
    }

    /** A time on a random day at an hour drawn from the type's daily rhythm. */
    long rhythmTime(TxType type, Rng rng) {
        int day = rng.nextInt(w.days);
        return onDay(day, type, rng);
    }

    private long onDay(int day, TxType type, Rng rng) {
        Profile.TypeProfile p = w.profile.type(type);
        int hour = p == null ? rng.nextInt(24) : rng.pick(p.hourOfDay());
        return day * 86_400L + hour * 3600L + rng.nextInt(3600);
    }

    private int ordinary(Rng rng) {
        for (int i = 0; i < 1000; i++) {
            int c = w.randomClient(rng);
            if (!w.special[c]) return c;
        }
        return w.randomClient(rng);
    }

    private static int pickFrom(int[] pool, Rng rng, IntList used) {
        for (int i = 0; i < 1000; i++) {
            int c = pool[rng.nextInt(pool.length)];
            if (!used.contains(c)) {
                used.add(c);
                return c;
            }
        }
        int c = pool[rng.nextInt(pool.length)];
        used.add(c);
        return c;
    }

    private int bank(int client) {
        return w.homeBank[client];
    }

    /** Someone {@code c} knows (not in {@code used}), else anyone ordinary. */
    private int acquaintance(int c, Rng rng, IntList used) {
        int[] con = w.contacts[c];
        for (int i = 0; i < 4 * con.length; i++) {
            int o = con[rng.nextInt(con.length)];
            if (!used.contains(o)) {
                used.add(o);
                return o;
            }
        }
        for (int i = 0; i < 1000; i++) {
            int o = ordinary(rng);
            if (!used.contains(o)) {
                used.add(o);
                return o;
            }
        }
        return ordinary(rng);
    }

    private static double[] shares(int n, Rng rng, double total) {
        double[] s = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += s[i] = rng.uniform(0.5, 1.5);
        for (int i = 0; i < n; i++) s[i] = s[i] / sum * total;
        return s;
    }

    private static long cents(double units) {
        return Math.max(1, Math.round(units * 100));
    }

    Plan make(Pattern p, Params q, Rng rng, int caseId) {
        Plan plan = new Plan(p, caseId);
        switch (p) {
            case ACCOUNT_TAKEOVER -> accountTakeover(plan, q, rng);
            case CARD_TESTING -> cardTesting(plan, q, rng);
            case APP_SCAM -> appScam(plan, q, rng);
            case STRUCTURING -> structuring(plan, q, rng, true);
            case FAN_IN -> fanIn(plan, q, rng);
            case FAN_OUT -> fanOut(plan, q, rng);
            case CYCLE -> cycle(plan, q, rng);
            case SCATTER_GATHER -> scatterGather(plan, q, rng);
            case LAYERING -> layering(plan, q, rng);
            case LARGE_TRANSFER -> largeTransfer(plan, q, rng);
            case GROUP_COLLECTION -> groupCollection(plan, q, rng);
            case PAYROLL -> payroll(plan, q, rng);
            case PASS_THROUGH -> passThrough(plan, q, rng);
            case MICRO_BURST -> microBurst(plan, q, rng);
            case LARGE_DEPOSITS -> structuring(plan, q, rng, false);
            case SHARED_EXPENSES -> sharedExpenses(plan, q, rng);
        }
        return plan;
    }

    private void accountTakeover(Plan plan, Params q, Rng rng) {
        int victim = ordinary(rng);
        IntList used = new IntList();
        used.add(victim);
        int k = q.drawInt("mules", rng);
        double drain = q.draw("drainFraction", rng);
        double[] part = shares(k, rng, drain);
        long t = anyTime(rng);
        double taken = 0;
        int[] hops = new int[k];
        int[] mules = new int[k];
        for (int j = 0; j < k; j++) {
            mules[j] = pickFrom(w.mules, rng, used);
            // fraction of what is left, so that the parts add up to the drain fraction of the opening balance
            double f = part[j] / (1 - taken);
            taken += part[j];
            hops[j] = plan.add(t, TxType.TRANSFER, victim, mules[j], Plan.BALANCE, 0, Math.min(0.99, f), null, roundLike(TxType.TRANSFER, rng));
            t += hours(q.draw("transferGapMinutes", rng) / 60);
        }
        for (int j = 0; j < k; j++) {
            long at = plan.time[hops[j]] + hours(q.draw("cashOutDelayHours", rng));
            double frac = q.draw("cashOutFraction", rng);
            if (rng.chance(q.num("splitCashOutProbability"))) {
                double s = rng.uniform(0.3, 0.7);
                plan.from(at, TxType.CASH_OUT, mules[j], bank(mules[j]), frac * s, roundLike(TxType.CASH_OUT, rng), hops[j]);
                plan.from(at + hours(rng.uniform(0.5, 8)), TxType.CASH_OUT, mules[j], bank(mules[j]), frac * (1 - s),
                        roundLike(TxType.CASH_OUT, rng), hops[j]);
            } else {
                plan.from(at, TxType.CASH_OUT, mules[j], bank(mules[j]), frac, roundLike(TxType.CASH_OUT, rng), hops[j]);
            }
        }
    }

    private void cardTesting(Plan plan, Params q, Rng rng) {
        int victim = ordinary(rng);
        int nm = Math.max(1, q.drawInt("merchants", rng));
        int[] shops = new int[nm];
        for (int i = 0; i < nm; i++) shops[i] = w.onlineMerchants[rng.nextInt(w.onlineMerchants.length)];
        int n = q.drawInt("tests", rng);
        long t0 = anyTime(rng);
        double span = q.draw("burstMinutes", rng) * 60;
        long last = t0;
        for (int i = 0; i < n; i++) {
            long at = t0 + (long) (rng.nextDouble() * span);
            last = Math.max(last, at);
            plan.fixed(at, TxType.CARD, victim, shops[rng.nextInt(nm)], cents(q.draw("testAmount", rng)), 0);
        }
        if (rng.chance(q.num("purchaseProbability"))) {
            int p = q.drawInt("purchases", rng);
            long at = last + hours(q.draw("purchaseDelayHours", rng));
            for (int i = 0; i < p; i++) {
                plan.fixed(at, TxType.CARD, victim, w.randomMerchant(rng),
                        Math.round(w.typical(victim, TxType.CARD) * q.draw("purchaseMultiple", rng)), roundLike(TxType.CARD, rng));
                at += hours(rng.uniform(0.05, 2));
            }
        }
    }

    private void appScam(Plan plan, Params q, Rng rng) {
        int victim = ordinary(rng);
        IntList used = new IntList();
        used.add(victim);
        int scammer = pickFrom(w.mules, rng, used);
        int p = q.drawInt("payments", rng);
        long base = w.typical(victim, TxType.TRANSFER);
        double[] m = new double[p];
        long[] at = new long[p];
        long t0 = anyTime(rng);
        double span = q.draw("spanHours", rng) * 3600;
        for (int i = 0; i < p; i++) {
            m[i] = q.draw("amountMultiple", rng);
            at[i] = daytime(t0 + (long) (rng.nextDouble() * span), TxType.TRANSFER, rng);
        }
        java.util.Arrays.sort(m);
        java.util.Arrays.sort(at);
        int[] hops = new int[p];
        for (int i = 0; i < p; i++) {
            hops[i] = plan.add(at[i], TxType.TRANSFER, victim, scammer, Plan.CAPPED, Math.round(base * m[i]),
                    q.num("maxBalanceFraction"), null, roundLike(TxType.TRANSFER, rng));
        }
        long fwd = daytime(at[p - 1] + hours(q.draw("forwardDelayHours", rng)), TxType.TRANSFER, rng);
        double frac = q.draw("forwardFraction", rng);
        if (rng.chance(q.num("cashOutProbability"))) {
            plan.from(fwd, TxType.CASH_OUT, scammer, bank(scammer), frac, roundLike(TxType.CASH_OUT, rng), hops);
        } else {
            int next = pickFrom(w.mules, rng, used);
            plan.from(fwd, TxType.TRANSFER, scammer, next, frac, roundLike(TxType.TRANSFER, rng), hops);
        }
    }

    /** Structuring (labelled) or its look-alike, large cash takings banked by a shopkeeper (benign). */
    private void structuring(Plan plan, Params q, Rng rng, boolean launder) {
        IntList used = new IntList();
        int depositor = launder ? pickFrom(w.controlled, rng, used) : ordinary(rng);
        used.add(depositor);
        double threshold = q.num("threshold");
        int n = q.drawInt("deposits", rng);
        int nb = launder ? Math.max(1, Math.min(w.banks, q.drawInt("banks", rng))) : 1;
        int[] banks = new int[nb];
        banks[0] = bank(depositor);
        for (int i = 1; i < nb; i++) banks[i] = w.clients + w.merchants + rng.nextInt(w.banks);
        int firstDay = rng.nextInt(w.days);
        double spanDays = q.draw("spanDays", rng);
        int[] hops = new int[n];
        long last = 0;
        for (int i = 0; i < n; i++) {
            int day = firstDay + (int) (rng.nextDouble() * spanDays);
            long at = onDay(day, TxType.CASH_IN, rng);
            long c = cents(q.draw("band", rng) * threshold);
            int round = roundLike(TxType.CASH_IN, rng);
            // a rounded deposit must stay under the threshold when the typology is about staying under it
            if (round != 0 && launder && TxWorld.roundNice(c, round == 2) >= cents(threshold)) round = 0;
            hops[i] = plan.fixed(at, TxType.CASH_IN, depositor, banks[rng.nextInt(nb)], c, round);
            last = Math.max(last, at);
        }
        if (launder) {
            int onward = pickFrom(w.controlled, rng, used);
            plan.from(daytime(last + hours(q.draw("consolidateDelayHours", rng)), TxType.TRANSFER, rng), TxType.TRANSFER, depositor, onward,
                    q.draw("consolidateFraction", rng), roundLike(TxType.TRANSFER, rng), hops);
        } else if (rng.chance(q.num("payOnProbability"))) {
            // the shop pays a supplier (another client's account) out of its takings
            plan.from(daytime(last + hours(rng.uniform(1, 72)), TxType.TRANSFER, rng), TxType.TRANSFER, depositor, ordinary(rng),
                    q.draw("payOnFraction", rng), roundLike(TxType.TRANSFER, rng), hops);
        }
    }

    private void fanIn(Plan plan, Params q, Rng rng) {
        IntList used = new IntList();
        int collector = pickFrom(w.controlled, rng, used);
        int n = q.drawInt("sources", rng);
        double multiple = q.draw("multiple", rng), spread = q.num("spread");
        long t0 = anyTime(rng);
        double span = q.draw("spanHours", rng) * 3600;
        int[] in = new int[n];
        for (int i = 0; i < n; i++) {
            int s = pickFrom(w.controlled, rng, used);
            long at = daytime(t0 + (long) (rng.nextDouble() * span), TxType.CASH_IN, rng);
            int place = plan.fixed(at, TxType.CASH_IN, s, bank(s), Math.round(w.typical(s, TxType.CASH_IN) * multiple
                    * rng.uniform(1 - spread, 1 + spread)), roundLike(TxType.CASH_IN, rng));
            in[i] = plan.from(daytime(at + hours(rng.uniform(0.2, 8)), TxType.TRANSFER, rng), TxType.TRANSFER, s, collector,
                    rng.uniform(0.95, 1.0), roundLike(TxType.TRANSFER, rng), place);
        }
        long on = daytime(plan.after(in) + hours(q.draw("onwardDelayHours", rng)), TxType.TRANSFER, rng);
        double frac = q.draw("onwardFraction", rng);
        if (rng.chance(0.5)) plan.from(on, TxType.CASH_OUT, collector, bank(collector), frac, roundLike(TxType.CASH_OUT, rng), in);
        else plan.from(on, TxType.TRANSFER, collector, pickFrom(w.controlled, rng, used), frac, roundLike(TxType.TRANSFER, rng), in);
    }

    private void fanOut(Plan plan, Params q, Rng rng) {
        IntList used = new IntList();
        int source = pickFrom(w.controlled, rng, used);
        double total = w.typical(source, TxType.CASH_IN) / 100.0 * q.draw("multiple", rng);
        long t0 = anyTime(rng);
        int deposits = rng.between(1, 3);
        int[] place = new int[deposits];
        double[] part = shares(deposits, rng, total);
        for (int i = 0; i < deposits; i++) {
            place[i] = plan.fixed(daytime(t0 + hours(rng.uniform(0, 24)), TxType.CASH_IN, rng), TxType.CASH_IN, source, bank(source), cents(part[i]),
                    roundLike(TxType.CASH_IN, rng));
        }
        int n = q.drawInt("recipients", rng);
        double[] share = shares(n, rng, rng.uniform(0.9, 0.99));
        long start = plan.after(place) + hours(rng.uniform(0.5, 12));
        double span = q.draw("spanHours", rng) * 3600;
        for (int i = 0; i < n; i++) {
            int r = pickFrom(rng.chance(0.5) ? w.controlled : w.mules, rng, used);
            long at = daytime(start + (long) (rng.nextDouble() * span), TxType.TRANSFER, rng);
            int hop = plan.from(at, TxType.TRANSFER, source, r, share[i], roundLike(TxType.TRANSFER, rng), place);
            if (rng.chance(q.num("cashOutProbability"))) {
                plan.from(daytime(at + hours(q.draw("cashOutDelayHours", rng)), TxType.CASH_OUT, rng), TxType.CASH_OUT, r, bank(r), rng.uniform(0.85, 1.0),
                        roundLike(TxType.CASH_OUT, rng), hop);
            }
        }
    }

    private void cycle(Plan plan, Params q, Rng rng) {
        IntList used = new IntList();
        int len = q.drawInt("length", rng);
        int[] ring = new int[len];
        for (int i = 0; i < len; i++) ring[i] = pickFrom(w.controlled, rng, used);
        long t = daytime(anyTime(rng), TxType.CASH_IN, rng);
        int prev = plan.fixed(t, TxType.CASH_IN, ring[0], bank(ring[0]), Math.round(w.typical(ring[0], TxType.CASH_IN)
                * q.draw("multiple", rng)), roundLike(TxType.CASH_IN, rng));
        for (int i = 0; i < len; i++) {
            t = daytime(plan.time[prev] + hours(q.draw("hopDelayHours", rng)), TxType.TRANSFER, rng);
            prev = plan.from(t, TxType.TRANSFER, ring[i], ring[(i + 1) % len], 1 - q.draw("feeFraction", rng),
                    roundLike(TxType.TRANSFER, rng), prev);
        }
        if (rng.chance(q.num("cashOutProbability"))) {
            plan.from(daytime(plan.time[prev] + hours(q.draw("hopDelayHours", rng)), TxType.CASH_OUT, rng), TxType.CASH_OUT, ring[0], bank(ring[0]),
                    rng.uniform(0.85, 1.0), roundLike(TxType.CASH_OUT, rng), prev);
        }
    }

    private void scatterGather(Plan plan, Params q, Rng rng) {
        IntList used = new IntList();
        int source = pickFrom(w.controlled, rng, used);
        int dest = pickFrom(w.controlled, rng, used);
        long t0 = daytime(anyTime(rng), TxType.CASH_IN, rng);
        int place = plan.fixed(t0, TxType.CASH_IN, source, bank(source), Math.round(w.typical(source, TxType.CASH_IN)
                * q.draw("multiple", rng)), roundLike(TxType.CASH_IN, rng));
        int k = q.drawInt("intermediaries", rng);
        double[] share = shares(k, rng, rng.uniform(0.95, 0.99));
        int[] gathered = new int[k];
        for (int i = 0; i < k; i++) {
            int m = pickFrom(rng.chance(0.5) ? w.controlled : w.mules, rng, used);
            long at = daytime(t0 + hours(q.draw("hopDelayHours", rng)), TxType.TRANSFER, rng);
            int scatter = plan.from(at, TxType.TRANSFER, source, m, share[i], roundLike(TxType.TRANSFER, rng), place);
            gathered[i] = plan.from(daytime(at + hours(q.draw("hopDelayHours", rng)), TxType.TRANSFER, rng), TxType.TRANSFER, m, dest,
                    1 - q.draw("feeFraction", rng), roundLike(TxType.TRANSFER, rng), scatter);
        }
        plan.from(daytime(plan.after(gathered) + hours(q.draw("hopDelayHours", rng)), TxType.CASH_OUT, rng), TxType.CASH_OUT, dest, bank(dest),
                rng.uniform(0.85, 1.0), roundLike(TxType.CASH_OUT, rng), gathered);
    }

    private void layering(Plan plan, Params q, Rng rng) {
        IntList used = new IntList();
        int source = pickFrom(w.controlled, rng, used);
        long t0 = daytime(anyTime(rng), TxType.CASH_IN, rng);
        double amount = w.typical(source, TxType.CASH_IN) / 100.0 * q.draw("multiple", rng);
        int[] place = {plan.fixed(t0, TxType.CASH_IN, source, bank(source), cents(amount * 0.5), roundLike(TxType.CASH_IN, rng)),
                plan.fixed(daytime(t0 + hours(rng.uniform(0.5, 24)), TxType.CASH_IN, rng), TxType.CASH_IN, source, bank(source),
                        cents(amount * 0.5), roundLike(TxType.CASH_IN, rng))};
        int[] prevAccounts = {source};
        IntList[] prevInputs = {list(place)};
        int layers = q.drawInt("layers", rng);
        for (int l = 0; l < layers; l++) {
            int width = q.drawInt("width", rng);
            int[] accounts = new int[width];
            IntList[] inputs = new IntList[width];
            for (int i = 0; i < width; i++) {
                accounts[i] = pickFrom(rng.chance(0.5) ? w.controlled : w.mules, rng, used);
                inputs[i] = new IntList();
            }
            // every account of the previous layer pays one or two of this layer; every one of this layer is paid
            int[][] targets = new int[prevAccounts.length][];
            boolean[] paid = new boolean[width];
            for (int a = 0; a < prevAccounts.length; a++) {
                int nt = Math.min(width, rng.between(1, 2));
                targets[a] = new int[nt];
                for (int j = 0; j < nt; j++) {
                    targets[a][j] = rng.nextInt(width);
                    paid[targets[a][j]] = true;
                }
            }
            for (int i = 0; i < width; i++) {
                if (!paid[i]) {
                    int a = rng.nextInt(prevAccounts.length);
                    targets[a] = java.util.Arrays.copyOf(targets[a], targets[a].length + 1);
                    targets[a][targets[a].length - 1] = i;
                }
            }
            for (int a = 0; a < prevAccounts.length; a++) {
                int[] in = prevInputs[a].toArray();
                if (in.length == 0) continue;
                double keep = 1 - q.draw("feeFraction", rng);
                double[] share = shares(targets[a].length, rng, keep);
                long ready = plan.after(in);
                for (int j = 0; j < targets[a].length; j++) {
                    int target = targets[a][j];
                    long at = daytime(ready + hours(q.draw("hopDelayHours", rng)), TxType.TRANSFER, rng);
                    int hop = plan.from(at, TxType.TRANSFER, prevAccounts[a], accounts[target], share[j],
                            roundLike(TxType.TRANSFER, rng), in);
                    inputs[target].add(hop);
                }
            }
            prevAccounts = accounts;
            prevInputs = inputs;
        }
        for (int a = 0; a < prevAccounts.length; a++) {
            int[] in = prevInputs[a].toArray();
            if (in.length == 0) continue;
            plan.from(daytime(plan.after(in) + hours(q.draw("hopDelayHours", rng)), TxType.CASH_OUT, rng), TxType.CASH_OUT, prevAccounts[a], bank(prevAccounts[a]),
                    rng.uniform(0.85, 1.0), roundLike(TxType.CASH_OUT, rng), in);
        }
    }

    private static IntList list(int... v) {
        IntList l = new IntList();
        for (int x : v) l.add(x);
        return l;
    }

    // ---- benign look-alikes ----

    private void largeTransfer(Plan plan, Params q, Rng rng) {
        int c = ordinary(rng);
        int payee;
        do {
            payee = ordinary(rng);
        } while (payee == c);
        long amount = Math.round(w.typical(c, TxType.TRANSFER) * q.draw("multiple", rng));
        int round = rng.chance(q.num("roundProbability")) ? (rng.chance(0.5) ? 2 : 1) : 0;
        long at = rhythmTime(TxType.TRANSFER, rng);
        int hop = plan.add(at, TxType.TRANSFER, c, payee, Plan.CAPPED, amount, q.num("maxBalanceFraction"), null, round);
        if (rng.chance(q.num("cashOutProbability"))) {
            plan.from(daytime(at + hours(q.draw("cashOutDelayHours", rng)), TxType.CASH_OUT, rng), TxType.CASH_OUT, payee, bank(payee), rng.uniform(0.5, 1.0),
                    roundLike(TxType.CASH_OUT, rng), hop);
        }
    }

    private void groupCollection(Plan plan, Params q, Rng rng) {
        int collector = ordinary(rng);
        IntList used = new IntList();
        used.add(collector);
        int n = q.drawInt("contributors", rng);
        long base = Math.round(w.typical(collector, TxType.TRANSFER) * q.draw("multiple", rng));
        long t0 = rhythmTime(TxType.TRANSFER, rng);
        double span = q.draw("spanHours", rng) * 3600;
        int round = roundLike(TxType.TRANSFER, rng);
        int[] in = new int[n];
        for (int i = 0; i < n; i++) {
            int from = acquaintance(collector, rng, used);
            in[i] = plan.add(daytime(t0 + (long) (rng.nextDouble() * span), TxType.TRANSFER, rng), TxType.TRANSFER, from, collector, Plan.CAPPED,
                    Math.round(base * rng.uniform(0.9, 1.1)), 0.5, null, round);
        }
        if (rng.chance(q.num("payOnProbability"))) {
            plan.from(daytime(plan.after(in) + hours(rng.uniform(1, 48)), TxType.PAYMENT, rng), TxType.PAYMENT, collector, w.randomMerchant(rng),
                    rng.uniform(0.8, 1.0), roundLike(TxType.PAYMENT, rng), in);
        }
    }

    private void payroll(Plan plan, Params q, Rng rng) {
        int employer = ordinary(rng);
        IntList used = new IntList();
        used.add(employer);
        int n = q.drawInt("recipients", rng);
        long base = Math.round(w.typical(employer, TxType.TRANSFER) * q.draw("multiple", rng));
        long t0 = rhythmTime(TxType.TRANSFER, rng);
        double span = q.draw("spanHours", rng) * 3600;
        for (int i = 0; i < n; i++) {
            int to = acquaintance(employer, rng, used);
            plan.add(t0 + (long) (rng.nextDouble() * span), TxType.TRANSFER, employer, to, Plan.CAPPED,
                    Math.round(base * rng.uniform(0.8, 1.2)), 0.3, null, roundLike(TxType.TRANSFER, rng));
        }
    }

    private void passThrough(Plan plan, Params q, Rng rng) {
        int c = ordinary(rng);
        IntList used = new IntList();
        used.add(c);
        int sender = acquaintance(c, rng, used);
        long at = rhythmTime(TxType.TRANSFER, rng);
        int in = plan.add(at, TxType.TRANSFER, sender, c, Plan.CAPPED, Math.round(w.typical(sender, TxType.TRANSFER)
                * q.draw("multiple", rng)), 0.8, null, roundLike(TxType.TRANSFER, rng));
        long out = daytime(at + hours(q.draw("delayHours", rng)), TxType.TRANSFER, rng);
        double f = q.draw("fraction", rng);
        if (rng.chance(q.num("cashOutProbability"))) {
            plan.from(out, TxType.CASH_OUT, c, bank(c), f, roundLike(TxType.CASH_OUT, rng), in);
        } else {
            plan.from(out, TxType.TRANSFER, c, acquaintance(c, rng, used), f, roundLike(TxType.TRANSFER, rng), in);
        }
    }

    private void microBurst(Plan plan, Params q, Rng rng) {
        int c = ordinary(rng);
        int nm = Math.max(1, q.drawInt("merchants", rng));
        int[] shops = new int[nm];
        int[] fav = w.favourites[c];
        for (int i = 0; i < nm; i++) shops[i] = rng.chance(0.7) ? fav[rng.nextInt(fav.length)] : w.randomMerchant(rng);
        int n = q.drawInt("payments", rng);
        long t0 = rhythmTime(TxType.CARD, rng);
        double span = q.draw("spanMinutes", rng) * 60;
        for (int i = 0; i < n; i++) {
            plan.fixed(t0 + (long) (rng.nextDouble() * span), TxType.CARD, c, shops[rng.nextInt(nm)], cents(q.draw("amount", rng)), 0);
        }
    }

    private void sharedExpenses(Plan plan, Params q, Rng rng) {
        int c = ordinary(rng);
        IntList used = new IntList();
        used.add(c);
        int len = q.drawInt("length", rng);
        int[] ring = new int[len];
        ring[0] = c;
        for (int i = 1; i < len; i++) ring[i] = acquaintance(c, rng, used);
        long base = Math.round(w.typical(c, TxType.TRANSFER) * q.draw("multiple", rng));
        double spread = q.num("spread");
        long t = rhythmTime(TxType.TRANSFER, rng);
        for (int i = 0; i < len; i++) {
            plan.add(t, TxType.TRANSFER, ring[i], ring[(i + 1) % len], Plan.CAPPED,
                    Math.round(base * rng.uniform(1 - spread, 1 + spread)), 0.5, null, roundLike(TxType.TRANSFER, rng));
            t = daytime(t + hours(q.draw("hopDelayHours", rng)), TxType.TRANSFER, rng);
        }
    }
}
