package dev.ersatz.core.fake;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A source of fresh, unique keys in the shape learned from an ID column; it learns only the shape,
 * never the values.
 *
 * <h2>Shapes</h2>
 * A shape is a string (kept in metadata {@code format} and model files) that {@link #fromShape} reads back:
 * <ul>
 *   <li>{@code uuid} / {@code UUID}: random-looking version-4 UUIDs in lower / upper case;</li>
 *   <li>a mask, one token per character: {@code #} a digit, {@code A} an upper-case letter, {@code a} a
 *       lower-case letter, {@code X} an upper-case letter or digit, {@code x} a lower-case letter or
 *       digit, {@code H} / {@code h} an upper / lower-case hex digit; {@code {m-n}} an unpadded
 *       integer of m to n digits ({@code {n}}: exactly n); any other character stands for itself, and
 *       {@code \} makes the next character literal (so {@code \A} is the letter A). Examples:
 *       {@code {1-3}} (integer ids 1..999), {@code {6}} (100000..999999), {@code C-#####},
 *       {@code INV-{1-4}}, {@code AA####}, {@code hhhhhhhh}.</li>
 * </ul>
 *
 * <h2>Learning</h2>
 * In order: all UUIDs give {@code uuid}; all non-negative integers without leading zeros give
 * {@code {m-n}} from the shortest and longest digit counts; values that share a literal prefix and end
 * in numbers of varying length give {@code prefix{m-n}}; otherwise a fixed-length mask is built
 * position by position from the values of the most common length (a digit-only position is {@code #}
 * even when constant, so zero-padded numbers keep their full range; punctuation constant across all
 * values is a literal separator, and so is a constant letter when at least 5 keys share it, a prefix
 * such as {@code C-} (with fewer keys a letter could be part of one real key, so it becomes a class);
 * hex-looking columns, 16 keys or more whose letters are all a-f, use {@code h}/{@code H}). A letter
 * prefix before a varying-width number is kept on the same condition.
 *
 * <h2>Generating</h2>
 * Row {@code i} maps to value {@code P(i)} of the shape's value space, where {@code P} is a
 * {@link KeyedPermutation} (Feistel with cycle walking) keyed by the seed, so keys are unique for
 * distinct rows under one seed, need no state, and can be made per row in any order or in parallel.
 * Mask positions beyond 2^62 combinations are filled from a hash of (seed, row), which cannot break
 * uniqueness since the permuted part already differs. An integer token ({@code {m-n}}) grows: once its
 * range is used up, rows continue with one more digit (then two, up to 18 digits), so the first rows keep
 * the learned width and a larger sample still gets unique keys; shapes without one have a fixed
 * {@link #capacity()} and refuse rows beyond it.
 *
 * <p>Keys are fresh, not copies: a small value space (integer ids 1..999) will of course contain some of
 * the real keys, but which synthetic row gets which key bears no relation to the real rows.
 * Edge cases: no non-missing values learn {@code uuid}; instances are immutable and thread-safe.
 */
public final class IdGenerator {
    private static final Pattern UUID_RE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final Map<Character, String> CLASSES = Map.of(
            '#', DIGITS, 'A', UPPER, 'a', LOWER, 'X', DIGITS + UPPER, 'x', DIGITS + LOWER,
            'H', "0123456789ABCDEF", 'h', "0123456789abcdef");
    /** The largest value space that is permuted; positions beyond it are hashed. */
    private static final long MAX_PERMUTED = 1L << 62;
    private static final int MAX_NUMBER_DIGITS = 18;
    /** Fewest keys that must share a letter before it is kept as a literal (a shape fact, not part of one key). */
    private static final int MIN_FOR_LITERAL = 5;

    private final String shape;
    private final boolean uuid;
    private final boolean upper;
    private final List<Token> tokens;
    private final int numberToken;   // index of the integer token, or -1
    private final long[] tierSizes;  // permuted value-space size of each tier

    private IdGenerator(String shape) {
        this.shape = shape;
        this.uuid = shape.equals("uuid") || shape.equals("UUID");
        this.upper = shape.equals("UUID");
        if (uuid) {
            this.tokens = List.of();
            this.numberToken = -1;
            this.tierSizes = new long[] {MAX_PERMUTED};
            return;
        }
        this.tokens = parse(shape);
        int nt = -1;
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).minDigits > 0) nt = i;
        this.numberToken = nt;
        List<Long> sizes = new ArrayList<>();
        if (nt < 0) {
            sizes.add(permutedSize(-1, 0));
        } else {
            Token n = tokens.get(nt);
            for (int digits = n.maxDigits; digits <= MAX_NUMBER_DIGITS; digits++) {
                sizes.add(permutedSize(nt, numberCount(n, digits)));
            }
        }
        this.tierSizes = sizes.stream().mapToLong(Long::longValue).toArray();
    }

    /** The generator for a shape string (see the class comment); an {@link InputException} naming it if malformed. */
    public static IdGenerator fromShape(String shape) {
        if (shape == null || shape.isEmpty()) throw new InputException("id shape is empty");
        return new IdGenerator(shape);
    }

    /** The generator whose shape fits the real keys (see the class comment); the keys themselves are not kept. */
    public static IdGenerator learn(String[] realValues) {
        return new IdGenerator(learnShape(realValues));
    }

    public String shape() { return shape; }

    /** How many distinct keys the shape can make under one seed (capped at {@link Long#MAX_VALUE}). */
    public long capacity() {
        long c = 0;
        for (long s : tierSizes) {
            c += s;
            if (c < 0) return Long.MAX_VALUE;
        }
        return c;
    }

    /**
     * The key of row {@code rowIndex} under {@code seed}: distinct rows give distinct keys, the same
     * (shape, row, seed) always gives the same key. An {@link InputException} if the row is negative or
     * beyond {@link #capacity()}.
     */
    public String generate(long rowIndex, long seed) {
        if (rowIndex < 0) throw new InputException(null, -1, null, shape, "id row index must not be negative: " + rowIndex);
        long r = rowIndex;
        int tier = 0;
        while (tier < tierSizes.length && r >= tierSizes[tier]) {
            r -= tierSizes[tier];
            tier++;
        }
        if (tier == tierSizes.length) {
            throw new InputException(null, -1, null, shape, "cannot make key #" + (rowIndex + 1) + ": the id shape has only "
                    + capacity() + " distinct keys; widen it in the metadata format (more # positions or {m-n} digits)");
        }
        long key = KeyedPermutation.mix64(seed ^ KeyedPermutation.mix64(0x1D5EEDL + tier));
        long v = new KeyedPermutation(tierSizes[tier], key).apply(r);
        return uuid ? uuidOf(v, rowIndex, seed) : maskOf(v, tier, rowIndex, seed);
    }

    @Override public String toString() { return "IdGenerator[" + shape + "]"; }

    // ---------------------------------------------------------------------------------------------
    // generation

    private String uuidOf(long v, long row, long seed) {
        long hi = KeyedPermutation.mix64(seed ^ KeyedPermutation.mix64(row ^ 0x5A5A_0F0F_1234_5678L));
        hi = (hi & ~0xF000L) | 0x4000L;              // version 4
        long lo = (v & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant 10 over the 62 permuted bits
        String s = hex(hi >>> 32, 8) + "-" + hex(hi >>> 16 & 0xFFFF, 4) + "-" + hex(hi & 0xFFFF, 4) + "-"
                + hex(lo >>> 48, 4) + "-" + hex(lo & 0xFFFF_FFFF_FFFFL, 12);
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static String hex(long v, int width) {
        String h = Long.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    private String maskOf(long v, int tier, long row, long seed) {
        int digits = numberToken < 0 ? 0 : tokens.get(numberToken).maxDigits + tier;
        boolean[] permuted = permutedTokens(numberToken, numberToken < 0 ? 0 : numberCount(tokens.get(numberToken), digits));
        StringBuilder out = new StringBuilder();
        String[] parts = new String[tokens.size()];
        // Least significant token last: decompose v right to left over the permuted tokens.
        long rest = v;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.literal != 0) { parts[i] = String.valueOf(t.literal); continue; }
            if (i == numberToken) {
                long count = numberCount(t, digits);
                long lo = tier == 0 ? pow10(t.minDigits - 1) : pow10(digits - 1);
                if (tier == 0 && t.minDigits == 1) lo = 1;
                parts[i] = Long.toString(lo + rest % count);
                rest /= count;
            } else if (permuted[i]) {
                parts[i] = String.valueOf(t.chars.charAt((int) (rest % t.chars.length())));
                rest /= t.chars.length();
            } else {
                long h = KeyedPermutation.mix64(seed ^ KeyedPermutation.mix64(row * 0x9E37_79B9L + i));
                parts[i] = String.valueOf(t.chars.charAt((int) Long.remainderUnsigned(h, t.chars.length())));
            }
        }
        for (String p : parts) out.append(p);
        return out.toString();
    }

    /** Which tokens the permutation covers: the integer token, then class tokens from the right while the space stays within 2^62. */
    private boolean[] permutedTokens(int number, long numberCount) {
        boolean[] permuted = new boolean[tokens.size()];
        long size = number < 0 ? 1 : numberCount;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.chars == null || i == number) continue;
            if (size > MAX_PERMUTED / t.chars.length()) break;
            size *= t.chars.length();
            permuted[i] = true;
        }
        return permuted;
    }

    private long permutedSize(int number, long numberCount) {
        boolean[] permuted = permutedTokens(number, numberCount);
        long size = number < 0 ? 1 : numberCount;
        for (int i = 0; i < tokens.size(); i++) if (permuted[i]) size *= tokens.get(i).chars.length();
        return size;
    }

    /** How many integers the token has at tier width {@code digits}: its learned range at first, then all numbers of that many digits. */
    private static long numberCount(Token t, int digits) {
        if (digits == t.maxDigits) {
            long lo = t.minDigits == 1 ? 1 : pow10(t.minDigits - 1);
            return pow10(t.maxDigits) - lo;
        }
        return 9 * pow10(digits - 1);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // shapes

    /** One mask position: a literal character, a character class, or the integer token. */
    private record Token(char literal, String chars, int minDigits, int maxDigits) {}

    private static List<Token> parse(String shape) {
        List<Token> out = new ArrayList<>();
        int numbers = 0;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == '\\') {
                if (i + 1 == shape.length()) throw bad(shape, "ends with a lone \\");
                out.add(new Token(shape.charAt(++i), null, 0, 0));
            } else if (c == '{') {
                int end = shape.indexOf('}', i);
                if (end < 0) throw bad(shape, "{ without }");
                String body = shape.substring(i + 1, end);
                int dash = body.indexOf('-');
                int lo;
                int hi;
                try {
                    lo = Integer.parseInt(dash < 0 ? body : body.substring(0, dash));
                    hi = Integer.parseInt(dash < 0 ? body : body.substring(dash + 1));
                } catch (NumberFormatException e) {
                    throw bad(shape, "{" + body + "} is not a digit count such as {6} or {1-4}");
                }
                if (lo < 1 || hi < lo || hi > MAX_NUMBER_DIGITS) throw bad(shape, "{" + body + "} needs 1 <= m <= n <= " + MAX_NUMBER_DIGITS);
                if (++numbers > 1) throw bad(shape, "has more than one {m-n} number");
                out.add(new Token((char) 0, null, lo, hi));
                i = end;
            } else if (c == '}') {
                throw bad(shape, "} without {");
            } else if (CLASSES.containsKey(c)) {
                out.add(new Token((char) 0, CLASSES.get(c), 0, 0));
            } else {
                out.add(new Token(c, null, 0, 0));
            }
        }
        boolean variable = false;
        for (Token t : out) variable |= t.chars != null || t.minDigits > 0;
        if (!variable) throw bad(shape, "has no variable part (#, A, a, X, x, H, h or {m-n}); a constant cannot be a key");
        return out;
    }

    private static InputException bad(String shape, String problem) {
        return new InputException(null, -1, null, shape, "id shape " + problem);
    }

    private static String learnShape(String[] realValues) {
        List<String> values = new ArrayList<>();
        if (realValues != null) {
            for (String v : realValues) {
                if (v == null) continue;
                String s = v.strip();
                if (!s.isEmpty()) values.add(s);
            }
        }
        if (values.isEmpty()) return "uuid";

        boolean allUuid = true;
        boolean anyUpperHex = false;
        boolean anyLowerHex = false;
        for (String v : values) {
            if (!UUID_RE.matcher(v).matches()) { allUuid = false; break; }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                anyUpperHex |= c >= 'A' && c <= 'F';
                anyLowerHex |= c >= 'a' && c <= 'f';
            }
        }
        if (allUuid) return anyUpperHex && !anyLowerHex ? "UUID" : "uuid";

        // Integers, and a shared literal prefix followed by an integer, with varying digit counts.
        String prefix = null;
        boolean prefixed = true;
        boolean leadingZero = false;
        int minDigits = Integer.MAX_VALUE;
        int maxDigits = 0;
        for (String v : values) {
            int start = v.length();
            while (start > 0 && Character.isDigit(v.charAt(start - 1)) && v.charAt(start - 1) < 128) start--;
            String head = v.substring(0, start);
            int digits = v.length() - start;
            if (digits == 0 || digits > MAX_NUMBER_DIGITS || (prefix != null && !prefix.equals(head))) { prefixed = false; break; }
            prefix = head;
            leadingZero |= v.charAt(start) == '0' && digits > 1;
            minDigits = Math.min(minDigits, digits);
            maxDigits = Math.max(maxDigits, digits);
        }
        // A letter prefix seen in only a few keys could be part of a real key rather than a shared shape.
        boolean prefixIsShape = prefixed && (values.size() >= MIN_FOR_LITERAL || !hasLetterOrDigit(prefix));
        if (prefixed && prefixIsShape && !leadingZero && (prefix.isEmpty() || minDigits != maxDigits)) {
            String number = minDigits == maxDigits ? "{" + maxDigits + "}" : "{" + minDigits + "-" + maxDigits + "}";
            return escape(prefix) + number;
        }
        return learnMask(values);
    }

    private static String learnMask(List<String> values) {
        Map<Integer, Integer> lengths = new HashMap<>();
        for (String v : values) lengths.merge(v.length(), 1, Integer::sum);
        int length = 0;
        int best = -1;
        for (Map.Entry<Integer, Integer> e : lengths.entrySet()) {
            if (e.getValue() > best || (e.getValue() == best && e.getKey() > length)) { best = e.getValue(); length = e.getKey(); }
        }
        int n = 0;
        List<Map<Character, Integer>> seen = new ArrayList<>(length);
        for (int i = 0; i < length; i++) seen.add(new HashMap<>());
        boolean lettersHex = true;
        for (String v : values) {
            if (v.length() != length) continue;
            n++;
            for (int i = 0; i < length; i++) {
                char c = v.charAt(i);
                seen.get(i).merge(c, 1, Integer::sum);
                if (Character.isLetter(c) && "abcdefABCDEF".indexOf(c) < 0) lettersHex = false;
            }
        }
        boolean hex = lettersHex && n >= 16;
        StringBuilder mask = new StringBuilder();
        for (int i = 0; i < length; i++) mask.append(positionToken(seen.get(i), hex, n));
        String shape = mask.toString();
        // A mask with no variable position (one distinct value) cannot make keys; fall back to a counter.
        try {
            parse(shape);
            return shape;
        } catch (InputException e) {
            return "{1-6}";
        }
    }

    private static String positionToken(Map<Character, Integer> chars, boolean hex, int n) {
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int other = 0;
        char top = 0;
        int topCount = -1;
        for (Map.Entry<Character, Integer> e : chars.entrySet()) {
            char c = e.getKey();
            int k = e.getValue();
            if (c >= '0' && c <= '9') digits += k;
            else if (c >= 'A' && c <= 'Z') upper += k;
            else if (c >= 'a' && c <= 'z') lower += k;
            else other += k;
            if (k > topCount) { topCount = k; top = c; }
        }
        if (digits > 0 && upper == 0 && lower == 0 && other == 0) return "#";
        boolean constantLetter = chars.size() == 1 && n >= MIN_FOR_LITERAL;
        if (constantLetter || other >= digits + upper + lower) return escape(String.valueOf(top));
        boolean up = upper >= lower;
        if (digits > 0 || hex) {
            if (hex) return up ? "H" : "h";
            return up ? "X" : "x";
        }
        return up ? "A" : "a";
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return true;
        return false;
    }


    private static String escape(String literal) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (CLASSES.containsKey(c) || c == '\\' || c == '{' || c == '}') sb.append('\\');
            sb.append(c);
        }
        String s = sb.toString();
        return s.equals("uuid") || s.equals("UUID") ? "\\" + s : s;
    }
}
