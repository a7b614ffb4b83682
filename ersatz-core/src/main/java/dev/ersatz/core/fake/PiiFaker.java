package dev.ersatz.core.fake;

import dev.ersatz.core.InputException;
import dev.ersatz.core.PiiType;
import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A maker of format-preserving fake personal data: it learns the format of a PII column (a phone's
 * digit mask, a card's network and grouping, an IBAN's country and layout, a name's word order) and
 * makes new values in that format. The real values are never kept.
 *
 * <h2>Descriptors</h2>
 * What is learned is a short descriptor string (for model files) that {@link #fromDescriptor} reads back.
 * It holds format facts only: shares, masks and codes, never a real value or a real domain. Weights are
 * per mille; entries are separated by {@code ;} and a mask escapes {@code ; \ # N} with {@code \}.
 * <ul>
 *   <li>{@link PiiType#EMAIL} {@code dot=0.60;underscore=0.05;digits=0.20;upper=0.00}: how local parts
 *       are built. Fakes are {@code first.last@surname.example.com} (or {@code first_last},
 *       {@code flast}, digits appended), always under the reserved {@code example.com/.org/.net}
 *       domains (RFC 2606), so a fake address can never reach a real mailbox.</li>
 *   <li>{@link PiiType#PHONE} {@code 700:+1 (NNN) NNN-####;300:0#### ######}: the most common digit
 *       masks ({@code #} any digit, {@code N} 2-9, other characters literal). A digit is literal only
 *       where at least 10 values of that mask all show it (a country code or trunk prefix).</li>
 *   <li>{@link PiiType#CREDIT_CARD} {@code 600:visa:#### #### #### ####}: network (from the public IIN
 *       ranges: visa, mastercard, amex, discover, jcb, diners, unionpay, maestro, or {@code mii<d>} keeping
 *       only the major industry digit) and grouping. Fakes start with a public prefix of that network,
 *       keep the length, and end with a Luhn check digit.</li>
 *   <li>{@link PiiType#IBAN} {@code 1000:DE:##################:4}: country, BBAN layout ({@code #}
 *       digit, {@code A} letter, {@code X} either) and print grouping (4, or 0 for compact). Fakes get
 *       valid mod-97 check digits; national check digits inside the BBAN are not computed.</li>
 *   <li>{@link PiiType#IP_ADDRESS} {@code v4=0.70}: the IPv4 share. IPv6 fakes lie in the documentation
 *       prefix {@code 2001:db8::/32} (RFC 3849); IPv4 fakes are public-looking unicast addresses.</li>
 *   <li>{@link PiiType#PERSON_NAME} {@code lastFirst=0.98;title=0.97;middle=0.55;case=mixed}: word order
 *       ({@code Last, First}), share with a title, with a middle name, letter case. Fakes draw a gender
 *       and keep title (Mr., Mrs., Ms., Miss, now and then Dr.) and given names consistent with it.
 *       {@link PiiType#FIRST_NAME} and {@link PiiType#LAST_NAME} {@code case=mixed}.</li>
 *   <li>{@link PiiType#ADDRESS} {@code full=0.30;case=mixed}: share of full addresses (street, city,
 *       state, zip) against street-only lines.</li>
 * </ul>
 * Names and addresses come from Datafaker (English locale) seeded with the call's seed.
 *
 * <p>Fakes are not checked against the real values (which are not kept): for formats with room
 * (emails under reserved domains, phones, cards, IBANs, full names) a clash is negligible; first or last
 * names alone are drawn from a common-name list and will naturally include names that also occur in the
 * data. Edge cases: a column with no usable values learns a default descriptor for its type; {@code
 * count} 0 gives an empty array. Instances are immutable and thread-safe.
 */
public final class PiiFaker {
    private static final Pattern EMAIL_RE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TITLE_RE = Pattern.compile(
            "(?i)(?<![\\p{L}])(mr|mrs|ms|miss|master|mx|dr|rev|prof|sir|lady|dame|mme|mlle|col|capt|major|don|dona|jonkheer|countess)\\b\\.?");
    private static final String[] FEMALE_TITLES = {"Mrs. ", "Ms. ", "Miss "};
    private static final String[] EXAMPLE_DOMAINS = {"example.com", "example.org", "example.net"};
    /** Fewest values of a phone mask that must share a digit before it is kept as a literal. */
    private static final int MIN_FOR_LITERAL = 10;
    private static final int MAX_MASKS = 10;

    private final PiiType type;
    private final String descriptor;
    private final Map<String, String> options;   // key=value descriptors
    private final List<Entry> entries;           // weighted-mask descriptors

    private PiiFaker(PiiType type, String descriptor) {
        this.type = type;
        this.descriptor = descriptor;
        if (usesEntries(type)) {
            this.entries = parseEntries(type, descriptor);
            this.options = Map.of();
        } else {
            this.options = parseOptions(type, descriptor);
            this.entries = List.of();
        }
    }

    /** The faker for the format of {@code realValues} (missing values ignored); the values themselves are not kept. */
    public static PiiFaker learn(PiiType type, String[] realValues) {
        if (type == null) throw new InputException("pii type is missing");
        List<String> values = new ArrayList<>();
        if (realValues != null) {
            for (String v : realValues) if (v != null && !v.isBlank()) values.add(v.strip());
        }
        String d = switch (type) {
            case EMAIL -> learnEmail(values);
            case PHONE -> learnPhone(values);
            case CREDIT_CARD -> learnCard(values);
            case IBAN -> learnIban(values);
            case IP_ADDRESS -> learnIp(values);
            case PERSON_NAME -> learnPersonName(values);
            case FIRST_NAME, LAST_NAME -> "case=" + caseOf(values);
            case ADDRESS -> learnAddress(values);
        };
        return new PiiFaker(type, d);
    }

    /** The faker a descriptor describes; an {@link InputException} naming the descriptor if it is malformed. */
    public static PiiFaker fromDescriptor(PiiType type, String descriptor) {
        if (type == null) throw new InputException("pii type is missing");
        if (descriptor == null || descriptor.isBlank()) throw new InputException(null, -1, null, descriptor, "empty " + lower(type) + " descriptor");
        return new PiiFaker(type, descriptor);
    }

    public PiiType type() { return type; }

    /** The learned format as a string; see the class comment. */
    public String descriptor() { return descriptor; }

    /** {@code count} fake values; the same (descriptor, count, seed) always gives the same values. */
    public String[] generate(int count, long seed) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative: " + count);
        String[] out = new String[count];
        SplittableRandom rng = new SplittableRandom(seed);
        Faker faker = needsFaker(type) ? new Faker(Locale.ENGLISH, new Random(KeyedPermutation.mix64(seed ^ 0xFA4EL))) : null;
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case EMAIL -> email(rng, faker);
                case PHONE -> phone(rng);
                case CREDIT_CARD -> card(rng);
                case IBAN -> iban(rng);
                case IP_ADDRESS -> ip(rng);
                case PERSON_NAME -> personName(rng, faker);
                case FIRST_NAME -> applyCase(faker.name().firstName(), options.get("case"));
                case LAST_NAME -> applyCase(faker.name().lastName(), options.get("case"));
                case ADDRESS -> address(rng, faker);
            };
        }
        return out;
    }

    @Override public String toString() { return "PiiFaker[" + lower(type) + ": " + descriptor + "]"; }

    // ---------------------------------------------------------------------------------------------
    // generation

    private String email(SplittableRandom rng, Faker faker) {
        String first = asciiLetters(faker.name().firstName());
        String last = asciiLetters(faker.name().lastName());
        double r = rng.nextDouble();
        double dot = number("dot");
        double underscore = number("underscore");
        String local = r < dot ? first + "." + last
                : r < dot + underscore ? first + "_" + last
                : first.charAt(0) + last;
        if (rng.nextDouble() < number("digits")) local += 1 + rng.nextInt(999);
        String domain = asciiLetters(faker.name().lastName()) + "." + EXAMPLE_DOMAINS[rng.nextInt(EXAMPLE_DOMAINS.length)];
        String email = local + "@" + domain;
        return rng.nextDouble() < number("upper") ? email.toUpperCase(Locale.ROOT) : email;
    }

    private String phone(SplittableRandom rng) {
        Entry e = pick(rng);
        return fillMask(e.mask(), rng);
    }

    private String card(SplittableRandom rng) {
        Entry e = pick(rng);
        String mask = e.mask();
        int length = 0;
        for (int i = 0; i < mask.length(); i++) if (mask.charAt(i) == '#') length++;
        StringBuilder digits = new StringBuilder(CardNetworks.prefix(e.code(), rng));
        while (digits.length() < length - 1) digits.append((char) ('0' + rng.nextInt(10)));
        digits.setLength(Math.max(0, length - 1));
        digits.append(Checksums.luhnCheckDigit(digits));
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            out.append(c == '#' ? digits.charAt(k++) : c);
        }
        return out.toString();
    }

    private String iban(SplittableRandom rng) {
        Entry e = pick(rng);
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < e.mask().length(); i++) {
            char c = e.mask().charAt(i);
            boolean letter = c == 'A' || (c == 'X' && rng.nextInt(36) < 26);
            bban.append(letter ? (char) ('A' + rng.nextInt(26)) : (char) ('0' + rng.nextInt(10)));
        }
        String compact = e.code() + Checksums.ibanCheckDigits(e.code(), bban.toString()) + bban;
        if (e.group() <= 0) return compact;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % e.group() == 0) out.append(' ');
            out.append(compact.charAt(i));
        }
        return out.toString();
    }

    private String ip(SplittableRandom rng) {
        if (rng.nextDouble() < number("v4")) {
            int first;
            do {
                first = 1 + rng.nextInt(223);
            } while (first == 10 || first == 127);
            return first + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + (1 + rng.nextInt(254));
        }
        StringBuilder sb = new StringBuilder("2001:db8");
        for (int i = 0; i < 6; i++) sb.append(':').append(Integer.toHexString(1 + rng.nextInt(0xFFFF)));
        return sb.toString();
    }

    private String personName(SplittableRandom rng, Faker faker) {
        // One gender per fake so that title, first and middle name agree ("Mrs. Jane Ann", not "Mr. Jane").
        boolean male = rng.nextBoolean();
        String first = male ? faker.name().maleFirstName() : faker.name().femaleFirstName();
        String last = faker.name().lastName();
        String middle = rng.nextDouble() < number("middle") ? " " + (male ? faker.name().maleFirstName() : faker.name().femaleFirstName()) : "";
        String title = "";
        if (rng.nextDouble() < number("title")) {
            title = rng.nextInt(20) == 0 ? "Dr. " : male ? "Mr. " : FEMALE_TITLES[rng.nextInt(FEMALE_TITLES.length)];
        }
        String name = rng.nextDouble() < number("lastFirst")
                ? last + ", " + title + first + middle
                : title + first + middle + " " + last;
        return applyCase(name, options.get("case"));
    }

    private String address(SplittableRandom rng, Faker faker) {
        String a = rng.nextDouble() < number("full") ? faker.address().fullAddress() : faker.address().streetAddress();
        return applyCase(a, options.get("case"));
    }

    private Entry pick(SplittableRandom rng) {
        int total = 0;
        for (Entry e : entries) total += e.weight();
        int r = rng.nextInt(total);
        for (Entry e : entries) {
            r -= e.weight();
            if (r < 0) return e;
        }
        return entries.get(entries.size() - 1);
    }

    private static String fillMask(String mask, SplittableRandom rng) {
        StringBuilder out = new StringBuilder(mask.length());
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c == '\\' && i + 1 < mask.length()) out.append(mask.charAt(++i));
            else if (c == '#') out.append((char) ('0' + rng.nextInt(10)));
            else if (c == 'N') out.append((char) ('2' + rng.nextInt(8)));
            else out.append(c);
        }
        return out.toString();
    }

    private double number(String key) {
        String v = options.get(key);
        return v == null ? 0 : Double.parseDouble(v);
    }

    // ---------------------------------------------------------------------------------------------
    // learning

    private static String learnEmail(List<String> values) {
        int n = 0;
        int dot = 0;
        int underscore = 0;
        int digits = 0;
        int upper = 0;
        for (String v : values) {
            if (!EMAIL_RE.matcher(v).matches()) continue;
            n++;
            String local = v.substring(0, v.indexOf('@'));
            if (local.indexOf('.') >= 0) dot++;
            else if (local.indexOf('_') >= 0) underscore++;
            if (local.chars().anyMatch(Character::isDigit)) digits++;
            if (!v.equals(v.toLowerCase(Locale.ROOT)) && v.equals(v.toUpperCase(Locale.ROOT))) upper++;
        }
        if (n == 0) return "dot=0.50;underscore=0.00;digits=0.20;upper=0.00";
        return "dot=" + share(dot, n) + ";underscore=" + share(underscore, n) + ";digits=" + share(digits, n) + ";upper=" + share(upper, n);
    }

    private static String learnPhone(List<String> values) {
        Map<String, List<String>> byMask = new HashMap<>();
        for (String v : values) {
            int digits = 0;
            boolean ok = true;
            for (int i = 0; i < v.length() && ok; i++) {
                char c = v.charAt(i);
                if (c >= '0' && c <= '9') digits++;
                else ok = " +-().x/".indexOf(c) >= 0;
            }
            if (!ok || digits < 5) continue;
            byMask.computeIfAbsent(v.replaceAll("[0-9]", "#"), k -> new ArrayList<>()).add(v);
        }
        if (byMask.isEmpty()) return "1000:(NNN) NNN-####";
        List<Map.Entry<String, List<String>>> top = topBySize(byMask);
        int total = 0;
        for (Map.Entry<String, List<String>> e : top) total += e.getValue().size();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : top) {
            String mask = phoneMask(e.getKey(), e.getValue());
            out.add(weight(e.getValue().size(), total) + ":" + mask);
        }
        return String.join(";", out);
    }

    /** The digit mask with constant digits kept (see the class comment), escaped for the descriptor. */
    private static String phoneMask(String shape, List<String> values) {
        StringBuilder mask = new StringBuilder();
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c != '#') {
                if (c == ';' || c == '\\' || c == 'N') mask.append('\\');
                mask.append(c);
                continue;
            }
            int[] seen = new int[10];
            for (String v : values) seen[v.charAt(i) - '0']++;
            int distinct = 0;
            int only = -1;
            for (int d = 0; d < 10; d++) if (seen[d] > 0) { distinct++; only = d; }
            if (distinct == 1 && values.size() >= MIN_FOR_LITERAL) mask.append((char) ('0' + only));
            else if (seen[0] == 0 && seen[1] == 0 && distinct >= 3 && values.size() >= 2 * MIN_FOR_LITERAL) mask.append('N');
            else mask.append('#');
        }
        return mask.toString();
    }

    private static String learnCard(List<String> values) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (String v : values) {
            String digits = v.replaceAll("[ -]", "");
            if (!digits.matches("[0-9]{12,19}")) continue;
            String key = CardNetworks.networkOf(digits) + ":" + v.replaceAll("[0-9]", "#");
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        if (byKey.isEmpty()) return "1000:visa:################";
        List<Map.Entry<String, List<String>>> top = topBySize(byKey);
        int total = 0;
        for (Map.Entry<String, List<String>> e : top) total += e.getValue().size();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : top) out.add(weight(e.getValue().size(), total) + ":" + e.getKey());
        return String.join(";", out);
    }

    private static String learnIban(List<String> values) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String v : values) {
            String compact = Checksums.compactIban(v);
            if (compact == null) continue;
            int group = v.strip().indexOf(' ') == 4 ? 4 : 0;
            String key = compact.substring(0, 2) + ":" + compact.length() + ":" + group;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(compact);
        }
        if (byKey.isEmpty()) return "1000:DE:##################:4";
        List<Map.Entry<String, List<String>>> top = topBySize(byKey);
        int total = 0;
        for (Map.Entry<String, List<String>> e : top) total += e.getValue().size();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : top) {
            String[] k = e.getKey().split(":");
            int length = Integer.parseInt(k[1]);
            StringBuilder mask = new StringBuilder();
            for (int i = 4; i < length; i++) {
                boolean letter = false;
                boolean digit = false;
                for (String v : e.getValue()) {
                    char c = v.charAt(i);
                    letter |= Character.isLetter(c);
                    digit |= Character.isDigit(c);
                }
                mask.append(letter && digit ? 'X' : letter ? 'A' : '#');
            }
            out.add(weight(e.getValue().size(), total) + ":" + k[0] + ":" + mask + ":" + k[2]);
        }
        return String.join(";", out);
    }

    private static String learnIp(List<String> values) {
        int v4 = 0;
        int n = 0;
        for (String v : values) {
            if (v.indexOf(':') >= 0) n++;
            else if (v.indexOf('.') >= 0) { n++; v4++; }
        }
        return "v4=" + (n == 0 ? "1.00" : share(v4, n));
    }

    private static String learnPersonName(List<String> values) {
        int n = values.size();
        int lastFirst = 0;
        int title = 0;
        int middle = 0;
        for (String v : values) {
            if (v.indexOf(',') > 0) lastFirst++;
            boolean titled = TITLE_RE.matcher(v).find();
            if (titled) title++;
            String bare = TITLE_RE.matcher(v.replaceAll("\\([^)]*\\)", " ")).replaceAll(" ");
            String[] words = bare.replace(',', ' ').trim().split("\\s+");
            if (words.length >= 3) middle++;
        }
        if (n == 0) return "lastFirst=0.00;title=0.00;middle=0.00;case=mixed";
        return "lastFirst=" + share(lastFirst, n) + ";title=" + share(title, n) + ";middle=" + share(middle, n) + ";case=" + caseOf(values);
    }

    private static String learnAddress(List<String> values) {
        int full = 0;
        for (String v : values) if (v.indexOf(',') > 0) full++;
        return "full=" + (values.isEmpty() ? "0.00" : share(full, values.size())) + ";case=" + caseOf(values);
    }

    /** upper, lower or mixed: the letter case most values are written in. */
    private static String caseOf(List<String> values) {
        int upper = 0;
        int lower = 0;
        int n = 0;
        for (String v : values) {
            boolean hasUpper = false;
            boolean hasLower = false;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                hasUpper |= Character.isUpperCase(c);
                hasLower |= Character.isLowerCase(c);
            }
            if (!hasUpper && !hasLower) continue;
            n++;
            if (!hasLower) upper++;
            else if (!hasUpper) lower++;
        }
        if (n > 0 && upper * 2 > n) return "upper";
        if (n > 0 && lower * 2 > n) return "lower";
        return "mixed";
    }

    private static String applyCase(String s, String style) {
        if ("upper".equals(style)) return s.toUpperCase(Locale.ROOT);
        if ("lower".equals(style)) return s.toLowerCase(Locale.ROOT);
        return s;
    }

    private static List<Map.Entry<String, List<String>>> topBySize(Map<String, List<String>> groups) {
        List<Map.Entry<String, List<String>>> list = new ArrayList<>(groups.entrySet());
        list.sort((a, b) -> a.getValue().size() != b.getValue().size()
                ? Integer.compare(b.getValue().size(), a.getValue().size())
                : a.getKey().compareTo(b.getKey()));
        return list.subList(0, Math.min(MAX_MASKS, list.size()));
    }

    private static int weight(int count, int total) {
        return Math.max(1, (int) Math.round(1000.0 * count / total));
    }

    private static String share(int k, int n) {
        return String.format(Locale.ROOT, "%.2f", (double) k / n);
    }

    private static String asciiLetters(String s) {
        String t = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        return t.isEmpty() ? "x" : t;
    }

    // ---------------------------------------------------------------------------------------------
    // descriptors

    /** One weighted format: a mask, and for cards the network, for IBANs the country and grouping. */
    private record Entry(int weight, String code, String mask, int group) {}

    private static boolean usesEntries(PiiType t) {
        return t == PiiType.PHONE || t == PiiType.CREDIT_CARD || t == PiiType.IBAN;
    }

    private static boolean needsFaker(PiiType t) {
        return t == PiiType.EMAIL || t == PiiType.PERSON_NAME || t == PiiType.FIRST_NAME
                || t == PiiType.LAST_NAME || t == PiiType.ADDRESS;
    }

    private static List<Entry> parseEntries(PiiType type, String d) {
        List<Entry> out = new ArrayList<>();
        for (String raw : splitUnescaped(d)) {
            if (raw.isEmpty()) continue;
            try {
                int colon = raw.indexOf(':');
                int weight = Integer.parseInt(raw.substring(0, colon));
                if (weight <= 0) throw new IllegalArgumentException("weight must be positive");
                String rest = raw.substring(colon + 1);
                switch (type) {
                    case PHONE -> {
                        if (!rest.contains("#") && !rest.contains("N")) throw new IllegalArgumentException("mask has no digit");
                        out.add(new Entry(weight, null, rest, 0));
                    }
                    case CREDIT_CARD -> {
                        int c = rest.indexOf(':');
                        String network = rest.substring(0, c);
                        String mask = rest.substring(c + 1);
                        long digits = mask.chars().filter(ch -> ch == '#').count();
                        if (digits < 12 || digits > 19) throw new IllegalArgumentException("a card mask needs 12 to 19 #");
                        CardNetworks.checkKnown(network);
                        out.add(new Entry(weight, network, mask, 0));
                    }
                    case IBAN -> {
                        String[] p = rest.split(":");
                        if (p.length != 3 || !p[0].matches("[A-Z]{2}") || !p[1].matches("[#AX]{11,30}")) {
                            throw new IllegalArgumentException("expected weight:CC:mask:group");
                        }
                        out.add(new Entry(weight, p[0], p[1], Integer.parseInt(p[2])));
                    }
                    default -> throw new IllegalStateException();
                }
            } catch (RuntimeException e) {
                throw new InputException(null, -1, null, d, "malformed " + lower(type) + " descriptor entry \"" + raw + "\": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        if (out.isEmpty()) throw new InputException(null, -1, null, d, "empty " + lower(type) + " descriptor");
        return out;
    }

    /** The descriptor split at {@code ;} not preceded by {@code \} (escapes are left in place for the mask). */
    private static List<String> splitUnescaped(String d) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '\\' && i + 1 < d.length()) {
                cur.append(c).append(d.charAt(++i));
            } else if (c == ';') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static Map<String, String> parseOptions(PiiType type, String d) {
        Map<String, String> out = new HashMap<>();
        List<String> allowed = switch (type) {
            case EMAIL -> List.of("dot", "underscore", "digits", "upper");
            case IP_ADDRESS -> List.of("v4");
            case PERSON_NAME -> List.of("lastFirst", "title", "middle", "case");
            case FIRST_NAME, LAST_NAME -> List.of("case");
            case ADDRESS -> List.of("full", "case");
            default -> List.of();
        };
        for (String part : d.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (!allowed.contains(key)) {
                throw new InputException(null, -1, null, d, "unknown key \"" + key + "\" in " + lower(type) + " descriptor (keys: " + String.join(", ", allowed) + ")");
            }
            if (key.equals("case")) {
                if (!List.of("upper", "lower", "mixed").contains(value)) {
                    throw new InputException(null, -1, null, d, "case must be upper, lower or mixed, not \"" + value + "\"");
                }
            } else {
                double x;
                try {
                    x = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    x = Double.NaN;
                }
                if (!(x >= 0 && x <= 1)) throw new InputException(null, -1, null, d, key + " must be a share between 0 and 1, not \"" + value + "\"");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String lower(PiiType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
