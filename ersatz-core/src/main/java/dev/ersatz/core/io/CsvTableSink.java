package dev.ersatz.core.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A CSV sink: FastCSV writes UTF-8 (no BOM), {@code \n} line endings, quoting only where needed, a
 * missing cell as its column's marker.
 *
 * <p>"Where needed" is FastCSV's rule (a delimiter, quote or line break in the value) plus two of
 * ours, so that {@link TableReader} reads back what was written: a value with surrounding whitespace
 * is quoted (the reader trims unquoted fields), and in a one-column file an empty cell is written
 * {@code ""} (an unquoted one would be a blank line, which the reader skips).
 */
final class CsvTableSink implements TableSink {
    private static final int BUFFER = 1 << 17;

    private final AtomicOutput out;
    private final int columns;
    private final String[] markers;
    private final String[] record;
    private CsvWriter writer;
    private boolean committed;
    private boolean closed;

    CsvTableSink(AtomicOutput out, List<String> names, char delimiter, List<String> markers, boolean gzip) {
        this.out = out;
        this.columns = names.size();
        this.markers = new String[columns];
        for (int i = 0; i < columns; i++) this.markers[i] = markers.isEmpty() ? "" : markers.get(i);
        this.record = new String[columns];
        try {
            OutputStream os = Files.newOutputStream(out.temp);
            os = gzip ? new GZIPOutputStream(os, BUFFER) : new BufferedOutputStream(os, BUFFER);
            boolean oneColumn = columns == 1;
            QuoteStrategy quoting = new QuoteStrategy() {
                @Override
                public boolean quoteEmpty(int lineNo, int fieldIdx) {
                    return oneColumn;
                }

                @Override
                public boolean quoteValue(int lineNo, int fieldIdx, String value) {
                    return value.charAt(0) <= ' ' || value.charAt(value.length() - 1) <= ' ';
                }
            };
            writer = CsvWriter.builder()
                    .fieldSeparator(delimiter)
                    .quoteCharacter('"')
                    .quoteStrategy(quoting)
                    .lineDelimiter(LineDelimiter.LF)
                    .bufferSize(BUFFER)
                    .autoFlush(false)
                    .build(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            writer.writeRecord(names);
        } catch (IOException | UncheckedIOException e) {
            close();
            throw writeError(e);
        }
    }

    @Override
    public void append(Table chunk) {
        if (committed || closed) throw new IllegalStateException("the sink for " + out.source + " is already finished");
        if (chunk.columnCount() != columns) {
            throw new IllegalArgumentException("chunk has " + chunk.columnCount() + " columns, the output has " + columns);
        }
        int rows = chunk.rowCount();
        String[][] strings = new String[columns][];
        Column[] others = new Column[columns];
        for (int c = 0; c < columns; c++) {
            Column col = chunk.column(c);
            if (col instanceof StringColumn s) strings[c] = s.values(); else others[c] = col;
        }
        try {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    String v = strings[c] != null ? strings[c][r] : others[c].text(r);
                    record[c] = v == null ? markers[c] : v;
                }
                writer.writeRecord(record);
            }
        } catch (UncheckedIOException e) {
            throw writeError(e);
        }
    }

    @Override
    public void commit() {
        if (committed || closed) throw new IllegalStateException("the sink for " + out.source + " is already finished");
        try {
            writer.close();
        } catch (IOException | UncheckedIOException e) {
            close();
            throw writeError(e);
        }
        out.commit();
        committed = true;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (committed) return;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the temp file is deleted below anyway
            }
        }
        out.discard();
    }

    private InputException writeError(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String why = t instanceof IOException io ? CsvTableReader.describe(io) : String.valueOf(t);
        return new InputException(out.source, "cannot write: " + why, e);
    }
}
