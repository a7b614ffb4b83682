package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted CTGAN: the data transformer, the generator's weights and the category counts of the
 * discrete columns. Immutable; each {@link #sample} call uploads the weights into its own tensor
 * manager, so calls on several threads are independent.
 *
 * <p>Sampling follows CTGAN: rows come in batches of the training batch size (the generator's batch
 * normalisation uses batch statistics, as CTGAN's generator does when it samples), each with a
 * conditional vector drawn with the true category frequencies, and categories are drawn from the
 * generator's softmax by the Gumbel-max trick.
 *
 * <p>Conditions: one categorical condition is met exactly through the conditional vector (the
 * category drawn from the allowed ones with their true frequencies, the column set to it: the rest of
 * the row is the generator's conditional draw given it); with several, the rarest is chosen. Every
 * other condition is met by bounded rejection ({@link Rejection}).
 */
final class FittedCtgan implements FittedGenerator {
    private final DataTransformer t;
    private final Weights weights;
    private final int embeddingDim;
    private final int layers;
    private final int[] widths;
    private final int batchSize;
    private final int[][] counts;
    private final ObjectNode report;
    private final Spans spans;

    FittedCtgan(DataTransformer t, Weights weights, int embeddingDim, int layers, int batchSize, int[][] counts, ObjectNode report) {
        this.t = t;
        this.weights = weights;
        this.embeddingDim = embeddingDim;
        this.layers = layers;
        this.batchSize = batchSize;
        this.counts = counts;
        this.report = report;
        this.spans = new Spans(t);
        this.widths = new int[layers];
        for (int l = 0; l < layers; l++) widths[l] = (int) weights.tensors().get("g" + l + ".w").shape()[0];
    }

    /** The exactly met categorical condition, if any: the one allowing the fewest training rows. */
    private int exactIndex(List<ModelCondition> conditions) {
        int best = -1;
        long bestMass = Long.MAX_VALUE;
        for (int i = 0; i < conditions.size(); i++) {
            ModelCondition c = conditions.get(i);
            if (!c.categorical()) continue;
            int d = discreteOf(c.modelColumn());
            if (d < 0) continue;
            long mass = 0;
            for (int code : c.codes()) mass += counts[d][slot(d, code)];
            if (mass < bestMass) {
                bestMass = mass;
                best = i;
            }
        }
        return best;
    }

    private int discreteOf(int column) {
        List<DataTransformer.Discrete> ds = t.discrete();
        for (int d = 0; d < ds.size(); d++) if (ds.get(d).column() == column) return d;
        return -1;
    }

    private int slot(int d, int code) {
        DataTransformer.Info f = t.info(t.discrete().get(d).column());
        return code < 0 ? (f.missing ? f.levels : -1) : code;
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        int exact = exactIndex(conditions);
        List<ModelCondition> rest = new ArrayList<>(conditions);
        ModelCondition fixed = exact < 0 ? null : rest.remove(exact);
        Torch.engine();
        try (NDManager m = Torch.manager()) {
            Nn.record(false);
            Params g = weights.upload(m);
            return Rejection.sample((n, r) -> generate(m, g, n, fixed, r), rest, rows, rng, Ctgan.NAME);
        }
    }

    /** {@code rows} model rows, conditioned on {@code fixed} (may be null). */
    private Table generate(NDManager m, Params g, int rows, ModelCondition fixed, SplittableRandom rng) {
        int dim = t.dim(), cd = t.condDim();
        int batches = Math.max(1, (rows + batchSize - 1) / batchSize);
        float[] out = new float[rows * dim];
        int d = fixed == null ? -1 : discreteOf(fixed.modelColumn());
        int[] forced = new int[rows];
        double[] allowedCum = null;
        int[] allowedSlots = null;
        if (d >= 0) {
            allowedSlots = new int[fixed.codes().length];
            allowedCum = new double[allowedSlots.length];
            double total = 0;
            for (int i = 0; i < allowedSlots.length; i++) {
                allowedSlots[i] = slot(d, fixed.codes()[i]);
                if (allowedSlots[i] < 0) {
                    throw new InputException("--where", -1, null, fixed.text(), "the model saw no missing values in this column");
                }
                total += counts[d][allowedSlots[i]];
            }
            double acc = 0;
            for (int i = 0; i < allowedSlots.length; i++) {
                acc += total > 0 ? counts[d][allowedSlots[i]] / total : 1.0 / allowedSlots.length;
                allowedCum[i] = acc;
            }
        }
        try (NDManager s = m.newSubManager()) {
            NDArray[] rm = new NDArray[layers], rv = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                rm[l] = s.zeros(new Shape(widths[l]));
                rv[l] = s.ones(new Shape(widths[l]));
            }
            int at = 0;
            float[] cond = new float[batchSize * cd];
            for (int b = 0; b < batches; b++) {
                try (NDManager step = s.newSubManager()) {
                    g.attach(step);
                    for (NDArray a : rm) a.tempAttach(step);
                    for (NDArray a : rv) a.tempAttach(step);
                    NDArray z = Batches.normals(step, Batches.uniforms(batchSize * Batches.noiseWidth(embeddingDim), rng), batchSize, embeddingDim);
                    NDArray in = z;
                    if (cd > 0) {
                        java.util.Arrays.fill(cond, 0);
                        for (int i = 0; i < batchSize; i++) {
                            int col, cat;
                            if (d >= 0) {
                                col = d;
                                double u = rng.nextDouble();
                                int k = 0;
                                while (k < allowedCum.length - 1 && u >= allowedCum[k]) k++;
                                cat = allowedSlots[k];
                            } else {
                                col = rng.nextInt(counts.length);
                                cat = drawTrue(col, rng.nextDouble());
                            }
                            cond[i * cd + t.discrete().get(col).condStart() + cat] = 1;
                            if (d >= 0 && at + i < rows) forced[at + i] = cat;
                        }
                        in = z.concat(step.create(cond, new Shape(batchSize, cd)), 1);
                    }
                    NDArray fake = Ctgan.generator(g, layers, in, rm, rv);
                    NDArray gum = Spans.gumbels(step.create(Batches.uniforms(batchSize * dim, rng), new Shape(batchSize, dim)));
                    float[] act = spans.activate(fake, gum, Ctgan.TAU).toFloatArray();
                    int take = Math.min(batchSize, rows - at);
                    System.arraycopy(act, 0, out, at * dim, take * dim);
                    at += take;
                }
            }
        }
        Table table = t.decode(out, rows, null, rng);
        if (d < 0) return table;
        List<Column> cols = new ArrayList<>(table.columns());
        int column = t.discrete().get(d).column();
        CategoricalColumn cc = (CategoricalColumn) cols.get(column);
        DataTransformer.Info f = t.info(column);
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) codes[i] = forced[i] >= f.levels ? -1 : forced[i];
        cols.set(column, new CategoricalColumn(cc.name(), codes, cc.levels()));
        return new Table(cols);
    }

    private int drawTrue(int col, double u) {
        int[] c = counts[col];
        long total = 0;
        for (int v : c) total += v;
        double acc = 0;
        for (int k = 0; k < c.length; k++) {
            acc += (double) c[k] / total;
            if (u < acc) return k;
        }
        return c.length - 1;
    }

    /**
     * Categorical conditions (sets included): the conditional vector meets one exactly. The others are
     * left to {@link dev.ersatz.synth.FittedModel}'s reported, bounded search; called directly,
     * {@link #sample} meets them by bounded rejection ({@link Rejection}) too.
     */
    @Override
    public boolean supports(ModelCondition condition) {
        return condition.categorical() && discreteOf(condition.modelColumn()) >= 0;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "exact";
        int exact = exactIndex(conditions);
        List<ModelCondition> rest = new ArrayList<>(conditions);
        ModelCondition fixed = exact < 0 ? null : rest.remove(exact);
        String head = fixed == null ? "" : "exact for " + fixed.text() + " (conditional vector)";
        if (rest.isEmpty()) return head;
        return (head.isEmpty() ? "" : head + "; ") + Rejection.describe(rest);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("embeddingDim", embeddingDim);
        o.put("generatorLayers", layers);
        o.put("batchSize", batchSize);
        o.set("transformer", t.toJson());
        ArrayNode cs = o.putArray("categoryCounts");
        for (int[] c : counts) {
            ArrayNode a = cs.addArray();
            for (int v : c) a.add(v);
        }
        o.set("training", report);
        o.set("generator", weights.toJson());
        return o;
    }

    static FittedCtgan fromJson(JsonNode o, List<ModelColumn> columns) {
        DataTransformer t = DataTransformer.fromJson(o.get("transformer"), columns);
        JsonNode cs = o.get("categoryCounts");
        int[][] counts = new int[cs.size()][];
        for (int d = 0; d < counts.length; d++) {
            counts[d] = new int[cs.get(d).size()];
            for (int k = 0; k < counts[d].length; k++) counts[d][k] = cs.get(d).get(k).asInt();
        }
        if (counts.length != t.discrete().size()) throw new InputException("model file: category counts do not match the transformer");
        return new FittedCtgan(t, Weights.fromJson(o.get("generator")), o.path("embeddingDim").asInt(), o.path("generatorLayers").asInt(),
                o.path("batchSize").asInt(), counts, (ObjectNode) o.path("training"));
    }
}
