package dev.ersatz.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * How TabDDPM sees a table: numeric columns as quantile-normal scores ({@link QuantileNormal},
 * Gaussian diffusion), categorical columns as category codes (multinomial diffusion), and one
 * categorical target column as the class label the denoiser is conditioned on.
 *
 * <p>Missing values (TabDDPM has no policy of its own for them): a categorical column with missing
 * values gets one more category; a numeric column with missing values gets a two-category
 * present/missing feature in the multinomial part, and its missing rows carry the score 0 (the
 * median). A numeric column with no present value is not modelled and decodes to all-missing. A
 * target with missing values gets a "missing" class.
 */
final class DdpmLayout {
    /** A numeric model column: its quantile map (null when it has no present value) and its missing indicator feature (or −1). */
    record Numeric(int column, QuantileNormal map, int indicator) {}

    /** A multinomial feature: a categorical model column ({@code indicatorOf} −1) or the missing indicator of numeric column {@code indicatorOf}. */
    record Categorical(int column, int indicatorOf, int k, boolean missingSlot, int start) {}

    final List<ModelColumn> columns;
    final List<Numeric> numeric = new ArrayList<>();        // only those with a map
    final List<Integer> emptyNumeric = new ArrayList<>();
    final List<Categorical> categorical = new ArrayList<>();
    final int target;            // model column, or −1
    final int classes;           // target classes (levels + missing slot), 0 without target
    final boolean targetMissing;
    final int dNum, dCat;

    DdpmLayout(List<ModelColumn> columns, List<QuantileNormal> maps, boolean[] missing, int target, boolean targetMissing) {
        this.columns = List.copyOf(columns);
        this.target = target;
        this.targetMissing = targetMissing;
        int cat = 0;
        int[] indicatorFeature = new int[columns.size()];
        java.util.Arrays.fill(indicatorFeature, -1);
        for (int j = 0; j < columns.size(); j++) {
            ModelColumn mc = columns.get(j);
            if (j == target) continue;
            if (mc.categorical()) {
                int k = mc.levels().size() + (missing[j] ? 1 : 0);
                categorical.add(new Categorical(j, -1, Math.max(k, 1), missing[j], cat));
                cat += Math.max(k, 1);
            } else if (maps.get(j) != null && missing[j]) {
                indicatorFeature[j] = categorical.size();
                categorical.add(new Categorical(-1, j, 2, false, cat));
                cat += 2;
            }
        }
        for (int j = 0; j < columns.size(); j++) {
            if (columns.get(j).categorical() || j == target) continue;
            if (maps.get(j) == null) emptyNumeric.add(j);
            else numeric.add(new Numeric(j, maps.get(j), indicatorFeature[j]));
        }
        this.dNum = numeric.size();
        this.dCat = cat;
        this.classes = target < 0 ? 0 : columns.get(target).levels().size() + (targetMissing ? 1 : 0);
    }

    /** Fits the quantile maps and chooses the target: the named column, else the last categorical column. */
    static DdpmLayout fit(Table data, List<ModelColumn> columns, String targetName) {
        int target = -1;
        if (targetName != null && !targetName.isEmpty() && !targetName.equals("none")) {
            for (int j = 0; j < columns.size(); j++) if (columns.get(j).name().equals(targetName)) target = j;
            if (target < 0) {
                List<String> names = new ArrayList<>();
                for (ModelColumn mc : columns) if (mc.categorical()) names.add(mc.name());
                throw new InputException("--option", -1, null, targetName, "target of ddpm: no such categorical column (categorical columns: "
                        + String.join(", ", names) + ")");
            }
            if (!columns.get(target).categorical()) {
                throw new InputException("--option", -1, columns.get(target).name(), targetName,
                        "target of ddpm must be a categorical column (a numeric one is modelled with the others)");
            }
        } else if (targetName == null || targetName.isEmpty()) {
            for (int j = columns.size() - 1; j >= 0; j--) if (columns.get(j).categorical()) { target = j; break; }
        }
        List<QuantileNormal> maps = new ArrayList<>();
        boolean[] missing = new boolean[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            Column col = data.column(j);
            missing[j] = col.missingCount() > 0;
            if (columns.get(j).categorical()) {
                maps.add(null);
                continue;
            }
            double[] v = ((NumericColumn) col).values();
            double[] present = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
            for (double x : present) {
                if (Double.isInfinite(x)) throw new InputException(null, -1, columns.get(j).name(), Double.toString(x), "infinite values cannot be learned");
            }
            maps.add(present.length == 0 ? null : QuantileNormal.fit(present));
        }
        return new DdpmLayout(columns, maps, missing, target, target >= 0 && missing[target]);
    }

