package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fitted TVAE: the data transformer and the decoder's weights with its output deviations.
 * Sampling decodes standard normal codes (see {@link Tvae}): scalars get Gaussian noise of the
 * learned σ and each one-hot group is drawn from its softmax (or, with {@code argmaxDecoding}, SDV's
 * choice, is the arg-max); conditions are met by bounded rejection.
 * Immutable; every {@link #sample} call uses its own tensor manager.
 */
final class FittedTvae implements FittedGenerator {
    static final int BATCH = 500;

    private final DataTransformer t;
    private final Weights decoder;
    private final int embeddingDim;
    private final int layers;
    private final ObjectNode report;
    private final float[] sigmas;
    private final Spans spans;
    private final boolean argmaxDecoding;

    FittedTvae(DataTransformer t, Weights all, int embeddingDim, int layers, boolean argmaxDecoding, ObjectNode report) {
        this.t = t;
        this.spans = new Spans(t);
        this.argmaxDecoding = argmaxDecoding;
        this.decoder = new Weights();
        for (Map.Entry<String, Weights.Tensor> e : all.tensors().entrySet()) {
            if (e.getKey().startsWith("dec")) decoder.put(e.getKey(), e.getValue().shape(), e.getValue().data());
        }
        this.embeddingDim = embeddingDim;
        this.layers = layers;
        this.report = report;
        this.sigmas = decoder.tensors().get("dec.sigma").data();
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        Torch.engine();
        try (NDManager m = Torch.manager()) {
            Nn.record(false);
            Params p = decoder.upload(m);
            return Rejection.sample((n, r) -> generate(m, p, n, r), conditions, rows, rng, Tvae.NAME);
        }
    }

    private Table generate(NDManager m, Params p, int rows, SplittableRandom rng) {
        int dim = t.dim();
        float[] out = new float[rows * dim];
        for (int at = 0; at < rows; at += BATCH) {
            int size = Math.min(BATCH, rows - at);
            try (NDManager s = m.newSubManager()) {
                p.attach(s);
                NDArray z = s.create(Batches.gaussians(size * embeddingDim, rng), new Shape(size, embeddingDim));
                NDArray rec = Tvae.decoder(p, layers, z);
                float[] act = argmaxDecoding
                        ? rec.tanh().toFloatArray()
                        : spans.likelihoodDraw(rec, s.create(Batches.gumbels(size * dim, rng), new Shape(size, dim))).toFloatArray();
                System.arraycopy(act, 0, out, at * dim, size * dim);
            }
        }
        return t.decode(out, rows, sigmas, rng);
    }

    /**
     * None: TVAE has no conditional input, so {@link dev.ersatz.synth.FittedModel}'s reported, bounded
     * search meets every condition; called directly, {@link #sample} meets them by bounded rejection.
     */
    @Override
    public boolean supports(ModelCondition condition) {
        return false;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        return conditions.isEmpty() ? "exact" : Rejection.describe(conditions);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("embeddingDim", embeddingDim);
        o.put("decoderLayers", layers);
        o.put("argmaxDecoding", argmaxDecoding);
        o.set("transformer", t.toJson());
        o.set("training", report);
        o.set("decoder", decoder.toJson());
        return o;
    }

    static FittedTvae fromJson(JsonNode o, List<ModelColumn> columns) {
        return new FittedTvae(DataTransformer.fromJson(o.get("transformer"), columns), Weights.fromJson(o.get("decoder")),
                o.path("embeddingDim").asInt(), o.path("decoderLayers").asInt(), o.path("argmaxDecoding").asBoolean(), (ObjectNode) o.path("training"));
    }
}
