package dev.ersatz.augment.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A tokenized text with its entity spans: the unit that augmentation edits.
 *
 * <p>Each token keeps the whitespace before it, so {@link #text()} gives back the original text
 * exactly when nothing was edited. Entities are runs of consecutive tokens with the same entity
 * index; the constructor checks that every entity is one unbroken run, the invariant every edit keeps
 * (an inserted word falls outside any entity, a deleted word shrinks its entity, an entity is never
 * split).
 */
public final class Doc {
    private final List<Token> tokens;
    private final List<String> entityTypes;
    private final String trailing;

    /**
     * A document of the given tokens.
     *
     * @param tokens      the tokens, in order
     * @param entityTypes the type of each entity index the tokens use (an index no token uses is
     *                    allowed: an entity may have been deleted by the caller, never by augmentation)
     * @param trailing    whitespace after the last token
     */
    public Doc(List<Token> tokens, List<String> entityTypes, String trailing) {
        this.tokens = List.copyOf(tokens);
        this.entityTypes = List.copyOf(entityTypes);
        this.trailing = Objects.requireNonNull(trailing, "trailing");
        boolean[] closed = new boolean[this.entityTypes.size()];
        int prev = -1;
        for (Token t : this.tokens) {
            int e = t.entity();
            if (e >= this.entityTypes.size()) throw new IllegalArgumentException("entity index " + e + " has no type");
            if (e != prev) {
                if (prev >= 0) closed[prev] = true;
                if (e >= 0 && closed[e]) throw new IllegalArgumentException("entity " + e + " is split");
            }
            prev = e;
        }
    }

    /** A document of plain tokens with no entities. */
    public static Doc of(List<Token> tokens) {
        return new Doc(tokens, List.of(), "");
    }

    public List<Token> tokens() { return tokens; }
    public List<String> entityTypes() { return entityTypes; }
    public String trailing() { return trailing; }
    public int size() { return tokens.size(); }
    public Token token(int i) { return tokens.get(i); }

    /** The text: each token after its whitespace, then the trailing whitespace. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) sb.append(t.space()).append(t.text());
        return sb.append(trailing).toString();
    }

    /** The token texts, for a tagger. */
    public String[] words() {
        String[] w = new String[tokens.size()];
        for (int i = 0; i < w.length; i++) w[i] = tokens.get(i).text();
        return w;
    }

    /** The entities as token spans, in order of their first token. */
    public List<Span> tokenSpans() {
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int e = tokens.get(i).entity();
            int j = i + 1;
            while (j < tokens.size() && e >= 0 && tokens.get(j).entity() == e) j++;
            if (e >= 0) out.add(new Span(i, j, entityTypes.get(e)));
            i = j;
        }
        return Collections.unmodifiableList(out);
    }

    /** The entities as code-point spans of {@link #text()}, in order. */
    public List<Span> charSpans() {
        List<Span> out = new ArrayList<>();
        int pos = 0;
        int start = -1;
        int lastEnd = -1;
        int cur = -1;
        for (Token t : tokens) {
            pos += t.space().codePointCount(0, t.space().length());
            if (t.entity() != cur) {
                if (cur >= 0) out.add(new Span(start, lastEnd, entityTypes.get(cur)));
                cur = t.entity();
                start = pos;
            }
            pos += t.text().codePointCount(0, t.text().length());
            lastEnd = pos;
        }
        if (cur >= 0) out.add(new Span(start, lastEnd, entityTypes.get(cur)));
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Doc d)) return false;
        if (!d.trailing.equals(trailing) || d.tokens.size() != tokens.size() || !d.entityTypes.equals(entityTypes)) return false;
        for (int i = 0; i < tokens.size(); i++) {
            Token a = tokens.get(i), b = d.tokens.get(i);
            if (!a.text().equals(b.text()) || !a.space().equals(b.space()) || a.entity() != b.entity()) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "Doc[" + text() + (entityTypes.isEmpty() ? "" : ", " + tokenSpans()) + "]";
    }
}
