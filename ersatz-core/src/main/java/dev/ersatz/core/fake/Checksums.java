package dev.ersatz.core.fake;

/**
 * The check-digit schemes that make card numbers and IBANs recognisable: Luhn (ISO/IEC 7812-1) and
 * IBAN mod-97 (ISO 13616 / ISO 7064 MOD 97-10). Used by detection to tell real card numbers and IBANs
 * from lookalike digit strings, and by the fakers to make fakes that pass the same checks.
 */
public final class Checksums {
    private Checksums() {}

    /**
     * Whether a string of digits passes the Luhn check. Spaces and dashes are skipped; any other
     * non-digit, or fewer than two digits, fails.
     */
    public static boolean luhnValid(CharSequence number) {
        int sum = 0;
        int digits = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c == ' ' || c == '-') continue;
            if (c < '0' || c > '9') return false;
            int d = c - '0';
            if ((digits & 1) == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            digits++;
        }
        return digits >= 2 && sum % 10 == 0;
    }

    /** The digit that, appended to {@code payload} (digits only), makes it pass the Luhn check. */
    public static int luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        int pos = 0; // position counted from the right of the final number; the check digit is position 0
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (d < 0 || d > 9) throw new IllegalArgumentException("not a digit in \"" + payload + "\"");
            pos++;
            if ((pos & 1) == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Whether the text is an IBAN with valid check digits: two letters, two digits and 11 to 30 letters
     * or digits (15 to 34 in all), spaces allowed anywhere, letters in either case, remainder mod 97 equal to 1.
     */
    public static boolean ibanValid(String text) {
        String s = compactIban(text);
        if (s == null) return false;
        return mod97(s.substring(4) + s.substring(0, 4)) == 1;
    }

    /** The IBAN as upper-case text without spaces when it has the IBAN structure (ignoring check digits), else {@code null}. */
    static String compactIban(String text) {
        if (text == null) return null;
        StringBuilder sb = new StringBuilder(34);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') continue;
            if (sb.length() >= 34) return null;
            sb.append(Character.toUpperCase(c));
        }
        if (sb.length() < 15) return null;
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            if (i < 2 ? !letter : i < 4 ? !digit : !(letter || digit)) return null;
        }
        return sb.toString();
    }

    /** The two check digits for an IBAN of {@code country} (two upper-case letters) and {@code bban} (upper-case letters and digits). */
    public static String ibanCheckDigits(String country, String bban) {
        int check = 98 - mod97(bban + country + "00");
        return check < 10 ? "0" + check : Integer.toString(check);
    }

    /** The remainder mod 97 of the number that letters-as-10..35 and digits spell (ISO 7064). */
    static int mod97(String s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c >= 'A' ? c - 'A' + 10 : c - '0';
            r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }
}
