package dev.ersatz.neural.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.neural.Adam;
import dev.ersatz.neural.Nn;
import dev.ersatz.neural.Params;
import dev.ersatz.neural.Prefetch;
import dev.ersatz.neural.Staging;
import dev.ersatz.neural.Torch;
import dev.ersatz.neural.Weights;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small convolutional classifier, the yardstick for image sets: how well a network trained on one
 * set (real, augmented, generated) recognises real test images, and (through its penultimate
 * features) how far apart two sets are ({@link FrechetDistance}).
 *
 * <p>Network: conv 3×3 (16) → ReLU → max-pool 2 → conv 3×3 (32) → ReLU → max-pool 2 → dense (128,
 * the feature layer) → ReLU → dense (classes); softmax cross-entropy; Adam (lr 1e-3). Training
 * runs a fixed number of optimisation steps (so variants compare at equal steps), each on a batch
 * drawn by walking seeded permutations of the training set; an optional {@link Augmenter} transforms
 * every image as it is drawn (on the input thread), with a seed per draw.
 */
public final class ImageClassifier {
    /** Transforms one training image as it is drawn; {@code seed} is unique to the draw. */
    @FunctionalInterface
    public interface Augmenter {
        Image apply(Image image, int label, long seed);
    }

    /**
     * Like {@link Augmenter}, for transforms that mix images (MixUp, CutMix): returns the image and
     * its class weights (the training target; one class at weight 1 for an unmixed image).
     */
    @FunctionalInterface
    public interface MixingAugmenter {
        Mixed apply(Image image, int label, long seed);
    }

    /** An augmented image and its class weights, indexed by class, summing to 1. */
    public record Mixed(Image image, double[] classWeights) {}

    /** Training settings. */
    public record Options(int steps, int batchSize, float learningRate, float weightDecay) {
        public Options {
            if (steps < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0) throw new IllegalArgumentException("bad classifier options");
        }

        public static Options steps(int steps) {
            return new Options(steps, 64, 1e-3f, 0f);
        }
    }

    static final int C1 = 16, C2 = 32, FEATURES = 128;

    private final Arch arch;
    private final Weights weights;

    private ImageClassifier(Arch arch, Weights weights) {
        this.arch = arch;
        this.weights = weights;
    }

    public int features() { return FEATURES; }

    /** Trains a classifier on {@code train}. */
    public static ImageClassifier fit(ImageSet train, Options o, long seed, Augmenter augmenter, Progress progress) {
        return fitMixing(train, o, seed, augmenter == null ? null : (img, label, s) -> {
            double[] w = new double[train.classes().size()];
            w[label] = 1;
            return new Mixed(augmenter.apply(img, label, s), w);
        }, progress);
    }

    /** Trains a classifier on {@code train}, each drawn image through {@code augmenter} with its class weights as the target. */
    public static ImageClassifier fitMixing(ImageSet train, Options o, long seed, MixingAugmenter augmenter, Progress progress) {
        ImageData data = ImageData.of(train, "training images").requireMultipleOf4("training images");
        Arch a = new Arch(data.channels(), data.height(), data.width(), data.classes(), 1, C1, FEATURES);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rInit = root.split(), rSteps = root.split();
        Torch.engine();
        try (NDManager base = Torch.manager(); Params p = new Params(base)) {
            Layers.conv(p, "c1", C1, a.channels(), 3, rInit, 0);
            Layers.conv(p, "c2", C2, C1, 3, rInit, 0);
            Layers.linear(p, "fc", FEATURES, C2 * a.h4() * a.w4(), rInit, 0);
            Layers.linear(p, "out", a.classes(), FEATURES, rInit, 0);
            Adam adam = new Adam(p, base, o.learningRate(), 0.9f, 0.999f, 1e-8f, o.weightDecay());
            Staging staging = new Staging();
            int[][] order = new int[1][];
            int[] pos = {0};
            int dim = a.size(), k = a.classes();
            double sum = 0;
            try (Prefetch<float[][]> batches = new Prefetch<>("ersatz-classifier-batches", o.steps(), step -> {
                float[] x = new float[o.batchSize() * dim], y = new float[o.batchSize() * k];
                for (int b = 0; b < o.batchSize(); b++) {
                    if (order[0] == null || pos[0] == data.n()) {
                        order[0] = Shuffle.permutation(data.n(), rSteps);
                        pos[0] = 0;
                    }
                    int i = order[0][pos[0]++];
                    if (augmenter == null) {
                        System.arraycopy(data.pixels(), i * dim, x, b * dim, dim);
                        y[b * k + data.labels()[i]] = 1f;
                    } else {
                        Mixed m = augmenter.apply(train.image(i), data.labels()[i], rSteps.nextLong());
                        copyImage(m.image(), a, x, b * dim);
                        if (m.classWeights().length != k) {
                            throw new InputException("augmenter", "gave " + m.classWeights().length + " class weights for " + k + " classes");
                        }
                        for (int c = 0; c < k; c++) y[b * k + c] = (float) m.classWeights()[c];
                    }
                }
                return new float[][] {x, y};
            })) {
                for (int st = 0; st < o.steps(); st++) {
                    float[][] b = batches.take();
                    try (NDManager s = base.newSubManager()) {
                        p.attach(s);
                        staging.reset();
                        NDArray x = staging.tensor(s, b[0], o.batchSize(), a.channels(), a.height(), a.width());
                        NDArray y = staging.tensor(s, b[1], o.batchSize(), k);
                        Nn.record(true);
                        NDArray logits = logits(p, features(p, a, x));
                        NDArray loss = logits.logSoftmax(1).mul(y).sum().neg().div(Nn.scalar(logits, o.batchSize()));
                        p.zeroGrad();
                        Nn.backward(loss);
                        Nn.record(false);
                        adam.step();
                        sum += loss.getFloat();
                    }
                    if ((st + 1) % 50 == 0 || st + 1 == o.steps()) {
                        progress.update(String.format(Locale.ROOT, "training classifier | loss %.4f", sum / ((st % 50) + 1)), st + 1, o.steps());
                        sum = 0;
                    }
                }
            } finally {
                Nn.record(false);
            }
            return new ImageClassifier(a, p.export());
        }
    }

