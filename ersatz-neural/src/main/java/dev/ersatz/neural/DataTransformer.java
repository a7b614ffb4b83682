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
import java.util.SplittableRandom;

/**
 * CTGAN's data transformer: model columns to the row vectors CTGAN and TVAE learn, and back.
 *
 * <p>Method (Xu, Skoularidou, Cuesta-Infante, Veeramachaneni, "Modeling Tabular Data using Conditional
 * GAN", NeurIPS 2019, §4.2, "mode-specific normalization"): a numeric column gets a variational
 * Gaussian mixture ({@link Vgm}); a value x is assigned a mode k drawn from the modes' posterior at x
 * and represented as the scalar α = (x − μ_k) / (4 σ_k), clipped to [−0.99, 0.99] (a {@code tanh}
 * output), followed by the one-hot of k (a {@code softmax} output). A categorical column is a one-hot
 * over its levels. Missing values: a categorical column with missing values gets one more slot
 * ("missing"); a numeric column with missing values gets a two-slot indicator (present, missing)
 * after its mode one-hot, and its missing rows carry the encoding of the column mean (as RDT imputes
 * them). A numeric column with no present value has no output; it decodes to all-missing.
 *
 * <p>Atoms (an addition to CTGAN, after CTAB-GAN's mixed-type encoder: Zhao, Kunar, Birke, Chen,
 * "CTAB-GAN: Effective Table Data Synthesizing", ACML 2021): a value that holds at least
 * {@value #ATOM_SHARE} of a numeric column's present values (a zero-inflated column's 0, a working
 * week's 40 hours) gets a mode slot of its own with no spread, so it is reproduced exactly instead of
 * being smeared by a Gaussian mode; the mixture is fitted to the other values. Option
 * {@code atoms=false} turns this off (CTGAN's behaviour).
 *
 * <p>Decoding takes the generator's activated outputs: the mode is the arg-max of the mode slots, the
 * value α·4σ_k + μ_k with α clipped to [−1, 1] (TVAE first adds Gaussian noise of its learned σ to α),
 * or the atom itself; a categorical value is the arg-max of its slots.
 *
 * <p>The categorical columns (with their missing slot) are the "discrete columns" of CTGAN's
 * conditional vector: {@link #discrete()} lists them with their places in the row vector and in the
 * conditional vector.
 */
final class DataTransformer {
    static final double STD_MULTIPLIER = 4;
    /** The share of a column's present values above which a value becomes an atom. */
    static final double ATOM_SHARE = 0.1;

    /** An output block: {@code width} slots from {@code start}, a tanh scalar or a softmax group. */
    record Span(int start, int width, boolean softmax) {}

    /** A categorical column as CTGAN's conditional vector sees it. */
    record Discrete(int column, int start, int width, int condStart) {}

    /** How one model column is laid out in the row vector. */
    static final class Info {
        final boolean categorical;
        final Vgm.Modes modes;     // numeric: the mixture's modes (none when every value is an atom); null when no value is present
        final double[] atoms;      // numeric: atom values, ascending
        final int levels;          // categorical: level count
        final boolean missing;     // has a missing slot / indicator
        final double fill;         // numeric: the value missing rows are encoded as
        int start;                 // first slot
        int width;                 // total slots

        Info(boolean categorical, Vgm.Modes modes, double[] atoms, int levels, boolean missing, double fill) {
            this.categorical = categorical;
            this.modes = modes;
            this.atoms = atoms;
            this.levels = levels;
            this.missing = missing;
            this.fill = fill;
        }

        boolean empty() { return !categorical && modes == null; }

        /** Mode slots: mixture modes, then atoms. */
        int slots() { return modes.size() + atoms.length; }
    }

    private final List<ModelColumn> columns;
    private final Info[] infos;
    private final List<Span> spans = new ArrayList<>();
    private final List<Discrete> discrete = new ArrayList<>();
    private final int dim;
    private final int condDim;

    private DataTransformer(List<ModelColumn> columns, Info[] infos) {
        this.columns = List.copyOf(columns);
        this.infos = infos;
        int at = 0, cond = 0;
        for (int j = 0; j < infos.length; j++) {
            Info f = infos[j];
            f.start = at;
            if (f.categorical) {
                int w = f.levels + (f.missing ? 1 : 0);
                spans.add(new Span(at, w, true));
                discrete.add(new Discrete(j, at, w, cond));
                cond += w;
                at += w;
            } else if (f.modes != null) {
                spans.add(new Span(at, 1, false));
                spans.add(new Span(at + 1, f.slots(), true));
                at += 1 + f.slots();
                if (f.missing) {
                    spans.add(new Span(at, 2, true));
                    at += 2;
                }
            }
            f.width = at - f.start;
        }
        this.dim = at;
        this.condDim = cond;
    }

