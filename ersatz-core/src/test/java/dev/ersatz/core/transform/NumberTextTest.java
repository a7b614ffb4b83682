package dev.ersatz.core.transform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberTextTest {
    @Test
    void format_trimmedStyle_dropsTrailingZeros() {
        assertThat(NumberText.format(18.0, 1, true)).isEqualTo("18");
        assertThat(NumberText.format(18.25, 2, true)).isEqualTo("18.25");
        assertThat(NumberText.format(-0.04, 1, true)).isEqualTo("0");
        assertThat(NumberText.format(-1.5, 1, true)).isEqualTo("-1.5");
    }

    @Test
    void format_fixedStyle_keepsZeros() {
        assertThat(NumberText.format(18.0, 1, false)).isEqualTo("18.0");
        assertThat(NumberText.format(2.5, 2, false)).isEqualTo("2.50");
        assertThat(NumberText.format(0.001, 3, false)).isEqualTo("0.001");
        assertThat(NumberText.format(123456789.0, 0, false)).isEqualTo("123456789");
    }

    @Test
    void format_hugeValue_fallsBackExactly() {
        assertThat(NumberText.format(1e20, 0, true)).isEqualTo("100000000000000000000");
    }

    @Test
    void decimals_countsFractionDigits() {
        assertThat(NumberText.decimals("39.1")).isEqualTo(1);
        assertThat(NumberText.decimals("40")).isZero();
        assertThat(NumberText.decimals("1.250")).isEqualTo(3);
        assertThat(NumberText.decimals("1.5E-3")).isEqualTo(4);
        assertThat(NumberText.hasTrailingZero("18.0")).isTrue();
        assertThat(NumberText.hasTrailingZero("18.5")).isFalse();
    }

    @Test
    void round_halfAwayFromZeroAtPrecision() {
        assertThat(NumberText.round(39.45000001, 1)).isEqualTo(39.5);
        assertThat(NumberText.round(2.5, 0)).isEqualTo(3.0);
    }
}
