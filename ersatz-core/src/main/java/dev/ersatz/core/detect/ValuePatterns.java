package dev.ersatz.core.detect;

import dev.ersatz.core.fake.Checksums;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tests on single values and on column names that {@link MetadataDetector} combines into rules.
 */
final class ValuePatterns {
    private ValuePatterns() {}

    /** Decimal numbers as people and databases write them: sign, digits, point, exponent (no thousands separators). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** An integer part with a leading zero ("007", "00.5"): a code, whose zeros a number would lose. */
    private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d.*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CARD = Pattern.compile("\\d{2,6}(?:[ -]\\d{1,7}){1,5}|\\d{13,19}");
    /** Phone numbers recognisable without a column-name hint: international (+), or North American punctuation. */
    private static final Pattern STRONG_PHONE = Pattern.compile(
            "\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,4}|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}|\\d{3}[.-]\\d{3}[.-]\\d{4}");
    private static final Pattern NAME_CHARS = Pattern.compile("[\\p{L}\\p{M} .,'’()\"-]+");

    static boolean isNumber(String v) {
        return NUMBER.matcher(v).matches() || v.equals("NaN") || v.equals("Infinity") || v.equals("-Infinity") || v.equals("+Infinity");
    }

    static boolean isIntegerText(String v) { return INTEGER.matcher(v).matches(); }

    static boolean hasLeadingZero(String v) { return LEADING_ZERO.matcher(v).matches(); }

    static boolean isEmail(String v) { return v.length() <= 254 && EMAIL.matcher(v).matches(); }

    static boolean isUuid(String v) { return UUID.matcher(v).matches(); }

    static boolean isIban(String v) { return Checksums.ibanValid(v); }

    static boolean isCard(String v) {
        if (!CARD.matcher(v).matches()) return false;
        int digits = 0;
        for (int i = 0; i < v.length(); i++) if (Character.isDigit(v.charAt(i))) digits++;
        return digits >= 13 && digits <= 19 && Checksums.luhnValid(v);
    }

    static boolean isStrongPhone(String v) { return STRONG_PHONE.matcher(v).matches(); }

    /** Digits with phone punctuation, 7 to 15 digits (ITU E.164 allows at most 15). */
    static boolean isPhoneLike(String v) {
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (" +-().x/".indexOf(c) < 0) return false;
        }
        return digits >= 7 && digits <= 15;
    }

    static boolean isIp(String v) { return isIpv4(v) || isIpv6(v); }

    static boolean isIpv4(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return false;
            for (int i = 0; i < p.length(); i++) if (!Character.isDigit(p.charAt(i)) || p.charAt(i) > '9') return false;
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** RFC 4291 text forms: eight hex groups, or fewer around one {@code ::}, optionally ending in dotted IPv4. */
    static boolean isIpv6(String v) {
        if (v.length() < 2 || v.length() > 45 || v.indexOf(':') < 0) return false;
        int zone = v.indexOf('%');
        String s = zone >= 0 ? v.substring(0, zone) : v;
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return false;
        List<String> groups = new ArrayList<>();
        if (dbl >= 0) {
            String left = s.substring(0, dbl);
            String right = s.substring(dbl + 2);
            if (!left.isEmpty()) groups.addAll(List.of(left.split(":", -1)));
            if (!right.isEmpty()) groups.addAll(List.of(right.split(":", -1)));
        } else {
            groups.addAll(List.of(s.split(":", -1)));
        }
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) return false;
                count += 2;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) return false;
            for (int k = 0; k < g.length(); k++) if (Character.digit(g.charAt(k), 16) < 0) return false;
            count++;
        }
        return dbl >= 0 ? count <= 7 : count == 8;
    }

    /** Letters, spaces and name punctuation only (no digits), 1 to 12 words: how person names look. */
    static boolean isNameLike(String v) {
        if (v.length() > 120 || !NAME_CHARS.matcher(v).matches()) return false;
        int words = wordCount(v);
        boolean letter = false;
        for (int i = 0; i < v.length() && !letter; i++) letter = Character.isLetter(v.charAt(i));
        return letter && words >= 1 && words <= 12;
    }

    /** Text with a letter and at least two words: how a street address line looks. */
    static boolean isAddressLike(String v) {
        if (v.length() > 300) return false;
        boolean letter = false;
        for (int i = 0; i < v.length() && !letter; i++) letter = Character.isLetter(v.charAt(i));
        return letter && wordCount(v) >= 2;
    }

    static int wordCount(String v) {
        int words = 0;
        boolean in = false;
        for (int i = 0; i < v.length(); i++) {
            boolean space = Character.isWhitespace(v.charAt(i));
            if (!space && !in) words++;
            in = !space;
        }
        return words;
    }

    static boolean hasWhitespace(String v) {
        for (int i = 0; i < v.length(); i++) if (Character.isWhitespace(v.charAt(i))) return true;
        return false;
    }

    static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) >= '0' && v.charAt(i) <= '9') return true;
        return false;
    }

    /**
     * The words of a column name, lower case: split at anything not a letter or digit, at lower-to-upper
     * case changes ({@code PassengerId} is passenger, id) and between letters and digits.
     */
    static List<String> nameTokens(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(cur, out);
                continue;
            }
            if (cur.length() > 0) {
                char p = cur.charAt(cur.length() - 1);
                boolean boundary = (Character.isLowerCase(p) && Character.isUpperCase(c))
                        || (Character.isDigit(p) != Character.isDigit(c))
                        // "IDNumber": an upper-case run followed by a capitalised word
                        || (Character.isUpperCase(p) && Character.isUpperCase(c) && i + 1 < name.length()
                            && Character.isLowerCase(name.charAt(i + 1)));
                if (boundary) flush(cur, out);
            }
            cur.append(c);
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) out.add(cur.toString().toLowerCase(Locale.ROOT));
        cur.setLength(0);
    }
}
