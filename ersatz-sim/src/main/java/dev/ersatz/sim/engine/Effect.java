package dev.ersatz.sim.engine;

/**
 * A write to the world that an agent posted during its step, applied by the engine once every agent of
 * the step has acted.
 *
 * <p>Effects are applied one at a time on one thread, in the order of their {@code order} key (see
 * {@link Context#post(int, Effect)}), ties broken by agent id and then by the order the agent posted
 * them. This makes interaction deterministic: two agents paying the same merchant in the same step see
 * the merchant's balance change in the same sequence on every run. An effect may emit events (which
 * then carry the world's state after the write, as balances do), wake agents and add new ones.
 *
 * @param <W> the world type
 * @param <E> the event type
 */
@FunctionalInterface
public interface Effect<W, E> {

    /** Applies this write to {@code world}; {@code commit} emits events and schedules agents. */
    void apply(W world, Commit<W, E> commit);
}
