package dev.ersatz.sim.engine;

/**
 * What an {@link Effect} may do besides writing the world: emit events, wake agents and add agents.
 *
 * <p>One instance serves the whole commit phase of a step, on one thread.
 *
 * @param <W> the world type
 * @param <E> the event type
 */
public interface Commit<W, E> {

    /** The step being committed. */
    long step();

    /** The agent that posted the effect being applied. */
    int poster();

    /** Writes {@code event} to the output, after the events already emitted in this step. */
    void emit(E event);

    /** Wakes {@code agent} at {@code step} (which must come after the current step). */
    void wake(int agent, long step);

    /** Adds an agent, first woken at {@code firstStep} (at the earliest the next step), and returns its id. */
    int spawn(Agent<W, E> agent, long firstStep);
}
