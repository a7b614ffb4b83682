package dev.ersatz.sim.engine;

import dev.ersatz.core.InputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A CSV {@link RowSink}: UTF-8, comma-separated, {@code \n} line ends, a header row, missing values as
 * empty cells, text quoted only where it holds a comma, quote, line break or edge whitespace (the rule
 * core's reader needs to read back exactly what was written).
 *
 * <p>Numbers, money, dates and timestamps are formatted straight into a byte buffer: at millions of
 * rows a second, going through {@code String} for each value is most of the cost.
 */
final class CsvRowSink extends RowSink {
    private static final int BUFFER = 1 << 16;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[][][] levels;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int column;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] dayText = new byte[10];

    CsvRowSink(Path target, List<Field> fields) {
        super(target, fields);
        this.levels = new byte[fields.size()][][];
        for (int i = 0; i < fields.size(); i++) {
            List<String> lv = fields.get(i).levels();
            levels[i] = new byte[lv.size()][];
            for (int j = 0; j < lv.size(); j++) levels[i][j] = csvText(lv.get(j)).getBytes(StandardCharsets.UTF_8);
        }
        try {
            this.out = Files.newOutputStream(temp);
        } catch (IOException e) {
            throw new InputException(target.toString(), "cannot write: " + e.getMessage(), e);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) put((byte) ',');
            putText(fields.get(i).name());
        }
        put((byte) '\n');
    }

    private void put(byte b) {
        if (pos == BUFFER) flush();
        buf[pos++] = b;
    }

    private void put(byte[] bytes) {
        if (pos + bytes.length > BUFFER) flush();
        if (bytes.length > BUFFER) {
            write(bytes, bytes.length);
            return;
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void flush() {
        write(buf, pos);
        pos = 0;
    }

    private void write(byte[] bytes, int len) {
        try {
            out.write(bytes, 0, len);
        } catch (IOException e) {
            throw new InputException(target.toString(), "cannot write: " + e.getMessage(), e);
        }
    }

    private void separator() {
        if (column > 0) put((byte) ',');
        column++;
    }

    private void digits(long v) {
        if (pos + 20 > BUFFER) flush();
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int len = v == 0 ? 1 : 0;
        for (long x = v; x > 0; x /= 10) len++;
        int end = pos + len;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    private void twoDigits(long v) {
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    private static String csvText(String s) {
        boolean quote = !s.isEmpty() && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ');
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private void putText(String s) {
        boolean quote = !s.isEmpty() && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ');
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            put(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        put((byte) '"');
        put(s.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
        put((byte) '"');
    }

    @Override public void putLong(long v) { separator(); digits(v); }

    @Override public void putId(long v) { separator(); digits(v); }

    @Override
    public void putDouble(double v) {
        separator();
        if (Double.isNaN(v)) return;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) digits((long) v);
        else put(Double.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void putMoney(long cents) {
        separator();
        if (pos + 24 > BUFFER) flush();
        if (cents < 0) {
            buf[pos++] = '-';
            cents = -cents;
        }
        digits(cents / 100);
        buf[pos++] = '.';
        twoDigits(cents % 100);
    }

    @Override
    public void putString(String v) {
        separator();
        if (v != null) putText(v);
    }

    @Override
    public void putBoolean(boolean v) {
        separator();
        put(v ? TRUE : FALSE);
    }

    @Override
    public void putTimestamp(long epochSecond) {
        separator();
        long day = Math.floorDiv(epochSecond, 86_400);
        long sec = epochSecond - day * 86_400;
        if (pos + 20 > BUFFER) flush();
        date(day);
        buf[pos++] = 'T';
        twoDigits(sec / 3600);
        buf[pos++] = ':';
        twoDigits(sec / 60 % 60);
        buf[pos++] = ':';
        twoDigits(sec % 60);
    }

    @Override
    public void putDate(long epochDay) {
        separator();
        if (pos + 12 > BUFFER) flush();
        date(epochDay);
    }

    private void date(long epochDay) {
        if (epochDay != cachedDay) {
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            int y = d.getYear();
            if (y < 0 || y > 9999) {
                put(d.toString().getBytes(StandardCharsets.US_ASCII));
                return;
            }
            dayText[0] = (byte) ('0' + y / 1000);
            dayText[1] = (byte) ('0' + y / 100 % 10);
            dayText[2] = (byte) ('0' + y / 10 % 10);
            dayText[3] = (byte) ('0' + y % 10);
            dayText[4] = '-';
            dayText[5] = (byte) ('0' + d.getMonthValue() / 10);
            dayText[6] = (byte) ('0' + d.getMonthValue() % 10);
            dayText[7] = '-';
            dayText[8] = (byte) ('0' + d.getDayOfMonth() / 10);
            dayText[9] = (byte) ('0' + d.getDayOfMonth() % 10);
            cachedDay = epochDay;
        }
        System.arraycopy(dayText, 0, buf, pos, 10);
        pos += 10;
    }

    @Override
    public void putEnum(int code) {
        separator();
        byte[][] lv = levels[column - 1];
        if (code < 0 || code >= lv.length) {
            throw new IllegalArgumentException("code " + code + " is not a level of '" + fields.get(column - 1).name() + "'");
        }
        put(lv[code]);
    }

    @Override
    public void putNull() {
        separator();
    }

    @Override
    public void endRow() {
        if (column != fields.size()) {
            throw new IllegalStateException("row " + (rows + 1) + " has " + column + " values, expected " + fields.size());
        }
        put((byte) '\n');
        column = 0;
        rows++;
    }

    @Override
    protected void finish() throws IOException {
        flush();
        out.close();
    }

    @Override
    protected void release() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the temp file is deleted or already committed
        }
    }
}
