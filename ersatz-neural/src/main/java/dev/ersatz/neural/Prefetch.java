package dev.ersatz.neural;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.function.LongFunction;

/**
 * Training inputs made ahead on a second thread while libtorch computes on the training thread:
 * random draws, gathered rows, masks. Items are made strictly in order by one producer (item k is
 * a pure function of the producer's random stream after k − 1 items), so what the model sees never
 * depends on timing. Stopping early (time budget, early stopping, an error) interrupts the producer.
 */
public final class Prefetch<T> implements AutoCloseable {
    static final int AHEAD = 3;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;

    /** Starts producing {@code count} items with {@code make} (called with the item index). */
    public Prefetch(String name, long count, LongFunction<T> make) {
        thread = new Thread(() -> {
            try {
                for (long k = 0; k < count; k++) queue.put(make.apply(k));
                queue.put(END);
            } catch (InterruptedException e) {
                // stopped early
            } catch (RuntimeException | Error e) {
                queue.clear();
                queue.offer(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next item, in order. */
    @SuppressWarnings("unchecked")
    public T take() {
        try {
            Object o = queue.take();
            if (o instanceof RuntimeException e) throw e;
            if (o instanceof Error e) throw e;
            if (o == END) throw new IllegalStateException("no more training inputs");
            return (T) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("training interrupted");
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
