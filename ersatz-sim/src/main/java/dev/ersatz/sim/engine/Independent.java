package dev.ersatz.sim.engine;

import dev.ersatz.core.Progress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs agents that never interact (patients, say) each over its whole lifetime, in parallel, with
 * their events written in agent order.
 *
 * <p>Why a second mode: the step-synchronous {@link Simulation} pays a barrier per step, and keeps
 * every agent's records of a step together; agents that share nothing can instead each run from start
 * to end on one thread, which needs no barrier and keeps one agent's records together (as a per-patient
 * FHIR bundle wants). Agent {@code i} gets the stream {@link Rng#stream(long, long, long)
 * stream(seed, i, 0)}; agents are cut into fixed blocks, blocks run on any thread, and their events are
 * delivered in block order, so the output is the same on any number of threads. At most a few blocks
 * per thread are in flight, so memory does not grow with the number of agents.
 */
public final class Independent {
    private Independent() {}

    /** One agent's whole run: draw from {@code random}, write events to {@code out}. */
    @FunctionalInterface
    public interface Work<E> {
        void run(long agent, Rng random, Consumer<E> out);
    }

    /**
     * Runs agents {@code 0 .. count-1}; {@code sink} receives each block's events with the block's
     * index as its "step", in order.
     *
     * @param block agents per block (fixed for a given output: it does not change the events, only
     *              how they are batched)
     */
    public static <E> void run(long count, long seed, int block, int threads, Work<E> work, EventSink<E> sink,
                               Progress progress) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative: " + count);
        if (block < 1 || threads < 1) throw new IllegalArgumentException("block and threads must be at least 1");
        long blocks = (count + block - 1) / block;
        if (threads == 1) {
            for (long b = 0; b < blocks; b++) {
                checkCancelled();
                sink.accept(b, runBlock(b, block, count, seed, work));
                progress.update("simulate", Math.min(count, (b + 1) * block), count);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ersatz-sim-independent");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<List<E>>> inFlight = new ArrayDeque<>();
            int window = threads * 3;
            long submitted = 0, delivered = 0;
            while (delivered < blocks) {
                while (submitted < blocks && inFlight.size() < window) {
                    long b = submitted++;
                    inFlight.add(pool.submit(() -> runBlock(b, block, count, seed, work)));
                }
                List<E> events = await(inFlight.poll());
                sink.accept(delivered, events);
                delivered++;
                progress.update("simulate", Math.min(count, delivered * block), count);
                checkCancelled();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <E> List<E> runBlock(long b, int block, long count, long seed, Work<E> work) {
        List<E> events = new ArrayList<>();
        Rng rng = new Rng(0);
        long end = Math.min(count, (b + 1) * block);
        for (long i = b * block; i < end; i++) {
            rng.reseed(Rng.key(seed, i, 0));
            work.run(i, rng, events::add);
        }
        return events;
    }

    private static <E> List<E> await(Future<List<E>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("simulation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("simulation interrupted");
    }
}
