package dev.ersatz.core.fake;

import dev.ersatz.core.InputException;
import dev.ersatz.core.PiiType;
import dev.ersatz.core.detect.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiFakerTest {
    private static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas"};
    private static final String[] LAST = {"Garcia", "Smith", "Nguyen", "Müller", "Okafor", "Rossi", "Kowalski", "Tanaka", "Silva", "Brown"};
    private static final String[] REAL_DOMAINS = {"gmail.com", "yahoo.co.uk", "acme-corp.io", "uni-heidelberg.de"};

    private static String[] rows(int n, IntFunction<String> f) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = f.apply(i);
        return out;
    }

    /** Realistic real values of each type, made here so the test does not depend on a PII dataset. */
    private static String[] real(PiiType type) {
        Random r = new Random(type.ordinal());
        return switch (type) {
            case EMAIL -> rows(300, i -> {
                String f = FIRST[r.nextInt(FIRST.length)].toLowerCase(Locale.ROOT);
                String l = LAST[r.nextInt(LAST.length)].toLowerCase(Locale.ROOT).replace("ü", "u");
                String local = i % 3 == 0 ? f + "." + l : i % 3 == 1 ? f.charAt(0) + l + r.nextInt(100) : f + "_" + l;
                return local + "@" + REAL_DOMAINS[r.nextInt(REAL_DOMAINS.length)];
            });
            case PHONE -> rows(300, i -> i % 4 == 0
                    ? String.format("+44 20 %04d %04d", r.nextInt(10_000), r.nextInt(10_000))
                    : String.format("(%d%02d) %d%02d-%04d", 2 + r.nextInt(8), r.nextInt(100), 2 + r.nextInt(8), r.nextInt(100), r.nextInt(10_000)));
            case CREDIT_CARD -> rows(300, i -> {
                String payload = (i % 3 == 0 ? "4" : i % 3 == 1 ? "5" + (1 + r.nextInt(5)) : "37") + digits(r, i % 3 == 2 ? 12 : i % 3 == 0 ? 14 : 13);
                String number = payload + Checksums.luhnCheckDigit(payload);
                return i % 3 == 2 ? number.substring(0, 4) + " " + number.substring(4, 10) + " " + number.substring(10)
                        : number.replaceAll("(.{4})(?!$)", "$1 ");
            });
            case IBAN -> rows(300, i -> {
                if (i % 2 == 0) {
                    String bban = digits(r, 18);
                    return ("DE" + Checksums.ibanCheckDigits("DE", bban) + bban).replaceAll("(.{4})(?!$)", "$1 ");
                }
                String bban = "NWBK" + digits(r, 14);
                return "GB" + Checksums.ibanCheckDigits("GB", bban) + bban;
            });
            case IP_ADDRESS -> rows(300, i -> i % 5 == 0
                    ? String.format("2a02:%x:%x::%x", r.nextInt(65536), r.nextInt(65536), 1 + r.nextInt(65535))
                    : (11 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
            case PERSON_NAME -> rows(300, i -> FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)] + "-" + LAST[r.nextInt(LAST.length)]);
            case FIRST_NAME -> rows(300, i -> FIRST[r.nextInt(FIRST.length)].toUpperCase(Locale.ROOT));
            case LAST_NAME -> rows(300, i -> LAST[r.nextInt(LAST.length)]);
            case ADDRESS -> rows(300, i -> (1 + r.nextInt(999)) + " " + LAST[r.nextInt(LAST.length)] + (i % 2 == 0 ? " Street" : " Avenue, Springfield"));
        };
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        return sb.toString();
    }

    // ---- every type ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(PiiType.class)
    void generate_sameSeed_sameValues(PiiType type) {
        PiiFaker f = PiiFaker.learn(type, real(type));
        assertThat(f.generate(200, 7)).containsExactly(f.generate(200, 7));
        assertThat(f.generate(200, 8)).isNotEqualTo(f.generate(200, 7));
    }

    @ParameterizedTest
    @EnumSource(PiiType.class)
    void fromDescriptor_learnedDescriptor_roundTripsToSameValues(PiiType type) {
        PiiFaker learned = PiiFaker.learn(type, real(type));
        PiiFaker restored = PiiFaker.fromDescriptor(type, learned.descriptor());
        assertThat(restored.descriptor()).isEqualTo(learned.descriptor());
        assertThat(restored.generate(100, 3)).containsExactly(learned.generate(100, 3));
    }

    @ParameterizedTest
    @EnumSource(PiiType.class)
    void descriptor_learned_holdsNoRealValue(PiiType type) {
        String d = PiiFaker.learn(type, real(type)).descriptor();
        for (String v : real(type)) assertThat(d).doesNotContain(v);
        for (String n : FIRST) assertThat(d.toLowerCase(Locale.ROOT)).doesNotContain(n.toLowerCase(Locale.ROOT));
        for (String n : LAST) assertThat(d.toLowerCase(Locale.ROOT)).doesNotContain(n.toLowerCase(Locale.ROOT));
        for (String domain : REAL_DOMAINS) assertThat(d).doesNotContain(domain);
    }

    @ParameterizedTest
    @EnumSource(value = PiiType.class, names = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "PERSON_NAME", "ADDRESS"})
    void generate_formatWithRoom_neverEqualsRealValue(PiiType type) {
        String[] real = real(type);
        Set<String> realSet = new HashSet<>(Arrays.asList(real));
        for (String fake : PiiFaker.learn(type, real).generate(5000, 1)) assertThat(realSet).doesNotContain(fake);
    }

    @ParameterizedTest
    @EnumSource(PiiType.class)
    void learn_noValues_givesWorkingDefault(PiiType type) {
        PiiFaker f = PiiFaker.learn(type, new String[] {null, ""});
        assertThat(f.generate(10, 1)).hasSize(10).doesNotContainNull();
        assertThat(PiiFaker.fromDescriptor(type, f.descriptor()).descriptor()).isEqualTo(f.descriptor());
        assertThat(f.generate(0, 1)).isEmpty();
    }

    // ---- per type ------------------------------------------------------------------------------

    @Test
    void generate_email_usesReservedDomainsAndLearnedStyle() {
        PiiFaker f = PiiFaker.learn(PiiType.EMAIL, real(PiiType.EMAIL));
        assertThat(f.descriptor()).startsWith("dot=0.3").contains("underscore=0.3");
        for (String e : f.generate(1000, 2)) {
            assertThat(e).matches("[a-z0-9._]+@[a-z]+\\.example\\.(com|org|net)");
        }
    }

    @Test
    void generate_phone_keepsMasksAndCountryCode() {
        PiiFaker f = PiiFaker.learn(PiiType.PHONE, real(PiiType.PHONE));
        assertThat(f.descriptor()).contains("+44 20 #### ####").contains("(N##) N##-####");
        int uk = 0;
        for (String p : f.generate(1000, 2)) {
            assertThat(p).matches("\\+44 20 \\d{4} \\d{4}|\\([2-9]\\d\\d\\) [2-9]\\d\\d-\\d{4}");
            if (p.startsWith("+44")) uk++;
        }
        // a quarter of the real numbers are British; 1,000 draws: 250 +- 5 sd (sd ~ 13.7)
        assertThat(uk).isBetween(180, 320);
    }

    @Test
    void generate_creditCard_keepsNetworkLengthGroupingAndLuhn() {
        PiiFaker f = PiiFaker.learn(PiiType.CREDIT_CARD, real(PiiType.CREDIT_CARD));
        assertThat(f.descriptor()).contains("visa:#### #### #### ####").contains("mastercard:#### #### #### ####")
                .contains("amex:#### ###### #####");
        for (String c : f.generate(1000, 2)) {
            assertThat(Checksums.luhnValid(c)).as(c).isTrue();
            assertThat(c).matches("4\\d{3}( \\d{4}){3}|(5[1-5]|2[2-7])\\d{2}( \\d{4}){3}|3[47]\\d{2} \\d{6} \\d{5}");
        }
    }

    @Test
    void generate_iban_keepsCountryLayoutAndValidCheckDigits() {
        PiiFaker f = PiiFaker.learn(PiiType.IBAN, real(PiiType.IBAN));
        assertThat(f.descriptor()).contains("DE:##################:4").contains("GB:AAAA##############:0");
        for (String iban : f.generate(1000, 2)) {
            assertThat(Checksums.ibanValid(iban)).as(iban).isTrue();
            assertThat(iban).matches("DE\\d{2}( \\d{4}){4} \\d{2}|GB\\d{2}[A-Z]{4}\\d{14}");
        }
    }

    @Test
    void generate_ip_keepsVersionShare() {
        PiiFaker f = PiiFaker.learn(PiiType.IP_ADDRESS, real(PiiType.IP_ADDRESS));
        assertThat(f.descriptor()).isEqualTo("v4=0.80");
        int v6 = 0;
        for (String ip : f.generate(1000, 2)) {
            if (ip.contains(":")) {
                v6++;
                assertThat(ip).startsWith("2001:db8:");
            } else {
                assertThat(ip).matches("\\d{1,3}(\\.\\d{1,3}){3}");
                for (String part : ip.split("\\.")) assertThat(Integer.parseInt(part)).isBetween(0, 255);
            }
        }
        assertThat(v6).isBetween(140, 260); // 200 expected, sd ~ 12.6
    }

    @Test
    void generate_firstNames_keepUpperCase() {
        PiiFaker f = PiiFaker.learn(PiiType.FIRST_NAME, real(PiiType.FIRST_NAME));
        assertThat(f.descriptor()).isEqualTo("case=upper");
        for (String n : f.generate(200, 2)) assertThat(n).isEqualTo(n.toUpperCase(Locale.ROOT)).isNotBlank();
    }

    @Test
    void generate_addresses_mixStreetAndFullByShare() {
        PiiFaker f = PiiFaker.learn(PiiType.ADDRESS, real(PiiType.ADDRESS));
        assertThat(f.descriptor()).isEqualTo("full=0.50;case=mixed");
        long full = Arrays.stream(f.generate(1000, 2)).filter(a -> a.contains(",")).count();
        assertThat(full).isBetween(400L, 600L);
    }

    @Test
    void generate_titanicNames_keepLastFirstTitleFormat() {
        String[] real = Datasets.column("titanic/titanic_kaggle_train.csv", "name");
        PiiFaker f = PiiFaker.learn(PiiType.PERSON_NAME, real);
        assertThat(f.descriptor()).startsWith("lastFirst=1.00;title=").endsWith("case=mixed");
        Set<String> realSet = new HashSet<>(Arrays.asList(real));
        String[] fakes = f.generate(2000, 2);
        for (String n : fakes) {
            assertThat(realSet).doesNotContain(n);
            assertThat(n).matches("[^,]+, .+");
        }
        long titled = Arrays.stream(fakes).filter(n -> n.matches("[^,]+, (Mr|Mrs|Ms|Miss|Dr)\\.? .+")).count();
        assertThat(titled).isGreaterThan(1800);
    }

    // ---- descriptors ---------------------------------------------------------------------------

    @Test
    void fromDescriptor_malformed_throwsInputExceptionNamingDescriptor() {
        for (Object[] c : List.of(
                new Object[] {PiiType.EMAIL, "dot=2"},
                new Object[] {PiiType.EMAIL, "colour=blue"},
                new Object[] {PiiType.PHONE, "x:(###)"},
                new Object[] {PiiType.CREDIT_CARD, "1000:visa:####"},
                new Object[] {PiiType.CREDIT_CARD, "1000:acme:################"},
                new Object[] {PiiType.IBAN, "1000:de:####:4"},
                new Object[] {PiiType.PERSON_NAME, "case=sideways"})) {
            assertThatThrownBy(() -> PiiFaker.fromDescriptor((PiiType) c[0], (String) c[1]))
                    .as("%s", c[1]).isInstanceOf(InputException.class).hasMessageContaining((String) c[1]);
        }
        assertThatThrownBy(() -> PiiFaker.fromDescriptor(PiiType.PHONE, " ")).isInstanceOf(InputException.class);
    }

    @Test
    void fromDescriptor_escapedSemicolonInMask_isLiteral() {
        PiiFaker f = PiiFaker.fromDescriptor(PiiType.PHONE, "1000:###\\;###");
        assertThat(f.generate(5, 1)).allSatisfy(p -> assertThat(p).matches("\\d{3};\\d{3}"));
    }
}
