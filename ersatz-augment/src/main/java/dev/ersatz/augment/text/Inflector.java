package dev.ersatz.augment.text;

import java.util.Locale;

/**
 * Regular English inflection, to give a synonym the form of the word it replaces ("films" by
 * "movies", not "movie"; "stopped" by "halted").
 *
 * <p>Only the regular patterns are produced: a word whose form is irregular ("went") is recognised
 * as such ({@link #formOf} gives {@code null}) and a synonym whose inflection is irregular is left
 * out by the caller using WordNet's exception lists, so no "goed" is ever written.
 */
final class Inflector {
    private Inflector() {}

    /** How a word relates to its WordNet lemma. */
    enum Form { BASE, S, ED, ING }

    /** The regular form that turns {@code lemma} into {@code word}, or {@code null} when none does. */
    static Form formOf(String word, String lemma, WordClass wc) {
        if (word.equals(lemma)) return Form.BASE;
        if (wc == WordClass.NOUN || wc == WordClass.VERB) {
            if (inflect(lemma, Form.S).equals(word)) return Form.S;
        }
        if (wc == WordClass.VERB) {
            if (inflect(lemma, Form.ED).equals(word)) return Form.ED;
            if (inflect(lemma, Form.ING).equals(word)) return Form.ING;
        }
        return null;
    }

    /** {@code base} in the given regular form. */
    static String inflect(String base, Form form) {
        return switch (form) {
            case BASE -> base;
            case S -> plural(base);
            case ED -> past(base);
            case ING -> gerund(base);
        };
    }

    static String plural(String w) {
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) return w + "es";
        if (w.length() > 1 && w.endsWith("y") && !isVowel(w.charAt(w.length() - 2))) return w.substring(0, w.length() - 1) + "ies";
        return w + "s";
    }

    static String past(String w) {
        if (w.endsWith("e")) return w + "d";
        if (w.length() > 1 && w.endsWith("y") && !isVowel(w.charAt(w.length() - 2))) return w.substring(0, w.length() - 1) + "ied";
        if (doublesFinal(w)) return w + w.charAt(w.length() - 1) + "ed";
        return w + "ed";
    }

    static String gerund(String w) {
        if (w.endsWith("ie")) return w.substring(0, w.length() - 2) + "ying";
        if (w.endsWith("e") && w.length() > 2 && !w.endsWith("ee") && !w.endsWith("ye") && !w.endsWith("oe")) {
            return w.substring(0, w.length() - 1) + "ing";
        }
        if (doublesFinal(w)) return w + w.charAt(w.length() - 1) + "ing";
        return w + "ing";
    }

    /** One-syllable consonant-vowel-consonant words double their last consonant: stop, stopped. */
    private static boolean doublesFinal(String w) {
        int n = w.length();
        if (n < 3) return false;
        char last = w.charAt(n - 1), mid = w.charAt(n - 2), first = w.charAt(n - 3);
        if (isVowel(last) || "wxy".indexOf(last) >= 0 || !isVowel(mid) || isVowel(first)) return false;
        int groups = 0;
        boolean inVowels = false;
        for (int i = 0; i < n; i++) {
            boolean v = isVowel(w.charAt(i));
            if (v && !inVowels) groups++;
            inVowels = v;
        }
        return groups == 1;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    /** {@code replacement} written in the case pattern of {@code original}: lower, Capitalised or UPPER. */
    static String matchCase(String original, String replacement) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT)) && !original.equals(original.toLowerCase(Locale.ROOT))) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        if (!original.isEmpty() && Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }
}
