package dev.ersatz.augment.text;

import dev.ersatz.core.InputException;

import java.nio.file.Path;
import java.util.List;

/**
 * A corpus read from a file, as {@link Example}s, that can write itself back with augmented copies in
 * the same format: each original record, then its copies, every other field kept as it was.
 *
 * <p>Errors in the input are {@link InputException}s naming the file, the row (for JSON lines and
 * CoNLL, the line) and the column or field.
 */
public interface TextCorpus {
    /** The field that holds entity spans in CSV and JSON lines: a JSON list of {start, end, label} (code points). */
    String ENTITIES = "entities";

    /** The sentences, in file order. */
    List<Example> examples();

    /** Writes the originals and, after each, its copies ({@code copies.get(i)} for example i), atomically. */
    void write(Path out, List<List<Augmented>> copies);

    /**
     * Reads a corpus.
     *
     * @param in         the file
     * @param format     its format
     * @param textField  the text column (CSV) or field (JSON lines); ignored for CoNLL
     * @param labelField the label column or field, or {@code null} for none; must be {@code null} for CoNLL
     */
    static TextCorpus read(Path in, TextFormat format, String textField, String labelField) {
        return switch (format) {
            case CSV -> CsvCorpus.read(in, textField, labelField);
            case JSONL -> JsonlCorpus.read(in, textField, labelField);
            case CONLL -> {
                if (labelField != null) {
                    throw new InputException(in.toString(), -1, labelField, null,
                            "a CoNLL file has token tags, not a sentence label: leave out --label");
                }
                yield ConllCorpus.read(in);
            }
        };
    }
}
