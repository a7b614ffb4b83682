package dev.ersatz.augment.image;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Minimal RFC 4180 CSV text: fields quoted when they hold a comma, quote, line break or edge space. */
final class CsvText {
    private CsvText() {}

    static byte[] of(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(field(row[i]));
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String field(String s) {
        if (s == null) return "";
        boolean quote = !s.isEmpty() && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ');
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
