package dev.ersatz.core.fake;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdGeneratorTest {

    private static String[] rows(int n, IntFunction<String> f) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = f.apply(i);
        return out;
    }

    // ---- learning ------------------------------------------------------------------------------

    @Test
    void learn_integersOfVaryingWidth_givesDigitRange() {
        assertThat(IdGenerator.learn(rows(891, i -> Integer.toString(i + 1))).shape()).isEqualTo("{1-3}");
    }

    @Test
    void learn_integersOfOneWidth_givesExactDigits() {
        assertThat(IdGenerator.learn(rows(100, i -> Integer.toString(100_000 + i * 977))).shape()).isEqualTo("{6}");
    }

    @Test
    void learn_zeroPaddedCodes_givesMaskWithLiteralPrefix() {
        assertThat(IdGenerator.learn(rows(500, i -> String.format("C-%05d", i * 3))).shape()).isEqualTo("C-#####");
    }

    @Test
    void learn_prefixAndUnpaddedNumber_givesPrefixedRange() {
        assertThat(IdGenerator.learn(rows(250, i -> "INV-" + (i + 1))).shape()).isEqualTo("INV-{1-3}");
    }

    @Test
    void learn_lettersThenDigits_givesLetterAndDigitClasses() {
        Random r = new Random(1);
        String[] values = rows(300, i -> "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + String.format("%04d", r.nextInt(10_000)));
        assertThat(IdGenerator.learn(values).shape()).isEqualTo("AA####");
    }

    @Test
    void learn_classLetterAsConstantPrefix_isEscaped() {
        String shape = IdGenerator.learn(rows(100, i -> String.format("A%03d", i))).shape();
        assertThat(shape).isEqualTo("\\A###");
        assertThat(IdGenerator.fromShape(shape).generate(0, 1)).matches("A\\d{3}");
    }

    @Test
    void learn_lowerCaseHex_givesHexClass() {
        Random r = new Random(2);
        String[] values = rows(200, i -> String.format("%08x", r.nextInt()));
        assertThat(IdGenerator.learn(values).shape()).isEqualTo("hhhhhhhh");
    }

    @Test
    void learn_uuids_givesUuidInTheirCase() {
        Random r = new Random(3);
        String[] lower = rows(50, i -> new UUID(r.nextLong(), r.nextLong()).toString());
        assertThat(IdGenerator.learn(lower).shape()).isEqualTo("uuid");
        String[] upper = Arrays.stream(lower).map(String::toUpperCase).toArray(String[]::new);
        assertThat(IdGenerator.learn(upper).shape()).isEqualTo("UUID");
    }

    @Test
    void learn_fewKeys_keepsNoLettersOfRealKey() {
        String shape = IdGenerator.learn(new String[] {"XK42", "QZ17"}).shape();
        assertThat(shape).doesNotContain("XK").doesNotContain("QZ").isEqualTo("AA##");
    }

    @Test
    void learn_noValues_givesUuid() {
        assertThat(IdGenerator.learn(new String[] {null, " "}).shape()).isEqualTo("uuid");
        assertThat(IdGenerator.learn(new String[0]).shape()).isEqualTo("uuid");
    }

    // ---- shapes --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{1-3}      | [1-9]\\d{0,2}",
            "{6}        | [1-9]\\d{5}",
            "C-#####    | C-\\d{5}",
            "INV-{1-4}  | INV-[1-9]\\d{0,3}",
            "AA####     | [A-Z]{2}\\d{4}",
            "xxxx-XX    | [0-9a-z]{4}-[0-9A-Z]{2}",
            "hhhhhhhh   | [0-9a-f]{8}",
            "\\A\\#-a## | A#-[a-z]\\d{2}",
            "uuid       | [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
            "UUID       | [0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}",
    })
    void generate_shape_matchesItsFormat(String shape, String regex) {
        IdGenerator g = IdGenerator.fromShape(shape);
        assertThat(g.shape()).isEqualTo(shape);
        Pattern p = Pattern.compile(regex);
        long n = Math.min(999, g.capacity()); // {1-3} grows a digit after 999 keys
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < n; i++) {
            String key = g.generate(i, 99);
            assertThat(key).matches(p);
            assertThat(seen.add(key)).as("duplicate %s", key).isTrue();
        }
    }

    @Test
    void fromShape_learnedShape_roundTripsToSameKeys() {
        IdGenerator learned = IdGenerator.learn(rows(300, i -> String.format("ORD-%06d", i * 17)));
        IdGenerator restored = IdGenerator.fromShape(learned.shape());
        for (long i = 0; i < 100; i++) assertThat(restored.generate(i, 5)).isEqualTo(learned.generate(i, 5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"---", "{0-3}", "{3-1}", "{19}", "{1-2}{3}", "A{x}", "{3", "3}", "abc\\"})
    void fromShape_malformed_throwsInputExceptionNamingShape(String shape) {
        assertThatThrownBy(() -> IdGenerator.fromShape(shape)).isInstanceOf(InputException.class).hasMessageContaining(shape);
    }

    // ---- generation ----------------------------------------------------------------------------

    @Test
    void generate_oneMillionRowsOfLearnedIntegerShape_allDistinct() {
        IdGenerator g = IdGenerator.learn(rows(891, i -> Integer.toString(i + 1)));
        long[] keys = new long[1_000_000];
        for (int i = 0; i < keys.length; i++) keys[i] = Long.parseLong(g.generate(i, 2024));
        // The first 999 rows use the learned width; the rest grow a digit at a time.
        for (int i = 0; i < 999; i++) assertThat(keys[i]).isBetween(1L, 999L);
        assertThat(keys[999]).isBetween(1000L, 9999L);
        Arrays.sort(keys);
        for (int i = 1; i < keys.length; i++) assertThat(keys[i]).isNotEqualTo(keys[i - 1]);
    }

    @Test
    void generate_oneMillionUuids_allDistinct() {
        IdGenerator g = IdGenerator.fromShape("uuid");
        Set<String> seen = new HashSet<>(2_000_000);
        for (int i = 0; i < 1_000_000; i++) assertThat(seen.add(g.generate(i, 7))).isTrue();
    }

    @Test
    void generate_oneMillionMaskKeys_allDistinct() {
        IdGenerator g = IdGenerator.fromShape("AA-#####");
        Set<String> seen = new HashSet<>(2_000_000);
        for (int i = 0; i < 1_000_000; i++) assertThat(seen.add(g.generate(i, 11))).isTrue();
    }

    @Test
    void generate_wholeCapacity_isPermutationOfValueSpace() {
        IdGenerator g = IdGenerator.fromShape("C-###");
        assertThat(g.capacity()).isEqualTo(1000);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) seen.add(g.generate(i, 3));
        assertThat(seen).hasSize(1000);
    }

    @Test
    void generate_beyondCapacity_throwsInputException() {
        IdGenerator g = IdGenerator.fromShape("C-###");
        assertThatThrownBy(() -> g.generate(1000, 3)).isInstanceOf(InputException.class)
                .hasMessageContaining("C-###").hasMessageContaining("1000");
        assertThatThrownBy(() -> g.generate(-1, 3)).isInstanceOf(InputException.class);
    }

    @Test
    void generate_longMask_hashesBeyondPermutedPartAndStaysUnique() {
        IdGenerator g = IdGenerator.fromShape("h".repeat(32));
        assertThat(g.capacity()).isEqualTo(1L << 60);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) assertThat(seen.add(g.generate(i, 1))).isTrue();
        // The hashed leading positions vary too: not one shared prefix.
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 100; i++) prefixes.add(g.generate(i, 1).substring(0, 8));
        assertThat(prefixes.size()).isGreaterThan(90);
    }

    @Test
    void generate_sameSeed_sameKeys() {
        IdGenerator a = IdGenerator.fromShape("INV-{1-4}");
        IdGenerator b = IdGenerator.fromShape("INV-{1-4}");
        for (long i = 0; i < 1000; i++) assertThat(a.generate(i, 17)).isEqualTo(b.generate(i, 17));
    }

    @Test
    void generate_differentSeeds_differentKeyOrder() {
        IdGenerator g = IdGenerator.fromShape("{6}");
        int same = 0;
        for (long i = 0; i < 1000; i++) if (g.generate(i, 1).equals(g.generate(i, 2))) same++;
        assertThat(same).isLessThan(5);
    }

    @Test
    void generate_rowsInAnyOrder_giveSameKeys() {
        IdGenerator g = IdGenerator.fromShape("X-{3-5}");
        String forward = g.generate(123_456, 9);
        for (long i = 0; i < 10; i++) g.generate(i, 9);
        assertThat(g.generate(123_456, 9)).isEqualTo(forward);
    }

    @Test
    void generate_learnedFromRealKeys_neverCopiesTheirOrder() {
        String[] real = rows(1000, i -> String.format("C-%05d", i));
        IdGenerator g = IdGenerator.learn(real);
        int inPlace = 0;
        for (int i = 0; i < real.length; i++) if (g.generate(i, 4).equals(real[i])) inPlace++;
        assertThat(inPlace).isLessThan(5);
    }
}