    private static void copyImage(Image img, Arch a, float[] x, int offset) {
        if (img.width() != a.width() || img.height() != a.height()) {
            throw new InputException("augmenter", "changed the image size to " + img.width() + "x" + img.height());
        }
        Image im = a.channels() == 3 ? img.toRgb() : img.toGray();
        byte[] px = im.pixels();
        int plane = a.width() * a.height();
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < a.channels(); c++) x[offset + c * plane + p] = (px[p * a.channels() + c] & 0xFF) / 255f;
        }
    }

    private static NDArray features(Params p, Arch a, NDArray x) {
        NDArray h = Layers.maxPool2(Nn.relu(Layers.conv(p, "c1", x, 1, 1)));
        h = Layers.maxPool2(Nn.relu(Layers.conv(p, "c2", h, 1, 1)));
        return Nn.relu(Layers.linear(p, "fc", h.reshape(new Shape(h.getShape().get(0), -1))));
    }

    private static NDArray logits(Params p, NDArray features) {
        return Layers.linear(p, "out", features);
    }

    /** The predicted class of every image. */
    public int[] predict(ImageSet set) {
        int[] out = new int[set.size()];
        run(set, (from, feats, logits) -> {
            int n = logits.length / arch.classes();
            for (int b = 0; b < n; b++) {
                int best = 0;
                for (int c = 1; c < arch.classes(); c++) if (logits[b * arch.classes() + c] > logits[b * arch.classes() + best]) best = c;
                out[from + b] = best;
            }
        });
        return out;
    }

    /** The share of images whose predicted class is their label. */
    public double accuracy(ImageSet set) {
        int[] pred = predict(set);
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == set.label(i)) right++;
        return (double) right / pred.length;
    }

    /** The feature layer's activations, {@code [n][features]}. */
    public double[][] features(ImageSet set) {
        double[][] out = new double[set.size()][];
        run(set, (from, feats, logits) -> {
            int n = feats.length / FEATURES;
            for (int b = 0; b < n; b++) {
                double[] f = new double[FEATURES];
                for (int j = 0; j < FEATURES; j++) f[j] = feats[b * FEATURES + j];
                out[from + b] = f;
            }
        });
        return out;
    }

    private interface BatchSink {
        void accept(int from, float[] features, float[] logits);
    }

    private void run(ImageSet set, BatchSink sink) {
        ImageData data = ImageData.of(set, "images");
        if (data.width() != arch.width() || data.height() != arch.height() || data.channels() != arch.channels()) {
            throw new InputException("images", "are " + data.width() + "x" + data.height() + "x" + data.channels() + ", the classifier takes "
                    + arch.width() + "x" + arch.height() + "x" + arch.channels());
        }
        int dim = arch.size(), batch = 500;
        Torch.engine();
        try (NDManager base = Torch.manager(); Params p = weights.upload(base)) {
            Staging staging = new Staging();
            for (int from = 0; from < data.n(); from += batch) {
                int n = Math.min(batch, data.n() - from);
                try (NDManager s = base.newSubManager()) {
                    p.attach(s);
                    staging.reset();
                    NDArray x = staging.tensor(s, java.util.Arrays.copyOfRange(data.pixels(), from * dim, (from + n) * dim),
                            n, arch.channels(), arch.height(), arch.width());
                    NDArray f = features(p, arch, x);
                    sink.accept(from, f.toFloatArray(), logits(p, f).toFloatArray());
                }
            }
        }
    }
}
