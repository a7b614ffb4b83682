package dev.ersatz.augment.text;

import java.util.List;

/**
 * A generated sentence: its text, its intent and its slot spans (code-point offsets into the text).
 */
public record Generated(String text, String intent, List<Span> slots) {
    public Generated {
        slots = List.copyOf(slots);
    }

    /** The sentence as a tokenized document whose entities are the slots. */
    public Doc doc() {
        return Tokenizer.tokenize(text, slots);
    }
}
