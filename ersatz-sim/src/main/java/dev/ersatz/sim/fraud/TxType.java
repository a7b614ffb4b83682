package dev.ersatz.sim.fraud;

import java.util.List;
import java.util.Locale;

/**
 * Transaction types: PaySim's five (Lopez-Rojas, Elmir and Axelsson 2016) and card payments.
 *
 * <p>Money moves as follows (origin = the client who initiates, destination = the counterparty):
 * CASH_IN adds cash brought to a bank's desk to the origin's account (money enters the ledger);
 * CASH_OUT withdraws from it (money leaves); PAYMENT and CARD pay a merchant; TRANSFER pays another
 * account; DEBIT moves money to a bank's account. Only CASH_IN and CASH_OUT change the total of all
 * balances, which is the conservation invariant the tests check.
 */
public enum TxType {
    CASH_IN, CASH_OUT, PAYMENT, TRANSFER, DEBIT, CARD;

    public static final List<TxType> ALL = List.of(values());
    public static final int COUNT = ALL.size();

    /** Labels in code order, for output columns. */
    public static List<String> labels() {
        return ALL.stream().map(Enum::name).toList();
    }

    /** Whether the destination is outside the ledger (cash at a desk): its balances are not shown. */
    public boolean externalDestination() {
        return this == CASH_IN || this == CASH_OUT;
    }

    /** Whether the origin's balance goes down (all but CASH_IN). */
    public boolean debitsOrigin() {
        return this != CASH_IN;
    }

    /** The type named {@code s} (case-insensitive), or null. */
    public static TxType parse(String s) {
        if (s == null) return null;
        String u = s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (TxType t : ALL) if (t.name().equals(u)) return t;
        return null;
    }
}
