package dev.ersatz.core.fake;

import dev.ersatz.core.InputException;

import java.util.SplittableRandom;

/**
 * Card networks told apart by their public issuer-number (IIN) ranges, so a fake card keeps the
 * network of the real ones (a Visa column stays Visa) without keeping any real issuer's prefix.
 *
 * <p>Ranges, from the networks' published tables (ISO/IEC 7812 registrations): amex 34, 37; visa 4;
 * mastercard 51-55, 2221-2720; discover 6011, 644-649, 65; jcb 3528-3589; diners 300-305, 36, 38, 39;
 * unionpay 62; maestro 50, 56-58. Anything else is {@code mii<d>}, keeping only its major industry
 * identifier (the first digit).
 */
final class CardNetworks {
    private CardNetworks() {}

    static String networkOf(String digits) {
        int p2 = Integer.parseInt(digits.substring(0, 2));
        int p3 = Integer.parseInt(digits.substring(0, 3));
        int p4 = Integer.parseInt(digits.substring(0, 4));
        if (p2 == 34 || p2 == 37) return "amex";
        if (digits.charAt(0) == '4') return "visa";
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return "mastercard";
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) return "discover";
        if (p4 >= 3528 && p4 <= 3589) return "jcb";
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return "diners";
        if (p2 == 62) return "unionpay";
        if (p2 == 50 || (p2 >= 56 && p2 <= 58)) return "maestro";
        return "mii" + digits.charAt(0);
    }

    static void checkKnown(String network) {
        switch (network) {
            case "amex", "visa", "mastercard", "discover", "jcb", "diners", "unionpay", "maestro" -> { }
            default -> {
                if (!network.matches("mii[0-9]")) {
                    throw new InputException(null, -1, null, network, "unknown card network (amex, visa, mastercard, discover, jcb, diners, unionpay, maestro, mii0-mii9)");
                }
            }
        }
    }

    /** A public prefix of the network, drawn at random among its ranges. */
    static String prefix(String network, SplittableRandom rng) {
        return switch (network) {
            case "amex" -> rng.nextBoolean() ? "34" : "37";
            case "visa" -> "4";
            case "mastercard" -> rng.nextInt(4) == 0 ? Integer.toString(2221 + rng.nextInt(500)) : "5" + (1 + rng.nextInt(5));
            case "discover" -> rng.nextBoolean() ? "6011" : "65";
            case "jcb" -> Integer.toString(3528 + rng.nextInt(62));
            case "diners" -> rng.nextBoolean() ? "36" : "38";
            case "unionpay" -> "62";
            case "maestro" -> new String[] {"50", "56", "57", "58"}[rng.nextInt(4)];
            default -> network.substring(3);
        };
    }
}
