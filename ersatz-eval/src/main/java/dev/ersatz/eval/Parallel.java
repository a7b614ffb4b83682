package dev.ersatz.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool of daemon threads that runs independent tasks and returns their results in task order,
 * so a result never depends on which thread finished first.
 */
final class Parallel implements AutoCloseable {
    private final ExecutorService pool;
    final int threads;

    Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "ersatz-eval");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the tasks and returns their results in order; the first failure is rethrown. */
    <T> List<T> all(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(pool.submit(t));
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("evaluation interrupted");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
        return out;
    }

    /** Runs {@code body(i)} for i in [0, n), split into one contiguous block per thread. */
    void forRange(int n, java.util.function.IntConsumer body) {
        int blocks = Math.min(threads * 4, Math.max(1, n));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) n * b / blocks), to = (int) ((long) n * (b + 1) / blocks);
            tasks.add(() -> {
                for (int i = from; i < to; i++) body.accept(i);
                return null;
            });
        }
        all(tasks);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
