package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;

/**
 * The fitted, reversible transform of a whole table: each source column's {@link ColumnCodec}, the
 * model columns they produce, and the text style of the source (so output is written as it was read).
 *
 * <p>Encoding turns the raw text table into model columns a synthesizer can fit; decoding turns the
 * model columns a synthesizer samples back into text in the source's column order, names and formats.
 * Conditions written by users are translated here into model space, where a synthesizer can honour
 * them exactly.
 */
public final class TableCodec {
    private final Metadata metadata;
    private final List<ColumnCodec> codecs;
    private final List<ModelColumn> modelColumns;
    private final int[] firstModelColumn;
    private final TextStyle style;

    private TableCodec(Metadata metadata, List<ColumnCodec> codecs, TextStyle style) {
        this.metadata = metadata;
        this.codecs = List.copyOf(codecs);
        this.style = style;
        List<ModelColumn> mc = new ArrayList<>();
        firstModelColumn = new int[codecs.size()];
        for (int i = 0; i < codecs.size(); i++) {
            firstModelColumn[i] = mc.size();
            mc.addAll(codecs.get(i).modelColumns(i));
        }
        this.modelColumns = List.copyOf(mc);
    }

    /** Learns every column's codec from the raw table; {@code source} names the data in errors. */
    public static TableCodec fit(Table raw, Metadata meta, TextStyle style, String source) {
        checkColumns(raw, meta, source);
        List<ColumnCodec> codecs = new ArrayList<>();
        for (ColumnSpec spec : meta.columns()) {
            StringColumn col = asText(raw.column(spec.name()));
            codecs.add(switch (spec.kind()) {
                case NUMERIC, INTEGER -> NumericCodec.fit(spec, col, source);
                case DATETIME -> DatetimeCodec.fit(spec, col, source);
                case CATEGORICAL, BOOLEAN -> CategoricalCodec.fit(spec, col);
                case ID, PII, TEXT -> GeneratedCodec.fit(spec, col);
            });
        }
        TextStyle s = style == null ? TextStyle.defaults(meta.columns().size()) : style;
        return new TableCodec(meta, codecs, s);
    }

    private static void checkColumns(Table raw, Metadata meta, String source) {
        if (!raw.names().equals(meta.names())) {
            for (String n : meta.names()) {
                if (raw.indexOf(n) < 0) throw new InputException(source, -1, n, null, "column named in the metadata is not in the data");
            }
            for (String n : raw.names()) {
                if (meta.get(n) == null) throw new InputException(source, -1, n, null, "column is not in the metadata");
            }
        }
    }

    private static StringColumn asText(Column c) {
        if (c instanceof StringColumn s) return s;
        String[] v = new String[c.size()];
        for (int i = 0; i < v.length; i++) v[i] = c.text(i);
        return new StringColumn(c.name(), v);
    }

    public Metadata metadata() { return metadata; }
    public List<ColumnCodec> codecs() { return codecs; }
    public List<ModelColumn> modelColumns() { return modelColumns; }
    public TextStyle style() { return style; }

    /** The codec of the source column named {@code name}, or {@code null}. */
    public ColumnCodec codec(String name) {
        for (ColumnCodec c : codecs) if (c.spec().name().equals(name)) return c;
        return null;
    }

    /** The storage types of the output columns, for typed sinks. */
    public List<SourceType> outputTypes() {
        List<SourceType> out = new ArrayList<>();
        for (ColumnCodec c : codecs) out.add(c.outputType());
        return out;
    }

