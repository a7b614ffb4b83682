package dev.ersatz.sim.fraud;

import java.util.HashMap;
import java.util.Map;

/**
 * Features for detecting typologies, computed in one pass over a log in time order, each from the past
 * only (what a real-time detector could know when the transaction arrives).
 *
 * <p><b>Behavioural features</b> describe what the accounts did: how the amount compares with the
 * origin's own history, how busy the origin and destination were in the last hour, day and week
 * (exponentially decayed counts), how many distinct counterparties they dealt with, whether the payee is
 * new, what share of the balance leaves, whether money that just came in is going straight out again,
 * cash deposits in the last week, small card payments in the last day, the account's age and the hour.
 *
 * <p><b>Artefact features</b> describe how the data looks, not what happened: the length and digits of
 * account ids, zero balances on either side, whole and round amounts, an amount equal to the whole
 * balance, a destination balance that does not move, and balances that do not add up (PaySim's
 * "errorBalance" tells). On PaySim these separate fraud almost perfectly; here they must not. The
 * type is included as a control, so that a typology's type mix is not mistaken for an artefact (the
 * validator compares like with like by weighting negatives to the typology's type mix).
 */
final class Detection {
    static final String[] BEHAVIOURAL = {
            "type", "log_amount", "hour", "amount_vs_own_mean", "amount_z", "orig_out_1h", "orig_out_24h", "log_since_orig_out",
            "orig_payees_24h", "new_payee", "balance_share", "log_orig_in_48h", "amount_vs_in_48h", "log_since_orig_in",
            "dest_in_24h", "dest_senders_24h", "dest_in_7d", "dest_out_24h", "orig_card_1h", "orig_small_card_24h",
            "orig_cash_in_7d", "log_orig_cash_in_7d", "log_orig_age", "orig_in_7d", "log_old_balance", "log_since_dest_in"};
    static final String[] ARTEFACT = {
            "type", "orig_id_digits", "dest_id_digits", "orig_id_first", "dest_id_first", "orig_id_last", "dest_id_last",
            "dest_old_zero", "dest_new_zero", "orig_new_zero", "orig_old_zero", "whole_amount", "round_amount", "thousands",
            "amount_is_balance", "dest_unchanged", "orig_error", "dest_error"};

    private static final double HOUR = 3600, DAY = 86_400, WEEK = 7 * DAY, TWO_DAYS = 2 * DAY;
    private static final int RING = 16;

    /** Per-account state: decayed counters, recent counterparties, and amount statistics. */
    private static final class Account {
        long first = Long.MIN_VALUE, lastOut = Long.MIN_VALUE, lastIn = Long.MIN_VALUE, lastTouch;
        double out1h, out24h, in24h, in7d, inAmt48h, card1h, smallCard24h, cashIn7d, cashInAmt7d, inCount7d;
        double n, mean, m2;                        // Welford over log10 of outgoing amounts
        final long[] payees = new long[RING], payeeTime = new long[RING];
        final long[] senders = new long[RING], senderTime = new long[RING];
        int payeeNext, senderNext, payeeCount, senderCount;

        void decay(long now) {
            if (lastTouch == 0 && first == Long.MIN_VALUE) {
                lastTouch = now;
                return;
            }
            double dt = Math.max(0, now - lastTouch);
            if (dt > 0) {
                double eh = Math.exp(-dt / HOUR), ed = Math.exp(-dt / DAY), e2 = Math.exp(-dt / TWO_DAYS), ew = Math.exp(-dt / WEEK);
                out1h *= eh;
                card1h *= eh;
                out24h *= ed;
                in24h *= ed;
                smallCard24h *= ed;
                inAmt48h *= e2;
                in7d *= ew;
                cashIn7d *= ew;
                cashInAmt7d *= ew;
                inCount7d *= ew;
            }
            lastTouch = now;
        }

        int distinct(long[] ids, long[] times, int count, long since) {
            int k = 0;
            for (int i = 0; i < Math.min(count, RING); i++) {
                if (times[i] < since) continue;
                boolean dup = false;
                for (int j = 0; j < i && !dup; j++) dup = times[j] >= since && ids[j] == ids[i];
                if (!dup) k++;
            }
            return k;
        }

        boolean knows(long payee) {
            for (int i = 0; i < Math.min(payeeCount, RING); i++) if (payees[i] == payee) return true;
            return false;
        }
    }

    private final Map<Long, Account> accounts = new HashMap<>();

    private Account account(long id) {
        return accounts.computeIfAbsent(id, k -> new Account());
    }

