package dev.ersatz.sim.fraud;

import dev.ersatz.core.util.IntList;
import dev.ersatz.sim.engine.Rng;

/**
 * The transactions world: the ledger (every account's balance in cents), the accounts' public numbers,
 * and the clients' profiles, merchants and banks, built from a scenario and a seed.
 *
 * <p><b>Population.</b> Accounts {@code 0..clients-1} are clients, then merchants, then banks. Each
 * client has an activity multiplier (gamma, mean 1), a preference per type (gamma, mean 1, times the
 * profile's share), a latent wealth score {@code a ~ N(0,1)}, night and weekend factors (gamma, mean
 * 1, renormalised so each client's week keeps its total), contacts (mostly neighbours on a shuffled
 * ring, the rest anyone: a small-world network after Watts and Strogatz 1998), favourite merchants
 * (by popularity, Zipf) and a home bank.
 *
 * <p><b>Why the aggregates come out right.</b> A client's expected count of type k in an hour is
 * {@code rate * activity * share_k * g_k * rhythm_k(hour) * personal(hour)}; activity, g and the
 * personal factors have mean 1 and are independent, so the population's expected count per type and
 * hour is the profile's. An amount is {@code Q_k(Φ(ρ_k a + sqrt(1-ρ_k²) Z))}: whatever ρ_k,
 * {@code ρ_k a + sqrt(1-ρ_k²) Z} is standard normal, so amounts follow the profile's distribution
 * exactly (a Gaussian copula), while one client's amounts move with its wealth score a.
 *
 * <p><b>Why balances stay sensible.</b> Each type loads on wealth with ρ_k = β / σ_k (β =
 * {@code wealthCorrelation}, σ_k the log-sd of the type's amounts), so every type's mean amount scales
 * as {@code exp(β a)}: a rich client's deposits and spending grow together. A client's cash-in
 * preference is then its spending mix (the weighted mean of its spending preferences, mean 1 over
 * clients), independent of wealth, which keeps both the profile's cash-in share and its cash-in
 * amounts while each client's income tracks its spending in the profile's aggregate ratio. Opening
 * balances cover {@code balanceDays} of the client's spending plus any deficit the profile implies over
 * the run. Merchants and banks start with balances of their own (no zero-balance accounts, one of
 * PaySim's tells).
 *
 * <p><b>Account numbers</b> are 10-digit numbers from a keyed permutation of the account index: no
 * role prefix (PaySim's "C"/"M" are another tell), the same shape for clients, merchants and banks.
 */
public final class TxWorld {
    final int clients, merchants, banks, accounts;
    final int days;
    final long steps;
    final long start;
    /** Balances in cents; written only in the commit phase. */
    final long[] balance;
    final long[] opening;
    final long[] accountNumber;

    // clients
    final float[] activity;          // transactions per hour at rhythm 1 (perClientDay/24 * gamma)
    final float[][] typeWeight;      // [client][type]: share * preference, summing over types to ~1
    final float[] wealth;            // latent a ~ N(0, 1)
    final float[] nightFactor, dayFactor, weekendFactor, weekdayFactor;
    final int[][] contacts;
    final int[][] favourites;
    final int[] homeBank;

    // merchants
    final boolean[] online;
    final double[] merchantCdf;
    final int[] onlineMerchants;

    // profile, as tables
    final Profile profile;
    final double[][] rhythm = new double[TxType.COUNT][168];
    final AmountDistribution[] amounts = new AmountDistribution[TxType.COUNT];
    final double[] roundShare = new double[TxType.COUNT];
    /** Per type: how strongly a client's amounts load on its wealth score (ρ_k), and sqrt(1 - ρ_k²). */
    final double[] rho = new double[TxType.COUNT], rhoC = new double[TxType.COUNT];
    final double contactShare, favouriteShare;
    /** Offset of step 0 within the week (hours since Monday 00:00 UTC). */
    final int weekOffset;

