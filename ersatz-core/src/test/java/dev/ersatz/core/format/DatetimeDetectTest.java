package dev.ersatz.core.format;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatetimeDetectTest {

    private static String[] v(String... values) { return values; }

    /** Detects the pattern and checks that it writes every value back as it was read. */
    private static String detectRoundTripping(String... values) {
        String p = DatetimeFormat.detect(values);
        assertThat(p).as("pattern for %s", Arrays.toString(values)).isNotNull();
        DatetimeFormat f = DatetimeFormat.of(p);
        for (String s : values) {
            if (s == null) continue;
            assertThat(f.format(f.parse(s), f.offsetSeconds(s))).as("round trip with %s", p).isEqualTo(s);
        }
        return p;
    }

    @Test
    void detect_isoDates_givesIsoDatePattern() {
        assertThat(detectRoundTripping("2021-01-05", "2021-12-31", null, "1999-02-28")).isEqualTo("yyyy-MM-dd");
    }

    @Test
    void detect_isoTimestampsWithT_givesQuotedT() {
        assertThat(detectRoundTripping("2021-01-05T10:00:00", "2021-12-31T23:59:59")).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
    }

    @Test
    void detect_spaceAndMinutesOnly_givesMinutePattern() {
        assertThat(detectRoundTripping("2021-01-05 10:00", "2021-12-31 23:59")).isEqualTo("yyyy-MM-dd HH:mm");
    }

    @Test
    void detect_zuluAndColonOffsets_keepsZone() {
        assertThat(detectRoundTripping("2021-01-05T10:00:00Z", "2021-01-05T10:00:00+05:30", "2021-01-05T10:00:00-08:00"))
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ssXXX");
    }

    @Test
    void detect_compactOffsets_givesXX() {
        assertThat(detectRoundTripping("2021-01-05T10:00:00.123+0530", "2021-01-05T10:00:00.000-0100"))
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    }

    @Test
    void detect_hourOffsets_givesX() {
        assertThat(detectRoundTripping("2021-01-05 10:00+02", "2021-01-05 11:00-03")).isEqualTo("yyyy-MM-dd HH:mmX");
    }

    @Test
    void detect_fractionSometimesLeftOut_makesFractionOptional() {
        assertThat(detectRoundTripping("2021-01-05 10:00:00.123456", "2021-01-05 10:00:01", "2021-01-05 10:00:02.500000"))
                .isEqualTo("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    }

    @Test
    void detect_fractionsWithTrailingZerosDropped_keepsWidestFraction() {
        String p = DatetimeFormat.detect(v("2021-01-05T10:00:00.5", "2021-01-05T10:00:00.25", "2021-01-05T10:00:00.125", "2021-01-05T10:00:00.1"));
        assertThat(p).isEqualTo("yyyy-MM-dd'T'HH:mm:ss.SSS");
        assertThat(DatetimeFormat.of(p).format(DatetimeFormat.of(p).parse("2021-01-05T10:00:00.125"), 0)).isEqualTo("2021-01-05T10:00:00.125");
    }

    @Test
    void detect_dayAbove12First_givesDayFirst() {
        assertThat(detectRoundTripping("05/01/2020", "31/12/2020", "01/02/2020")).isEqualTo("dd/MM/yyyy");
    }

    @Test
    void detect_dayAbove12Second_givesMonthFirst() {
        assertThat(detectRoundTripping("05/01/2020", "12/31/2020", "01/02/2020")).isEqualTo("MM/dd/yyyy");
    }

    @Test
    void detect_ambiguousSlashDates_defaultsToMonthFirst() {
        assertThat(detectRoundTripping("05/01/2020", "12/11/2020")).isEqualTo("MM/dd/yyyy");
    }

    @Test
    void detect_ambiguousDotDates_defaultsToDayFirst() {
        assertThat(detectRoundTripping("05.01.2020", "12.11.2020")).isEqualTo("dd.MM.yyyy");
    }

    @Test
    void detect_bothFieldsAbove12_isNotADatetime() {
        assertThat(DatetimeFormat.detect(v("13/01/2020", "01/13/2020"))).isNull();
    }

    @Test
    void detect_unpaddedUsDateTimeWithAmPm_givesTwelveHourPattern() {
        assertThat(detectRoundTripping("1/5/2020 3:07 PM", "12/25/2020 11:30 AM")).isEqualTo("M/d/yyyy h:mm a");
    }

    @Test
    void detect_slashYearFirst_givesYearFirst() {
        assertThat(detectRoundTripping("2020/01/05", "2020/12/25")).isEqualTo("yyyy/MM/dd");
    }

    @Test
    void detect_dayFirstWithTime_keepsTime() {
        assertThat(detectRoundTripping("25.12.2020 18:30:00", "01.01.2021 00:00:00")).isEqualTo("dd.MM.yyyy HH:mm:ss");
    }

    @Test
    void detect_abbreviatedMonthNames_givesMonthNamePattern() {
        assertThat(detectRoundTripping("Jan 1 2000", "Feb 1 2000", "Dec 31 2010")).isEqualTo("MMM d yyyy");
        assertThat(detectRoundTripping("01-Jan-2000", "15-Sep-2001")).isEqualTo("dd-MMM-yyyy");
        assertThat(DatetimeFormat.detect(v("01-JAN-2000", "15-SEP-2001"))).isEqualTo("dd-MMM-yyyy");
    }

    @Test
    void detect_fullMonthNamesWithComma_givesFullMonthPattern() {
        assertThat(detectRoundTripping("March 5, 2021", "May 17, 2021", "December 25, 2020")).isEqualTo("MMMM d, yyyy");
    }

    @Test
    void detect_plainIntegers_isNull() {
        assertThat(DatetimeFormat.detect(v("20240131", "20240201", "20240202"))).isNull();
        assertThat(DatetimeFormat.detect(v("1700000000", "1700003600"))).isNull();
        assertThat(DatetimeFormat.detect(v("2007", "2008", "2009"))).isNull();
    }

    @Test
    void detect_words_isNull() {
        assertThat(DatetimeFormat.detect(v("red", "green"))).isNull();
        assertThat(DatetimeFormat.detect(v("1.5", "2.25"))).isNull();
    }

    @Test
    void detect_noValues_isNull() {
        assertThat(DatetimeFormat.detect(v())).isNull();
        assertThat(DatetimeFormat.detect(v(null, null, " "))).isNull();
        assertThat(DatetimeFormat.detect(null)).isNull();
    }

    @Test
    void detect_fewUnreadableValues_stillDetects() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 97; i++) values.add(String.format("2021-01-%02d", 1 + i % 28));
        for (int i = 0; i < 3; i++) values.add("unknown");
        assertThat(DatetimeFormat.detect(values.toArray(new String[0]))).isEqualTo("yyyy-MM-dd");
    }

    @Test
    void detect_manyUnreadableValues_isNull() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 90; i++) values.add(String.format("2021-01-%02d", 1 + i % 28));
        for (int i = 0; i < 10; i++) values.add("unknown");
        assertThat(DatetimeFormat.detect(values.toArray(new String[0]))).isNull();
    }

    @Test
    void detect_impossibleDates_isNull() {
        assertThat(DatetimeFormat.detect(v("2021-02-30", "2021-02-31", "2021-13-01"))).isNull();
    }
}
