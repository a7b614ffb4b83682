package dev.ersatz.core.detect;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.PiiType;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.fake.IdGenerator;
import dev.ersatz.core.format.DatetimeFormat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Detects each column's {@link ColumnSpec} (kind, datetime pattern, ID shape, PII type) from a raw
 * table of text values. SDV's metadata detection is the reference for behaviour; where this differs it
 * says so below. The result is a starting point: it is written to an editable JSON file, and a user's
 * edit wins.
 *
 * <h2>Rules, in the order they are tried</h2>
 * Values are stripped of surrounding whitespace; {@code null} and blank values are missing and take
 * no part in any rule. {@code n} is the row count (missing included, as in SDV), {@code m} the number
 * of non-missing values, {@code d} the number of distinct ones.
 * <ol>
 *   <li><b>Typed sources.</b> {@link SourceType#BOOLEAN} is BOOLEAN; {@link SourceType#DATE},
 *       {@link SourceType#TIMESTAMP} and {@link SourceType#TIMESTAMP_TZ} are DATETIME with the pattern
 *       detected from their canonical text ({@code yyyy-MM-dd}, {@code yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]},
 *       the same with {@code XXX}, when detection finds none); {@link SourceType#DOUBLE} is NUMERIC (a
 *       float column is never categorical or an ID). A column with no values at all is INTEGER, NUMERIC,
 *       BOOLEAN or DATETIME as its source type says, else CATEGORICAL.</li>
 *   <li><b>PII by value pattern</b> (text and integer sources), when at least 90% of the values
 *       ({@link #PII_MIN_SHARE}) match: EMAIL ({@code local@domain.tld}); IBAN (structure and mod-97
 *       check); CREDIT_CARD (13 to 19 digits, optionally grouped by spaces or dashes, Luhn-valid: a
 *       random digit string passes Luhn one time in ten, so 90% valid is strong evidence; IMEI numbers,
 *       also Luhn, will be caught too); IP_ADDRESS (IPv4 dotted quads, IPv6 text forms); PHONE with an
 *       international {@code +} or North American punctuation, 8 digits or more.</li>
 *   <li><b>PII by column name</b>, the name split into words ({@code PassengerId} is passenger, id;
 *       {@code first_name} is first, name), when 90% of values also look the part:
 *       PHONE (phone, tel, telephone, mobile, cell, fax, msisdn; 7-15 digits with phone punctuation);
 *       FIRST_NAME (first/given/middle name, firstname, forename, fname), LAST_NAME (last/family name,
 *       surname, lastname, lname), PERSON_NAME (the name alone is "name", or full name, or name with a
 *       person word such as customer, passenger, patient, employee, client, contact, holder...; names
 *       such as product_name or country_name are not people); for these, values of letters and name
 *       punctuation, no digits, 1-12 words. ADDRESS (address, addr, street, but not email, ip or mac
 *       address): values with a letter and two words or more.</li>
 *   <li><b>Numbers.</b> When every value is a decimal number (sign, point, exponent; no thousands
 *       separators; {@code NaN} and {@code Infinity} allowed) and none has a leading zero ({@code 007},
 *       a zip code, is a code whose zeros a number would lose): if all are written without a point or
 *       exponent (or the source type is INTEGER) the column is integral, then
 *       <ul>
 *         <li>CATEGORICAL by SDV's rule: {@code n > 5}, all values non-negative and
 *             {@code d <= min(round(n / 10), 10)}, rounding half to even as Python does (penguins' year,
 *             Titanic's pclass);</li>
 *         <li>ID when all values are distinct and non-negative, {@code m >= 10} ({@link #MIN_ID_VALUES}),
 *             and the name hints at a key (a word id, uuid, guid, pk, identifier, or a last word key,
 *             code, number, num, nr, no, ref, serial, sku) or the values are nearly consecutive
 *             ({@code max - min + 1 <= 1.5 d}) and the name is not a measure of time or age (year,
 *             month, day, hour, age, count). SDV makes every unique integer column an ID; a unique
 *             measurement (a weight, an amount) is not a key, so Ersatz asks for more;</li>
 *         <li>INTEGER otherwise (NUMERIC when a value does not fit in 64 bits).</li>
 *       </ul>
 *       Non-integral numbers are NUMERIC, however few or unique they are.</li>
 *   <li><b>BOOLEAN</b>: exactly two distinct values forming one of the pairs true/false, yes/no, y/n,
 *       t/f in any case. 0/1 is left to the number rules (it is CATEGORICAL by SDV's rule, as in SDV).</li>
 *   <li><b>DATETIME</b> when {@link DatetimeFormat#detect} finds a pattern that reads at least 95% of
 *       the values; see that class for the shapes and for how {@code 01/02/2024} (day or month first)
 *       is settled. The pattern goes to {@link ColumnSpec#format()}, zones and all. Plain integers never
 *       get here (rule 4 takes them).</li>
 *   <li><b>ID</b> for text: all values distinct, {@code m >= 10}, no whitespace, at most 64 characters,
 *       and either all UUIDs, or every value has a digit (a code such as {@code C-00042}), or the name
 *       hints at a key. The format holds {@link IdGenerator#shape()}.</li>
 *   <li><b>TEXT</b>: free text, at least half the values distinct, averaging 5 words or more, or 40
 *       characters and 3 words or more.</li>
 *   <li><b>CATEGORICAL</b> otherwise, however many categories (the model decides how to handle a long tail).</li>
 * </ol>
 *
 * <p>Titanic's {@code name} ("Braund, Mr. Owen Harris") is PERSON_NAME by rule 3, not TEXT: it names
 * people (personal data that must not be copied), its values are short and name-shaped, and a fake of
 * the same shape ("Kub, Mrs. Jane Ann") is more useful than filler text. Detection reads every value
 * once per rule that needs it (distinct values are counted once), so it is linear in the table size;
 * datetime checks sample (see {@link DatetimeFormat#detect}).
 */
public final class MetadataDetector {
    /** The share of values that must match a PII pattern. */
    public static final double PII_MIN_SHARE = 0.9;
    /** The fewest non-missing values for a column to be taken as an ID. */
    public static final int MIN_ID_VALUES = 10;

    private static final Set<String> ID_WORDS = Set.of("id", "uuid", "guid", "pk", "identifier");
    private static final Set<String> ID_LAST_WORDS = Set.of("key", "code", "number", "num", "nr", "no", "ref", "serial", "sku");
    private static final Set<String> NOT_ID_WORDS = Set.of("year", "yr", "month", "day", "hour", "age", "count");
    private static final Set<String> PHONE_WORDS = Set.of("phone", "telephone", "tel", "mobile", "cell", "cellphone", "fax", "msisdn", "phonenumber");
    private static final Set<String> PERSON_WORDS = Set.of("customer", "person", "passenger", "patient", "employee", "client",
            "contact", "owner", "member", "student", "holder", "cardholder", "author", "driver", "applicant", "guest", "buyer",
            "seller", "recipient", "sender", "beneficiary", "manager", "teacher", "doctor", "nurse", "full", "real", "legal", "maiden");
    private static final Set<String> ADDRESS_WORDS = Set.of("address", "addr", "street", "address1", "address2", "addressline", "streetaddress");
    private static final Set<String> NOT_ADDRESS_WORDS = Set.of("email", "mail", "ip", "mac", "web", "url", "wallet", "server", "host");

    private MetadataDetector() {}

    /** The detected spec of every column of {@code raw}, in column order. */
    public static Metadata detect(Table raw) {
        List<ColumnSpec> specs = new ArrayList<>(raw.columnCount());
        for (Column c : raw.columns()) specs.add(detect(c));
        return new Metadata(specs);
    }

    /** The detected spec of one column (see the class comment for the rules). */
    public static ColumnSpec detect(Column column) {
        String[] values;
        SourceType source;
        if (column instanceof StringColumn s) {
            values = s.values();
            source = s.sourceType();
        } else {
            values = new String[column.size()];
            for (int i = 0; i < values.length; i++) values[i] = column.text(i);
            source = column instanceof NumericColumn ? SourceType.DOUBLE : SourceType.STRING;
        }
        return new Profile(column.name(), values, source).detect();
    }

    /** One column's values with the counts every rule shares. */
    private static final class Profile {
        final String name;
        final SourceType source;
        final String[] values;          // stripped; null when missing or blank
        final Map<String, Integer> counts = new HashMap<>();
        final int rows;
        final int present;
        final List<String> words;

        Profile(String name, String[] raw, SourceType source) {
            this.name = name;
            this.source = source;
            this.rows = raw.length;
            this.values = new String[raw.length];
            int m = 0;
            for (int i = 0; i < raw.length; i++) {
                String v = raw[i];
                if (v == null) continue;
                v = v.strip();
                if (v.isEmpty()) continue;
                values[i] = v;
                counts.merge(v, 1, Integer::sum);
                m++;
            }
            this.present = m;
            this.words = ValuePatterns.nameTokens(name);
        }

        ColumnSpec detect() {
            if (present == 0) return emptyColumn();
            switch (source) {
                case BOOLEAN: return ColumnSpec.of(name, ColumnKind.BOOLEAN);
                case DATE: case TIMESTAMP: case TIMESTAMP_TZ: return typedDatetime();
                case DOUBLE: return ColumnSpec.of(name, ColumnKind.NUMERIC);
                default: break;
            }
            ColumnSpec pii = piiByValues();
            if (pii == null) pii = piiByName();
            if (pii != null) return pii;
            ColumnSpec number = numbers();
            if (number != null) return number;
            if (isBooleanPair()) return ColumnSpec.of(name, ColumnKind.BOOLEAN);
            String pattern = DatetimeFormat.detect(values);
            if (pattern != null) return ColumnSpec.datetime(name, pattern);
            if (isTextId()) return id();
            if (isFreeText()) return ColumnSpec.of(name, ColumnKind.TEXT);
            return ColumnSpec.of(name, ColumnKind.CATEGORICAL);
        }

        private ColumnSpec emptyColumn() {
            return switch (source) {
                case BOOLEAN -> ColumnSpec.of(name, ColumnKind.BOOLEAN);
                case INTEGER -> ColumnSpec.of(name, ColumnKind.INTEGER);
                case DOUBLE, DECIMAL -> ColumnSpec.of(name, ColumnKind.NUMERIC);
                case DATE, TIMESTAMP, TIMESTAMP_TZ -> ColumnSpec.datetime(name, defaultPattern(source));
                default -> ColumnSpec.of(name, ColumnKind.CATEGORICAL);
            };
        }

        private ColumnSpec typedDatetime() {
            String pattern = DatetimeFormat.detect(values);
            if (pattern == null || (source == SourceType.TIMESTAMP_TZ) != DatetimeFormat.of(pattern).hasZone()) {
                pattern = defaultPattern(source);
            }
            return ColumnSpec.datetime(name, pattern);
        }

        private static String defaultPattern(SourceType source) {
            return switch (source) {
                case DATE -> "yyyy-MM-dd";
                case TIMESTAMP -> "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]";
                default -> "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]XXX";
            };
        }

        // ---- PII ---------------------------------------------------------------------------------

        private ColumnSpec piiByValues() {
            if (source != SourceType.STRING && source != SourceType.INTEGER) return null;
            if (mostly(ValuePatterns::isEmail)) return ColumnSpec.pii(name, PiiType.EMAIL);
            if (mostly(ValuePatterns::isIban)) return ColumnSpec.pii(name, PiiType.IBAN);
            if (mostly(ValuePatterns::isCard)) return ColumnSpec.pii(name, PiiType.CREDIT_CARD);
            if (mostly(ValuePatterns::isIp)) return ColumnSpec.pii(name, PiiType.IP_ADDRESS);
            if (mostly(v -> ValuePatterns.isStrongPhone(v) && digits(v) >= 8)) return ColumnSpec.pii(name, PiiType.PHONE);
            return null;
        }

        private ColumnSpec piiByName() {
            if (source != SourceType.STRING && source != SourceType.INTEGER) return null;
            if (hasAny(PHONE_WORDS) && mostly(ValuePatterns::isPhoneLike)) return ColumnSpec.pii(name, PiiType.PHONE);
            PiiType nameType = personNameType();
            if (nameType != null && mostly(ValuePatterns::isNameLike)) return ColumnSpec.pii(name, nameType);
            if (hasAny(ADDRESS_WORDS) && !hasAny(NOT_ADDRESS_WORDS) && mostly(ValuePatterns::isAddressLike)) {
                return ColumnSpec.pii(name, PiiType.ADDRESS);
            }
            return null;
        }

        private PiiType personNameType() {
            String joined = String.join("", words);
            boolean nameWord = words.contains("name");
            if ((nameWord && (words.contains("first") || words.contains("given") || words.contains("middle")))
                    || Set.of("firstname", "givenname", "forename", "fname", "middlename").contains(joined)) {
                return PiiType.FIRST_NAME;
            }
            if ((nameWord && (words.contains("last") || words.contains("family")))
                    || words.contains("surname") || Set.of("lastname", "familyname", "lname").contains(joined)) {
                return PiiType.LAST_NAME;
            }
            if (joined.equals("name") || joined.equals("fullname") || (nameWord && hasAny(PERSON_WORDS))) return PiiType.PERSON_NAME;
            return null;
        }

        // ---- numbers -----------------------------------------------------------------------------

        private ColumnSpec numbers() {
            boolean integral = true;
            boolean nonNegative = true;
            boolean fitsLong = true;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (String v : counts.keySet()) {
                if (!ValuePatterns.isNumber(v) || ValuePatterns.hasLeadingZero(v)) return null;
                if (v.charAt(0) == '-' && !isZero(v)) nonNegative = false;
                if (ValuePatterns.isIntegerText(v)) {
                    if (fitsLong) {
                        try {
                            long x = Long.parseLong(v.charAt(0) == '+' ? v.substring(1) : v);
                            min = Math.min(min, x);
                            max = Math.max(max, x);
                        } catch (NumberFormatException e) {
                            fitsLong = false;
                        }
                    }
                } else {
                    integral = false;
                }
            }
            if (!integral && source != SourceType.INTEGER) return ColumnSpec.of(name, ColumnKind.NUMERIC);
            int distinct = counts.size();
            // Math.rint rounds half to even, as Python's round() in SDV's rule does (round(2.5) == 2).
            if (rows > 5 && nonNegative && distinct <= Math.min(Math.rint(rows / 10.0), 10)) {
                return ColumnSpec.of(name, ColumnKind.CATEGORICAL);
            }
            if (distinct == present && present >= MIN_ID_VALUES && nonNegative) {
                boolean consecutive = fitsLong && !hasAny(NOT_ID_WORDS)
                        && BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE)
                            .compareTo(BigInteger.valueOf((long) Math.floor(1.5 * distinct))) <= 0;
                if (hasIdHint() || consecutive) return id();
            }
            return ColumnSpec.of(name, fitsLong ? ColumnKind.INTEGER : ColumnKind.NUMERIC);
        }

        private static boolean isZero(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c >= '1' && c <= '9') return false;
                if (c == 'e' || c == 'E') break;
            }
            return true;
        }

        // ---- the rest ----------------------------------------------------------------------------

        private boolean isBooleanPair() {
            if (counts.size() != 2) return false;
            Set<String> lower = new java.util.HashSet<>();
            for (String v : counts.keySet()) lower.add(v.toLowerCase(Locale.ROOT));
            return lower.equals(Set.of("true", "false")) || lower.equals(Set.of("yes", "no"))
                    || lower.equals(Set.of("y", "n")) || lower.equals(Set.of("t", "f"));
        }

        private boolean isTextId() {
            if (counts.size() != present || present < MIN_ID_VALUES) return false;
            boolean allUuid = true;
            boolean allDigits = true;
            for (String v : counts.keySet()) {
                if (v.length() > 64 || ValuePatterns.hasWhitespace(v)) return false;
                allUuid &= ValuePatterns.isUuid(v);
                allDigits &= ValuePatterns.hasDigit(v);
            }
            return allUuid || allDigits || hasIdHint();
        }

        private boolean isFreeText() {
            if (counts.size() * 2 < present) return false;
            double words = 0;
            double chars = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                words += (double) ValuePatterns.wordCount(e.getKey()) * e.getValue();
                chars += (double) e.getKey().length() * e.getValue();
            }
            double meanWords = words / present;
            double meanChars = chars / present;
            return meanWords >= 5 || (meanChars >= 40 && meanWords >= 3);
        }

        private ColumnSpec id() {
            return new ColumnSpec(name, ColumnKind.ID, IdGenerator.learn(values).shape(), null, null, null);
        }

        private boolean hasIdHint() {
            if (words.isEmpty()) return false;
            return hasAny(ID_WORDS) || ID_LAST_WORDS.contains(words.get(words.size() - 1));
        }

        private boolean hasAny(Set<String> set) {
            for (String w : words) if (set.contains(w)) return true;
            return false;
        }

        /**
         * Whether at least {@link #PII_MIN_SHARE} of the non-missing values pass {@code test}; each distinct
         * value is tested once, and the scan stops as soon as too many have failed (most columns fail fast).
         */
        private boolean mostly(Predicate<String> test) {
            long allowedMisses = (long) Math.floor((1 - PII_MIN_SHARE) * present + 1e-9);
            long misses = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (!test.test(e.getKey())) {
                    misses += e.getValue();
                    if (misses > allowedMisses) return false;
                }
            }
            return true;
        }

        private static int digits(String v) {
            int d = 0;
            for (int i = 0; i < v.length(); i++) if (v.charAt(i) >= '0' && v.charAt(i) <= '9') d++;
            return d;
        }
    }
}
