package dev.ersatz.augment.text;

import java.util.Objects;

/**
 * A labelled stretch of a text: an entity or a slot, in tokens or in characters.
 *
 * <p>Offsets are half-open ({@code start} inclusive, {@code end} exclusive). Character offsets count
 * Unicode code points, as Python and spaCy do, so spans written by Ersatz index the same characters
 * there.
 *
 * @param start the first token (or code point) of the span
 * @param end   one past the last
 * @param label the entity type or slot name
 */
public record Span(int start, int end, String label) {
    public Span {
        Objects.requireNonNull(label, "label");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
}
