package dev.ersatz.augment.text;

/**
 * One augmented copy of a sentence.
 *
 * @param doc     the edited sentence, its entities aligned
 * @param label   its label: the source's, or the other class for an antonym copy of a two-class corpus
 * @param method  the method that made it, or {@code null} when no method could change the sentence
 *                (the copy is then the original)
 */
public record Augmented(Doc doc, String label, Method method) {}