    // pools of accounts used by typologies
    final int[] mules;
    final int[] controlled;
    final boolean[] special;

    // statistics, written only in the commit phase
    long cashIn, cashOut;
    final long[] declined = new long[TxType.COUNT];

    TxWorld(Scenario scenario, int clients, int days, long seed) {
        if (clients < 10) throw new IllegalArgumentException("at least 10 clients are needed, got " + clients);
        if (days < 1) throw new IllegalArgumentException("at least one day is needed, got " + days);
        this.profile = scenario.profile();
        Params pop = scenario.population();
        this.clients = clients;
        this.days = days;
        this.steps = days * 24L;
        this.start = scenario.start();
        this.merchants = Math.max(10, (int) Math.round(clients * pop.num("merchantsPer1000Clients") / 1000));
        this.banks = Math.max(1, (int) Math.round(pop.num("banks")));
        this.accounts = clients + merchants + banks;
        this.balance = new long[accounts];
        this.accountNumber = new long[accounts];
        this.contactShare = pop.num("contactShare");
        this.favouriteShare = pop.num("favouriteShare");
        long epochDay = Math.floorDiv(start, 86_400);
        int dow = (int) Math.floorMod(epochDay + 3, 7);     // 1970-01-01 was a Thursday (index 3, Monday = 0)
        this.weekOffset = dow * 24 + (int) (Math.floorMod(start, 86_400) / 3600);

        double[] nightShare = new double[1], weekendShare = new double[1];
        buildProfileTables(nightShare, weekendShare);
        double beta = pop.num("wealthCorrelation");
        for (TxType t : TxType.ALL) {
            rho[t.ordinal()] = loading(amounts[t.ordinal()], beta);
            rhoC[t.ordinal()] = Math.sqrt(1 - rho[t.ordinal()] * rho[t.ordinal()]);
        }

        Rng rng = new Rng(Rng.key(seed, 0x776F726C64L));   // "world"
        Feistel ids = new Feistel(9_000_000_000L, Rng.key(seed, 0x696473L));
        for (int i = 0; i < accounts; i++) accountNumber[i] = 1_000_000_000L + ids.apply(i);

        // merchants: popularity by Zipf(0.8) over a random ranking, a share of them online
        online = new boolean[merchants];
        double[] pop8 = new double[merchants];
        int[] rank = shuffled(merchants, rng);
        IntList onl = new IntList();
        for (int m = 0; m < merchants; m++) {
            pop8[m] = 1 / Math.pow(rank[m] + 1, 0.8);
            online[m] = rng.chance(pop.num("onlineMerchantShare"));
            if (online[m]) onl.add(clients + m);
        }
        if (onl.isEmpty()) onl.add(clients);
        onlineMerchants = onl.toArray();
        merchantCdf = cumulative(pop8);
        double[] bankWeights = new double[banks];
        for (int b = 0; b < banks; b++) bankWeights[b] = 1.0 / (b + 1);
        double[] bankCdf = cumulative(bankWeights);

        // clients
        activity = new float[clients];
        typeWeight = new float[clients][TxType.COUNT];
        wealth = new float[clients];
        nightFactor = new float[clients];
        dayFactor = new float[clients];
        weekendFactor = new float[clients];
        weekdayFactor = new float[clients];
        homeBank = new int[clients];
        favourites = new int[clients][];
        double actShape = pop.num("activityShape"), typeShape = pop.num("typeShape"), rhythmShape = pop.num("rhythmShape");
        double perHour = profile.perClientDay() / 24;
        for (int c = 0; c < clients; c++) {
            activity[c] = (float) (perHour * rng.gamma(actShape, 1 / actShape));
            wealth[c] = (float) rng.nextGaussian();
            for (TxType t : TxType.ALL) {
                if (t == TxType.CASH_IN) continue;
                typeWeight[c][t.ordinal()] = (float) (profile.share(t) * rng.gamma(typeShape, 1 / typeShape));
            }
            double nf = Math.min(0.9 / Math.max(nightShare[0], 1e-9), rng.gamma(rhythmShape, 1 / rhythmShape));
            nightFactor[c] = (float) nf;
            dayFactor[c] = (float) ((1 - nightShare[0] * nf) / (1 - nightShare[0]));
            double wf = Math.min(0.9 / Math.max(weekendShare[0], 1e-9), rng.gamma(rhythmShape, 1 / rhythmShape));
            weekendFactor[c] = (float) wf;
            weekdayFactor[c] = (float) ((1 - weekendShare[0] * wf) / (1 - weekendShare[0]));
            homeBank[c] = clients + merchants + rng.pickCumulative(bankCdf);
            int k = (int) Math.round(rng.uniform(pop.range("favouriteMerchants")[0], pop.range("favouriteMerchants")[1]));
            favourites[c] = new int[Math.max(1, k)];
            for (int i = 0; i < favourites[c].length; i++) favourites[c][i] = clients + rng.pickCumulative(merchantCdf);
        }
        contacts = smallWorld(clients, pop.range("contacts"), rng);

        // Cash-in preference from the client's own spending mix. With every type's amounts loading on
        // wealth as exp(beta a) (see loading()), a client's mean amounts all scale alike with its wealth,
        // so its spending and its deposits stay in proportion whatever its wealth, and the preference
        // need not depend on wealth: it is the client's spending mix, mean 1 over clients, so the
        // profile's cash-in share and cash-in amounts are both kept.
        TxType[] spendTypes = {TxType.CASH_OUT, TxType.PAYMENT, TxType.CARD, TxType.DEBIT};
        double spendNorm = 0;
        for (TxType t : spendTypes) spendNorm += profile.share(t) * amounts[t.ordinal()].mean();
        double inShare = profile.share(TxType.CASH_IN);
        double totalSpend = 0, totalIn = 0;
        double[][] meanAmount = meanAmountTables();
        double[] spend = new double[clients];
        for (int c = 0; c < clients; c++) {
            double mix = 0, s = 0;
            for (TxType t : spendTypes) {
                mix += typeWeight[c][t.ordinal()] * amounts[t.ordinal()].mean();
                s += typeWeight[c][t.ordinal()] * lookup(meanAmount[t.ordinal()], wealth[c]);
            }
            spend[c] = s;
            typeWeight[c][TxType.CASH_IN.ordinal()] = (float) (spendNorm > 0 ? inShare * mix / spendNorm : inShare);
            totalSpend += activity[c] * s;
            totalIn += activity[c] * typeWeight[c][TxType.CASH_IN.ordinal()] * lookup(meanAmount[TxType.CASH_IN.ordinal()], wealth[c]);
        }
        double deficitRatio = totalSpend > 0 ? Math.max(0, 1 - totalIn / totalSpend) : 0;

        // opening balances
        double[] balanceDays = pop.range("balanceDays");
        for (int c = 0; c < clients; c++) {
            double dailySpend = activity[c] * 24 * (spend[c] + typeWeight[c][TxType.TRANSFER.ordinal()]
                    * lookup(meanAmount[TxType.TRANSFER.ordinal()], wealth[c]));
            double d = rng.uniform(balanceDays[0], balanceDays[1]) + days * deficitRatio * 1.2;
            balance[c] = Math.max(100, Math.round(dailySpend * d * 100));
        }
        for (int m = 0; m < merchants; m++) balance[clients + m] = Math.round(rng.lognormal(Math.log(3000), 1.2) * 100);
        for (int b = 0; b < banks; b++) balance[clients + merchants + b] = Math.round(rng.lognormal(Math.log(5e6), 0.5) * 100);
        opening = balance.clone();

        // pools: mules and launderer-controlled accounts, disjoint
        special = new boolean[clients];
        int[] order = shuffled(clients, rng);
        int nm = Math.max(2, (int) Math.round(clients * pop.num("mulePoolShare")));
        int nc = Math.max(4, (int) Math.round(clients * pop.num("controlledPoolShare")));
        nm = Math.min(nm, clients / 4);
        nc = Math.min(nc, clients / 4);
        mules = new int[nm];
        controlled = new int[nc];
        for (int i = 0; i < nm; i++) { mules[i] = order[i]; special[order[i]] = true; }
        for (int i = 0; i < nc; i++) { controlled[i] = order[nm + i]; special[order[nm + i]] = true; }
    }

