package dev.ersatz.core.format;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatetimeFormatTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "yyyy-MM-dd                        | 2024-02-29",
            "yyyy-MM-dd                        | 1901-07-04",
            "yyyy-MM-dd'T'HH:mm:ss             | 2024-02-29T23:59:58",
            "yyyy-MM-dd HH:mm:ss.SSS           | 2024-02-29 23:59:58.123",
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSS      | 2021-06-01T00:00:00.000001",
            "yyyy-MM-dd'T'HH:mm:ssXXX          | 2021-06-01T12:30:00+05:30",
            "yyyy-MM-dd'T'HH:mm:ssXXX          | 2021-06-01T12:30:00Z",
            "yyyy-MM-dd'T'HH:mm:ssXXX          | 1969-12-31T23:59:59-08:00",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXX       | 2021-06-01T12:30:00.250+0530",
            "yyyy-MM-dd HH:mmX                 | 2021-06-01 12:30+02",
            "yyyy-MM-dd HH:mm:ss XX            | 2021-06-01 12:30:00 -0100",
            "dd/MM/yyyy                        | 31/12/1999",
            "MM/dd/yyyy                        | 12/31/1999",
            "dd/MM/yyyy HH:mm                  | 31/12/1999 23:59",
            "M/d/yyyy h:mm a                   | 1/5/2020 3:07 PM",
            "M/d/yyyy h:mm a                   | 12/25/2020 12:00 AM",
            "yyyy/MM/dd                        | 2020/01/05",
            "dd.MM.yyyy                        | 05.01.2020",
            "dd-MM-yyyy                        | 05-01-2020",
            "dd.MM.yyyy HH:mm:ss,SSS           | 05.01.2020 10:00:00,123",
            "yyyy-MM-dd'T'HH:mm:ss[.SSS]       | 2020-01-05T10:00:00",
            "yyyy-MM-dd'T'HH:mm:ss[.SSS]       | 2020-01-05T10:00:00.500",
    })
    void format_parsedValue_givesOriginalText(String pattern, String text) {
        DatetimeFormat f = DatetimeFormat.of(pattern);
        double epoch = f.parse(text);
        assertThat(epoch).isNotNaN();
        assertThat(f.format(epoch, f.offsetSeconds(text))).isEqualTo(text);
    }

    @Test
    void parse_localDateTime_readsAsUtc() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd'T'HH:mm:ss").parse("1970-01-02T00:00:01")).isEqualTo(86_401.0);
        assertThat(DatetimeFormat.of("yyyy-MM-dd").parse("1969-12-31")).isEqualTo(-86_400.0);
    }

    @Test
    void parse_offsetDateTime_givesInstantAndKeepsOffset() {
        DatetimeFormat f = DatetimeFormat.of("yyyy-MM-dd'T'HH:mm:ssXXX");
        assertThat(f.parse("1970-01-01T01:00:00+01:00")).isEqualTo(0.0);
        assertThat(f.offsetSeconds("1970-01-01T01:00:00+01:00")).isEqualTo(3600);
        assertThat(f.offsetSeconds("1970-01-01T01:00:00Z")).isZero();
        assertThat(f.format(0, 3600)).isEqualTo("1970-01-01T01:00:00+01:00");
        assertThat(f.format(0, -5 * 3600)).isEqualTo("1969-12-31T19:00:00-05:00");
    }

    @Test
    void parse_fraction_keepsMilliseconds() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd HH:mm:ss.SSS").parse("1970-01-01 00:00:01.250")).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void parse_shorterOrMissingFraction_readsLeniently() {
        DatetimeFormat f = DatetimeFormat.of("yyyy-MM-dd HH:mm:ss.SSS");
        assertThat(f.parse("1970-01-01 00:00:01.5")).isCloseTo(1.5, within(1e-9));
        assertThat(f.parse("1970-01-01 00:00:01")).isEqualTo(1.0);
        assertThat(f.parse("1970-01-01 00:00:01.123456")).isCloseTo(1.123456, within(1e-9));
    }

    @Test
    void parse_impossibleDate_returnsNaN() {
        DatetimeFormat f = DatetimeFormat.of("yyyy-MM-dd");
        assertThat(f.parse("2023-02-29")).isNaN();
        assertThat(f.parse("2023-13-01")).isNaN();
        assertThat(f.parse("hello")).isNaN();
        assertThat(f.parse(null)).isNaN();
        assertThat(f.parse("  ")).isNaN();
        assertThat(f.offsetSeconds("hello")).isZero();
    }

    @Test
    void parse_surroundingWhitespaceAndLowerCaseAmPm_reads() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd").parse(" 1970-01-02 ")).isEqualTo(86_400.0);
        assertThat(DatetimeFormat.of("yyyy-MM-dd h:mm a").parse("1970-01-01 1:00 pm")).isEqualTo(13 * 3600.0);
    }

    @Test
    void format_betweenUnits_roundsHalfUpToResolution() {
        DatetimeFormat minutes = DatetimeFormat.of("yyyy-MM-dd HH:mm");
        assertThat(minutes.format(29.9, 0)).isEqualTo("1970-01-01 00:00");
        assertThat(minutes.format(30.0, 0)).isEqualTo("1970-01-01 00:01");
        DatetimeFormat millis = DatetimeFormat.of("HH:mm:ss.SSS");
        assertThat(millis.format(0.0004, 0)).isEqualTo("00:00:00.000");
        assertThat(millis.format(0.0006, 0)).isEqualTo("00:00:00.001");
        assertThat(millis.format(59.9996, 0)).isEqualTo("00:01:00.000");
        DatetimeFormat days = DatetimeFormat.of("yyyy-MM-dd");
        assertThat(days.format(86_400 * 0.6, 0)).isEqualTo("1970-01-02");
    }

    @Test
    void format_nonFinite_returnsNull() {
        DatetimeFormat f = DatetimeFormat.of("yyyy-MM-dd");
        assertThat(f.format(Double.NaN, 0)).isNull();
        assertThat(f.format(Double.POSITIVE_INFINITY, 0)).isNull();
        assertThat(f.formatIso(Double.NaN, 0)).isNull();
    }

    @Test
    void format_localPatternWithOffset_ignoresOffset() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd HH:mm").format(0, 7200)).isEqualTo("1970-01-01 00:00");
    }

    @Test
    void formatIso_eachPatternKind_givesIsoText() {
        assertThat(DatetimeFormat.of("dd/MM/yyyy").formatIso(86_400, 0)).isEqualTo("1970-01-02");
        assertThat(DatetimeFormat.of("dd/MM/yyyy HH:mm").formatIso(86_400 + 60, 0)).isEqualTo("1970-01-02T00:01:00");
        assertThat(DatetimeFormat.of("yyyy-MM-dd HH:mm:ss.SSS").formatIso(1.5, 0)).isEqualTo("1970-01-01T00:00:01.5");
        assertThat(DatetimeFormat.of("yyyy-MM-dd'T'HH:mm:ssXX").formatIso(0, 19_800)).isEqualTo("1970-01-01T05:30:00+05:30");
        assertThat(DatetimeFormat.of("yyyy-MM-dd'T'HH:mm:ssXX").formatIso(0, 0)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "yyyy-MM-dd                   | 86400",
            "dd.MM.yyyy HH                | 3600",
            "yyyy-MM-dd HH:mm             | 60",
            "yyyy-MM-dd'T'HH:mm:ssXXX     | 1",
            "yyyy-MM-dd HH:mm:ss.SSS      | 0.001",
            "yyyy-MM-dd HH:mm:ss[.SSSSSS] | 0.000001",
    })
    void resolutionSeconds_pattern_isFinestUnitShown(String pattern, double expected) {
        assertThat(DatetimeFormat.of(pattern).resolutionSeconds()).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void resolutionSeconds_monthPattern_isMeanMonth() {
        DatetimeFormat f = DatetimeFormat.of("yyyy-MM");
        assertThat(f.resolutionSeconds()).isCloseTo(30.436875 * 86_400, within(1e-6));
        assertThat(f.parse("1970-02")).isEqualTo(31 * 86_400.0);
        assertThat(f.format(31 * 86_400.0, 0)).isEqualTo("1970-02");
    }

    @Test
    void hasTimeAndZone_followPatternLetters() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd").hasTime()).isFalse();
        assertThat(DatetimeFormat.of("yyyy-MM-dd").hasZone()).isFalse();
        assertThat(DatetimeFormat.of("yyyy-MM-dd'T'HH:mm").hasTime()).isTrue();
        assertThat(DatetimeFormat.of("yyyy-MM-dd'T'HH:mmXXX").hasZone()).isTrue();
        // Letters inside quotes are literals, not fields.
        assertThat(DatetimeFormat.of("yyyy-MM-dd'Hms'").hasTime()).isFalse();
    }

    @Test
    void of_unknownLetter_throwsInputExceptionNamingPattern() {
        assertThatThrownBy(() -> DatetimeFormat.of("yyyy-bb-dd"))
                .isInstanceOf(InputException.class).hasMessageContaining("yyyy-bb-dd");
    }

    @Test
    void of_twelveHourClockWithoutAmPm_throwsInputException() {
        assertThatThrownBy(() -> DatetimeFormat.of("yyyy-MM-dd hh:mm"))
                .isInstanceOf(InputException.class).hasMessageContaining("yyyy-MM-dd hh:mm");
    }

    @Test
    void of_noFields_throwsInputException() {
        assertThatThrownBy(() -> DatetimeFormat.of("'literal'")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> DatetimeFormat.of("")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> DatetimeFormat.of(null)).isInstanceOf(InputException.class);
    }

    @Test
    void of_samePattern_isEqual() {
        assertThat(DatetimeFormat.of("yyyy-MM-dd")).isEqualTo(DatetimeFormat.of("yyyy-MM-dd"));
        assertThat(DatetimeFormat.of("yyyy-MM-dd").pattern()).isEqualTo("yyyy-MM-dd");
    }
}