    /** Fits the transformer: a mixture per numeric column, levels per categorical column. */
    static DataTransformer fit(Table data, List<ModelColumn> columns, SplittableRandom rng, boolean atoms) {
        Info[] infos = new Info[columns.size()];
        SplittableRandom[] rngs = new SplittableRandom[columns.size()];
        for (int j = 0; j < rngs.length; j++) rngs[j] = rng.split();
        // Columns are independent and each has its own random stream: fit them on all cores.
        java.util.stream.IntStream.range(0, columns.size()).parallel().forEach(j -> infos[j] = fitColumn(data, columns.get(j), j, rngs[j], atoms));
        return new DataTransformer(columns, infos);
    }

    private static Info fitColumn(Table data, ModelColumn mc, int j, SplittableRandom r, boolean useAtoms) {
        Column col = data.column(j);
        if (mc.categorical()) {
            int[] codes = ((CategoricalColumn) col).codes();
            boolean missing = false;
            for (int c : codes) if (c < 0) { missing = true; break; }
            return new Info(true, null, null, Math.max(mc.levels().size(), missing ? 0 : 1), missing, 0);
        }
        double[] v = ((NumericColumn) col).values();
        int present = 0;
        for (double x : v) if (!Double.isNaN(x)) present++;
        if (present == 0) return new Info(false, null, new double[0], 0, true, Double.NaN);
        double[] p = new double[present];
        double sum = 0;
        for (int i = 0, k = 0; i < v.length; i++) if (!Double.isNaN(v[i])) { p[k++] = v[i]; sum += v[i]; }
        for (double x : p) {
            if (Double.isInfinite(x)) throw new InputException(null, -1, mc.name(), Double.toString(x), "infinite values cannot be learned");
        }
        double[] atoms = useAtoms ? atoms(p) : new double[0];
        double[] rest = p;
        if (atoms.length > 0) {
            rest = java.util.Arrays.stream(p).filter(x -> java.util.Arrays.binarySearch(atoms, x) < 0).toArray();
        }
        Vgm.Modes modes = rest.length == 0 ? new Vgm.Modes(new double[0], new double[0], new double[0]) : Vgm.fit(rest, r);
        // Missing rows are encoded as the mean, or as the most frequent atom when there are atoms.
        double fill = atoms.length > 0 ? mostFrequent(p, atoms) : sum / present;
        return new Info(false, modes, atoms, 0, present < v.length, fill);
    }

    /** Values holding at least {@link #ATOM_SHARE} of {@code present}, ascending. */
    static double[] atoms(double[] present) {
        double[] s = present.clone();
        java.util.Arrays.sort(s);
        double need = ATOM_SHARE * s.length;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) j++;
            if (j - i >= need && j - i >= 2) out.add(s[i]);
            i = j;
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    private static double mostFrequent(double[] present, double[] atoms) {
        int[] count = new int[atoms.length];
        for (double x : present) {
            int k = java.util.Arrays.binarySearch(atoms, x);
            if (k >= 0) count[k]++;
        }
        int best = 0;
        for (int k = 1; k < atoms.length; k++) if (count[k] > count[best]) best = k;
        return atoms[best];
    }


    int dim() { return dim; }
    int condDim() { return condDim; }
    List<Span> spans() { return spans; }
    List<Discrete> discrete() { return discrete; }
    List<ModelColumn> columns() { return columns; }
    Info info(int column) { return infos[column]; }

    /** The row vectors of {@code data} (row-major, {@code rows × dim()}); modes are drawn from {@code rng}. */
    float[] encode(Table data, SplittableRandom rng) {
        int n = data.rowCount();
        float[] out = new float[n * dim];
        SplittableRandom[] rngs = new SplittableRandom[infos.length];
        for (int j = 0; j < infos.length; j++) rngs[j] = rng.split();
        // Each column writes its own slots with its own random stream: encode them on all cores.
        java.util.stream.IntStream.range(0, infos.length).parallel().forEach(j -> encodeColumn(data, j, out, n, rngs[j]));
        return out;
    }

    private void encodeColumn(Table data, int j, float[] out, int n, SplittableRandom r) {
        {
            Info f = infos[j];
            if (f.empty()) return;
            if (f.categorical) {
                int[] codes = ((CategoricalColumn) data.column(j)).codes();
                for (int i = 0; i < n; i++) {
                    int c = codes[i] < 0 ? f.levels : codes[i];
                    out[i * dim + f.start + c] = 1;
                }
            } else {
                double[] v = ((NumericColumn) data.column(j)).values();
                int k = f.modes.size(), slots = f.slots();
                double[] logp = new double[k];
                double[] prob = new double[k];
                for (int i = 0; i < n; i++) {
                    boolean miss = Double.isNaN(v[i]);
                    double x = miss ? f.fill : v[i];
                    int atom = f.atoms.length == 0 ? -1 : java.util.Arrays.binarySearch(f.atoms, x);
                    if (atom >= 0 || k == 0) {
                        // An atom (or, with no mixture, the nearest atom): its own slot, α = 0.
                        if (atom < 0) atom = nearest(f.atoms, x);
                        int row = i * dim + f.start;
                        out[row + 1 + k + atom] = 1;
                        if (f.missing) out[row + 1 + slots + (miss ? 1 : 0)] = 1;
                        continue;
                    }
                    Vgm.logPosterior(f.modes, x, logp);
                    double total = 0;
                    for (int c = 0; c < k; c++) { prob[c] = Math.exp(logp[c]) + 1e-6; total += prob[c]; }
                    double u = r.nextDouble() * total;
                    int mode = k - 1;
                    for (int c = 0; c < k; c++) { u -= prob[c]; if (u < 0) { mode = c; break; } }
                    double alpha = (x - f.modes.means()[mode]) / (STD_MULTIPLIER * f.modes.stds()[mode]);
                    int row = i * dim + f.start;
                    out[row] = (float) Math.max(-0.99, Math.min(0.99, alpha));
                    out[row + 1 + mode] = 1;
                    if (f.missing) out[row + 1 + slots + (miss ? 1 : 0)] = 1;
                }
            }
        }
    }