    private void buildProfileTables(double[] nightShare, double[] weekendShare) {
        double night = 0, weekend = 0, all = 0;
        for (TxType t : TxType.ALL) {
            Profile.TypeProfile p = profile.type(t);
            if (p == null || profile.share(t) == 0) {
                amounts[t.ordinal()] = AmountDistribution.lognormal(10, 1);
                continue;
            }
            amounts[t.ordinal()] = p.amounts();
            roundShare[t.ordinal()] = p.roundShare();
            for (int h = 0; h < 168; h++) {
                int dow = h / 24, hour = h % 24;
                double r = p.rhythm(hour, dow);
                rhythm[t.ordinal()][h] = r;
                double w = profile.share(t) * r;
                all += w;
                if (isNight(hour)) night += w;
                if (dow >= 5) weekend += w;
            }
        }
        nightShare[0] = night / all;
        weekendShare[0] = weekend / all;
    }

    /**
     * The wealth loading of a type: {@code beta / σ}, σ the log-sd of its amounts (capped at 0.95). A
     * client with wealth score a then has mean amounts proportional to {@code exp(beta a)} for every
     * type (exactly so for log-normal amounts), which keeps its spending and deposits in step.
     */
    static double loading(AmountDistribution d, double beta) {
        return Math.max(0, Math.min(0.95, beta / d.logSd()));
    }

