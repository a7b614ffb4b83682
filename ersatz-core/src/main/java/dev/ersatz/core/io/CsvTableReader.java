package dev.ersatz.core.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The CSV reader behind {@link TableReader}: FastCSV parses, this class turns records into
 * {@link dev.ersatz.core.StringColumn}s and every problem into a one-line {@link InputException}.
 *
 * <p>Rules: the first non-blank record is the header; blank (or whitespace-only) lines are skipped;
 * unquoted fields lose their surrounding whitespace; a cell equal to a missing marker is missing;
 * every data record must have as many fields as the header. Bytes are decoded strictly.
 *
 * <p>The delimiter, when not given, is detected on the first {@value #SAMPLE_CHARS} characters: each
 * candidate ({@code , ; \t |}) parses the sample with quotes honoured, and the one that splits every
 * record into the same number (&gt; 1) of fields wins; among several, the one giving the most fields,
 * then the first in that order ({@code \t} first for a {@code .tsv} file). With none consistent, the one
 * whose records most often match its header's field count is used, so the ragged row is reported
 * against the most plausible delimiter; a one-column file falls back to {@code ,}.
 */
final class CsvTableReader {
    static final int SAMPLE_CHARS = 1 << 16;
    private static final int SAMPLE_RECORDS = 500;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private CsvTableReader() {}

    static ReadResult read(Path path, String source, ReadOptions options) {
        Charset charset = options.encoding();
        char delimiter = 0;
        try (StrictDecodingReader decoded = new StrictDecodingReader(open(path, source), charset, BUFFER_BYTES)) {
            char[] sample = new char[SAMPLE_CHARS];
            int sampled = 0;
            boolean sampleIsAll = false;
            try {
                while (sampled < sample.length) {
                    int n = decoded.read(sample, sampled, sample.length - sampled);
                    if (n < 0) { sampleIsAll = true; break; }
                    sampled += n;
                }
            } catch (StrictDecodingReader.MalformedBytesException e) {
                // Detect on what came before the bad byte; the parse below meets the same error and reports it.
            }
            String sampleText = new String(sample, 0, sampled);
            delimiter = options.delimiter() != null ? options.delimiter()
                    : detectDelimiter(sampleText, sampleIsAll, lowerName(path).contains(".tsv"));

            RecordHandler handler = new RecordHandler(source, options.missingMarkers());
            Reader all = new PrefixedReader(sample, sampled, decoded);
            CsvReader<Boolean> csv = builder(delimiter, false).build(handler, all);
            try (CloseableIterator<Boolean> it = csv.iterator()) {
                while (it.hasNext()) it.next();
            } catch (RuntimeException e) {
                throw translate(e, handler, path, source, options, delimiter);
            }
            return handler.result(delimiter);
        } catch (IOException e) {
            throw new InputException(source, "cannot read file: " + describe(e), e);
        }
    }

    private static CsvReader.CsvReaderBuilder builder(char delimiter, boolean lenient) {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .trimWhitespacesAroundQuotes(true)
                .detectBomHeader(false)
                .allowUnclosedQuote(lenient);
    }

    static InputStream open(Path path, String source) {
        try {
            InputStream in = Files.newInputStream(path);
            if (lowerName(path).endsWith(".gz")) {
                try {
                    return new GZIPInputStream(in, BUFFER_BYTES);
                } catch (IOException e) {
                    in.close();
                    throw new InputException(source, "not a gzip file: " + describe(e), e);
                }
            }
            return in;
        } catch (IOException e) {
            throw new InputException(source, "cannot read file: " + describe(e), e);
        }
    }

    static String lowerName(Path path) {
        Path f = path.getFileName();
        return f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
    }

    /** A record of one unquoted field that is empty after trimming: a blank line, which is skipped. */
    static boolean isBlank(int fields, boolean firstQuoted, int firstLen) {
        return fields == 1 && !firstQuoted && firstLen == 0;
    }

    static char detectDelimiter(String sample, boolean sampleIsAll, boolean tsv) {
        char[] order = tsv ? new char[] {'\t', ',', ';', '|'} : CANDIDATES;
        char best = 0;
        int bestFields = 0;
        char fallback = 0;
        double fallbackScore = -1;
        for (char d : order) {
            List<Integer> counts;
            try {
                ShapeHandler shape = new ShapeHandler(SAMPLE_RECORDS + 1);
                try (CsvReader<Boolean> csv = builder(d, true).build(shape, sample)) {
                    for (Boolean ignored : csv) { /* the handler keeps the shape */ }
                }
                counts = new ArrayList<>(shape.counts);
                // A sample cut mid-file ends in a partial record (unless it stopped on the record limit).
                if (!sampleIsAll && counts.size() > 1 && counts.size() <= SAMPLE_RECORDS) counts.remove(counts.size() - 1);
            } catch (RuntimeException | IOException e) {
                continue;
            }
            if (counts.isEmpty()) continue;
            int header = counts.get(0);
            if (header < 2) continue;
            int same = 0;
            for (int c : counts) if (c == header) same++;
            if (same == counts.size()) {
                if (header > bestFields) { best = d; bestFields = header; }
            } else {
                double score = (double) same / counts.size();
                if (score > fallbackScore) { fallback = d; fallbackScore = score; }
            }
        }
        if (best != 0) return best;
        if (fallback != 0) return fallback;
        return ',';
    }

    /** Turns whatever escaped the parse into one InputException naming the row. */
    private static InputException translate(RuntimeException e, RecordHandler handler, Path path, String source,
                                            ReadOptions options, char delimiter) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException ie) return ie;
            if (t instanceof StrictDecodingReader.MalformedBytesException mb) {
                return locateMalformed(path, source, options.encoding(), delimiter, mb);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CsvParseException pe) {
                String msg = pe.getCause() != null && pe.getCause().getMessage() != null
                        ? pe.getCause().getMessage() : pe.getMessage();
                return new InputException(source, handler.currentRow(), null, null, "cannot parse CSV: " + msg);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return new InputException(source, handler.currentRow(), null, null, "cannot read file: " + describe(io));
            }
        }
        return new InputException(source, handler.currentRow(), null, null, "cannot parse CSV: " + e);
    }

    /**
     * Says where a bad byte sits by parsing again the text before it, plus a sentinel character so the
     * byte's position is always inside a record. Only runs on the error path, streaming, so a bad byte
     * near the end of a large file costs one more pass but no memory.
     */
    static InputException locateMalformed(Path path, String source, Charset charset, char delimiter,
                                          StrictDecodingReader.MalformedBytesException mb) {
        String hint = StandardCharsets.UTF_8.equals(charset)
                ? "; if the file is Latin-1 or Windows-1252, read it with --encoding ISO-8859-1"
                : "; check the file's encoding (--encoding)";
        String what = "byte " + mb.hex() + " is not valid " + charset.name();
        try (InputStream raw = open(path, source)) {
            InputStream upTo = new SequenceInputStream(new LimitedInputStream(raw, mb.offset),
                    new ByteArrayInputStream("X".getBytes(charset)));
            ShapeHandler shape = new ShapeHandler(0);
            try (Reader r = new StrictDecodingReader(upTo, charset, BUFFER_BYTES);
                 CsvReader<Boolean> csv = builder(delimiter, true).build(shape, r)) {
                for (Boolean ignored : csv) { /* the handler keeps the shape */ }
            }
            String before = shape.lastField == null || shape.lastField.isEmpty() ? ""
                    : shape.lastField.substring(0, shape.lastField.length() - 1);
            String after = before.isEmpty() ? "" : " (after \"" + abbreviate(before) + "\")";
            if (shape.records <= 1) {
                return new InputException(source, 0, null, null,
                        what + " in header field " + shape.lastFields + after + hint);
            }
            int field = shape.lastFields - 1;
            String column = field < shape.first.size() ? shape.first.get(field) : null;
            return new InputException(source, shape.records - 1, column, null, what + after + hint);
        } catch (RuntimeException | IOException e) {
            return new InputException(source, -1, null, null, what + " at byte offset " + mb.offset + hint);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? "..." + s.substring(s.length() - 37) : s;
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m;
    }

    /**
     * Builds the table straight from the parser's buffer: trims, matches markers and interns without
     * an intermediate String per cell or an array per record.
     */
    static final class RecordHandler extends AbstractBaseCsvCallbackHandler<Boolean> {
        private final String source;
        private final char[][] markers;
        private final List<String> markerList;

        private List<String> header;
        private ColumnBuilder[] builders;
        private int columns;
        private int rows;
        private int[] rowMarker;
        private int[][] markerCounts;

        private long line;
        private boolean firstQuoted;
        private int firstLen;
        private String firstExtra;
        private final List<String> headerFields = new ArrayList<>();

        RecordHandler(String source, List<String> missingMarkers) {
            this.source = source;
            this.markerList = missingMarkers;
            this.markers = new char[missingMarkers.size()][];
            for (int i = 0; i < markers.length; i++) markers[i] = missingMarkers.get(i).toCharArray();
        }

        /** The data row being read (1-based), or 0 while in the header. */
        long currentRow() {
            return header == null ? 0 : rows + 1;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            firstQuoted = false;
            firstLen = 0;
            firstExtra = null;
            if (header == null) headerFields.clear();
        }

        @Override
        protected void handleField(int idx, char[] buf, int off, int len, boolean quoted) {
            if (!quoted) {
                while (len > 0 && buf[off] <= ' ') { off++; len--; }
                while (len > 0 && buf[off + len - 1] <= ' ') len--;
            }
            if (idx == 0) { firstQuoted = quoted; firstLen = len; }
            if (header == null) {
                headerFields.add(new String(buf, off, len));
                return;
            }
            if (idx >= columns) {
                if (idx == columns) firstExtra = new String(buf, off, len);
                return;
            }
            int m = marker(buf, off, len);
            rowMarker[idx] = m;
            builders[idx].set(rows, m >= 0 ? null : builders[idx].intern(buf, off, len));
        }

        private int marker(char[] buf, int off, int len) {
            outer:
            for (int k = 0; k < markers.length; k++) {
                char[] mk = markers[k];
                if (mk.length != len) continue;
                for (int i = 0; i < len; i++) if (mk[i] != buf[off + i]) continue outer;
                return k;
            }
            return -1;
        }

        @Override
        protected Boolean buildRecord() {
            int n = getFieldCount();
            if (getRecordType() != RecordType.DATA || isBlank(n, firstQuoted, firstLen)) return Boolean.TRUE;
            if (header == null) {
                startColumns();
                return Boolean.TRUE;
            }
            if (n != columns) {
                long row = rows + 1;
                String where = " (line " + line + ")";
                if (n > columns) {
                    throw new InputException(source, row, "field " + (columns + 1), firstExtra,
                            "the row has " + n + " fields where the header has " + columns
                                    + "; the first extra field comes after column '" + header.get(columns - 1) + "'" + where);
                }
                throw new InputException(source, row, header.get(n), null,
                        "the row has " + n + " fields where the header has " + columns
                                + "; the first missing one is column '" + header.get(n) + "'" + where);
            }
            for (int c = 0; c < columns; c++) {
                int m = rowMarker[c];
                if (m >= 0) markerCounts[c][m]++;
            }
            rows++;
            if (rows == Integer.MAX_VALUE - 16) {
                throw new InputException(source, rows, null, null, "too many rows for one table");
            }
            return Boolean.TRUE;
        }

        private void startColumns() {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < headerFields.size(); i++) {
                String name = headerFields.get(i);
                Integer before = seen.putIfAbsent(name, i);
                if (before != null) {
                    throw new InputException(source, 0, name, null,
                            "duplicate column name at positions " + (before + 1) + " and " + (i + 1));
                }
            }
            header = List.copyOf(headerFields);
            columns = header.size();
            builders = new ColumnBuilder[columns];
            for (int i = 0; i < columns; i++) builders[i] = new ColumnBuilder(header.get(i), SourceType.STRING);
            rowMarker = new int[columns];
            markerCounts = new int[columns][markers.length];
        }

        ReadResult result(char delimiter) {
            if (header == null) throw new InputException(source, "empty file: no header row");
            List<Column> cols = new ArrayList<>(columns);
            List<String> seenMarkers = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                cols.add(builders[c].build(rows));
                int best = -1;
                for (int k = 0; k < markers.length; k++) {
                    if (markerCounts[c][k] > 0 && (best < 0 || markerCounts[c][k] > markerCounts[c][best])) best = k;
                }
                seenMarkers.add(best < 0 ? "" : markerList.get(best));
            }
            return new ReadResult(new Table(cols), source, delimiter, seenMarkers);
        }
    }

    /** A reader that returns the characters already sampled, then the rest of the stream. */
    static final class PrefixedReader extends Reader {
        private final char[] prefix;
        private final int length;
        private int pos;
        private final Reader rest;

        PrefixedReader(char[] prefix, int length, Reader rest) {
            this.prefix = prefix;
            this.length = length;
            this.rest = rest;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (pos < length) {
                int n = Math.min(len, length - pos);
                System.arraycopy(prefix, pos, cbuf, off, n);
                pos += n;
                return n;
            }
            return rest.read(cbuf, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    /** The first {@code limit} bytes of a stream. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
