package dev.ersatz.augment.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits free text into {@link Token}s that keep their whitespace, so an unedited text is rebuilt
 * byte for byte.
 *
 * <p>A word is a run of letters, marks and digits, joined across an apostrophe or hyphen that has a
 * letter or digit on both sides ({@code don't}, {@code century's}, {@code jean-claude}), and across a
 * period or comma between digits ({@code 3.5}, {@code 10,000}). Anything else that is not whitespace
 * is punctuation: a run of one repeated character ({@code ...}, {@code !!}) is one token.
 *
 * <p>Entity boundaries are token boundaries: a text is cut at every entity's start and end even inside
 * a word, so an entity always covers whole tokens.
 */
public final class Tokenizer {
    private Tokenizer() {}

    /** Tokenizes {@code text}, which has no entities. */
    public static Doc tokenize(String text) {
        return tokenize(text, List.of());
    }

    /**
     * Tokenizes {@code text} with entities given as code-point spans.
     *
     * @throws IllegalArgumentException naming the span when one lies outside the text, overlaps
     *                                  another, or covers only whitespace
     */
    public static Doc tokenize(String text, List<Span> entities) {
        int n = text.length();
        // Code-point offsets to char offsets.
        int cps = text.codePointCount(0, n);
        boolean[] cut = new boolean[n + 1];
        int[] startChar = new int[entities.size()];
        int[] endChar = new int[entities.size()];
        List<Span> sorted = new ArrayList<>(entities);
        sorted.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
        for (int i = 0; i < sorted.size(); i++) {
            Span s = sorted.get(i);
            if (s.end() > cps) {
                throw new IllegalArgumentException("entity [" + s.start() + ", " + s.end() + ") '" + s.label()
                        + "' ends after the text (" + cps + " characters)");
            }
            if (i > 0 && s.start() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("entity [" + s.start() + ", " + s.end() + ") '" + s.label()
                        + "' overlaps [" + sorted.get(i - 1).start() + ", " + sorted.get(i - 1).end() + ")");
            }
            startChar[i] = text.offsetByCodePoints(0, s.start());
            endChar[i] = text.offsetByCodePoints(0, s.end());
            cut[startChar[i]] = true;
            cut[endChar[i]] = true;
        }
        List<String> types = new ArrayList<>();
        for (Span s : sorted) types.add(s.label());

        List<Token> tokens = new ArrayList<>();
        int[] tokenStart = new int[n + 1];
        int i = 0;
        int spaceStart = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int end = tokenEnd(text, i, cut);
            String space = text.substring(spaceStart, i);
            tokenStart[tokens.size()] = i;
            tokens.add(Token.of(text.substring(i, end), space));
            i = end;
            spaceStart = i;
        }
        String trailing = text.substring(spaceStart);
        // Assign entities: a token belongs to the entity whose char range contains its start.
        List<Token> withEntities = new ArrayList<>(tokens.size());
        int e = 0;
        int[] covered = new int[sorted.size()];
        for (int t = 0; t < tokens.size(); t++) {
            int at = tokenStart[t];
            while (e < sorted.size() && endChar[e] <= at) e++;
            Token tok = tokens.get(t);
            if (e < sorted.size() && startChar[e] <= at) {
                withEntities.add(new Token(tok.text(), tok.space(), e, null));
                covered[e]++;
            } else {
                withEntities.add(tok);
            }
        }
        for (int k = 0; k < sorted.size(); k++) {
            if (covered[k] == 0) {
                Span s = sorted.get(k);
                throw new IllegalArgumentException("entity [" + s.start() + ", " + s.end() + ") '" + s.label() + "' covers no word");
            }
        }
        return new Doc(withEntities, types, trailing);
    }

    /** Where the token starting at {@code i} ends: a word, a run of one punctuation character, never past a cut. */
    private static int tokenEnd(String text, int i, boolean[] cut) {
        int n = text.length();
        int cp = text.codePointAt(i);
        int j = i + Character.charCount(cp);
        if (isWordChar(cp)) {
            while (j < n && !cut[j]) {
                int c = text.codePointAt(j);
                if (isWordChar(c)) { j += Character.charCount(c); continue; }
                // A joiner with word characters on both sides continues the word.
                if (j + 1 < n && !cut[j + 1] && isJoiner(c, text.codePointBefore(j), text.codePointAt(j + 1))) {
                    j += Character.charCount(c);
                    continue;
                }
                break;
            }
            return j;
        }
        while (j < n && !cut[j] && text.codePointAt(j) == cp) j += Character.charCount(cp);
        return j;
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isJoiner(int c, int before, int after) {
        if (c == '\'' || c == '\u2019' || c == '-') return isWordChar(before) && isWordChar(after);
        if (c == '.' || c == ',') return Character.isDigit(before) && Character.isDigit(after);
        return false;
    }
}
