package dev.ersatz.augment.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Character-level noise for one word: keyboard-neighbour typos, OCR confusions and random edits.
 *
 * <p>Every edit keeps a word a word: only letters and digits are changed, and only into letters and
 * digits (an OCR confusion may change the length: {@code m} read as {@code rn}). The keyboard is the
 * US QWERTY layout described in {@code qwerty.txt}; the OCR confusions are listed in {@code ocr.txt}
 * (both bundled beside this class).
 */
final class CharNoise {
    private CharNoise() {}

    static final Map<Character, char[]> KEYBOARD = keyboard(WordLists.lines("qwerty.txt"));
    static final List<String[]> OCR = ocr(WordLists.lines("ocr.txt"));

    /** Neighbours from the layout rows: side by side, or in adjacent rows less than one key apart. */
    static Map<Character, char[]> keyboard(List<String> rows) {
        List<double[]> offsets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String row : rows) {
            String[] parts = row.split("\\s+");
            offsets.add(new double[] {Double.parseDouble(parts[0])});
            keys.add(parts[1]);
        }
        Map<Character, char[]> out = new HashMap<>();
        for (int r = 0; r < keys.size(); r++) {
            String row = keys.get(r);
            for (int i = 0; i < row.length(); i++) {
                char c = row.charAt(i);
                if (!Character.isLetterOrDigit(c)) continue;
                double x = offsets.get(r)[0] + i;
                StringBuilder nb = new StringBuilder();
                for (int r2 = Math.max(0, r - 1); r2 <= Math.min(keys.size() - 1, r + 1); r2++) {
                    String other = keys.get(r2);
                    for (int j = 0; j < other.length(); j++) {
                        char d = other.charAt(j);
                        if (d == c || !Character.isLetterOrDigit(d)) continue;
                        double dx = Math.abs(offsets.get(r2)[0] + j - x);
                        if (r2 == r ? dx == 1 : dx < 1) nb.append(d);
                    }
                }
                out.put(c, nb.toString().toCharArray());
            }
        }
        return out;
    }

    static List<String[]> ocr(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        for (String l : lines) {
            String[] p = l.split("\\s+");
            out.add(new String[] {p[0], p[1]});
        }
        return out;
    }

    /** The word with about {@code rate} of its characters typed as a QWERTY neighbour; the same word when none can be. */
    static String keyboard(String word, double rate, SplittableRandom rng) {
        char[] c = word.toCharArray();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < c.length; i++) if (KEYBOARD.containsKey(Character.toLowerCase(c[i]))) positions.add(i);
        if (positions.isEmpty()) return word;
        int m = edits(c.length, rate, positions.size());
        Sampling.shuffle(positions, rng);
        for (int k = 0; k < m; k++) {
            int i = positions.get(k);
            char lower = Character.toLowerCase(c[i]);
            char[] nb = KEYBOARD.get(lower);
            char to = nb[rng.nextInt(nb.length)];
            c[i] = Character.isUpperCase(c[i]) ? Character.toUpperCase(to) : to;
        }
        return new String(c);
    }

    /** The word with up to about {@code rate} of its characters replaced by OCR confusions (non-overlapping). */
    static String ocr(String word, double rate, SplittableRandom rng) {
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            for (int r = 0; r < OCR.size(); r++) if (word.startsWith(OCR.get(r)[0], i)) candidates.add(new int[] {i, r});
        }
        if (candidates.isEmpty()) return word;
        Sampling.shuffle(candidates, rng);
        int m = edits(word.length(), rate, candidates.size());
        boolean[] used = new boolean[word.length()];
        List<int[]> chosen = new ArrayList<>();
        for (int[] cand : candidates) {
            if (chosen.size() == m) break;
            int len = OCR.get(cand[1])[0].length();
            boolean free = true;
            for (int j = cand[0]; j < cand[0] + len; j++) free &= !used[j];
            if (!free) continue;
            for (int j = cand[0]; j < cand[0] + len; j++) used[j] = true;
            chosen.add(cand);
        }
        chosen.sort((a, b) -> Integer.compare(b[0], a[0]));
        StringBuilder sb = new StringBuilder(word);
        for (int[] cand : chosen) {
            String[] rule = OCR.get(cand[1]);
            sb.replace(cand[0], cand[0] + rule[0].length(), rule[1]);
        }
        return sb.toString();
    }

    /** The word with about {@code rate} of its characters inserted, substituted, swapped or deleted at random. */
    static String random(String word, double rate, SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(word);
        int m = edits(word.length(), rate, word.length());
        for (int k = 0; k < m; k++) {
            int op = rng.nextInt(4);
            int i = rng.nextInt(sb.length());
            boolean digit = Character.isDigit(sb.charAt(i));
            switch (op) {
                case 0 -> sb.insert(rng.nextInt(sb.length() + 1), randomChar(digit, rng));
                case 1 -> sb.setCharAt(i, matchCase(sb.charAt(i), randomChar(digit, rng)));
                case 2 -> {
                    if (sb.length() > 1) {
                        int j = i + 1 < sb.length() ? i + 1 : i - 1;
                        char t = sb.charAt(i);
                        sb.setCharAt(i, sb.charAt(j));
                        sb.setCharAt(j, t);
                    }
                }
                default -> {
                    if (sb.length() > 2) sb.deleteCharAt(i);
                    else sb.insert(rng.nextInt(sb.length() + 1), randomChar(digit, rng));
                }
            }
        }
        return sb.toString();
    }

    /** How many characters to change: {@code rate} of the word, at least one, at most {@code available}. */
    static int edits(int length, double rate, int available) {
        return Math.min(available, Math.max(1, (int) Math.round(rate * length)));
    }

    private static char randomChar(boolean digit, SplittableRandom rng) {
        return digit ? (char) ('0' + rng.nextInt(10)) : (char) ('a' + rng.nextInt(26));
    }

    private static char matchCase(char original, char c) {
        return Character.isUpperCase(original) ? Character.toUpperCase(c) : c;
    }
}
