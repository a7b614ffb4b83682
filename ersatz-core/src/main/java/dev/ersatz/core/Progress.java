package dev.ersatz.core;

/**
 * Receives progress of a long operation: a phase name and how far it got.
 *
 * <p>Implementations must be cheap; callers report at most every few thousand rows. A progress
 * sink may cancel the operation by throwing {@link java.util.concurrent.CancellationException}.
 *
 * <p>A phase may end in a status after {@code " | "}, such as a neural synthesizer's epoch and loss
 * ({@code "training ctgan | epoch 3/300, loss G 1.21, D -0.34"}); sinks treat the part before it as
 * the phase's name.
 */
@FunctionalInterface
public interface Progress {
    /** A progress sink that ignores everything. */
    Progress NONE = (phase, done, total) -> { };

    /** Reports that {@code done} of {@code total} units of {@code phase} are finished ({@code total} 0 = unknown). */
    void update(String phase, long done, long total);
}
