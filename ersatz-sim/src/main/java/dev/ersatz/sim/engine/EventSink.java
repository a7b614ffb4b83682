package dev.ersatz.sim.engine;

import java.util.List;

/**
 * Receives a run's events, one batch per step (or per block of independent agents), in output order.
 *
 * <p>The engine hands over each batch once and never touches the list again, so a sink may keep it or
 * pass it to another thread ({@link AsyncSink} does).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventSink<E> {

    /** Takes the events of {@code step} (possibly none), in their final order. */
    void accept(long step, List<E> events);
}
