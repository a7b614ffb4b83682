package dev.ersatz.core.detect;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.PiiType;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.fake.IdGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** One test or more per detection rule, on small hand-made columns; real datasets are in {@link DatasetDetectionTest}. */
class MetadataDetectorTest {

    private static ColumnSpec detect(String name, String... values) {
        return MetadataDetector.detect(new StringColumn(name, values));
    }

    private static ColumnSpec detect(String name, SourceType type, String... values) {
        return MetadataDetector.detect(new StringColumn(name, values, type));
    }

    private static String[] rows(int n, IntFunction<String> f) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = f.apply(i);
        return out;
    }

    // ---- numbers -------------------------------------------------------------------------------

    @Test
    void detect_integersWithManyValues_isInteger() {
        assertThat(detect("age", rows(200, i -> Integer.toString(18 + i % 60))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_decimals_isNumeric() {
        assertThat(detect("x", rows(100, i -> (i % 7) + "." + i)).kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void detect_signsExponentsAndMissing_isNumeric() {
        assertThat(detect("x", "-1.5", "+2", "3e5", "1.2E-3", null, ".5", "NaN", "-7").kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void detect_integralWrittenWithPoint_isNumeric() {
        assertThat(detect("x", rows(100, i -> i % 37 + ".0")).kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void detect_doubleSourceWithFewValues_staysNumeric() {
        assertThat(detect("x", SourceType.DOUBLE, rows(100, i -> i % 2 == 0 ? "1.0" : "2.0")).kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(MetadataDetector.detect(new NumericColumn("x", new double[] {1, 2, 1, 2, 1, 2, 1, 2})).kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void detect_fewNonNegativeIntegers_isCategoricalBySdvRule() {
        // 3 distinct values, n = 344: 3 <= min(round(34.4), 10)
        assertThat(detect("year", rows(344, i -> Integer.toString(2007 + i % 3))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_categoricalThresholdAtHalf_roundsHalfToEvenLikeSdv() {
        // n = 25: SDV's round(2.5) is 2, so 3 distinct values stay integers and 2 are categories
        assertThat(detect("x", rows(25, i -> Integer.toString(i % 3))).kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(detect("x", rows(25, i -> Integer.toString(i % 2))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_elevenDistinctIntegers_isInteger() {
        assertThat(detect("score", rows(1000, i -> Integer.toString(i % 11))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_fewNegativeIntegers_isInteger() {
        assertThat(detect("delta", rows(100, i -> Integer.toString(i % 3 - 1))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_fewIntegersInTinyTable_isInteger() {
        // n = 5: SDV's rule needs more than 5 rows
        assertThat(detect("x", "1", "2", "1", "2", "1").kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_leadingZeros_isNotANumber() {
        ColumnSpec zip = detect("zip", rows(100, i -> String.format("%05d", 1000 + i % 40)));
        assertThat(zip.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_integerBeyond64Bits_isNumeric() {
        assertThat(detect("big", rows(100, i -> "1234567890123456789012" + (i % 50))).kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    // ---- ids -----------------------------------------------------------------------------------

    @Test
    void detect_uniqueIntegersWithIdName_isIdWithDigitShape() {
        String[] ids = rows(500, i -> Integer.toString(1000 + i * 7));
        ColumnSpec spec = detect("customer_id", ids);
        assertThat(spec.kind()).isEqualTo(ColumnKind.ID);
        assertThat(spec.format()).isEqualTo("{4}");
        assertThat(detect("PassengerId", ids).kind()).isEqualTo(ColumnKind.ID);
    }

    @Test
    void detect_uniqueConsecutiveIntegersWithoutHint_isId() {
        ColumnSpec spec = detect("row", rows(891, i -> Integer.toString(891 - i)));
        assertThat(spec.kind()).isEqualTo(ColumnKind.ID);
        assertThat(spec.format()).isEqualTo("{1-3}");
    }

    @Test
    void detect_uniqueSpreadIntegersWithoutHint_isInteger() {
        Random r = new Random(1);
        assertThat(detect("weight", rows(300, i -> Integer.toString(i * 1000 + r.nextInt(1000)))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_uniqueConsecutiveYears_isInteger() {
        assertThat(detect("year", rows(100, i -> Integer.toString(1900 + i))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_uniqueFloats_isNumeric() {
        assertThat(detect("id", rows(100, i -> i + ".5")).kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void detect_uniqueIntegersTooFew_isInteger() {
        assertThat(detect("id", "1", "2", "3", "4", "5").kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_uuids_isIdWithUuidShape() {
        Random r = new Random(2);
        ColumnSpec spec = detect("ref", rows(50, i -> new UUID(r.nextLong(), r.nextLong()).toString()));
        assertThat(spec.kind()).isEqualTo(ColumnKind.ID);
        assertThat(spec.format()).isEqualTo("uuid");
    }

    @Test
    void detect_uniqueCodes_isIdWithMask() {
        ColumnSpec spec = detect("order", rows(400, i -> String.format("C-%05d", 17 + i * 3)));
        assertThat(spec.kind()).isEqualTo(ColumnKind.ID);
        assertThat(spec.format()).isEqualTo("C-#####");
        IdGenerator.fromShape(spec.format());
    }

    @Test
    void detect_uniqueWordsWithoutHint_isCategorical() {
        String[] words = {"apple", "pear", "plum", "fig", "kiwi", "lime", "lemon", "mango", "grape", "melon", "peach", "cherry"};
        assertThat(detect("fruit", words).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_repeatedCodes_isNotId() {
        assertThat(detect("cabin", rows(100, i -> "C" + (i % 60))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    // ---- booleans ------------------------------------------------------------------------------

    @Test
    void detect_booleanPairsInAnyCase_isBoolean() {
        for (String[] pair : List.of(new String[] {"true", "false"}, new String[] {"Yes", "No"}, new String[] {"Y", "N"},
                new String[] {"t", "f"}, new String[] {"TRUE", "FALSE"})) {
            assertThat(detect("flag", rows(40, i -> pair[i % 2])).kind()).as(pair[0]).isEqualTo(ColumnKind.BOOLEAN);
        }
    }

    @Test
    void detect_booleanSourceType_isBoolean() {
        assertThat(detect("flag", SourceType.BOOLEAN, "true", "true").kind()).isEqualTo(ColumnKind.BOOLEAN);
    }

    @Test
    void detect_twoOtherLabels_isCategorical() {
        assertThat(detect("sex", rows(40, i -> i % 2 == 0 ? "male" : "female")).kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(detect("flag", rows(40, i -> i % 2 == 0 ? "yes" : "false")).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_zeroOne_isCategoricalNotBoolean() {
        assertThat(detect("survived", rows(100, i -> Integer.toString(i % 2))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    // ---- datetimes -----------------------------------------------------------------------------

    @Test
    void detect_isoDates_isDatetimeWithPattern() {
        ColumnSpec spec = detect("joined", rows(50, i -> String.format("2020-%02d-%02d", 1 + i % 12, 1 + i % 28)));
        assertThat(spec.kind()).isEqualTo(ColumnKind.DATETIME);
        assertThat(spec.format()).isEqualTo("yyyy-MM-dd");
    }

    @Test
    void detect_zonedTimestamps_keepsZoneInPattern() {
        ColumnSpec spec = detect("at", rows(50, i -> String.format("2020-01-%02dT10:%02d:00+01:00", 1 + i % 28, i)));
        assertThat(spec.format()).isEqualTo("yyyy-MM-dd'T'HH:mm:ssXXX");
    }

    @Test
    void detect_dayFirstDates_isDayFirst() {
        ColumnSpec spec = detect("d", rows(50, i -> String.format("%02d/%02d/2021", 1 + i % 28, 1 + i % 12)));
        assertThat(spec.format()).isEqualTo("dd/MM/yyyy");
    }

    @Test
    void detect_typedDateAndTimestamp_mapsDirectly() {
        assertThat(detect("d", SourceType.DATE, "2021-01-01", "2021-01-02").format()).isEqualTo("yyyy-MM-dd");
        assertThat(detect("t", SourceType.TIMESTAMP, "2021-01-01T10:00:00", "2021-01-01T10:00:00.5").format())
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ss[.S]");
        assertThat(detect("z", SourceType.TIMESTAMP_TZ, "2021-01-01T10:00:00Z", "2021-01-01T10:00:00+02:00").format())
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ssXXX");
        assertThat(detect("e", SourceType.TIMESTAMP, null, null).format()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]");
    }

    @Test
    void detect_compactDateIntegers_isNotDatetime() {
        assertThat(detect("day", rows(100, i -> Integer.toString(20240101 + i * 3))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    // ---- pii -----------------------------------------------------------------------------------

    @Test
    void detect_emails_isEmailPii() {
        ColumnSpec spec = detect("contact", rows(30, i -> "user" + i + "@mail" + (i % 3) + ".com"));
        assertThat(spec.kind()).isEqualTo(ColumnKind.PII);
        assertThat(spec.pii()).isEqualTo(PiiType.EMAIL);
    }

    @Test
    void detect_mostlyEmails_isEmailOnlyAboveNinetyPercent() {
        assertThat(detect("c", rows(100, i -> i < 91 ? "u" + i + "@x.org" : "n/a" + i)).pii()).isEqualTo(PiiType.EMAIL);
        assertThat(detect("c", rows(100, i -> i < 89 ? "u" + i + "@x.org" : "n/a" + i)).pii()).isNull();
    }

    @Test
    void detect_phonesWithHint_isPhone() {
        Random r = new Random(3);
        assertThat(detect("phone_number", rows(40, i -> String.format("%03d %07d", 200 + r.nextInt(700), r.nextInt(10_000_000)))).pii())
                .isEqualTo(PiiType.PHONE);
        assertThat(detect("mobile", rows(40, i -> Long.toString(7_000_000_000L + r.nextInt(1_000_000_000)))).pii())
                .isEqualTo(PiiType.PHONE);
    }

    @Test
    void detect_internationalPhonesWithoutHint_isPhone() {
        Random r = new Random(4);
        assertThat(detect("c", rows(40, i -> String.format("+44 20 %04d %04d", r.nextInt(10_000), r.nextInt(10_000)))).pii())
                .isEqualTo(PiiType.PHONE);
        assertThat(detect("c", rows(40, i -> String.format("(%03d) %03d-%04d", 200 + r.nextInt(700), r.nextInt(1000), r.nextInt(10_000)))).pii())
                .isEqualTo(PiiType.PHONE);
    }

    @Test
    void detect_plainDigitsWithoutPhoneHint_isNotPhone() {
        Random r = new Random(5);
        assertThat(detect("amount", rows(100, i -> Integer.toString(1_000_000 + r.nextInt(8_000_000)))).kind()).isEqualTo(ColumnKind.INTEGER);
    }

    @Test
    void detect_luhnValidCards_isCreditCard() {
        String[] cards = {"4111 1111 1111 1111", "5500 0000 0000 0004", "3400 0000 0000 009", "6011 0000 0000 0004",
                "4012 8888 8888 1881", "5105 1051 0510 5100", "3782 8224 6310 005", "4222 2222 2222 2"};
        ColumnSpec spec = detect("c", cards);
        assertThat(spec.pii()).isEqualTo(PiiType.CREDIT_CARD);
        assertThat(detect("card", SourceType.INTEGER, "4111111111111111", "5500000000000004", "4012888888881881").pii())
                .isEqualTo(PiiType.CREDIT_CARD);
    }

    @Test
    void detect_sixteenDigitNumbersFailingLuhn_isNotCreditCard() {
        Random r = new Random(6);
        String[] values = rows(100, i -> {
            long x = 1_000_000_000_000_000L + (long) (r.nextDouble() * 8e15);
            return Long.toString(x);
        });
        assertThat(detect("c", values).pii()).isNull();
    }

    @Test
    void detect_ibans_isIban() {
        String[] ibans = {"GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606",
                "NL91ABNA0417164300", "BE68539007547034"};
        assertThat(detect("account", ibans).pii()).isEqualTo(PiiType.IBAN);
    }

    @Test
    void detect_ibanLookalikesWithBadCheckDigits_isNotIban() {
        String[] fake = {"GB00 WEST 1234 5698 7654 32", "DE00 3704 0044 0532 0130 00", "NL00ABNA0417164300"};
        assertThat(detect("account", fake).pii()).isNull();
    }

    @Test
    void detect_ipAddresses_isIp() {
        assertThat(detect("src", "192.168.0.1", "10.0.0.254", "2001:db8::1", "8.8.8.8", "fe80::1%eth0", "::1").pii())
                .isEqualTo(PiiType.IP_ADDRESS);
        assertThat(detect("v", "1.2.3", "256.1.1.1", "1.2.3.4.5").pii()).isNull();
    }

    @Test
    void detect_namesByHint_givesNameTypes() {
        String[] full = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Emmy Noether", "Édouard Lucas"};
        String[] first = {"Ada", "Alan", "Grace", "Emmy", "Zoë", "Ada"};
        String[] last = {"Lovelace", "Turing", "Hopper", "Noether", "O'Brien"};
        assertThat(detect("name", full).pii()).isEqualTo(PiiType.PERSON_NAME);
        assertThat(detect("customerName", full).pii()).isEqualTo(PiiType.PERSON_NAME);
        assertThat(detect("full_name", full).pii()).isEqualTo(PiiType.PERSON_NAME);
        assertThat(detect("first_name", first).pii()).isEqualTo(PiiType.FIRST_NAME);
        assertThat(detect("GivenName", first).pii()).isEqualTo(PiiType.FIRST_NAME);
        assertThat(detect("surname", last).pii()).isEqualTo(PiiType.LAST_NAME);
        assertThat(detect("last_name", last).pii()).isEqualTo(PiiType.LAST_NAME);
    }

    @Test
    void detect_nonPersonNames_isNotPii() {
        String[] products = {"Widget", "Gadget", "Gizmo", "Doohickey", "Thingamajig"};
        assertThat(detect("product_name", products).kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(detect("name", "A1", "B2", "C3", "D4").pii()).isNull();
    }

    @Test
    void detect_addressesByHint_isAddress() {
        String[] streets = {"12 Main Street", "7 Elm Road, Springfield", "221B Baker Street", "1600 Pennsylvania Avenue NW"};
        assertThat(detect("street_address", streets).pii()).isEqualTo(PiiType.ADDRESS);
        assertThat(detect("Address", streets).pii()).isEqualTo(PiiType.ADDRESS);
        assertThat(detect("email_address", streets).pii()).isNull();
    }

    // ---- text and the rest ---------------------------------------------------------------------

    @Test
    void detect_longDistinctSentences_isText() {
        String[] words = {"the", "film", "is", "a", "quiet", "triumph", "of", "style", "over", "substance", "and", "charm"};
        Random r = new Random(7);
        String[] reviews = rows(60, i -> {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 8 + r.nextInt(10); k++) sb.append(words[r.nextInt(words.length)]).append(' ');
            return sb.toString().trim() + " " + i;
        });
        assertThat(detect("review", reviews).kind()).isEqualTo(ColumnKind.TEXT);
    }

    @Test
    void detect_repeatedPhrases_isCategorical() {
        String[] phrases = {"very satisfied with the service overall", "not satisfied with the service at all"};
        assertThat(detect("answer", rows(100, i -> phrases[i % 2] + (i % 3))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void detect_allMissing_followsSourceType() {
        assertThat(detect("x", new String[] {null, null, "  "}).kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(detect("x", SourceType.INTEGER, (String) null).kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(detect("x", SourceType.DOUBLE, (String) null).kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(detect("x", SourceType.DATE, (String) null).format()).isEqualTo("yyyy-MM-dd");
    }

    @Test
    void detect_zeroRows_givesSpecPerColumn() {
        Table empty = new Table(List.of(new StringColumn("a", new String[0]), new StringColumn("b", new String[0], SourceType.DOUBLE)));
        assertThat(MetadataDetector.detect(empty).columns()).extracting(ColumnSpec::kind)
                .containsExactly(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC);
    }

    @Test
    void detect_table_keepsColumnOrderAndNames() {
        Table t = new Table(List.of(new StringColumn("b", new String[] {"1", "2"}), new StringColumn("a", new String[] {"x", "y"})));
        assertThat(MetadataDetector.detect(t).names()).containsExactly("b", "a");
    }

    @Test
    void nameTokens_mixedConventions_splitsIntoWords() {
        assertThat(ValuePatterns.nameTokens("PassengerId")).containsExactly("passenger", "id");
        assertThat(ValuePatterns.nameTokens("first_name")).containsExactly("first", "name");
        assertThat(ValuePatterns.nameTokens("IDNumber")).containsExactly("id", "number");
        assertThat(ValuePatterns.nameTokens("address-line 2")).containsExactly("address", "line", "2");
        assertThat(ValuePatterns.nameTokens("customerUUID")).containsExactly("customer", "uuid");
    }
}