    /** Computes both feature vectors of {@code r} from the past, then adds {@code r} to the past. */
    void next(TxRow r, double[] behavioural, double[] artefact) {
        long now = r.time;
        TxType type = r.txType();
        Account o = account(r.orig), d = account(r.dest);
        o.decay(now);
        d.decay(now);
        double amount = r.cents / 100.0, la = Math.log10(Math.max(0.01, amount));
        boolean debit = type.debitsOrigin();

        double[] b = behavioural;
        b[0] = r.type;
        b[1] = la;
        b[2] = Math.floorMod(now, 86_400) / 3600;
        b[3] = o.n > 0 ? la - o.mean : Double.NaN;
        double sd = o.n > 1 ? Math.sqrt(o.m2 / (o.n - 1)) : Double.NaN;
        b[4] = o.n > 1 ? (la - o.mean) / Math.max(0.3, sd) : Double.NaN;
        b[5] = o.out1h;
        b[6] = o.out24h;
        b[7] = o.lastOut == Long.MIN_VALUE ? Double.NaN : Math.log10(now - o.lastOut + 1.0);
        b[8] = o.distinct(o.payees, o.payeeTime, o.payeeCount, now - 86_400);
        b[9] = o.payeeCount == 0 ? Double.NaN : (o.knows(r.dest) ? 0 : 1);
        b[10] = debit && r.oldOrig > 0 ? (double) r.cents / r.oldOrig : Double.NaN;
        b[11] = Math.log10(o.inAmt48h + 1);
        b[12] = o.inAmt48h > 1 ? amount / o.inAmt48h : Double.NaN;
        b[13] = o.lastIn == Long.MIN_VALUE ? Double.NaN : Math.log10(now - o.lastIn + 1.0);
        b[14] = d.in24h;
        b[15] = d.distinct(d.senders, d.senderTime, d.senderCount, now - 86_400);
        b[16] = d.in7d;
        b[17] = d.out24h;
        b[18] = o.card1h;
        b[19] = o.smallCard24h;
        b[20] = o.cashIn7d;
        b[21] = Math.log10(o.cashInAmt7d + 1);
        b[22] = o.first == Long.MIN_VALUE ? Double.NaN : Math.log10(now - o.first + 1.0);
        b[23] = o.inCount7d;
        b[24] = Math.log10(Math.max(0, r.oldOrig) / 100.0 + 1);
        b[25] = d.lastIn == Long.MIN_VALUE ? Double.NaN : Math.log10(now - d.lastIn + 1.0);

        double[] a = artefact;
        a[0] = r.type;
        a[1] = Long.toString(r.orig).length();
        a[2] = Long.toString(r.dest).length();
        a[3] = firstDigit(r.orig);
        a[4] = firstDigit(r.dest);
        a[5] = r.orig % 10;
        a[6] = r.dest % 10;
        boolean destKnown = r.oldDest != Transfer.NONE;
        a[7] = destKnown && r.oldDest == 0 ? 1 : 0;
        a[8] = destKnown && r.newDest == 0 ? 1 : 0;
        a[9] = r.newOrig == 0 ? 1 : 0;
        a[10] = r.oldOrig == 0 ? 1 : 0;
        a[11] = r.cents % 100 == 0 ? 1 : 0;
        a[12] = isRound(r.cents) ? 1 : 0;
        a[13] = r.cents % 100_000 == 0 ? 1 : 0;
        a[14] = debit && r.cents == r.oldOrig ? 1 : 0;
        a[15] = destKnown && r.oldDest == r.newDest ? 1 : 0;
        a[16] = (debit ? r.oldOrig - r.cents : r.oldOrig + r.cents) != r.newOrig ? 1 : 0;
        a[17] = destKnown && r.oldDest + r.cents != r.newDest ? 1 : 0;

        // update the past with this transaction
        if (o.first == Long.MIN_VALUE) o.first = now;
        if (d.first == Long.MIN_VALUE) d.first = now;
        if (type == TxType.CASH_IN) {
            o.cashIn7d += 1;
            o.cashInAmt7d += amount;
            o.inAmt48h += amount;
            o.lastIn = now;
        } else {
            o.out1h += 1;
            o.out24h += 1;
            o.lastOut = now;
            o.n++;
            double delta = la - o.mean;
            o.mean += delta / o.n;
            o.m2 += delta * (la - o.mean);
            o.payees[o.payeeNext] = r.dest;
            o.payeeTime[o.payeeNext] = now;
            o.payeeNext = (o.payeeNext + 1) % RING;
            o.payeeCount++;
            if (type == TxType.CARD) {
                o.card1h += 1;
                if (amount < 10) o.smallCard24h += 1;
            }
            if (!type.externalDestination()) {
                d.in24h += 1;
                d.in7d += 1;
                d.inCount7d += 1;
                d.inAmt48h += amount;
                d.lastIn = now;
                d.senders[d.senderNext] = r.orig;
                d.senderTime[d.senderNext] = now;
                d.senderNext = (d.senderNext + 1) % RING;
                d.senderCount++;
            }
        }
    }

    private static int firstDigit(long v) {
        long x = Math.abs(v);
        while (x >= 10) x /= 10;
        return (int) x;
    }

    /** Two significant figures at most (140, 2,500, 9), in whole units. */
    static boolean isRound(long cents) {
        if (cents % 100 != 0) return false;
        long units = cents / 100;
        if (units < 10) return true;
        long unit = (long) Math.pow(10, Math.floor(Math.log10(units)) - 1);
        return units % unit == 0;
    }
}
