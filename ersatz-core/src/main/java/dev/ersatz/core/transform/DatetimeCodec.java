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
                            List<Integer> offsets, SourceType sourceType) implements ColumnCodec {

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
        int fixed = 0;
        List<Integer> offsets = null;
        if (offsetCounts.size() == 1) fixed = offsetCounts.keySet().iterator().next();
        else if (offsetCounts.size() > 1) offsets = new ArrayList<>(offsetCounts.keySet());
        return new DatetimeCodec(spec, format, min, max, fixed, offsets, raw.sourceType());
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

    /** The output instant for a model value: clamped to the learned range, rounded to the resolution. */
    public double finish(double t) {
        if (Double.isNaN(t)) return t;
        double v = t < min ? min : (t > max ? max : t);
        double res = format.resolutionSeconds();
        return Math.round(v / res) * res;
    }

    /** Half the output grain in seconds. */
    public double halfStep() {
        return 0.5 * format.resolutionSeconds();
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
            double v = finish(t[i]);
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
                o.path("fixedOffset").asInt(), offsets, SourceType.valueOf(o.path("sourceType").asText("STRING")));
    }
}