    /** Encodes the raw table into model columns (strict: values that do not fit their spec are errors). */
    public Table encode(Table raw, String source, long seed) {
        checkColumns(raw, metadata, source);
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < codecs.size(); i++) {
            ColumnCodec c = codecs.get(i);
            out.addAll(c.encode(asText(raw.column(c.spec().name())), source, seed + 31L * i));
        }
        if (out.isEmpty()) {
            throw new InputException(source, "no column can be learned (every column is an id, pii or text column)");
        }
        return new Table(out);
    }

    /**
     * Decodes sampled model columns back to a text table in the source's order and names.
     * Generated columns use {@code firstRow} (the index of the first row in the whole output) and
     * {@code seed}. With {@code typed}, values take the canonical forms typed sinks cast.
     */
    public Table decode(Table model, int rows, long firstRow, long seed, boolean typed) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < codecs.size(); i++) {
            ColumnCodec c = codecs.get(i);
            int k = c.modelColumns(i).size();
            List<Column> mine = new ArrayList<>(k);
            for (int j = 0; j < k; j++) mine.add(model.column(firstModelColumn[i] + j));
            String[] values = c.decode(mine, rows, firstRow, seed + 0x632BE59BD9B4E019L * (i + 1), typed);
            out.add(new StringColumn(c.spec().name(), values, typed ? c.outputType() : SourceType.STRING));
        }
        return new Table(out);
    }

    /**
     * Real rows in the forms a typed sink (Parquet) casts, for outputs that mix real and new rows: dates
     * and timestamps in ISO form (each value keeps its own offset), booleans in lower case, everything
     * else as read. Values are not rounded or clamped, and generated columns keep their real values.
     * A value that does not parse is an {@link InputException} naming {@code source} and the row.
     */
    public Table canonical(Table raw, String source) {
        checkColumns(raw, metadata, source);
        List<Column> out = new ArrayList<>();
        for (ColumnCodec c : codecs) {
            StringColumn col = asText(raw.column(c.spec().name()));
            String[] v = col.values().clone();
            if (c instanceof DatetimeCodec d) {
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == null) continue;
                    double t = d.format().parse(v[i]);
                    if (Double.isNaN(t)) throw new InputException(source, i + 1, c.spec().name(), v[i], "not a date/time in the pattern " + d.format().pattern());
                    int offset = d.format().hasZone() ? d.format().offsetSeconds(v[i]) : d.fixedOffset();
                    v[i] = d.format().formatIso(t, offset);
                }
            } else if (c instanceof CategoricalCodec cc && cc.outputType() == SourceType.BOOLEAN) {
                for (int i = 0; i < v.length; i++) if (v[i] != null) v[i] = v[i].toLowerCase(java.util.Locale.ROOT);
            } else if (c instanceof NumericCodec) {
                for (int i = 0; i < v.length; i++) if (v[i] != null) v[i] = v[i].trim();
            }
            out.add(new StringColumn(c.spec().name(), v, c.outputType()));
        }
        return new Table(out);
    }

    /** Translates users' conditions into model space, naming the condition at fault when one cannot be met. */
    public List<ModelCondition> translate(List<Condition> conditions) {
        List<ModelCondition> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Condition cond : conditions) {
            int idx = metadata.names().indexOf(cond.column());
            if (idx < 0) {
                throw new InputException("--where", -1, cond.column(), cond.toString(),
                        "no such column (columns: " + String.join(", ", metadata.names()) + ")");
            }
            if (!seen.add(cond.column())) {
                throw new InputException("--where", -1, cond.column(), cond.toString(), "only one condition per column (use 'column in [low,high]' for a range)");
            }
            ColumnCodec codec = codecs.get(idx);
            int mc = firstModelColumn[idx];
            if (codec instanceof CategoricalCodec c) {
                out.add(categorical(c, cond, mc));
            } else if (codec instanceof NumericCodec n) {
                out.add(interval(cond, mc, parseNumber(cond, cond.value()),
                        cond.upper() == null ? Double.NaN : parseNumber(cond, cond.upper()), n.halfStep(), n.min(), n.max(), false));
            } else if (codec instanceof DatetimeCodec d) {
                out.add(interval(cond, mc, parseTime(d, cond, cond.value()),
                        cond.upper() == null ? Double.NaN : parseTime(d, cond, cond.upper()), d.halfStep(), d.min(), d.max(), true));
            } else {
                throw new InputException("--where", -1, cond.column(), cond.toString(),
                        "a " + codec.spec().kind().name().toLowerCase(java.util.Locale.ROOT) + " column is generated, not learned: it cannot be conditioned on");
            }
        }
        return out;
    }

    private static ModelCondition categorical(CategoricalCodec c, Condition cond, int mc) {
        if (cond.op() != Condition.Op.EQ) {
            throw new InputException("--where", -1, cond.column(), cond.toString(), "a categorical column takes only '=' conditions");
        }
        int code = c.code(cond.value());
        if (code < 0) {
            List<String> levels = c.levels();
            String shown = String.join(", ", levels.subList(0, Math.min(levels.size(), 12))) + (levels.size() > 12 ? ", ..." : "");
            String why = c.isProtected(cond.value())
                    ? "is a rare category (seen fewer than " + c.spec().effectiveMinCategoryCount() + " times) and is protected; list it under \"keep\" in the metadata to condition on it"
                    : "is not a learned category (rare categories are protected); categories: " + shown;
            throw new InputException("--where", -1, cond.column(), cond.value(), why);
        }
        return new ModelCondition(mc, new int[] {code}, Double.NaN, Double.NaN, cond.toString());
    }

    private static ModelCondition interval(Condition cond, int mc, double v, double upper, double h, double min, double max, boolean time) {
        // The interval is taken in model space, half an output step around the written value, and
        // pulled in by a millionth of a step so rounding the sampled value always lands inside.
        double eps = 1e-6 * h;
        double lo, hi;
        switch (cond.op()) {
            case EQ -> { lo = v - h + eps; hi = v + h - eps; }
            case GT -> { lo = v + h + eps; hi = Double.POSITIVE_INFINITY; }
            case GE -> { lo = v - h + eps; hi = Double.POSITIVE_INFINITY; }
            case LT -> { lo = Double.NEGATIVE_INFINITY; hi = v - h - eps; }
            case LE -> { lo = Double.NEGATIVE_INFINITY; hi = v + h - eps; }
            case BETWEEN -> { lo = v - h + eps; hi = upper + h - eps; }
            default -> throw new IllegalStateException();
        }
        if (lo > hi) throw new InputException("--where", -1, cond.column(), cond.toString(), "the range is empty");
        if (!Double.isNaN(min) && (hi < min - h || lo > max + h)) {
            throw new InputException("--where", -1, cond.column(), cond.toString(),
                    "no value the model produces satisfies it (learned range " + (time ? "of the data" : fmt(min) + " to " + fmt(max)) + ")");
        }
        return new ModelCondition(mc, null, lo, hi, cond.toString());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static double parseNumber(Condition cond, String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new InputException("--where", -1, cond.column(), s, "not a number");
    }

    private static double parseTime(DatetimeCodec d, Condition cond, String s) {
        double t = d.format().parse(s);
        if (Double.isNaN(t)) {
            throw new InputException("--where", -1, cond.column(), s, "not a date/time in the column's pattern " + d.format().pattern());
        }
        return t;
    }

    /** The codec as JSON (stored in model files). */
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.set("metadata", metadata.toJsonNode());
        ObjectNode st = o.putObject("textStyle");
        st.put("delimiter", String.valueOf(style.delimiter()));
        ArrayNode mk = st.putArray("missingMarkers");
        for (String m : style.missingMarkers()) mk.add(m == null ? "" : m);
        ArrayNode cs = o.putArray("columns");
        for (ColumnCodec c : codecs) cs.add(c.toJson());
        return o;
    }

    /** Reads a codec written by {@link #toJson}. */
    public static TableCodec fromJson(JsonNode o, String source) {
        Metadata meta = Metadata.fromJsonNode(o.get("metadata"), source);
        JsonNode st = o.path("textStyle");
        List<String> markers = new ArrayList<>();
        for (JsonNode m : st.path("missingMarkers")) markers.add(m.asText());
        String delim = st.path("delimiter").asText(",");
        TextStyle style = new TextStyle(delim.isEmpty() ? ',' : delim.charAt(0), markers);
        JsonNode cs = o.get("columns");
        List<ColumnCodec> codecs = new ArrayList<>();
        for (int i = 0; i < meta.columns().size(); i++) {
            ColumnSpec spec = meta.columns().get(i);
            JsonNode c = cs.get(i);
            codecs.add(switch (spec.kind()) {
                case NUMERIC, INTEGER -> NumericCodec.fromJson(spec, c);
                case DATETIME -> DatetimeCodec.fromJson(spec, c);
                case CATEGORICAL, BOOLEAN -> CategoricalCodec.fromJson(spec, c);
                case ID, PII, TEXT -> GeneratedCodec.fromJson(spec, c);
            });
        }
        return new TableCodec(meta, codecs, style);
    }
}
