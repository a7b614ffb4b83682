package dev.ersatz.neural.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.LabelledImage;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.neural.Params;
import dev.ersatz.neural.Staging;
import dev.ersatz.neural.Torch;
import dev.ersatz.neural.Weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trained image generator: the generating network's weights (the CVAE's decoder or the DCGAN's
 * generator) as plain arrays, the image shape, the class names and the training report. It holds no
 * native memory: each {@link #sample} uploads the weights into a short-lived tensor manager.
 *
 * <p>Saved as an Ersatz model file of kind {@value #KIND} ({@link ModelFile}): options, shape,
 * classes, report and weights (base64 float32, bit-exact), written atomically; the same fit gives
 * the same bytes.
 *
 * <p>Sampling: images of class k come in chunks of {@value #CHUNK}; chunk j draws its codes from a
 * stream seeded by (seed, k, j), so the images of a class do not depend on how many of the other
 * classes are asked for, and a larger request extends a smaller one.
 */
public final class FittedImageGenerator {
    /** The model-file kind. */
    public static final String KIND = "image-generator";
    static final int CHUNK = 256;

    private final ImageGeneratorOptions options;
    private final Arch arch;
    private final List<String> classes;
    private final Weights weights;
    private final ObjectNode report;

    FittedImageGenerator(ImageGeneratorOptions options, Arch arch, List<String> classes, Weights weights, ObjectNode report) {
        this.options = options;
        this.arch = arch;
        this.classes = List.copyOf(classes);
        this.weights = weights;
        this.report = report;
    }

    public String model() { return options.model(); }
    public ImageGeneratorOptions options() { return options; }
    public List<String> classes() { return classes; }
    public int width() { return arch.width(); }
    public int height() { return arch.height(); }
    public int channels() { return arch.channels(); }

    /** What training did: epochs and steps, why it stopped, images, device and threads. */
    public ObjectNode report() { return report.deepCopy(); }

    /** {@code perClass} images of every class. */
    public ImageSet sample(int perClass, long seed, Progress progress) {
        int[] counts = new int[classes.size()];
        java.util.Arrays.fill(counts, perClass);
        return sample(counts, seed, progress);
    }

    /** {@code counts[k]} images of class k, named {@code gen-00001}… within each class, in class order. */
    public ImageSet sample(int[] counts, long seed, Progress progress) {
        return sample(counts, seed, 1.0, progress);
    }

    /**
     * As {@link #sample(int[], long, Progress)} with the latent draws scaled by {@code temperature}
     * (1 = the model's distribution; below 1 trades variety for typical images).
     */
    public ImageSet sample(int[] counts, long seed, double temperature, Progress progress) {
        if (!(temperature > 0)) throw new InputException("--temperature", -1, null, Double.toString(temperature), "must be positive");
        if (counts.length != classes.size()) throw new IllegalArgumentException("counts for " + counts.length + " classes, the model has " + classes.size());
        long total = 0;
        for (int c : counts) {
            if (c < 0) throw new InputException("--per-class", -1, null, Integer.toString(c), "must not be negative");
            total += c;
        }
        List<LabelledImage> out = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE));
        int size = arch.size();
        long done = 0;
        Torch.engine();
        try (NDManager base = Torch.manager(); Params p = weights.upload(base)) {
            Staging staging = new Staging();
            for (int k = 0; k < counts.length; k++) {
                int digits = Math.max(5, String.valueOf(counts[k]).length());
                for (int from = 0, j = 0; from < counts[k]; from += CHUNK, j++) {
                    int n = Math.min(CHUNK, counts[k] - from);
                    SplittableRandom rng = new SplittableRandom(Shuffle.mix(seed, k, j));
                    float[] z = Shuffle.gaussians(CHUNK * arch.latent(), rng);
                    if (temperature != 1.0) for (int i = 0; i < z.length; i++) z[i] *= (float) temperature;
                    float[] y = new float[n * arch.classes()];
                    for (int b = 0; b < n; b++) y[b * arch.classes() + k] = 1f;
                    float[] px;
                    try (NDManager s = base.newSubManager()) {
                        p.attach(s);
                        staging.reset();
                        NDArray zt = staging.tensor(s, java.util.Arrays.copyOf(z, n * arch.latent()), n, arch.latent());
                        NDArray yt = staging.tensor(s, y, n, arch.classes());
                        NDArray images = options.model().equals(Cvae.NAME) ? Cvae.generate(p, arch, zt, yt) : Dcgan.generate(p, arch, zt, yt);
                        px = images.toFloatArray();
                    }
                    for (int b = 0; b < n; b++) {
                        String name = "gen-" + pad(from + b + 1, digits);
                        out.add(new LabelledImage(name, ImageData.toImage(px, b * size, arch.channels(), arch.height(), arch.width()), k));
                    }
                    done += n;
                    progress.update("generating images", done, total);
                }
            }
        }
        return new ImageSet(classes, out);
    }

    private static String pad(int i, int width) {
        String s = String.valueOf(i);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Writes the model file atomically. */
    public void save(Path file) {
        ModelFile.write(file, KIND, provenance(), body());
    }

    public byte[] toBytes() {
        return ModelFile.toBytes(KIND, provenance(), body());
    }

    private ObjectNode provenance() {
        ObjectNode p = ModelFile.object();
        p.put("model", options.model());
        return p;
    }

    private ObjectNode body() {
        ObjectNode b = ModelFile.object();
        b.put("model", options.model());
        b.set("options", options.toJson());
        arch.write(b.putObject("shape"));
        var cl = b.putArray("classes");
        classes.forEach(cl::add);
        b.set("training", report);
        b.set("weights", weights.toJson());
        return b;
    }

    /** Reads a model file written by {@link #save}; errors name the file. */
    public static FittedImageGenerator load(Path file) {
        ModelFile.Envelope env = ModelFile.read(file, KIND);
        String src = file.toString();
        JsonNode b = env.body();
        try {
            ImageGeneratorOptions options = ImageGeneratorOptions.fromJson(b.path("options"));
            Arch arch = Arch.read(b.path("shape"), src);
            List<String> classes = new ArrayList<>();
            b.path("classes").forEach(c -> classes.add(c.asText()));
            if (classes.size() != arch.classes()) throw new InputException(src, "model file: " + classes.size() + " class names for " + arch.classes() + " classes");
            Weights w = Weights.fromJson(b.get("weights"));
            return new FittedImageGenerator(options, arch, classes, w, (ObjectNode) b.path("training").deepCopy());
        } catch (InputException e) {
            throw e.source() == null ? e.withSource(src) : e;
        } catch (RuntimeException e) {
            throw new InputException(src, "model file: cannot read the image model: " + e.getMessage());
        }
    }
}
