package dev.ersatz.synth.tree;

import dev.ersatz.core.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent fitting tasks on all cores and returns their results in task order.
 *
 * <p>Determinism does not depend on this class: every task gets its inputs (including its random
 * stream) before it starts, so which thread runs it, and when, cannot change its result. Progress
 * is reported from the calling thread only, as tasks complete in order.
 */
public final class Parallel {
    private Parallel() {}

    /** How many threads fitting uses: the {@code ersatz.threads} system property, else the core count. */
    public static int threads() {
        String p = System.getProperty("ersatz.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException ignored) {
                // fall back to the core count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Results of {@code task.apply(0..n-1)}, in order, computed on up to {@link #threads()} threads. */
    public static <T> List<T> map(int n, IntFunction<T> task, Progress progress, String phase) {
        int threads = Math.min(threads(), n);
        List<T> out = new ArrayList<>(n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
                progress.update(phase, i + 1, n);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ersatz-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(pool.submit(() -> task.apply(k)));
            }
            for (int i = 0; i < n; i++) {
                out.add(futures.get(i).get());
                progress.update(phase, i + 1, n);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fitting interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
