package dev.ersatz.augment.text;

import java.util.Objects;

/**
 * One token of a {@link Doc}: its text, the whitespace written before it, the entity it belongs to and,
 * for CoNLL input, the columns between the token and its tag.
 *
 * @param text    the token as written (never empty, never containing whitespace)
 * @param space   the whitespace before the token ({@code ""} for the first token of most texts)
 * @param entity  the index of the token's entity in {@link Doc#entityTypes()}, or -1 outside any entity
 * @param columns the CoNLL middle columns (part of speech, chunk, ...) or {@code null}; a token that
 *                augmentation created has {@code "_"} there, since its true values are unknown
 */
public record Token(String text, String space, int entity, String[] columns) {
    public Token {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(space, "space");
        if (text.isEmpty()) throw new IllegalArgumentException("empty token");
        if (entity < -1) throw new IllegalArgumentException("entity " + entity);
    }

    /** A token outside any entity, with no CoNLL columns. */
    public static Token of(String text, String space) {
        return new Token(text, space, -1, null);
    }

    /** Whether the token has a letter or digit: words are what word-level methods count and edit. */
    public boolean isWord() {
        return isWord(text);
    }

    static boolean isWord(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isLetterOrDigit(c)) return true;
            i += Character.charCount(c);
        }
        return false;
    }

    Token withText(String newText) {
        return new Token(newText, space, entity, columns);
    }

    Token withSpace(String newSpace) {
        return new Token(text, newSpace, entity, columns);
    }
}
