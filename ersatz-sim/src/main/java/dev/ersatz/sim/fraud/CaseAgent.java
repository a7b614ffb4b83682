package dev.ersatz.sim.fraud;

import dev.ersatz.sim.engine.Agent;
import dev.ersatz.sim.engine.Context;

/**
 * Carries out a {@link Plan}: wakes at the hour of its next hop (a timed event), posts the hops due in
 * that hour at their second, and retires after the last.
 */
final class CaseAgent implements Agent<TxWorld, Transfer> {
    private final Plan plan;
    private final int[] order;
    private int next;

    CaseAgent(Plan plan) {
        this.plan = plan;
        this.order = plan.order();
    }

    /** The step of the first hop. */
    long firstStep() {
        return order.length == 0 ? Long.MAX_VALUE : plan.time[order[0]] / 3600;
    }

    @Override
    public void act(Context<TxWorld, Transfer> ctx) {
        long stepStart = ctx.step() * 3600;
        short typology = (short) plan.pattern.code();
        byte pattern = (byte) (plan.pattern.ordinal() + 1);
        while (next < order.length && plan.time[order[next]] < stepStart + 3600) {
            int h = order[next++];
            int second = (int) Math.max(0, plan.time[h] - stepStart);
            ctx.post(second, new Transfer(second, TxType.ALL.get(plan.type[h]), 0, plan.from[h], plan.to[h],
                    typology, plan.caseId, pattern, plan, h));
        }
        if (next < order.length) ctx.wakeAt(Math.max(ctx.step() + 1, plan.time[order[next]] / 3600));
        else ctx.retire();
    }
}
