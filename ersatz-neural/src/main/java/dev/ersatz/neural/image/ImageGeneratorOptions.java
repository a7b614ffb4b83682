package dev.ersatz.neural.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.util.List;
import java.util.Locale;

/**
 * How an image generator is trained: the model ({@code cvae} or {@code dcgan}), epochs, batch size,
 * time budget (seconds, 0 = none), latent size, learning rate, base convolution width, dense width
 * and (CVAE) the KL weight β. {@link #defaults} gives each model's defaults; the {@code with…}
 * methods change one field.
 */
public record ImageGeneratorOptions(String model, int epochs, int batchSize, double timeBudget, int latentDim, float learningRate,
                                    int base, int hidden, float beta) {
    /** The models this build trains. */
    public static final List<String> MODELS = List.of(Cvae.NAME, Dcgan.NAME);

    public ImageGeneratorOptions {
        model = model.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(model)) {
            throw new InputException("--model", -1, null, model, "unknown image model (choose " + String.join(" or ", MODELS) + ")");
        }
        if (epochs < 1) throw invalid("--epochs", epochs, "must be at least 1");
        if (batchSize < 2) throw invalid("--batch-size", batchSize, "must be at least 2");
        if (!(timeBudget >= 0)) throw invalid("--time-budget", timeBudget, "must not be negative");
        if (latentDim < 1) throw invalid("latentDim", latentDim, "must be at least 1");
        if (!(learningRate > 0)) throw invalid("learningRate", learningRate, "must be positive");
        if (base < 1) throw invalid("base", base, "must be at least 1");
        if (hidden < 1) throw invalid("hidden", hidden, "must be at least 1");
        if (!(beta > 0)) throw invalid("beta", beta, "must be positive");
    }

    private static InputException invalid(String key, Object value, String problem) {
        return new InputException(key, -1, null, String.valueOf(value), problem);
    }

    /**
     * Each model's defaults. CVAE: 30 epochs, batch 128, latent 16, Adam 1e-3, widths 32/64, dense 256,
     * β 1. DCGAN: 20 epochs, batch 64, latent 64, Adam 2e-4 (β₁ 0.5, as Radford et al.), widths 64/128, dense 256.
     */
    public static ImageGeneratorOptions defaults(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.equals(Dcgan.NAME)) return new ImageGeneratorOptions(m, 20, 64, 0, 64, 2e-4f, 32, 256, 1f);
        return new ImageGeneratorOptions(m, 30, 128, 0, 16, 1e-3f, 32, 256, 1f);
    }

    public ImageGeneratorOptions withEpochs(int e) {
        return new ImageGeneratorOptions(model, e, batchSize, timeBudget, latentDim, learningRate, base, hidden, beta);
    }

    public ImageGeneratorOptions withBatchSize(int b) {
        return new ImageGeneratorOptions(model, epochs, b, timeBudget, latentDim, learningRate, base, hidden, beta);
    }

    public ImageGeneratorOptions withTimeBudget(double seconds) {
        return new ImageGeneratorOptions(model, epochs, batchSize, seconds, latentDim, learningRate, base, hidden, beta);
    }

    public ImageGeneratorOptions withLatentDim(int d) {
        return new ImageGeneratorOptions(model, epochs, batchSize, timeBudget, d, learningRate, base, hidden, beta);
    }

    public ImageGeneratorOptions withLearningRate(float lr) {
        return new ImageGeneratorOptions(model, epochs, batchSize, timeBudget, latentDim, lr, base, hidden, beta);
    }

    public ImageGeneratorOptions withWidths(int base, int hidden) {
        return new ImageGeneratorOptions(model, epochs, batchSize, timeBudget, latentDim, learningRate, base, hidden, beta);
    }

    public ImageGeneratorOptions withBeta(float b) {
        return new ImageGeneratorOptions(model, epochs, batchSize, timeBudget, latentDim, learningRate, base, hidden, b);
    }

    /** A duration written as {@code 600}, {@code 90s}, {@code 15m}, {@code 2h} or {@code 500ms}, in seconds; errors name {@code flag}. */
    public static double parseSeconds(String v, String flag) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) { scale = 1e-3; t = t.substring(0, t.length() - 2); }
        else if (t.endsWith("s")) { t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { scale = 60; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("h")) { scale = 3600; t = t.substring(0, t.length() - 1); }
        try {
            double d = Double.parseDouble(t.trim()) * scale;
            if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new InputException(flag, -1, null, v, "must be a duration such as 600, 90s, 15m or 2h");
        }
    }

    ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("model", model);
        o.put("epochs", epochs);
        o.put("batchSize", batchSize);
        o.put("timeBudget", timeBudget);
        o.put("latentDim", latentDim);
        o.put("learningRate", learningRate);
        o.put("base", base);
        o.put("hidden", hidden);
        o.put("beta", beta);
        return o;
    }

    static ImageGeneratorOptions fromJson(JsonNode o) {
        return new ImageGeneratorOptions(o.path("model").asText(), o.path("epochs").asInt(), o.path("batchSize").asInt(),
                o.path("timeBudget").asDouble(), o.path("latentDim").asInt(), (float) o.path("learningRate").asDouble(),
                o.path("base").asInt(), o.path("hidden").asInt(), (float) o.path("beta").asDouble(1));
    }
}