    /** Model rows as (scores {@code n × dNum}, category codes {@code n × C}, class labels {@code n}). */
    record Encoded(float[] num, int[] cat, int[] y, int rows) {}

    Encoded encode(Table data) {
        int n = data.rowCount(), c = categorical.size();
        float[] num = new float[n * dNum];
        int[] cat = new int[n * c];
        int[] y = new int[n];
        for (int f = 0; f < dNum; f++) {
            Numeric nm = numeric.get(f);
            double[] v = ((NumericColumn) data.column(nm.column())).values();
            for (int i = 0; i < n; i++) num[i * dNum + f] = Double.isNaN(v[i]) ? 0f : (float) nm.map().forward(v[i]);
        }
        for (int f = 0; f < c; f++) {
            Categorical cf = categorical.get(f);
            if (cf.indicatorOf() >= 0) {
                double[] v = ((NumericColumn) data.column(cf.indicatorOf())).values();
                for (int i = 0; i < n; i++) cat[i * c + f] = Double.isNaN(v[i]) ? 1 : 0;
            } else {
                int[] codes = ((CategoricalColumn) data.column(cf.column())).codes();
                for (int i = 0; i < n; i++) cat[i * c + f] = codes[i] < 0 ? cf.k() - 1 : codes[i];
            }
        }
        if (target >= 0) {
            int[] codes = ((CategoricalColumn) data.column(target)).codes();
            for (int i = 0; i < n; i++) y[i] = codes[i] < 0 ? classes - 1 : codes[i];
        }
        return new Encoded(num, cat, y, n);
    }

    /** Model columns from generated scores, codes and labels. */
    Table decode(float[] num, int[] cat, int[] y, int rows) {
        Column[] out = new Column[columns.size()];
        int c = categorical.size();
        for (int f = 0; f < dNum; f++) {
            Numeric nm = numeric.get(f);
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = nm.map().inverse(num[i * dNum + f]);
                if (nm.indicator() >= 0 && cat[i * c + nm.indicator()] == 1) v[i] = Double.NaN;
            }
            out[nm.column()] = new NumericColumn(columns.get(nm.column()).name(), v);
        }
        for (int j : emptyNumeric) {
            double[] v = new double[rows];
            java.util.Arrays.fill(v, Double.NaN);
            out[j] = new NumericColumn(columns.get(j).name(), v);
        }
        for (int f = 0; f < c; f++) {
            Categorical cf = categorical.get(f);
            if (cf.indicatorOf() >= 0) continue;
            ModelColumn mc = columns.get(cf.column());
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                int code = cat[i * c + f];
                codes[i] = cf.missingSlot() && code == cf.k() - 1 ? -1 : code;
            }
            out[cf.column()] = new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new));
        }
        if (target >= 0) {
            ModelColumn mc = columns.get(target);
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) codes[i] = targetMissing && y[i] == classes - 1 ? -1 : y[i];
            out[target] = new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new));
        }
        return new Table(java.util.Arrays.asList(out));
    }

    int features() { return categorical.size(); }

    ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("target", target);
        o.put("targetMissing", targetMissing);
        ArrayNode cols = o.putArray("columns");
        for (int j = 0; j < columns.size(); j++) {
            ObjectNode c = cols.addObject();
            c.put("missing", isMissing(j));
            if (!columns.get(j).categorical()) {
                QuantileNormal q = mapOf(j);
                if (q != null) DataTransformer.array(c.putArray("quantiles"), q.quantiles());
            }
        }
        return o;
    }

    private boolean isMissing(int j) {
        if (j == target) return targetMissing;
        for (Categorical cf : categorical) {
            if (cf.column() == j) return cf.missingSlot();
            if (cf.indicatorOf() == j) return true;
        }
        return emptyNumeric.contains(j);
    }

    private QuantileNormal mapOf(int j) {
        for (Numeric nm : numeric) if (nm.column() == j) return nm.map();
        return null;
    }

    static DdpmLayout fromJson(JsonNode o, List<ModelColumn> columns) {
        JsonNode cols = o.get("columns");
        if (cols == null || cols.size() != columns.size()) throw new InputException("model file: the ddpm layout does not match the codec's columns");
        List<QuantileNormal> maps = new ArrayList<>();
        boolean[] missing = new boolean[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            JsonNode c = cols.get(j);
            missing[j] = c.path("missing").asBoolean();
            maps.add(c.has("quantiles") ? new QuantileNormal(DataTransformer.doubles(c.get("quantiles"))) : null);
        }
        return new DdpmLayout(columns, maps, missing, o.path("target").asInt(-1), o.path("targetMissing").asBoolean());
    }
}
