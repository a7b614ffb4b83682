package dev.ersatz.sim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What an agent sees and may do during its step: the step number, its own random stream, the world,
 * and the ways to emit events, post writes and schedule itself.
 *
 * <p>The engine reuses one context per worker thread; do not keep a reference to it after
 * {@link Agent#act(Context)} returns.
 *
 * @param <W> the world type
 * @param <E> the event type
 */
public final class Context<W, E> {
    private final W world;
    private final long seed;
    private final Rng rng = new Rng(0);
    private long step;
    private int agent;
    private Block<W, E> block;
    private boolean scheduled;
    private int posted;

    Context(W world, long seed) {
        this.world = world;
        this.seed = seed;
    }

    void begin(Block<W, E> target, int agentId, long stepNo) {
        this.block = target;
        this.agent = agentId;
        this.step = stepNo;
        this.scheduled = false;
        this.posted = 0;
        rng.reseed(Rng.key(seed, agentId, stepNo));
    }

    /** Whether the agent said when to be woken next (if not, the engine wakes it at the next step). */
    boolean scheduled() { return scheduled; }

    /** The current step (0 is the first). */
    public long step() { return step; }

    /** This agent's id: its position in the order agents were added. */
    public int agent() { return agent; }

    /**
     * This agent's random stream for this step: a pure function of the run seed, the agent id and the
     * step, so what the agent draws does not depend on threads or on other agents.
     */
    public Rng random() { return rng; }

    /**
     * The world as it stood at the start of the step. Read it; do not write it here (post an
     * {@link Effect}): other agents are reading it on other threads.
     */
    public W world() { return world; }

    /** Writes {@code event} to the output; events of one step come out in agent-id order. */
    public void emit(E event) {
        block.events.add(event);
    }

    /**
     * Posts a write to the world, applied after every agent of this step has acted, in ascending
     * {@code order} (for example the second within the step at which it happens), then by agent id,
     * then in the order posted.
     *
     * @param order a non-negative key
     */
    public void post(int order, Effect<W, E> effect) {
        if (order < 0) throw new IllegalArgumentException("an effect's order key must not be negative: " + order);
        block.post(order, agent, effect);
        posted++;
    }

    /** How many effects this agent has posted in this step. */
    public int postedThisStep() { return posted; }

    /** Wakes this agent next at {@code step} (after the current one); steps beyond the run are never reached. */
    public void wakeAt(long wakeStep) {
        if (wakeStep <= step) throw new IllegalArgumentException("cannot wake at step " + wakeStep + " from step " + step);
        block.wake(agent, wakeStep);
        scheduled = true;
    }

    /** Wakes this agent again after {@code steps} steps (at least 1). */
    public void sleep(long steps) {
        wakeAt(step + Math.max(1, steps));
    }

    /** Leaves this agent asleep until another agent or an effect wakes it. */
    public void idle() {
        scheduled = true;
    }

    /** Removes this agent from the run: it is never woken again, and the engine lets go of it after the step. */
    public void retire() {
        block.retire(agent);
        scheduled = true;
    }

    /** Wakes another agent at {@code wakeStep} (after the current step). */
    public void wake(int other, long wakeStep) {
        if (wakeStep <= step) throw new IllegalArgumentException("cannot wake at step " + wakeStep + " from step " + step);
        block.wake(other, wakeStep);
    }

    /** One block's output for a step: events, posted effects and wake requests, in agent order. */
    static final class Block<W, E> {
        List<E> events = new ArrayList<>();
        int[] orders = new int[64];
        int[] posters = new int[64];
        Object[] effects = new Object[64];
        int effectCount;
        long[] wakes = new long[32];
        int wakeCount;
        int[] retired = new int[8];
        int retiredCount;
        RuntimeException failure;

        void reset() {
            events = new ArrayList<>();
            java.util.Arrays.fill(effects, 0, effectCount, null);
            effectCount = 0;
            wakeCount = 0;
            retiredCount = 0;
            failure = null;
        }

        void post(int order, int agent, Object effect) {
            if (effectCount == effects.length) {
                int n = effectCount * 2;
                orders = java.util.Arrays.copyOf(orders, n);
                posters = java.util.Arrays.copyOf(posters, n);
                effects = java.util.Arrays.copyOf(effects, n);
            }
            orders[effectCount] = order;
            posters[effectCount] = agent;
            effects[effectCount++] = effect;
        }

        void wake(int agent, long step) {
            if (wakeCount + 2 > wakes.length) wakes = java.util.Arrays.copyOf(wakes, wakes.length * 2);
            wakes[wakeCount++] = agent;
            wakes[wakeCount++] = step;
        }

        void retire(int agent) {
            if (retiredCount == retired.length) retired = java.util.Arrays.copyOf(retired, retiredCount * 2);
            retired[retiredCount++] = agent;
        }
    }
}
