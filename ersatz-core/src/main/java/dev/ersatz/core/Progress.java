package dev.ersatz.core;

/**
 * Receives progress of a long operation: a phase name and how far it got.
 *
 * <p>Implementations must be cheap; callers report at most every few thousand rows. A progress
 * sink may cancel the operation by throwing {@link java.util.concurrent.CancellationException}.
 */
@FunctionalInterface
public interface Progress {
    /** A progress sink that ignores everything. */
    Progress NONE = (phase, done, total) -> { };

    /** Reports that {@code done} of {@code total} units of {@code phase} are finished ({@code total} 0 = unknown). */
    void update(String phase, long done, long total);
}
