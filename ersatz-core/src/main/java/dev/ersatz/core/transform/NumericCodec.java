package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.model.ModelFile;

import java.util.List;

/**
 * Numbers and whole numbers: parsed to doubles, and back with the learned precision, bounds and style.
 *
 * <p>Learned: the most decimals any value shows (capped at 12), whether the source keeps trailing
 * zeros ({@code 18.0}) or trims them ({@code 18}), and the observed minimum and maximum. Outputs are
 * clamped to the bounds and rounded to the precision, so an integer column stays integral and a
 * column measured to 0.1 keeps that grain.
 *
 * <p>Missing values pass through as NaN; a synthesizer models their rate.
 */
public record NumericCodec(ColumnSpec spec, int decimals, boolean keepTrailingZeros, double min, double max,
                           SourceType sourceType) implements ColumnCodec {

    static final int MAX_DECIMALS = 12;

    /** Learns the codec from the raw column (strictly: a value that is not a number is an error). */
    public static NumericCodec fit(ColumnSpec spec, StringColumn raw, String source) {
        int decimals = 0;
        boolean trailing = false;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        boolean integer = spec.kind() == ColumnKind.INTEGER;
        String[] v = raw.values();
        for (int i = 0; i < v.length; i++) {
            String s = v[i];
            if (s == null) continue;
            double d = parse(spec, s, source, i);
            if (!integer) {
                int dec = NumberText.decimals(s);
                if (dec > decimals) decimals = Math.min(dec, MAX_DECIMALS);
                if (!trailing && NumberText.hasTrailingZero(s)) trailing = true;
            }
            if (d < min) min = d;
            if (d > max) max = d;
        }
        if (min > max) { min = Double.NaN; max = Double.NaN; }
        return new NumericCodec(spec, decimals, trailing, min, max, raw.sourceType());
    }

    static double parse(ColumnSpec spec, String s, String source, int row) {
        double d;
        try {
            d = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException(source, row + 1, spec.name(), s, "not a number (metadata says " + kindName(spec) + ")");
        }
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new InputException(source, row + 1, spec.name(), s, "not a finite number (metadata says " + kindName(spec) + ")");
        }
        if (spec.kind() == ColumnKind.INTEGER && d != Math.rint(d)) {
            throw new InputException(source, row + 1, spec.name(), s, "not a whole number (metadata says integer)");
        }
        return d;
    }

    private static String kindName(ColumnSpec spec) {
        return spec.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<ModelColumn> modelColumns(int sourceIndex) {
        return List.of(new ModelColumn(spec.name(), false, List.of(), sourceIndex));
    }

    @Override
    public List<Column> encode(StringColumn raw, String source, long seed) {
        String[] v = raw.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] == null ? Double.NaN : parse(spec, v[i], source, i);
        return List.of(new NumericColumn(spec.name(), out));
    }

    /** The output value for a model value: clamped to the learned bounds, rounded to the precision. */
    public double finish(double value) {
        if (Double.isNaN(value)) return value;
        double v = value < min ? min : (value > max ? max : value);
        return NumberText.round(v, decimals);
    }

    /** Half the output grain: model values within this of an output value round to it. */
    public double halfStep() {
        return 0.5 * Math.pow(10, -decimals);
    }

    @Override
    public String[] decode(List<Column> model, int rows, long firstRow, long seed, boolean typed) {
        double[] v = ((NumericColumn) model.get(0)).values();
        String[] out = new String[rows];
        boolean trim = !keepTrailingZeros;
        for (int i = 0; i < rows; i++) {
            double x = v[i];
            out[i] = Double.isNaN(x) ? null : NumberText.format(finish(x), decimals, trim);
        }
        return out;
    }

    @Override
    public SourceType outputType() {
        if (spec.kind() == ColumnKind.INTEGER) return SourceType.INTEGER;
        return SourceType.DOUBLE;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("decimals", decimals);
        o.put("keepTrailingZeros", keepTrailingZeros);
        if (!Double.isNaN(min)) { o.put("min", min); o.put("max", max); }
        o.put("sourceType", sourceType.name());
        return o;
    }

    static NumericCodec fromJson(ColumnSpec spec, JsonNode o) {
        double min = o.has("min") ? o.get("min").asDouble() : Double.NaN;
        double max = o.has("max") ? o.get("max").asDouble() : Double.NaN;
        return new NumericCodec(spec, o.path("decimals").asInt(), o.path("keepTrailingZeros").asBoolean(), min, max,
                SourceType.valueOf(o.path("sourceType").asText("STRING")));
    }
}
