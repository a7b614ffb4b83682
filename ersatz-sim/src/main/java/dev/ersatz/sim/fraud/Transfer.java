package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Commit;
import dev.ersatz.sim.engine.Effect;

/**
 * One transaction: posted by an agent as an effect, applied to the ledger at the end of its step, and
 * then written out as the event, with the balances before and after on both sides.
 *
 * <p>One object serves as both the request and the record, which saves an allocation per transaction
 * at tens of millions of them.
 */
public final class Transfer implements Effect<TxWorld, Transfer> {
    /** A balance that is not shown: the destination of cash in and out is a bank desk, outside the ledger. */
    public static final long NONE = Long.MIN_VALUE;

    final int second;
    final byte type;
    long cents;
    final int from;
    final int to;
    /** Typology code (0 = none) and case id (-1 = none): the labels. */
    final short typology;
    final int caseId;
    /** The pattern (ordinal + 1) that made it, 0 for a client's ordinary activity: counted in the manifest, never written. */
    final byte pattern;
    final Plan plan;
    final int hop;
    long step;
    long oldFrom, newFrom, oldTo = NONE, newTo = NONE;

    Transfer(int second, TxType type, long cents, int from, int to, short typology, int caseId, byte pattern, Plan plan, int hop) {
        this.second = second;
        this.type = (byte) type.ordinal();
        this.cents = cents;
        this.from = from;
        this.to = to;
        this.typology = typology;
        this.caseId = caseId;
        this.pattern = pattern;
        this.plan = plan;
        this.hop = hop;
    }

    public TxType type() { return TxType.ALL.get(type); }

    public long step() { return step; }

    public int second() { return second; }

    public long cents() { return cents; }

    public int from() { return from; }

    public int to() { return to; }

    public int typology() { return typology; }

    public int caseId() { return caseId; }

    public int pattern() { return pattern; }

    public long oldFrom() { return oldFrom; }

    public long newFrom() { return newFrom; }

    public long oldTo() { return oldTo; }

    public long newTo() { return newTo; }

    @Override
    public void apply(TxWorld world, Commit<TxWorld, Transfer> commit) {
        if (plan != null) {
            cents = plan.amount(hop, world);
            if (cents <= 0) {
                plan.record(hop, 0);
                return;
            }
        }
        if (!world.execute(this)) {
            if (plan != null) plan.record(hop, 0);
            return;
        }
        if (plan != null) plan.record(hop, cents);
        step = commit.step();
        commit.emit(this);
    }
}