    static boolean isNight(int hour) {
        return hour >= 22 || hour < 6;
    }

    /** Hour of the week (0 = Monday 00:00) of step {@code t}. */
    int hourOfWeek(long t) {
        return (int) ((t + weekOffset) % 168);
    }

    /** The client's personal rhythm factor at an hour of the week. */
    double personal(int c, int how) {
        int hour = how % 24;
        return (isNight(hour) ? nightFactor[c] : dayFactor[c]) * (how >= 120 ? weekendFactor[c] : weekdayFactor[c]);
    }

    /** Mean amount (currency units) per type on a grid of wealth scores from -5 to 5 (step 1/16). */
    private double[][] meanAmountTables() {
        double[][] out = new double[TxType.COUNT][161];
        for (TxType t : TxType.ALL) {
            for (int i = 0; i < 161; i++) out[t.ordinal()][i] = amounts[t.ordinal()].conditionalMean(-5 + i / 16.0, rho[t.ordinal()]);
        }
        return out;
    }

    static double lookup(double[] table, double a) {
        double pos = Math.max(0, Math.min(160, (a + 5) * 16));
        int i = (int) Math.min(159, Math.floor(pos));
        double f = pos - i;
        return table[i] * (1 - f) + table[i + 1] * f;
    }

    /** A client's amount of type {@code t}: the copula draw, rounded to a round figure with the profile's probability. */
    long drawAmount(int client, TxType t, Rng rng) {
        double x = rho[t.ordinal()] * wealth[client] + rhoC[t.ordinal()] * rng.nextGaussian();
        double amount = amounts[t.ordinal()].atScore(x);
        long cents = Math.max(1, Math.round(amount * 100));
        if (rng.chance(roundShare[t.ordinal()])) cents = roundNice(cents, rng.chance(0.5));
        return cents;
    }

