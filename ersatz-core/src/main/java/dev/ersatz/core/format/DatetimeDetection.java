package dev.ersatz.core.format;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@link DatetimeFormat} pattern of a column of text values.
 *
 * <p>Recognised shapes (a value is stripped of surrounding whitespace first):
 * <ul>
 *   <li>dates {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyy.MM.dd}, {@code dd/MM/yyyy},
 *       {@code MM/dd/yyyy}, {@code dd.MM.yyyy}, {@code dd-MM-yyyy}, {@code MM-dd-yyyy}; month, day and
 *       hour are written unpadded ({@code M}, {@code d}, {@code H}) when any value shows a one-digit one;</li>
 *   <li>an optional time after {@code T} or a space: {@code HH:mm}, {@code HH:mm:ss}, a fraction of 1-9
 *       digits after {@code .} or {@code ,} (optional in the pattern, {@code [.SSS]}, when some values
 *       leave it out; its width is the widest seen, so no value loses precision), a 12-hour clock with {@code AM}/{@code PM};</li>
 *   <li>dates with English month names, matched case-insensitively: {@code MMM d yyyy} ({@code Jan 1 2000}),
 *       {@code MMMM d, yyyy}, {@code dd-MMM-yyyy} ({@code 01-JAN-2000}, written back as {@code 01-Jan-2000}),
 *       {@code d MMMM yyyy}; without a time;</li>
 *   <li>an optional zone after the time: {@code Z} or {@code +HH:mm} ({@code XXX}), {@code +HHmm}
 *       ({@code XX}), {@code +HH} ({@code X}), optionally after a space. Zones are kept, never dropped.</li>
 * </ul>
 *
 * <p><b>Day or month first.</b> For {@code a/b/yyyy} the order is read from the values: a first field
 * above 12 means day first, a second field above 12 means month first. When every value is ambiguous
 * (both fields at most 12, as in a short sample from early in a month) the separator decides, following
 * the convention where it is most used: {@code /} is month first ({@code MM/dd/yyyy}, the US convention
 * and the default of pandas and dateutil), {@code .} and {@code -} are day first. The choice is written
 * to the metadata, where a user can correct it. When both fields exceed 12 in different values the
 * column has no single order and is not a datetime.
 *
 * <p>The candidate is built from the most common shape in a sample of up to 2,000 values, then accepted
 * only if it reads at least {@link DatetimeFormat#DETECT_MIN_SHARE} of the non-missing values (checked
 * on up to 100,000 of them, evenly spaced). Values with no separators (plain integers such as
 * {@code 20240131} or epoch seconds) never match: a number column is never taken for a datetime.
 */
final class DatetimeDetection {
    private static final int SHAPE_SAMPLE = 2_000;
    private static final int VERIFY_SAMPLE = 100_000;

    private static final Pattern SHAPE = Pattern.compile(
            "(?:(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})|(\\d{1,2})([-/.])(\\d{1,2})\\6(\\d{4}))"
            + "(?:([T ])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:([.,])(\\d{1,9}))?)?(?:( ?)([AaPp][Mm]))?"
            + "(?:( ?)(Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4}|[+-]\\d{2}))?)?");

