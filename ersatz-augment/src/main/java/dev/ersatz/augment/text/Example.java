package dev.ersatz.augment.text;

import java.util.Objects;

/**
 * One sentence to augment and its sentence-level label.
 *
 * @param doc   the tokenized sentence, with its entities
 * @param label the sentence's label, or {@code null} when the corpus has none
 */
public record Example(Doc doc, String label) {
    public Example {
        Objects.requireNonNull(doc, "doc");
    }
}
