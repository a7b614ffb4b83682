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

    /** The index of the first model column of the source column named {@code name}, or -1 (none, or generated). */
    public int firstModelColumn(String name) {
        int idx = metadata.names().indexOf(name);
        if (idx < 0 || codecs.get(idx).modelColumns(idx).isEmpty()) return -1;
        return firstModelColumn[idx];
    }

    /**
     * This codec with the named numeric and datetime columns no longer clamped to their learned range
     * when decoding (values are still rounded to their precision or grain). Constraints use it for the
     * columns whose final values they compute themselves, so that decoding cannot undo what they enforce.
     * Not meant to be saved: the learned ranges stay in the saved codec.
     */
    public TableCodec unclamped(java.util.Set<String> names) {
        List<ColumnCodec> out = new ArrayList<>(codecs.size());
        for (ColumnCodec c : codecs) {
            if (!names.contains(c.spec().name())) { out.add(c); continue; }
            if (c instanceof NumericCodec n) {
                out.add(new NumericCodec(n.spec(), n.decimals(), n.keepTrailingZeros(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n.sourceType()));
            } else if (c instanceof DatetimeCodec d) {
                out.add(new DatetimeCodec(d.spec(), d.format(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, d.fixedOffset(), d.offsets(),
                        d.sourceType(), d.grain()));
            } else {
                out.add(c);
            }
        }
        return new TableCodec(metadata, out, style);
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
            String[] values = c.decode(mine, rows, firstRow, columnSeed(i, seed), typed);
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

    /** The seed {@link #decode} gives the codec of source column {@code i} for a run seeded with {@code seed}. */
    private static long columnSeed(int i, long seed) {
        return seed + 0x632BE59BD9B4E019L * (i + 1);
    }

    /** The seed {@link #decode} gives the codec of the column named {@code name} (for regenerating its values consistently). */
    public long decodeSeed(String name, long seed) {
        return columnSeed(metadata.names().indexOf(name), seed);
    }

    /**
     * Translates users' conditions into model space, one {@link ModelCondition} per conditioned
     * column, naming the condition at fault when one cannot be met.
     *
     * <p>Conditions on the same column are combined (AND). Numeric bounds are placed half an output
     * step around the nearest allowed output values and pulled in by a millionth of a step, so that a
     * sampled value, once rounded to the column's precision, always satisfies the condition; a value
     * compared for equality must be on the column's grid ({@code 15.55} cannot equal a value recorded
     * to one decimal). Errors, before any output exists: an unknown column or category, a protected
     * rare category, a range or set outside what the model produces, conditions that contradict each
     * other, and conditions on generated (ID, PII, text) columns.
     */
    public List<ModelCondition> translate(List<Condition> conditions) {
        java.util.LinkedHashMap<String, List<Condition>> byColumn = new java.util.LinkedHashMap<>();
        for (Condition cond : conditions) {
            if (metadata.names().indexOf(cond.column()) < 0) {
                throw new InputException("--where", -1, cond.column(), cond.toString(),
                        "no such column (columns: " + String.join(", ", metadata.names()) + ")");
            }
            byColumn.computeIfAbsent(cond.column(), k -> new ArrayList<>()).add(cond);
        }
        List<ModelCondition> out = new ArrayList<>();
        for (java.util.Map.Entry<String, List<Condition>> e : byColumn.entrySet()) {
            int idx = metadata.names().indexOf(e.getKey());
            ColumnCodec codec = codecs.get(idx);
            int mc = firstModelColumn[idx];
            List<Condition> conds = e.getValue();
            String text = conds.stream().map(Condition::toString).collect(java.util.stream.Collectors.joining(" and "));
            if (codec instanceof CategoricalCodec c) {
                out.add(categorical(c, conds, mc, text));
            } else if (codec instanceof NumericCodec || codec instanceof DatetimeCodec) {
                out.add(numeric(codec, conds, mc, text));
            } else {
                Condition cond = conds.get(0);
                throw new InputException("--where", -1, cond.column(), cond.toString(),
                        "a " + codec.spec().kind().name().toLowerCase(java.util.Locale.ROOT) + " column is generated, not learned: it cannot be conditioned on");
            }
        }
        return out;
    }

    private static ModelCondition categorical(CategoricalCodec c, List<Condition> conds, int mc, String text) {
        int levels = c.levels().size();
        boolean[] allowed = new boolean[levels];
        java.util.Arrays.fill(allowed, true);
        for (Condition cond : conds) {
            boolean[] mine = new boolean[levels];
            switch (cond.op()) {
                case EQ -> mine[knownCode(c, cond, cond.value(), true)] = true;
                case IN -> { for (String v : cond.values()) mine[knownCode(c, cond, v, true)] = true; }
                case NE, NOT_IN -> {
                    java.util.Arrays.fill(mine, true);
                    for (String v : cond.op() == Condition.Op.NE ? List.of(cond.value()) : cond.values()) {
                        int code = knownCode(c, cond, v, false);
                        if (code >= 0) mine[code] = false;
                    }
                }
                default -> throw new InputException("--where", -1, cond.column(), cond.toString(),
                        "a categorical column takes =, !=, 'in {a,b}' and 'not in {a,b}' conditions");
            }
            for (int i = 0; i < levels; i++) allowed[i] &= mine[i];
        }
        int n = 0;
        for (boolean a : allowed) if (a) n++;
        if (n == 0) {
            throw new InputException("--where", -1, conds.get(0).column(), text, conds.size() > 1
                    ? "the conditions on this column cannot all hold" : "no category is left");
        }
        int[] codes = new int[n];
        for (int i = 0, j = 0; i < levels; i++) if (allowed[i]) codes[j++] = i;
        return new ModelCondition(mc, codes, Double.NaN, Double.NaN, text);
    }

    /**
     * The code of {@code label}; an error naming it when it is not a learned category (for an
     * exclusion, a protected rare category is simply never produced: -1).
     */
    private static int knownCode(CategoricalCodec c, Condition cond, String label, boolean include) {
        int code = c.code(label);
        if (code >= 0) return code;
        if (!include && c.isProtected(label)) return -1;
        List<String> levels = c.levels();
        String shown = String.join(", ", levels.subList(0, Math.min(levels.size(), 12))) + (levels.size() > 12 ? ", ..." : "");
        String why = c.isProtected(label)
                ? "is a rare category (seen fewer than " + c.spec().effectiveMinCategoryCount() + " times) and is protected; list it under \"keep\" in the metadata to condition on it"
                : "is not a learned category (rare categories are protected); categories: " + shown;
        throw new InputException("--where", -1, cond.column(), label, why);
    }

    /** A numeric or datetime column's conditions as a union of model-space intervals. */
    private static ModelCondition numeric(ColumnCodec codec, List<Condition> conds, int mc, String text) {
        boolean time = codec instanceof DatetimeCodec;
        double h = time ? ((DatetimeCodec) codec).halfStep() : ((NumericCodec) codec).halfStep();
        double min = time ? ((DatetimeCodec) codec).min() : ((NumericCodec) codec).min();
        double max = time ? ((DatetimeCodec) codec).max() : ((NumericCodec) codec).max();
        double step = time ? Double.NaN : 2 * h;
        double eps = 1e-6 * h;
        double[] all = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] allowed = all;
        for (Condition cond : conds) {
            double[] mine;
            switch (cond.op()) {
                case EQ -> mine = point(codec, cond, cond.value(), step, h, eps, min, max, time);
                case IN -> {
                    mine = new double[0];
                    for (String v : cond.values()) mine = union(mine, point(codec, cond, v, step, h, eps, min, max, time));
                }
                case NE, NOT_IN -> {
                    double[] excluded = new double[0];
                    for (String v : cond.op() == Condition.Op.NE ? List.of(cond.value()) : cond.values()) {
                        double x = value(codec, cond, v);
                        if (!time && !onGrid(x, step)) continue; // no output equals an off-grid value
                        excluded = union(excluded, new double[] {x - h - eps, x + h + eps});
                    }
                    mine = complement(excluded);
                }
                case GT, GE -> mine = new double[] {lowerBound(value(codec, cond, cond.value()), cond.op() == Condition.Op.GT, step, h, eps), Double.POSITIVE_INFINITY};
                case LT, LE -> mine = new double[] {Double.NEGATIVE_INFINITY, upperBound(value(codec, cond, cond.value()), cond.op() == Condition.Op.LT, step, h, eps)};
                case BETWEEN -> {
                    double lo = value(codec, cond, cond.value()), hi = value(codec, cond, cond.upper());
                    if (lo > hi) throw new InputException("--where", -1, cond.column(), cond.toString(), "the range is empty (low above high)");
                    mine = new double[] {lowerBound(lo, false, step, h, eps), upperBound(hi, false, step, h, eps)};
                }
                default -> throw new IllegalStateException();
            }
            mine = nonEmpty(mine);
            if (mine.length == 0) throw new InputException("--where", -1, cond.column(), cond.toString(), "the range is empty");
            if (!Double.isNaN(min)) {
                double[] reachable = nonEmpty(intersect(mine, new double[] {min - h, max + h}));
                if (reachable.length == 0) {
                    throw new InputException("--where", -1, cond.column(), cond.toString(),
                            "no value the model produces satisfies it (learned range " + (time ? "of the data" : fmt(min) + " to " + fmt(max)) + ")");
                }
            }
            allowed = intersect(allowed, mine);
        }
        allowed = nonEmpty(allowed);
        if (!Double.isNaN(min) && allowed.length > 0) allowed = nonEmpty(intersect(allowed, new double[] {min - h, max + h}));
        if (allowed.length == 0) {
            throw new InputException("--where", -1, conds.get(0).column(), text, conds.size() > 1
                    ? "the conditions on this column cannot all hold" : "no value the model produces satisfies it");
        }
        double lo = allowed[0], hi = allowed[allowed.length - 1];
        return new ModelCondition(mc, null, lo, hi, text, allowed.length == 2 ? null : allowed);
    }

    /** The interval of outputs equal to {@code v}: on the grid and inside the learned range, or an error. */
    private static double[] point(ColumnCodec codec, Condition cond, String s, double step, double h, double eps, double min, double max, boolean time) {
        double v = value(codec, cond, s);
        if (!time && !onGrid(v, step)) {
            throw new InputException("--where", -1, cond.column(), s, "is finer than the column's precision (values are recorded in steps of "
                    + fmt(step) + "), so no value equals it");
        }
        if (!Double.isNaN(min) && (v < min - h || v > max + h)) {
            throw new InputException("--where", -1, cond.column(), s,
                    "no value the model produces equals it (learned range " + (time ? "of the data" : fmt(min) + " to " + fmt(max)) + ")");
        }
        return new double[] {v - h + eps, v + h - eps};
    }

    private static boolean onGrid(double v, double step) {
        if (Double.isNaN(step)) return true;
        double k = Math.rint(v / step);
        return Math.abs(k * step - v) <= 1e-9 * Math.max(1, Math.abs(v));
    }

    /** The lowest model value allowed by {@code x > v} (strict) or {@code x >= v}: half a step below the first allowed output. */
    private static double lowerBound(double v, boolean strict, double step, double h, double eps) {
        if (Double.isNaN(step)) return strict ? v + h + eps : v - h + eps;
        double k = Math.rint(v / step);
        boolean grid = Math.abs(k * step - v) <= 1e-9 * Math.max(1, Math.abs(v));
        double g = grid ? (strict ? (k + 1) * step : k * step) : Math.ceil(v / step) * step;
        return g - h + eps;
    }

    /** The highest model value allowed by {@code x < v} (strict) or {@code x <= v}. */
    private static double upperBound(double v, boolean strict, double step, double h, double eps) {
        if (Double.isNaN(step)) return strict ? v - h - eps : v + h - eps;
        double k = Math.rint(v / step);
        boolean grid = Math.abs(k * step - v) <= 1e-9 * Math.max(1, Math.abs(v));
        double g = grid ? (strict ? (k - 1) * step : k * step) : Math.floor(v / step) * step;
        return g + h - eps;
    }

    private static double value(ColumnCodec codec, Condition cond, String s) {
        if (codec instanceof DatetimeCodec d) return parseTime(d, cond, s);
        return parseNumber(cond, s);
    }

    /** Drops empty intervals (low above high). */
    private static double[] nonEmpty(double[] a) {
        int n = 0;
        for (int i = 0; i < a.length; i += 2) if (a[i] <= a[i + 1]) n++;
        double[] out = new double[2 * n];
        for (int i = 0, j = 0; i < a.length; i += 2) if (a[i] <= a[i + 1]) { out[j++] = a[i]; out[j++] = a[i + 1]; }
        return out;
    }

    /** The union of two unions of closed intervals, sorted and merged. */
    static double[] union(double[] a, double[] b) {
        int n = (a.length + b.length) / 2;
        double[][] iv = new double[n][];
        int k = 0;
        for (int i = 0; i < a.length; i += 2) iv[k++] = new double[] {a[i], a[i + 1]};
        for (int i = 0; i < b.length; i += 2) iv[k++] = new double[] {b[i], b[i + 1]};
        java.util.Arrays.sort(iv, (x, y) -> Double.compare(x[0], y[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] x : iv) {
            if (x[0] > x[1]) continue;
            if (!merged.isEmpty() && x[0] <= merged.get(merged.size() - 1)[1]) {
                double[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], x[1]);
            } else merged.add(x.clone());
        }
        double[] out = new double[2 * merged.size()];
        for (int i = 0; i < merged.size(); i++) { out[2 * i] = merged.get(i)[0]; out[2 * i + 1] = merged.get(i)[1]; }
        return out;
    }

    /** The intersection of two sorted unions of closed intervals. */
    static double[] intersect(double[] a, double[] b) {
        List<Double> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.length && j < b.length) {
            double lo = Math.max(a[i], b[j]), hi = Math.min(a[i + 1], b[j + 1]);
            if (lo <= hi) { out.add(lo); out.add(hi); }
            if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
        }
        double[] r = new double[out.size()];
        for (int k = 0; k < r.length; k++) r[k] = out.get(k);
        return r;
    }

    /** The complement of a sorted union of intervals (its gaps, open ends treated as closed). */
    static double[] complement(double[] a) {
        List<Double> out = new ArrayList<>();
        double from = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] > from) { out.add(from); out.add(a[i]); }
            from = a[i + 1];
        }
        if (from < Double.POSITIVE_INFINITY) { out.add(from); out.add(Double.POSITIVE_INFINITY); }
        double[] r = new double[out.size()];
        for (int k = 0; k < r.length; k++) r[k] = out.get(k);
        return r;
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
