package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Agent;
import dev.ersatz.sim.engine.Context;
import dev.ersatz.sim.engine.Rng;

/**
 * Carries out a {@link Plan}: wakes at the hour of its next hop (a timed event), posts the hops due in
 * that hour at their second, and retires after the last.
 *
 * <p>Until its first hour a case holds only what it needs to write its plan (the pattern, its
 * parameters, the case's random key): the plan is written when the case first wakes, from the same
 * key, so it is the plan that was drawn to find that hour. Plans read only what does not change during
 * a run (pools, contacts, typical amounts; amounts that depend on balances are worked out at commit),
 * so writing one on a worker thread is safe. A run thus holds the plans of the cases under way, not of
 * every case of the run, and its memory does not grow with the number of days.
 */
final class CaseAgent implements Agent<TxWorld, Transfer> {
    private final Plans plans;
    private final Pattern pattern;
    private final Params params;
    private final long key;
    private final int caseId;
    private final long firstStep;
    private Plan plan;
    private int[] order;
    private int next;

    /** A case whose plan comes from {@code plans.make(pattern, params, new Rng(key), caseId)}. */
    CaseAgent(Plans plans, Pattern pattern, Params params, long key, int caseId) {
        this.plans = plans;
        this.pattern = pattern;
        this.params = params;
        this.key = key;
        this.caseId = caseId;
        Plan p = write();
        int[] o = p.order();
        this.firstStep = o.length == 0 ? Long.MAX_VALUE : p.time[o[0]] / 3600;
    }

    private Plan write() {
        return plans.make(pattern, params, new Rng(key), caseId);
    }

    /** The step of the first hop. */
    long firstStep() {
        return firstStep;
    }

    @Override
    public void act(Context<TxWorld, Transfer> ctx) {
        if (plan == null) {
            plan = write();
            order = plan.order();
        }
        long stepStart = ctx.step() * 3600;
        short typology = (short) plan.pattern.code();
        byte patternCode = (byte) (plan.pattern.ordinal() + 1);
        while (next < order.length && plan.time[order[next]] < stepStart + 3600) {
            int h = order[next++];
            int second = (int) Math.max(0, plan.time[h] - stepStart);
            ctx.post(second, new Transfer(second, TxType.ALL.get(plan.type[h]), 0, plan.from[h], plan.to[h],
                    typology, plan.caseId, patternCode, plan, h));
        }
        if (next < order.length) ctx.wakeAt(Math.max(ctx.step() + 1, plan.time[order[next]] / 3600));
        else ctx.retire();
    }
}
