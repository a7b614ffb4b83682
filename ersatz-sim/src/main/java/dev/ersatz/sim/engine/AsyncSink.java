package dev.ersatz.sim.engine;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Hands batches to another {@link EventSink} on a writer thread, so writing a step overlaps simulating
 * the next one.
 *
 * <p>The queue holds at most {@code capacity} batches: when the writer falls behind, the simulation
 * waits, so memory stays bounded. A failure on the writer thread is rethrown to the simulating thread
 * at its next {@link #accept} or at {@link #finish()}. Call {@link #finish()} after the run (it waits
 * for the writer) and {@link #close()} in a finally block (it stops the writer without waiting).
 *
 * @param <E> the event type
 */
public final class AsyncSink<E> implements EventSink<E>, AutoCloseable {
    private record Batch<E>(long step, List<E> events) {}

    private static final Batch<Object> END = new Batch<>(-1, List.of());

    private final EventSink<E> target;
    private final BlockingQueue<Batch<E>> queue;
    private final Thread writer;
    private volatile Throwable failure;

    public AsyncSink(EventSink<E> target, int capacity) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.writer = new Thread(this::drain, "ersatz-sim-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        try {
            while (true) {
                Batch<E> b = queue.take();
                if (b == (Object) END) return;
                target.accept(b.step(), b.events());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    @Override
    public void accept(long step, List<E> events) {
        rethrow();
        try {
            while (!queue.offer(new Batch<>(step, events), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!writer.isAlive()) throw new IllegalStateException("the writer thread stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while writing");
        }
    }

    /** Waits until every batch is written; rethrows a writer failure. */
    @SuppressWarnings("unchecked")
    public void finish() {
        rethrow();
        try {
            while (!queue.offer((Batch<E>) (Object) END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!writer.isAlive()) break;
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while writing");
        }
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    /** Stops the writer thread, dropping pending batches, and waits for it to leave the target. */
    @Override
    public void close() {
        if (!writer.isAlive()) return;
        queue.clear();
        writer.interrupt();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
