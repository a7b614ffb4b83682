package dev.ersatz.core.io;

import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import java.util.Arrays;

/**
 * A growing column of text values that interns repeated values, so a 1M-row categorical column holds
 * one String per distinct value rather than one per row.
 *
 * <p>The intern table is keyed on characters, so a repeated CSV cell is looked up straight from the
 * parser's buffer without first allocating a String for it. Interning only pays when values repeat:
 * a column that turns out to be (nearly) all distinct, such as an id or a continuous measurement,
 * stops interning once its table is large and more than half the values seen were new, which frees
 * the table instead of keeping a second reference to every value.
 */
final class ColumnBuilder {
    private static final int MIN_TABLE_BEFORE_GIVING_UP = 1 << 14;

    private final String name;
    private final SourceType type;
    private String[] values = new String[1024];

    private String[] table = new String[64];
    private int[] hashes = new int[64];
    private int distinct;
    private long seen;
    private boolean interning = true;

    ColumnBuilder(String name, SourceType type) {
        this.name = name;
        this.type = type;
    }

    String name() { return name; }

    /**
     * Puts {@code value} at {@code row}. Rows are filled in order; a row may be written again before
     * the next one (a CSV record that turned out to be a blank line is overwritten by the next record).
     */
    void set(int row, String value) {
        if (row >= values.length) values = Arrays.copyOf(values, grow(values.length));
        values[row] = value;
    }

    /** The column of the first {@code rows} values; the builder is not used after this. */
    StringColumn build(int rows) {
        String[] out = rows == values.length ? values : Arrays.copyOf(values, rows);
        values = null;
        table = null;
        hashes = null;
        return new StringColumn(name, out, type);
    }

    /** The String for {@code buf[off, off+len)}: an earlier equal String when there is one. */
    String intern(char[] buf, int off, int len) {
        if (len == 0) return "";
        if (!interning) return new String(buf, off, len);
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) h = 31 * h + buf[i];
        int mask = table.length - 1;
        int i = spread(h) & mask;
        String s;
        while ((s = table[i]) != null) {
            if (hashes[i] == h && equal(s, buf, off, len)) { seen++; return s; }
            i = (i + 1) & mask;
        }
        s = new String(buf, off, len);
        insertAt(i, h, s);
        return s;
    }

    /** The interned equal of {@code v}, which is already a String (as JDBC drivers return them). */
    String intern(String v) {
        if (v == null || v.isEmpty() || !interning) return v;
        int h = v.hashCode();
        int mask = table.length - 1;
        int i = spread(h) & mask;
        String s;
        while ((s = table[i]) != null) {
            if (hashes[i] == h && s.equals(v)) { seen++; return s; }
            i = (i + 1) & mask;
        }
        insertAt(i, h, v);
        return v;
    }

    private void insertAt(int i, int h, String s) {
        seen++;
        table[i] = s;
        hashes[i] = h;
        distinct++;
        if (distinct * 2 > table.length) {
            if (distinct >= MIN_TABLE_BEFORE_GIVING_UP && distinct * 2 > seen) {
                interning = false;
                table = null;
                hashes = null;
            } else {
                rehash();
            }
        }
    }

    private void rehash() {
        String[] oldT = table;
        int[] oldH = hashes;
        table = new String[oldT.length * 2];
        hashes = new int[oldT.length * 2];
        int mask = table.length - 1;
        for (int j = 0; j < oldT.length; j++) {
            if (oldT[j] == null) continue;
            int i = spread(oldH[j]) & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = oldT[j];
            hashes[i] = oldH[j];
        }
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static boolean equal(String s, char[] buf, int off, int len) {
        if (s.length() != len) return false;
        for (int i = 0; i < len; i++) if (s.charAt(i) != buf[off + i]) return false;
        return true;
    }

    private static int grow(int n) {
        long m = (long) n + (n >> 1) + 16;
        if (m > Integer.MAX_VALUE - 16) {
            if (n >= Integer.MAX_VALUE - 16) throw new IllegalStateException("a column cannot hold more than " + n + " rows");
            m = Integer.MAX_VALUE - 16;
        }
        return (int) m;
    }
}
