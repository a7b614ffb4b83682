package dev.ersatz.sim.engine;

/**
 * A user-written agent type: something with state that acts at the steps it is woken for.
 *
 * <p>At each step it is woken for, the engine calls {@link #act(Context)} once. The agent may read the
 * world through {@link Context#world()} (as it stood at the start of the step), change its own fields,
 * draw from {@link Context#random()}, emit events, and post {@link Effect}s: writes to the world that
 * the engine applies after every agent has acted, in a fixed order. Unless it calls
 * {@link Context#wakeAt(long)}, {@link Context#sleep(long)} or {@link Context#retire()}, it is woken
 * again at the next step.
 *
 * <p>Rules that keep the output byte-identical on any number of threads: do not write the world or
 * another agent's fields in {@code act} (post an effect instead), and draw randomness only from
 * {@link Context#random()}. The engine may call different agents' {@code act} on different threads at
 * the same time; one agent is never called twice concurrently.
 *
 * @param <W> the world (environment) type
 * @param <E> the event type written to the output
 */
@FunctionalInterface
public interface Agent<W, E> {

    /** Acts at the current step: decides, emits, posts writes, and says when to be woken next. */
    void act(Context<W, E> ctx);
}
