package dev.ersatz.cli.simulate;

import dev.ersatz.core.Progress;

import java.io.PrintWriter;

/**
 * Progress of a simulation on stderr: quiet for the first two seconds, then a line every five seconds
 * (simulations run in steps, so a line per phase change would be too many and a bar too few).
 */
final class LogProgress implements Progress {
    private static final long QUIET = 2_000_000_000L, EVERY = 5_000_000_000L;
    private final PrintWriter err;
    private final String what;
    private final long start = System.nanoTime();
    private long last;

    private final String unit;

    LogProgress(PrintWriter err, String what) {
        this(err, what, "steps");
    }

    LogProgress(PrintWriter err, String what, String unit) {
        this.err = err;
        this.what = what;
        this.unit = unit;
    }

    @Override
    public void update(String phase, long done, long total) {
        long now = System.nanoTime();
        if (now - start < QUIET || now - last < EVERY) return;
        last = now;
        if (total > 0) err.printf("ersatz: %s: %,d/%,d %s (%d%%)%n", what, done, total, phase.equals("simulate") ? unit : phase, Math.round(100.0 * done / total));
        else err.printf("ersatz: %s: %,d%n", what, done);
        err.flush();
    }
}
