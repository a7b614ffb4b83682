package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Agent;
import dev.ersatz.sim.engine.Context;
import dev.ersatz.sim.engine.Rng;

/**
 * A client's ordinary activity: each hour, a Poisson number of transactions at the client's own rate
 * and rhythm, each with a type, an amount and a counterparty.
 *
 * <p>The client reads its balance as it stood at the start of the hour and keeps track of what it has
 * committed to spend within the hour, so it never asks for more than it has; what it cannot afford it
 * does not attempt (counted as "unaffordable" in the manifest). Money that arrives during the hour is
 * seen the next hour, as with a real account whose incoming payments clear later.
 *
 * <p>Counterparties: payments and card payments go to a favourite merchant with probability
 * {@code favouriteShare}, otherwise to a merchant drawn by popularity; transfers go to a contact with
 * probability {@code contactShare}, otherwise to anyone; cash goes through the home bank's desk (or
 * another bank's, one time in ten); debits go to the home bank.
 */
final class ClientAgent implements Agent<TxWorld, Transfer> {
    /** Attempts the client could not afford, by type (summed after the run; only this agent writes them). */
    final int[] unaffordable = new int[TxType.COUNT];

    @Override
    public void act(Context<TxWorld, Transfer> ctx) {
        TxWorld w = ctx.world();
        int c = ctx.agent();
        int how = w.hourOfWeek(ctx.step());
        double personal = w.personal(c, how);
        float[] tw = w.typeWeight[c];
        double[] weights = new double[TxType.COUNT];
        double total = 0;
        for (int k = 0; k < TxType.COUNT; k++) {
            double x = tw[k] * w.rhythm[k][how];
            weights[k] = x;
            total += x;
        }
        Rng rng = ctx.random();
        int n = rng.poisson(w.activity[c] * personal * total);
        if (n == 0) return;
        long available = w.balance[c];
        for (int i = 0; i < n; i++) {
            TxType type = TxType.ALL.get(rng.pick(weights));
            long cents = w.drawAmount(c, type, rng);
            int second = rng.nextInt(3600);
            int to = counterparty(w, c, type, rng);
            if (type.debitsOrigin()) {
                if (cents > available) {
                    unaffordable[type.ordinal()]++;
                    continue;
                }
                available -= cents;
            }
            ctx.post(second, new Transfer(second, type, cents, c, to, (short) 0, -1, (byte) 0, null, 0));
        }
    }

    static int counterparty(TxWorld w, int c, TxType type, Rng rng) {
        switch (type) {
            case PAYMENT, CARD -> {
                int[] fav = w.favourites[c];
                return rng.chance(w.favouriteShare) ? fav[rng.nextInt(fav.length)] : w.randomMerchant(rng);
            }
            case TRANSFER -> {
                int[] con = w.contacts[c];
                if (con.length > 0 && rng.chance(w.contactShare)) return con[rng.nextInt(con.length)];
                int other;
                do {
                    other = w.randomClient(rng);
                } while (other == c);
                return other;
            }
            case CASH_IN, CASH_OUT -> {
                return rng.chance(0.9) ? w.homeBank[c] : w.clients + w.merchants + rng.nextInt(w.banks);
            }
            default -> {
                return w.homeBank[c];
            }
        }
    }
}
