package dev.ersatz.core.io;

import dev.ersatz.core.Table;

/**
 * An output table being written in chunks, which appears at its target path only when committed.
 *
 * <p>Use it in a try-with-resources block and call {@link #commit()} as its last statement: an
 * exception before that leaves the temp file deleted and any earlier file at the target untouched.
 * Not thread-safe.
 */
public interface TableSink extends AutoCloseable {

    /**
     * Writes the rows of {@code chunk}, whose columns are in the output's column order (usually
     * {@link dev.ersatz.core.StringColumn}s, {@code null} = missing; any {@link dev.ersatz.core.Column}
     * is written as its {@link dev.ersatz.core.Column#text(int)}).
     */
    void append(Table chunk);

    /** Finishes the file and atomically moves it into place; the sink cannot be used afterwards. */
    void commit();

    /** Releases the sink; without a prior {@link #commit()} deletes the temp file and leaves the target untouched. */
    @Override
    void close();
}