    /** The client's typical (median) amount of a type, in cents. */
    long typical(int client, TxType t) {
        double amount = amounts[t.ordinal()].atScore(rho[t.ordinal()] * wealth[client]);
        return Math.max(1, Math.round(amount * 100));
    }

    /**
     * {@code cents} rounded to two significant figures, ending in 0 ({@code fives} false) or 0 or 5:
     * 137.42 becomes 140 or 150; amounts under 10 become whole units.
     */
    static long roundNice(long cents, boolean fives) {
        double units = cents / 100.0;
        if (units < 10) return Math.max(100, Math.round(units) * 100);
        double unit = Math.pow(10, Math.floor(Math.log10(units)) - 1) * (fives ? 5 : 1);
        return Math.max(100, Math.round(Math.round(units / unit) * unit * 100));
    }

    int randomMerchant(Rng rng) {
        return clients + rng.pickCumulative(merchantCdf);
    }

    int randomClient(Rng rng) {
        return rng.nextInt(clients);
    }

    /** Applies a transfer to the ledger; false (and counted as declined) when the origin cannot cover it. */
    boolean execute(Transfer tx) {
        TxType type = TxType.ALL.get(tx.type);
        long old = balance[tx.from];
        if (type.debitsOrigin() && old < tx.cents) {
            declined[tx.type]++;
            return false;
        }
        tx.oldFrom = old;
        tx.newFrom = type.debitsOrigin() ? old - tx.cents : old + tx.cents;
        balance[tx.from] = tx.newFrom;
        if (type.externalDestination()) {
            if (type == TxType.CASH_IN) cashIn += tx.cents; else cashOut += tx.cents;
        } else {
            tx.oldTo = balance[tx.to];
            tx.newTo = tx.oldTo + tx.cents;
            balance[tx.to] = tx.newTo;
        }
        return true;
    }

    public long totalBalance() {
        long s = 0;
        for (long b : balance) s += b;
        return s;
    }

    public long totalOpening() {
        long s = 0;
        for (long b : opening) s += b;
        return s;
    }

    private static int[] shuffled(int n, Rng rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) c[i] = s += w[i];
        return c;
    }

    /** Contacts: about 70% among the 20 nearest on a shuffled ring, the rest anyone (a small world). */
    private static int[][] smallWorld(int n, double[] range, Rng rng) {
        int[] ring = shuffled(n, rng);
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) pos[ring[i]] = i;
        int[][] out = new int[n][];
        for (int c = 0; c < n; c++) {
            int k = Math.max(1, (int) Math.round(rng.uniform(range[0], range[1])));
            IntList l = new IntList(k);
            int guard = 0;
            while (l.size() < k && guard++ < 20 * k) {
                int other;
                if (rng.chance(0.7)) {
                    int off = rng.between(1, 10) * (rng.chance(0.5) ? 1 : -1);
                    other = ring[Math.floorMod(pos[c] + off, n)];
                } else {
                    other = rng.nextInt(n);
                }
                if (other != c && !l.contains(other)) l.add(other);
            }
            out[c] = l.toArray();
        }
        return out;
    }

    /** A keyed permutation of [0, size): a Feistel network with cycle walking (Black and Rogaway 2002). */
    static final class Feistel {
        private final long size;
        private final int half;
        private final long mask;
        private final long[] keys = new long[6];

        Feistel(long size, long key) {
            this.size = size;
            int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
            if ((bits & 1) == 1) bits++;
            half = bits / 2;
            mask = (1L << half) - 1;
            long k = key;
            for (int i = 0; i < keys.length; i++) keys[i] = k = Rng.mix64(k + 0x9E37_79B9_7F4A_7C15L);
        }

        long apply(long x) {
            long y = x;
            do {
                long l = (y >>> half) & mask, r = y & mask;
                for (long key : keys) {
                    long next = l ^ (Rng.mix64(r ^ key) & mask);
                    l = r;
                    r = next;
                }
                y = (l << half) | r;
            } while (y >= size);
            return y;
        }
    }
}
