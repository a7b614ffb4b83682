package dev.ersatz.core.format;

import dev.ersatz.core.InputException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * A text format for dates and timestamps, given as a {@link DateTimeFormatter} pattern, that reads
 * values to epoch seconds and writes epoch seconds back to text.
 *
 * <h2>Reading</h2>
 * Values are read strictly ({@link ResolverStyle#STRICT}: no 30 February, no hour 24), ignoring case
 * (so {@code am} reads as {@code AM}) and surrounding whitespace. Local date-times (patterns without a
 * zone) are read as UTC, so a local value and its epoch seconds map one to one; dates read as midnight.
 * Zoned values ({@code X}, {@code x}, {@code Z}, {@code O}, {@code VV}, {@code z}) are read as the
 * instant they name, and {@link #offsetSeconds(String)} gives the offset they were written in, so a
 * writer can put each value back in its own zone.
 *
 * <p>A fraction of a second written as {@code .SSS} (or {@code ,SSS}) reads 0 to 9 digits, not just the
 * pattern's count: sources often drop trailing zeros or the whole fraction, and refusing such values
 * would lose them. Writing always uses the pattern's count; a fraction in an optional section
 * ({@code [.SSS]}) is written only when it is not zero, which round-trips sources that leave out a zero
 * fraction (as Python's {@code isoformat} does).
 *
 * <p>Fields the pattern leaves out are filled so any pattern reads to a point in time: a missing day
 * or month reads as the first, a missing year as 1970 (2000 when month or day are shown, so 29 February
 * reads), a missing minute as 0. Patterns are validated on construction by writing a reference instant
 * and reading it back.
 *
 * <h2>Writing</h2>
 * {@link #format(double, int)} rounds to the pattern's resolution (half up, in the value's local time)
 * and writes in the given offset when the pattern has a zone; patterns without a zone ignore the offset
 * and write the UTC wall time, the inverse of reading. Named-zone patterns ({@code VV}, {@code z}) are
 * written with the fixed offset, since only the offset is kept per value.
 *
 * <p>Edge cases: {@code null}, blank or unreadable text reads as {@code NaN} (offset 0); a {@code NaN}
 * or infinite epoch value writes as {@code null}. Instances are immutable and thread-safe.
 */
public final class DatetimeFormat {

    /** The share of non-missing values that must read for {@link #detect} to accept a pattern. */
    public static final double DETECT_MIN_SHARE = 0.95;

    private static final String TIME_LETTERS = "HkKhmsSnNAaB";
    private static final String ZONE_LETTERS = "VzOXxZv";
    private static final double DAY = 86_400;

    private final String pattern;
    private final boolean hasTime;
    private final boolean hasZone;
    private final int fractionDigits;
    private final double resolution;
    private final DateTimeFormatter parser;
    private final DateTimeFormatter printer;
    /** The printer without the optional fraction section, or {@code null} when the fraction is not optional. */
    private final DateTimeFormatter printerNoFraction;

    private DatetimeFormat(String pattern) {
        this.pattern = pattern;
        PatternScan scan = PatternScan.of(pattern);
        this.hasTime = scan.hasAny(TIME_LETTERS);
        this.hasZone = scan.hasAny(ZONE_LETTERS);
        this.fractionDigits = scan.fractionDigits;
        this.resolution = resolutionOf(scan);
        if (!hasTime && !scan.hasAny("yuYMLdDQqwWEecFg")) {
            throw new InputException(null, -1, null, pattern, "datetime pattern shows no date or time field");
        }
        try {
            this.printer = new DateTimeFormatterBuilder().appendPattern(pattern).toFormatter(Locale.ENGLISH);
            this.printerNoFraction = scan.fractionOptional
                    ? new DateTimeFormatterBuilder()
                        .appendPattern(pattern.substring(0, scan.fractionStart) + pattern.substring(scan.fractionEnd))
                        .toFormatter(Locale.ENGLISH)
                    : null;
            this.parser = buildParser(pattern, scan);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, -1, null, pattern, "not a valid datetime pattern: " + e.getMessage());
        }
        validate();
    }

    /**
     * The format for a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd'T'HH:mm:ssXXX}; an
     * {@link InputException} naming the pattern if it is not valid or cannot read its own output.
     */
    public static DatetimeFormat of(String pattern) {
        if (pattern == null || pattern.isBlank()) throw new InputException("datetime pattern is empty");
        return new DatetimeFormat(pattern);
    }

    /**
     * The pattern that reads (nearly) all non-missing values, or {@code null} when there is none.
     * See {@link DatetimeDetection} for the shapes recognised and how ambiguous day/month order is
     * settled. Plain integers are never datetimes.
     */
    public static String detect(String[] values) {
        return DatetimeDetection.detect(values);
    }

    public String pattern() { return pattern; }

    /** Whether the pattern shows a time of day. */
    public boolean hasTime() { return hasTime; }

    /** Whether the pattern shows a zone or offset. */
    public boolean hasZone() { return hasZone; }

    /**
     * The finest unit the pattern shows, in seconds: 86400 for dates, 3600 for hours, 60, 1, 0.001 for
     * {@code SSS}; months and years (patterns with no day) report their mean length.
     */
    public double resolutionSeconds() { return resolution; }

    /** The value as epoch seconds (with fraction); local date-times read as UTC; {@code NaN} if it does not read. */
    public double parse(String text) {
        TemporalAccessor t = read(text);
        if (t == null) return Double.NaN;
        try {
            return epochSeconds(t);
        } catch (DateTimeException e) {
            return Double.NaN;
        }
    }

    /** The offset the value was written in, in seconds; 0 when the pattern has no zone or the text does not read. */
    public int offsetSeconds(String text) {
        if (!hasZone) return 0;
        TemporalAccessor t = read(text);
        if (t == null) return 0;
        try {
            return offsetOf(t).getTotalSeconds();
        } catch (DateTimeException e) {
            return 0;
        }
    }

    /**
     * The epoch value as text in this pattern, rounded to the pattern's resolution, written in the given
     * offset when the pattern has a zone (the offset is ignored otherwise); {@code null} for NaN or infinity.
     */
    public String format(double epochSeconds, int offsetSeconds) {
        if (!Double.isFinite(epochSeconds)) return null;
        ZoneOffset offset = hasZone ? ZoneOffset.ofTotalSeconds(offsetSeconds) : ZoneOffset.UTC;
        LocalDateTime local = roundedLocal(epochSeconds, offset);
        TemporalAccessor value = hasZone ? OffsetDateTime.of(local, offset) : local;
        DateTimeFormatter p = printerNoFraction != null && local.getNano() == 0 ? printerNoFraction : printer;
        return p.format(value);
    }

    /**
     * The epoch value as ISO text (for typed output such as Parquet): {@code yyyy-MM-dd} for patterns
     * without a time, an ISO local date-time for local patterns, an ISO offset date-time for zoned ones;
     * rounded to the pattern's resolution. {@code null} for NaN or infinity.
     */
    public String formatIso(double epochSeconds, int offsetSeconds) {
        if (!Double.isFinite(epochSeconds)) return null;
        ZoneOffset offset = hasZone ? ZoneOffset.ofTotalSeconds(offsetSeconds) : ZoneOffset.UTC;
        LocalDateTime local = roundedLocal(epochSeconds, offset);
        if (hasZone) return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.of(local, offset));
        if (!hasTime) return DateTimeFormatter.ISO_LOCAL_DATE.format(local);
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
    }

    @Override public boolean equals(Object o) { return o instanceof DatetimeFormat f && f.pattern.equals(pattern); }
    @Override public int hashCode() { return pattern.hashCode(); }
    @Override public String toString() { return "DatetimeFormat[" + pattern + "]"; }

    // ---------------------------------------------------------------------------------------------

    private TemporalAccessor read(String text) {
        if (text == null) return null;
        String s = text.strip();
        if (s.isEmpty()) return null;
        try {
            return parser.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private double epochSeconds(TemporalAccessor t) {
        if (hasZone) {
            ZoneOffset offset = offsetOf(t);
            LocalDate date = LocalDate.from(t);
            LocalDateTime ldt = hasTime ? LocalDateTime.from(t) : date.atStartOfDay();
            ZoneId zone = t.query(TemporalQueries.zone());
            long secs = zone != null && !(zone instanceof ZoneOffset)
                    ? ZonedDateTime.of(ldt, zone).toEpochSecond()
                    : ldt.toEpochSecond(offset);
            return secs + ldt.getNano() / 1e9;
        }
        if (hasTime) {
            LocalDateTime ldt = LocalDateTime.from(t);
            return ldt.toEpochSecond(ZoneOffset.UTC) + ldt.getNano() / 1e9;
        }
        return LocalDate.from(t).toEpochDay() * DAY;
    }

    private static ZoneOffset offsetOf(TemporalAccessor t) {
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) return ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
        ZoneId zone = t.query(TemporalQueries.zone());
        if (zone == null) return ZoneOffset.UTC;
        return ZonedDateTime.of(LocalDateTime.from(t), zone).getOffset();
    }

    /** The local wall time of the epoch value in {@code offset}, rounded half up to the pattern's unit. */
    private LocalDateTime roundedLocal(double epochSeconds, ZoneOffset offset) {
        double local = epochSeconds + offset.getTotalSeconds();
        long secs;
        long nanos = 0;
        if (fractionDigits > 0 || resolution < 1) {
            int digits = fractionDigits > 0 ? Math.min(fractionDigits, 9) : 9;
            long unitNanos = pow10(9 - digits);
            secs = (long) Math.floor(local);
            double frac = local - secs;
            nanos = Math.round(frac * 1e9 / unitNanos) * unitNanos;
            if (nanos >= 1_000_000_000L) { secs++; nanos -= 1_000_000_000L; }
        } else {
            // Months and years are not fixed lengths: round to the day and let the pattern drop the rest.
            double unit = Math.min(resolution, DAY);
            secs = (long) (Math.floor(local / unit + 0.5) * unit);
        }
        return LocalDateTime.ofEpochSecond(secs, (int) nanos, ZoneOffset.UTC);
    }

    private void validate() {
        // A pattern that cannot read what it writes (hh without a, a zone name it cannot resolve ...) would
        // silently turn every value missing; refuse it up front.
        double reference = LocalDateTime.of(2001, 2, 3, 4, 5, 6, 7_008_009).toEpochSecond(ZoneOffset.UTC) + 0.007008009;
        String text;
        try {
            text = format(reference, 3600);
        } catch (DateTimeException e) {
            throw new InputException(null, -1, null, pattern, "datetime pattern cannot write a value: " + e.getMessage());
        }
        if (Double.isNaN(parse(text))) {
            throw new InputException(null, -1, null, pattern, "datetime pattern cannot read back what it writes (\"" + text
                    + "\"); check for a missing field such as 'a' next to 'hh'");
        }
    }

    private static DateTimeFormatter buildParser(String pattern, PatternScan scan) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        if (scan.fractionStart >= 0) {
            // The fraction reads 0..9 digits (see the class comment); its separator is kept as written.
            b.appendPattern(strictYears(pattern.substring(0, scan.fractionStart)));
            b.optionalStart().appendLiteral(scan.fractionSeparator)
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd();
            b.appendPattern(strictYears(pattern.substring(scan.fractionEnd)));
        } else {
            b.appendPattern(strictYears(pattern));
        }
        boolean weekBased = scan.hasAny("YwWeEcF");
        boolean hasYear = scan.hasAny("yuY");
        boolean hasMonth = scan.hasAny("MLQq");
        boolean hasDay = scan.hasAny("dD");
        if (!hasYear && !weekBased) b.parseDefaulting(ChronoField.YEAR, hasMonth || hasDay ? 2000 : 1970);
        if (!hasMonth && !scan.hasAny("D") && !weekBased) b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
        if (!hasDay && !weekBased) b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        if (scan.hasAny("HkKh") && !scan.hasAny("m")) b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
        return b.toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /** {@code y} (year of era) as {@code u} (proleptic year): STRICT resolving needs an era for {@code y}. */
    private static String strictYears(String p) {
        StringBuilder sb = new StringBuilder(p.length());
        boolean quoted = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\'') quoted = !quoted;
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    private static double resolutionOf(PatternScan scan) {
        if (scan.fractionDigits > 0) return Math.pow(10, -Math.min(scan.fractionDigits, 9));
        if (scan.hasAny("nN")) return 1e-9;
        if (scan.hasAny("A")) return 1e-3;
        if (scan.hasAny("s")) return 1;
        if (scan.hasAny("m")) return 60;
        if (scan.hasAny("HkKh")) return 3600;
        if (scan.hasAny("dDEecFg")) return DAY;
        if (scan.hasAny("wW")) return 7 * DAY;
        if (scan.hasAny("MLQq")) return 30.436875 * DAY;
        return 365.2425 * DAY;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    /** The pattern letters used outside quotes, and where the second fraction ({@code .SSS}) sits. */
    private static final class PatternScan {
        final boolean[] letters = new boolean[128];
        int fractionDigits;
        int fractionStart = -1;
        int fractionEnd = -1;
        char fractionSeparator;
        boolean fractionOptional;

        static PatternScan of(String p) {
            PatternScan s = new PatternScan();
            boolean quoted = false;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\'') { quoted = !quoted; continue; }
                if (quoted || c >= 128 || !Character.isLetter(c)) continue;
                s.letters[c] = true;
                if (c == 'S') {
                    int j = i;
                    while (j < p.length() && p.charAt(j) == 'S') j++;
                    s.fractionDigits = Math.max(s.fractionDigits, j - i);
                    if (s.fractionStart < 0 && i > 0 && (p.charAt(i - 1) == '.' || p.charAt(i - 1) == ',')) {
                        s.fractionSeparator = p.charAt(i - 1);
                        s.fractionStart = i - 1;
                        s.fractionEnd = j;
                        if (i >= 2 && p.charAt(i - 2) == '[' && j < p.length() && p.charAt(j) == ']') {
                            s.fractionStart = i - 2;
                            s.fractionEnd = j + 1;
                            s.fractionOptional = true;
                        }
                    }
                    i = j - 1;
                }
            }
            return s;
        }

        boolean hasAny(String chars) {
            for (int i = 0; i < chars.length(); i++) if (letters[chars.charAt(i)]) return true;
            return false;
        }
    }
}
