package dev.ersatz.augment.text;

import java.nio.file.Path;
import java.util.Locale;

/** The corpus formats: CSV (any text and label columns), JSON lines, CoNLL (a token and a tag per line). */
public enum TextFormat {
    CSV, JSONL, CONLL;

    /** The format a file name implies: .csv/.tsv (optionally .gz), .jsonl/.ndjson/.json, .conll/.iob/.bio; {@code null} otherwise. */
    public static TextFormat of(Path file) {
        Path f = file.getFileName();
        String n = f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        if (n.endsWith(".csv") || n.endsWith(".tsv")) return CSV;
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) return JSONL;
        if (n.endsWith(".conll") || n.endsWith(".iob") || n.endsWith(".bio") || n.endsWith(".conllu")) return CONLL;
        return null;
    }

    /** Parses {@code csv}, {@code jsonl} or {@code conll} (any case). */
    public static TextFormat parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "csv", "tsv" -> CSV;
            case "jsonl", "json", "ndjson" -> JSONL;
            case "conll", "iob", "bio" -> CONLL;
            default -> throw new IllegalArgumentException("unknown format '" + s + "'; formats: csv, jsonl, conll");
        };
    }
}