    /**
     * Model columns from activated row vectors ({@code rows × dim()}, row-major). {@code sigmas}, when
     * not null, are TVAE's learned output deviations: α gets Gaussian noise of that deviation from
     * {@code rng} before it is clipped.
     */
    Table decode(float[] x, int rows, float[] sigmas, SplittableRandom rng) {
        List<Column> out = new ArrayList<>(infos.length);
        for (int j = 0; j < infos.length; j++) {
            Info f = infos[j];
            ModelColumn mc = columns.get(j);
            if (f.categorical) {
                int[] codes = new int[rows];
                int w = f.width;
                for (int i = 0; i < rows; i++) {
                    int best = argmax(x, i * dim + f.start, w);
                    codes[i] = best >= f.levels ? -1 : best;
                }
                out.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                double[] v = new double[rows];
                if (f.empty()) {
                    java.util.Arrays.fill(v, Double.NaN);
                } else {
                    int k = f.modes.size(), slots = f.slots();
                    for (int i = 0; i < rows; i++) {
                        int row = i * dim + f.start;
                        double alpha = x[row];
                        if (sigmas != null) alpha += sigmas[f.start] * rng.nextGaussian();
                        alpha = Math.max(-1, Math.min(1, alpha));
                        int mode = argmax(x, row + 1, slots);
                        v[i] = mode >= k ? f.atoms[mode - k] : alpha * STD_MULTIPLIER * f.modes.stds()[mode] + f.modes.means()[mode];
                        if (f.missing && x[row + 1 + slots + 1] > x[row + 1 + slots]) v[i] = Double.NaN;
                    }
                }
                out.add(new NumericColumn(mc.name(), v));
            }
        }
        return new Table(out);
    }

    private static int nearest(double[] sorted, double x) {
        int best = 0;
        for (int a = 1; a < sorted.length; a++) if (Math.abs(sorted[a] - x) < Math.abs(sorted[best] - x)) best = a;
        return best;
    }

    private static int argmax(float[] x, int from, int width) {
        int best = 0;
        float bv = x[from];
        for (int c = 1; c < width; c++) if (x[from + c] > bv) { bv = x[from + c]; best = c; }
        return best;
    }

    ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        ArrayNode cols = o.putArray("columns");
        for (Info f : infos) {
            ObjectNode c = cols.addObject();
            c.put("kind", f.categorical ? "categorical" : f.modes == null ? "empty" : "numeric");
            c.put("missing", f.missing);
            if (f.categorical) c.put("levels", f.levels);
            if (f.modes != null) {
                c.put("fill", f.fill);
                array(c.putArray("weights"), f.modes.weights());
                array(c.putArray("means"), f.modes.means());
                array(c.putArray("stds"), f.modes.stds());
                array(c.putArray("atoms"), f.atoms);
            }
        }
        return o;
    }

    static DataTransformer fromJson(JsonNode o, List<ModelColumn> columns) {
        JsonNode cols = o.get("columns");
        if (cols == null || cols.size() != columns.size()) {
            throw new InputException("model file: the transformer describes " + (cols == null ? 0 : cols.size())
                    + " columns, the codec " + columns.size());
        }
        Info[] infos = new Info[columns.size()];
        for (int j = 0; j < infos.length; j++) {
            JsonNode c = cols.get(j);
            String kind = c.path("kind").asText();
            boolean missing = c.path("missing").asBoolean();
            infos[j] = switch (kind) {
                case "categorical" -> new Info(true, null, null, c.path("levels").asInt(), missing, 0);
                case "empty" -> new Info(false, null, new double[0], 0, true, Double.NaN);
                case "numeric" -> new Info(false, new Vgm.Modes(doubles(c.get("weights")), doubles(c.get("means")), doubles(c.get("stds"))),
                        doubles(c.get("atoms")), 0, missing, c.path("fill").asDouble());
                default -> throw new InputException("model file: unknown transformer column kind '" + kind + "'");
            };
        }
        return new DataTransformer(columns, infos);
    }

    static void array(ArrayNode a, double[] v) {
        for (double d : v) a.add(d);
    }

    static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }
}
