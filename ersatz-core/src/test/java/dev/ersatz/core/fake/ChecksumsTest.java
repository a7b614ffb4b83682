package dev.ersatz.core.fake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest {

    @Test
    void luhnValid_publishedTestNumbers_pass() {
        assertThat(Checksums.luhnValid("4111111111111111")).isTrue();
        assertThat(Checksums.luhnValid("4111 1111 1111 1111")).isTrue();
        assertThat(Checksums.luhnValid("3782-822463-10005")).isTrue();
        assertThat(Checksums.luhnValid("79927398713")).isTrue();
    }

    @Test
    void luhnValid_changedDigitOrJunk_fails() {
        assertThat(Checksums.luhnValid("4111111111111112")).isFalse();
        assertThat(Checksums.luhnValid("79927398710")).isFalse();
        assertThat(Checksums.luhnValid("4111a11111111111")).isFalse();
        assertThat(Checksums.luhnValid("0")).isFalse();
    }

    @Test
    void luhnCheckDigit_payload_completesValidNumber() {
        assertThat(Checksums.luhnCheckDigit("7992739871")).isEqualTo(3);
        assertThat(Checksums.luhnCheckDigit("411111111111111")).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            String payload = Long.toString(100_000_000_000L + i * 7919L);
            assertThat(Checksums.luhnValid(payload + Checksums.luhnCheckDigit(payload))).isTrue();
        }
    }

    @Test
    void ibanValid_publishedExamples_pass() {
        assertThat(Checksums.ibanValid("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Checksums.ibanValid("DE89370400440532013000")).isTrue();
        assertThat(Checksums.ibanValid("fr1420041010050500013m02606")).isTrue();
    }

    @Test
    void ibanValid_badCheckDigitsOrShape_fails() {
        assertThat(Checksums.ibanValid("GB83 WEST 1234 5698 7654 32")).isFalse();
        assertThat(Checksums.ibanValid("GB82")).isFalse();
        assertThat(Checksums.ibanValid("1282WEST12345698765432")).isFalse();
        assertThat(Checksums.ibanValid(null)).isFalse();
    }

    @Test
    void ibanCheckDigits_bban_givesPublishedDigits() {
        assertThat(Checksums.ibanCheckDigits("GB", "WEST12345698765432")).isEqualTo("82");
        assertThat(Checksums.ibanCheckDigits("DE", "370400440532013000")).isEqualTo("89");
    }
}
