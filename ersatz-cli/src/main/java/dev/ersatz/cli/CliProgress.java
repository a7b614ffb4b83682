package dev.ersatz.cli;

import dev.ersatz.core.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Progress on stderr for operations that run longer than a couple of seconds: a progress bar on a
 * terminal (the progressbar library), a log line every few seconds otherwise (CI logs, pipes).
 * Short runs print nothing. A phase may carry a status after {@code " | "} (a neural synthesizer's
 * epoch and loss): the part before it names the bar, the status is shown beside it, and a new status
 * alone does not start a new bar or force a log line.
 */
public final class CliProgress implements Progress, AutoCloseable {
    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;
    private String lastPhase;
    private ProgressBar bar;

    public CliProgress(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public synchronized void update(String phase, long done, long total) {
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS) return;
        int bar0 = phase.indexOf(" | ");
        String name = bar0 < 0 ? phase : phase.substring(0, bar0);
        String status = bar0 < 0 ? "" : phase.substring(bar0 + 3);
        boolean phaseChanged = !name.equals(lastPhase);
        lastPhase = name;
        if (terminal) {
            if (phaseChanged || bar == null) {
                if (bar != null) bar.close();
                bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(total, 1))
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
            }
            bar.stepTo(done);
            if (!status.isEmpty()) bar.setExtraMessage(status);
            return;
        }
        if (!phaseChanged && now - lastPrint < LOG_EVERY_NANOS) return;
        err.println("ersatz: " + name + " " + amount(done, total) + (status.isEmpty() ? "" : " " + status));
        err.flush();
        lastPrint = now;
    }

    private static String amount(long done, long total) {
        if (total <= 0) return String.format("%,d", done);
        return String.format("%,d/%,d (%d%%)", done, total, Math.round(100.0 * done / total));
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
