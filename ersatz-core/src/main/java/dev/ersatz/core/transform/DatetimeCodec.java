package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.format.DatetimeFormat;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dates and timestamps: parsed with the column's learned pattern to epoch seconds, and formatted back
 * in the same pattern, at the pattern's resolution (whole days for dates), within the learned range.
 *
 * <p>Time zones are kept: when every value carries the same offset, outputs carry it too; when the
 * offsets vary, the offset becomes a categorical model column of its own, so the synthesizer learns
 * which offsets go with which rows. Local date-times are read and written as if in UTC, so no
 * daylight-saving gap can shift a value.
 */
public record DatetimeCodec(ColumnSpec spec, DatetimeFormat format, double min, double max, int fixedOffset,
                            List<Integer> offsets, SourceType sourceType, Grain grain) implements ColumnCodec {

    /**
     * The coarsest unit every real value sits on, in local time: monthly data (all on the 1st) stays
     * monthly, timestamps that are all whole hours stay whole hours. Outputs are rounded to it.
     */
    public enum Grain {
        /** The format's own resolution. */
        FORMAT(0), MINUTE(60), HOUR(3600), DAY(86400), MONTH(30.436875 * 86400), YEAR(365.2425 * 86400);

        final double seconds;

        Grain(double seconds) { this.seconds = seconds; }
    }

    public DatetimeCodec {
        offsets = offsets == null ? null : List.copyOf(offsets);
    }

    /** Learns range and offsets from the raw column; a value the pattern cannot read is an error. */
    public static DatetimeCodec fit(ColumnSpec spec, StringColumn raw, String source) {
        DatetimeFormat format = DatetimeFormat.of(spec.format());
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        Map<Integer, Integer> offsetCounts = new TreeMap<>();
        String[] v = raw.values();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) continue;
            double t = parse(spec, format, v[i], source, i);
            if (t < min) min = t;
            if (t > max) max = t;
            if (format.hasZone()) offsetCounts.merge(format.offsetSeconds(v[i]), 1, Integer::sum);
        }
        if (min > max) { min = Double.NaN; max = Double.NaN; }
        Grain grain = learnGrain(format, v);
        int fixed = 0;
        List<Integer> offsets = null;
        if (offsetCounts.size() == 1) fixed = offsetCounts.keySet().iterator().next();
        else if (offsetCounts.size() > 1) offsets = new ArrayList<>(offsetCounts.keySet());
        return new DatetimeCodec(spec, format, min, max, fixed, offsets, raw.sourceType(), grain);
    }

    /** The coarsest grain all present values sit on (in their local time), or FORMAT. */
    static Grain learnGrain(DatetimeFormat format, String[] values) {
        boolean minute = true, hour = true, day = true, month = true, year = true;
        int seen = 0;
        for (String s : values) {
            if (s == null) continue;
            double t = format.parse(s);
            if (Double.isNaN(t)) continue;
            seen++;
            java.time.LocalDateTime local = local(t, format.hasZone() ? format.offsetSeconds(s) : 0);
            if (local.getNano() != 0 || local.getSecond() != 0) { minute = hour = day = month = year = false; break; }
            if (local.getMinute() != 0) hour = false;
            if (local.getHour() != 0 || local.getMinute() != 0) day = false;
            if (!day || local.getDayOfMonth() != 1) month = false;
            if (!month || local.getMonthValue() != 1) year = false;
        }
        // A handful of values is no evidence of a grain.
        if (seen < 10) return Grain.FORMAT;
        double res = format.resolutionSeconds();
        Grain g = year ? Grain.YEAR : month ? Grain.MONTH : day ? Grain.DAY : hour ? Grain.HOUR : minute ? Grain.MINUTE : Grain.FORMAT;
        return g.seconds > res ? g : Grain.FORMAT;
    }

    private static java.time.LocalDateTime local(double epochSeconds, int offset) {
        long whole = (long) Math.floor(epochSeconds);
        int nanos = (int) Math.round((epochSeconds - whole) * 1e9);
        if (nanos >= 1_000_000_000) { whole++; nanos -= 1_000_000_000; }
        return java.time.LocalDateTime.ofEpochSecond(whole, nanos, java.time.ZoneOffset.ofTotalSeconds(offset));
    }

    /** {@code t} rounded to the grain in the local time of {@code offset}. */
    private double round(double t, int offset) {
        double res = format.resolutionSeconds();
        if (grain == null || grain == Grain.FORMAT) return Math.round(t / res) * res;
        if (grain.seconds <= Grain.DAY.seconds) {
            double local = t + offset;
            return Math.round(local / grain.seconds) * grain.seconds - offset;
        }
        java.time.LocalDateTime l = local(t, offset);
        java.time.LocalDateTime start = grain == Grain.MONTH
                ? l.toLocalDate().withDayOfMonth(1).atStartOfDay() : l.toLocalDate().withDayOfYear(1).atStartOfDay();
        java.time.LocalDateTime next = grain == Grain.MONTH ? start.plusMonths(1) : start.plusYears(1);
        long s = start.toEpochSecond(java.time.ZoneOffset.UTC), e = next.toEpochSecond(java.time.ZoneOffset.UTC);
        double localT = t + offset;
        return (localT - s < e - localT ? s : e) - offset;
    }
    private static double parse(ColumnSpec spec, DatetimeFormat format, String s, String source, int row) {
        double t = format.parse(s);
        if (Double.isNaN(t)) {
            throw new InputException(source, row + 1, spec.name(), s, "not a date/time in the pattern " + format.pattern());
        }
        return t;
    }

    @Override
    public List<ModelColumn> modelColumns(int sourceIndex) {
        if (offsets == null) return List.of(new ModelColumn(spec.name(), false, List.of(), sourceIndex));
        List<String> levels = new ArrayList<>();
        for (int o : offsets) levels.add(Integer.toString(o));
        return List.of(new ModelColumn(spec.name(), false, List.of(), sourceIndex),
                new ModelColumn(spec.name() + "#offset", true, levels, sourceIndex));
    }

    @Override
    public List<Column> encode(StringColumn raw, String source, long seed) {
        String[] v = raw.values();
        double[] t = new double[v.length];
        int[] codes = offsets == null ? null : new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                t[i] = Double.NaN;
                if (codes != null) codes[i] = -1;
                continue;
            }
            t[i] = parse(spec, format, v[i], source, i);
            if (codes != null) {
                int off = format.offsetSeconds(v[i]);
                int c = offsets.indexOf(off);
                if (c < 0) throw new InputException(source, i + 1, spec.name(), v[i], "time zone offset not seen when fitting");
                codes[i] = c;
            }
        }
        if (codes == null) return List.of(new NumericColumn(spec.name(), t));
        String[] levels = new String[offsets.size()];
        for (int i = 0; i < levels.length; i++) levels[i] = Integer.toString(offsets.get(i));
        return List.of(new NumericColumn(spec.name(), t), new CategoricalColumn(spec.name() + "#offset", codes, levels));
    }

    /** The output instant for a model value: clamped to the learned range, rounded to the learned grain. */
    public double finish(double t, int offset) {
        if (Double.isNaN(t)) return t;
        double v = t < min ? min : (t > max ? max : t);
        double r = round(v, offset);
        // Rounding to a month or year can step just past the range: keep to the real span.
        if (r > max) r = round(r - (grain == null ? 0 : grain.seconds), offset);
        if (r < min) r = round(r + (grain == null ? 0 : grain.seconds), offset);
        return r;
    }

    /** Half the output grain in seconds. */
    public double halfStep() {
        double g = grain == null || grain == Grain.FORMAT ? format.resolutionSeconds() : grain.seconds;
        return 0.5 * Math.max(g, format.resolutionSeconds());
    }

    @Override
    public String[] decode(List<Column> model, int rows, long firstRow, long seed, boolean typed) {
        double[] t = ((NumericColumn) model.get(0)).values();
        CategoricalColumn off = offsets == null ? null : (CategoricalColumn) model.get(1);
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(t[i])) continue;
            int offset = fixedOffset;
            if (off != null) {
                int c = off.code(i);
                offset = c < 0 ? offsets.get(0) : offsets.get(c);
            }
            double v = finish(t[i], offset);
            out[i] = typed ? format.formatIso(v, offset) : format.format(v, offset);
        }
        return out;
    }

    @Override
    public SourceType outputType() {
        if (!format.hasTime()) return SourceType.DATE;
        return format.hasZone() ? SourceType.TIMESTAMP_TZ : SourceType.TIMESTAMP;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        if (!Double.isNaN(min)) { o.put("min", min); o.put("max", max); }
        o.put("fixedOffset", fixedOffset);
        if (offsets != null) {
            ArrayNode a = o.putArray("offsets");
            offsets.forEach(a::add);
        }
        o.put("sourceType", sourceType.name());
        o.put("grain", grain.name());
        return o;
    }

    static DatetimeCodec fromJson(ColumnSpec spec, JsonNode o) {
        List<Integer> offsets = null;
        if (o.has("offsets")) {
            offsets = new ArrayList<>();
            for (JsonNode n : o.get("offsets")) offsets.add(n.asInt());
        }
        return new DatetimeCodec(spec, DatetimeFormat.of(spec.format()),
                o.has("min") ? o.get("min").asDouble() : Double.NaN, o.has("max") ? o.get("max").asDouble() : Double.NaN,
                o.path("fixedOffset").asInt(), offsets, SourceType.valueOf(o.path("sourceType").asText("STRING")),
                Grain.valueOf(o.path("grain").asText("FORMAT")));
    }
}