    private static final Pattern MONTH_FIRST = Pattern.compile("([A-Za-z]{3,9})(\\.?) (\\d{1,2})(,?) (\\d{4})");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})([ -])([A-Za-z]{3,9})\\2(\\d{4})");

    private DatetimeDetection() {}

    static String detect(String[] values) {
        if (values == null) return null;
        int nonMissing = 0;
        for (String v : values) if (v != null && !v.isBlank()) nonMissing++;
        if (nonMissing == 0) return null;

        Map<String, ShapeStats> shapes = new HashMap<>();
        long step = Math.max(1, nonMissing / SHAPE_SAMPLE);
        long k = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) continue;
            if (k++ % step != 0) continue;
            Matcher m = SHAPE.matcher(v.strip());
            if (!m.matches()) continue;
            String key = keyOf(m);
            shapes.computeIfAbsent(key, x -> new ShapeStats(m)).add(m);
        }
        ShapeStats best = null;
        for (ShapeStats s : shapes.values()) if (best == null || s.count > best.count) best = s;
        String pattern = best != null ? best.pattern() : monthNamePattern(values, step);
        if (pattern == null) return null;
        return readsNearlyAll(pattern, values, nonMissing) ? pattern : null;
    }

    /** The pattern of dates with English month names ({@code Jan 1 2000}, {@code 01-JAN-2000}, {@code March 5, 2021}), or null. */
    private static String monthNamePattern(String[] values, long step) {
        int monthFirst = 0;
        int dayFirst = 0;
        boolean fullMonth = false;
        boolean shortDay = false;
        boolean comma = false;
        boolean period = false;
        char sep = ' ';
        long k = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) continue;
            if (k++ % step != 0) continue;
            String s = v.strip();
            Matcher m = MONTH_FIRST.matcher(s);
            if (m.matches()) {
                monthFirst++;
                fullMonth |= m.group(1).length() > 3;
                period |= !m.group(2).isEmpty();
                shortDay |= m.group(3).length() == 1;
                comma |= !m.group(4).isEmpty();
                continue;
            }
            m = DAY_FIRST.matcher(s);
            if (m.matches()) {
                dayFirst++;
                shortDay |= m.group(1).length() == 1;
                sep = m.group(2).charAt(0);
                fullMonth |= m.group(3).length() > 3;
            }
        }
        if (monthFirst == 0 && dayFirst == 0) return null;
        String month = fullMonth ? "MMMM" : "MMM";
        String day = shortDay ? "d" : "dd";
        if (monthFirst >= dayFirst) return month + (period ? "." : "") + " " + day + (comma ? "," : "") + " yyyy";
        return day + sep + month + sep + "yyyy";
    }

    private static boolean readsNearlyAll(String pattern, String[] values, int nonMissing) {
        DatetimeFormat f = DatetimeFormat.of(pattern);
        long step = Math.max(1, nonMissing / VERIFY_SAMPLE);
        long k = 0;
        long tried = 0;
        long read = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) continue;
            if (k++ % step != 0) continue;
            tried++;
            if (!Double.isNaN(f.parse(v))) read++;
        }
        return tried > 0 && read >= DatetimeFormat.DETECT_MIN_SHARE * tried;
    }

    /** The structure of a match, leaving out what one pattern can cover (padding, fraction width, zone style). */
    private static String keyOf(Matcher m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.group(1) != null ? "Y" + m.group(2) : "X" + m.group(6));
        if (m.group(9) != null) {
            sb.append('|').append(m.group(9));
            sb.append(m.group(12) != null ? "s" : "m");
            if (m.group(16) != null) sb.append('|').append("a").append(m.group(15));
            if (m.group(18) != null) sb.append('|').append("z").append(m.group(17));
        }
        return sb.toString();
    }

    /** What the values of one shape show: padding, field ranges, fraction widths, zone styles. */
    private static final class ShapeStats {
        final boolean yearFirst;
        final char dateSep;
        final String timeSep;
        final boolean seconds;
        final String ampmSpace;
        final String zoneSpace;
        int count;
        boolean shortFirst, shortSecond, shortHour;
        int maxFirst, maxSecond;
        int withoutFraction;
        char fractionSep = '.';
        final int[] fractionWidths = new int[10];
        int zoneZ, zoneColon, zoneCompact, zoneHour;

        ShapeStats(Matcher m) {
            yearFirst = m.group(1) != null;
            dateSep = (yearFirst ? m.group(2) : m.group(6)).charAt(0);
            timeSep = m.group(9);
            seconds = m.group(12) != null;
            ampmSpace = m.group(16) != null ? m.group(15) : null;
            zoneSpace = m.group(18) != null ? m.group(17) : null;
        }

        void add(Matcher m) {
            count++;
            String a = yearFirst ? m.group(3) : m.group(5);
            String b = yearFirst ? m.group(4) : m.group(7);
            shortFirst |= a.length() == 1;
            shortSecond |= b.length() == 1;
            maxFirst = Math.max(maxFirst, Integer.parseInt(a));
            maxSecond = Math.max(maxSecond, Integer.parseInt(b));
            if (timeSep == null) return;
            shortHour |= m.group(10).length() == 1;
            if (m.group(14) != null) {
                fractionWidths[m.group(14).length()]++;
                fractionSep = m.group(13).charAt(0);
            } else {
                withoutFraction++;
            }
            String z = m.group(18);
            if (z != null) {
                if (z.equals("Z")) zoneZ++;
                else if (z.length() == 6) zoneColon++;
                else if (z.length() == 5) zoneCompact++;
                else zoneHour++;
            }
        }

        String pattern() {
            StringBuilder p = new StringBuilder();
            if (yearFirst) {
                p.append("yyyy").append(dateSep).append(shortFirst ? "M" : "MM").append(dateSep).append(shortSecond ? "d" : "dd");
            } else {
                boolean dayFirst;
                if (maxFirst > 12 && maxSecond > 12) return null;
                if (maxFirst > 12) dayFirst = true;
                else if (maxSecond > 12) dayFirst = false;
                else dayFirst = dateSep != '/';
                String first = dayFirst ? (shortFirst ? "d" : "dd") : (shortFirst ? "M" : "MM");
                String second = dayFirst ? (shortSecond ? "M" : "MM") : (shortSecond ? "d" : "dd");
                p.append(first).append(dateSep).append(second).append(dateSep).append("yyyy");
            }
            if (timeSep == null) return p.toString();
            p.append(timeSep.equals("T") ? "'T'" : " ");
            boolean twelve = ampmSpace != null;
            p.append(twelve ? (shortHour ? "h" : "hh") : (shortHour ? "H" : "HH")).append(":mm");
            if (seconds) {
                p.append(":ss");
                // The widest fraction: writers that drop trailing zeros (.5, .25, .125) vary the width, and
                // only the widest keeps every value's precision.
                int width = 0;
                for (int w = 1; w < fractionWidths.length; w++) if (fractionWidths[w] > 0) width = w;
                if (width > 0) {
                    String fraction = fractionSep + "S".repeat(width);
                    p.append(withoutFraction > 0 ? "[" + fraction + "]" : fraction);
                }
            }
            if (twelve) p.append(ampmSpace).append('a');
            if (zoneSpace != null) {
                p.append(zoneSpace);
                if (zoneCompact > 0 && zoneCompact >= zoneColon) p.append("XX");
                else if (zoneColon > 0 || zoneZ > 0 && zoneHour == 0) p.append("XXX");
                else p.append("X");
            }
            return p.toString();
        }
    }
}
