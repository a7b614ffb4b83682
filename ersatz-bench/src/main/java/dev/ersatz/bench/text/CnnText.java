package dev.ersatz.bench.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ersatz.augment.text.Tokenizer;
import dev.ersatz.neural.Torch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small convolutional sentence classifier on the neural engine (DJL over libtorch), in the style of
 * Kim (2014), the kind of model EDA's paper measured its gains with: word embeddings learned from
 * scratch (the training set's vocabulary, so words that only augmentation brings in get embeddings
 * too), convolutions of widths 3, 4 and 5, max-pooling over time, dropout 0.5 and a softmax layer,
 * trained by Adam (rate 1e-3) in batches of 32 for a fixed number of epochs (2; the benchmark's
 * figures use the defaults, {@code -Dcnn.epochs} and {@code -Dcnn.dim} exist for exploring).
 *
 * <p>Hyperparameters are fixed before any run and the same for every training set. Every random
 * number (initial weights, example order, dropout masks) is drawn in Java from the seed, so a fit is
 * reproducible on the CPU.
 */
final class CnnText implements TextClassifier {
    static final int DIM = Integer.getInteger("cnn.dim", 48);
    static final int FILTERS = 50;
    static final int[] WIDTHS = {3, 4, 5};
    static final int MAX_LEN = 50;
    static final int BATCH = 32;
    static final int EPOCHS = Integer.getInteger("cnn.epochs", 2);
    static final float RATE = 1e-3f;
    static final float DROPOUT = 0.5f;

    private final Map<String, Integer> vocab = new HashMap<>();
    private NDManager manager;
    private NDArray emb;
    private final NDArray[] convW = new NDArray[WIDTHS.length], convB = new NDArray[WIDTHS.length];
    private NDArray outW, outB;

    @Override
    public void fit(List<String> texts, int[] labels, long seed) {
        Torch.engine();
        if (manager != null) manager.close();
        manager = Torch.manager();
        SplittableRandom rng = new SplittableRandom(seed);
        vocab.clear();
        List<String[]> words = new ArrayList<>(texts.size());
        for (String t : texts) {
            String[] w = words(t);
            words.add(w);
            for (String s : w) vocab.putIfAbsent(s, vocab.size() + 2); // 0 = padding, 1 = unknown
        }
        int v = vocab.size() + 2;
        emb = param(rng, new Shape(v, DIM), 1.0);
        for (int k = 0; k < WIDTHS.length; k++) {
            convW[k] = param(rng, new Shape(FILTERS, DIM, WIDTHS[k]), Math.sqrt(1.0 / (DIM * WIDTHS[k])));
            convB[k] = param(rng, new Shape(FILTERS), 0);
        }
        int hidden = FILTERS * WIDTHS.length;
        outW = param(rng, new Shape(2, hidden), Math.sqrt(1.0 / hidden));
        outB = param(rng, new Shape(2), 0);
        List<NDArray> params = new ArrayList<>(List.of(emb, outW, outB));
        for (int k = 0; k < WIDTHS.length; k++) {
            params.add(convW[k]);
            params.add(convB[k]);
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(RATE)).build();
        int n = texts.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < EPOCHS; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int from = 0; from < n; from += BATCH) {
                int b = Math.min(BATCH, n - from);
                String[][] batch = new String[b][];
                float[] onehot = new float[b * 2];
                for (int i = 0; i < b; i++) {
                    batch[i] = words.get(order[from + i]);
                    onehot[i * 2 + labels[order[from + i]]] = 1f;
                }
                float[] mask = new float[b * hidden];
                for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() < DROPOUT ? 0f : 1f / (1 - DROPOUT);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = ids(step, batch);
                    NDArray y = step.create(onehot, new Shape(b, 2));
                    NDArray m = step.create(mask, new Shape(b, hidden));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = forward(x, m);
                        NDArray loss = logits.logSoftmax(1).mul(y).sum().neg().div(step.full(new Shape(), (float) b, DataType.FLOAT32));
                        gc.backward(loss);
                    }
                    for (int p = 0; p < params.size(); p++) {
                        NDArray g = params.get(p).getGradient();
                        adam.update("p" + p, params.get(p), g);
                        g.subi(g);
                    }
                }
            }
        }
    }

    private NDArray param(SplittableRandom rng, Shape shape, double scale) {
        float[] a = new float[(int) shape.size()];
        for (int i = 0; i < a.length; i++) a[i] = (float) (scale * gaussian(rng));
        NDArray p = manager.create(a, shape);
        p.setRequiresGradient(true);
        return p;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** Logits [b, 2] for token ids [b, len]; {@code dropMask} scales the pooled features (null: no dropout). */
    private NDArray forward(NDArray x, NDArray dropMask) {
        NDArray e = ai.djl.nn.core.Embedding.embedding(x, emb, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow().transpose(0, 2, 1); // [b, dim, len]
        NDList pooled = new NDList();
        for (int k = 0; k < WIDTHS.length; k++) {
            NDArray c = Conv1d.conv1d(e, convW[k], convB[k]).singletonOrThrow();
            pooled.add(Activation.relu(c).max(new int[] {2}));
        }
        NDArray h = ai.djl.ndarray.NDArrays.concat(pooled, 1);
        if (dropMask != null) h = h.mul(dropMask);
        return Linear.linear(h, outW, outB).singletonOrThrow();
    }

    /** Token ids, padded to the batch's longest sentence (at least the widest filter), cut at {@value #MAX_LEN}. */
    private NDArray ids(NDManager m, String[][] batch) {
        int len = WIDTHS[WIDTHS.length - 1];
        for (String[] w : batch) len = Math.max(len, Math.min(MAX_LEN, w.length));
        long[] ids = new long[batch.length * len];
        for (int i = 0; i < batch.length; i++) {
            for (int j = 0; j < Math.min(len, batch[i].length); j++) ids[i * len + j] = vocab.getOrDefault(batch[i][j], 1);
        }
        return m.create(ids, new Shape(batch.length, len));
    }

    private static String[] words(String text) {
        return Tokenizer.tokenize(text.toLowerCase(Locale.ROOT)).words();
    }

    @Override
    public int predict(String text) {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = forward(ids(step, new String[][] {words(text)}), null);
            float[] z = logits.toFloatArray();
            return z[1] > z[0] ? 1 : 0;
        }
    }

    @Override
    public double accuracy(List<String> texts, int[] labels) {
        int ok = 0;
        for (int from = 0; from < texts.size(); from += 256) {
            int b = Math.min(256, texts.size() - from);
            String[][] batch = new String[b][];
            for (int i = 0; i < b; i++) batch[i] = words(texts.get(from + i));
            try (NDManager step = manager.newSubManager()) {
                float[] z = forward(ids(step, batch), null).toFloatArray();
                for (int i = 0; i < b; i++) if ((z[2 * i + 1] > z[2 * i] ? 1 : 0) == labels[from + i]) ok++;
            }
        }
        return (double) ok / texts.size();
    }
}
