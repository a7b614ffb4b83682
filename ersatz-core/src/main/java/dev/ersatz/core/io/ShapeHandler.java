package dev.ersatz.core.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV callback handler that keeps only the shape of what it parses: the field count of each
 * non-blank record, the first record's fields, and the last record's last field. Used to detect the
 * delimiter on a sample and to find where a bad byte sits.
 */
final class ShapeHandler extends AbstractBaseCsvCallbackHandler<Boolean> {
    private final int maxCounts;
    final List<Integer> counts = new ArrayList<>();
    final List<String> first = new ArrayList<>();
    int records;
    int lastFields;
    String lastField;

    private boolean firstQuoted;
    private int firstLen;
    private final List<String> current = new ArrayList<>();
    private String currentLast;

    ShapeHandler(int maxCounts) {
        this.maxCounts = maxCounts;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        current.clear();
        currentLast = null;
        firstQuoted = false;
        firstLen = 0;
    }

    @Override
    protected void handleField(int idx, char[] buf, int off, int len, boolean quoted) {
        if (!quoted) {
            while (len > 0 && buf[off] <= ' ') { off++; len--; }
            while (len > 0 && buf[off + len - 1] <= ' ') len--;
        }
        if (idx == 0) { firstQuoted = quoted; firstLen = len; }
        if (records == 0) current.add(new String(buf, off, len));
        currentLast = new String(buf, off, len);
    }

    @Override
    protected Boolean buildRecord() {
        int n = getFieldCount();
        if (getRecordType() != RecordType.DATA || CsvTableReader.isBlank(n, firstQuoted, firstLen)) return Boolean.TRUE;
        if (records == 0) first.addAll(current);
        records++;
        lastFields = n;
        lastField = currentLast;
        if (counts.size() < maxCounts) counts.add(n);
        return Boolean.TRUE;
    }
}
