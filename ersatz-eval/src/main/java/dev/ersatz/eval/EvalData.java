package dev.ersatz.eval;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Table;
import dev.ersatz.core.format.DatetimeFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables of an evaluation (the real training table, the synthetic table and, when there is one,
 * a real holdout), with every compared column parsed once: ordered columns (numeric, integer,
 * datetime) to doubles with {@code NaN} for missing, the others to category codes shared by all
 * tables ({@code -1} for missing).
 *
 * <p>Codes number the real table's labels first, in order of first appearance, then labels seen only
 * in the synthetic table, then labels seen only in the holdout; so {@code code < realLevels} means
 * "a category of the real data". ID, PII and free-text columns are generated, not learned, and are
 * not compared.
 *
 * <p>Every table must have exactly the real table's columns (in any order): a missing or an extra
 * column is an {@link InputException} naming the file and the column, as is a value of an ordered
 * column that does not parse (naming the row and the value too).
 */
final class EvalData {

    /** Which table a row belongs to. */
    enum Role {
        REAL, SYNTHETIC, HOLDOUT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One compared column across the tables. */
    static final class Feature {
        final String name;
        final ColumnSpec spec;
        final boolean numeric;
        /** [role][row]: the values of an ordered column ({@code NaN} = missing); null for categorical columns. */
        final double[][] values;
        /** [role][row]: the codes of a categorical column ({@code -1} = missing); null for ordered columns. */
        final int[][] codes;
        /** Category labels by code; empty for ordered columns. */
        final List<String> levels;
        /** How many of {@link #levels} occur in the real table. */
        final int realLevels;

        Feature(String name, ColumnSpec spec, double[][] values, int[][] codes, List<String> levels, int realLevels) {
            this.name = name;
            this.spec = spec;
            this.numeric = values != null;
            this.values = values;
            this.codes = codes;
            this.levels = levels;
            this.realLevels = realLevels;
        }

        boolean isDatetime() {
            return spec.kind() == ColumnKind.DATETIME;
        }

        boolean missing(Role role, int row) {
            return numeric ? Double.isNaN(values[role.ordinal()][row]) : codes[role.ordinal()][row] < 0;
        }

        /** The value at a row as text for people (a category label, a number, or a datetime in the column's format). */
        String display(double value) {
            if (Double.isNaN(value)) return "missing";
            if (isDatetime()) return DatetimeFormat.of(spec.format()).format(value, 0);
            return Format.number(value);
        }
    }

    final List<Feature> features;
    private final int[] rows = new int[3];
    private final String[] sources = new String[3];
    private final boolean hasHoldout;

    private EvalData(List<Feature> features, Table real, Table synthetic, Table holdout, String[] sources) {
        this.features = List.copyOf(features);
        rows[0] = real.rowCount();
        rows[1] = synthetic.rowCount();
        rows[2] = holdout == null ? 0 : holdout.rowCount();
        System.arraycopy(sources, 0, this.sources, 0, 3);
        this.hasHoldout = holdout != null;
    }

    int rows(Role role) {
        return rows[role.ordinal()];
    }

    String source(Role role) {
        return sources[role.ordinal()];
    }

    boolean hasHoldout() {
        return hasHoldout;
    }

    Feature feature(String name) {
        for (Feature f : features) if (f.name.equals(name)) return f;
        return null;
    }

    int indexOf(String name) {
        for (int i = 0; i < features.size(); i++) if (features.get(i).name.equals(name)) return i;
        return -1;
    }

    /**
     * Parses the tables. {@code meta} describes the real table; {@code holdout} (and its source) may be
     * null. Sources name the tables in error messages.
     */
    static EvalData of(Table real, String realSource, Table synthetic, String syntheticSource,
                       Table holdout, String holdoutSource, Metadata meta) {
        String[] sources = {orName(realSource, "real data"), orName(syntheticSource, "synthetic data"), orName(holdoutSource, "holdout")};
        Table[] tables = {real, synthetic, holdout};
        for (int t = 1; t < 3; t++) if (tables[t] != null) checkColumns(real, tables[t], sources[0], sources[t]);
        List<Feature> features = new ArrayList<>();
        for (ColumnSpec spec : meta.columns()) {
            if (!Values.isCompared(spec)) continue;
            if (real.indexOf(spec.name()) < 0) {
                throw new InputException(sources[0], -1, spec.name(), null, "the metadata names a column the real data does not have");
            }
            features.add(Values.isNumeric(spec) ? numeric(spec, tables, sources) : categorical(spec, tables));
        }
        return new EvalData(features, real, synthetic, holdout, sources);
    }

    private static String orName(String s, String fallback) {
        return s == null ? fallback : s;
    }

    private static void checkColumns(Table real, Table other, String realSource, String otherSource) {
        for (String name : real.names()) {
            if (other.indexOf(name) < 0) {
                throw new InputException(otherSource, -1, name, null, "column of the real data is missing here (columns: "
                        + String.join(", ", other.names()) + ")");
            }
        }
        Set<String> realNames = new HashSet<>(real.names());
        for (String name : other.names()) {
            if (!realNames.contains(name)) {
                throw new InputException(otherSource, -1, name, null, "column is not in the real data " + realSource
                        + " (columns: " + String.join(", ", real.names()) + ")");
            }
        }
    }

    private static Feature numeric(ColumnSpec spec, Table[] tables, String[] sources) {
        DatetimeFormat format = spec.kind() == ColumnKind.DATETIME ? DatetimeFormat.of(spec.format()) : null;
        double[][] values = new double[3][];
        for (int t = 0; t < 3; t++) {
            if (tables[t] == null) {
                values[t] = new double[0];
                continue;
            }
            Column c = tables[t].column(spec.name());
            double[] v = new double[c.size()];
            for (int i = 0; i < v.length; i++) v[i] = parse(c.text(i), spec, format, sources[t], i);
            values[t] = v;
        }
        return new Feature(spec.name(), spec, values, null, List.of(), 0);
    }

    /** A cell of an ordered column as a number: {@code NaN} when missing, an error naming the cell when unreadable. */
    private static double parse(String text, ColumnSpec spec, DatetimeFormat format, String source, int row) {
        if (text == null) return Double.NaN;
        if (format != null) {
            double v = format.parse(text);
            if (Double.isNaN(v)) {
                throw new InputException(source, row + 1, spec.name(), text, "not a datetime in the format " + spec.format());
            }
            return v;
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InputException(source, row + 1, spec.name(), text, "not a number (the real column is "
                    + spec.kind().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new InputException(source, row + 1, spec.name(), text, "not a finite number");
        }
        return v;
    }

    private static Feature categorical(ColumnSpec spec, Table[] tables) {
        Map<String, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[][] codes = new int[3][];
        int realLevels = 0;
        for (int t = 0; t < 3; t++) {
            if (tables[t] == null) {
                codes[t] = new int[0];
                continue;
            }
            Column c = tables[t].column(spec.name());
            int[] k = new int[c.size()];
            for (int i = 0; i < k.length; i++) {
                String v = c.text(i);
                if (v == null) {
                    k[i] = -1;
                    continue;
                }
                Integer code = index.get(v);
                if (code == null) {
                    code = levels.size();
                    index.put(v, code);
                    levels.add(v);
                }
                k[i] = code;
            }
            codes[t] = k;
            if (t == 0) realLevels = levels.size();
        }
        return new Feature(spec.name(), spec, null, codes, Collections.unmodifiableList(levels), realLevels);
    }
}
