package dev.ersatz.bench.text;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small neural classifier in the fastText style (Joulin et al. 2017, "Bag of Tricks for Efficient
 * Text Classification"): hashed word unigrams and bigrams look up 50-dimensional embeddings, which are
 * averaged and fed to a softmax layer; embeddings and output are learned together by SGD with the
 * learning rate decayed linearly to zero (fastText's defaults: rate 0.1, 5 epochs).
 *
 * <p>Written here in plain Java rather than on the neural engine: it is a two-layer network small
 * enough that a hand-written loop is exact, deterministic and faster than a framework call per step.
 */
final class FastTextNet implements TextClassifier {
    static final int BITS = 18;
    static final int DIM = 50;
    static final int EPOCHS = 5;
    static final double RATE = 0.1;

    private float[] emb;
    private final double[][] out = new double[2][DIM];
    private final double[] outBias = new double[2];

    @Override
    public void fit(List<String> texts, int[] labels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        emb = new float[(1 << BITS) * DIM];
        for (int i = 0; i < emb.length; i++) emb[i] = (float) ((rng.nextDouble() * 2 - 1) / DIM);
        for (double[] r : out) java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(outBias, 0);
        int[][] x = new int[texts.size()][];
        for (int i = 0; i < x.length; i++) x[i] = Features.of(texts.get(i), false, BITS);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        long steps = (long) EPOCHS * x.length, step = 0;
        double[] h = new double[DIM], gh = new double[DIM];
        for (int e = 0; e < EPOCHS; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int i : order) {
                double lr = RATE * (1 - (double) step++ / steps);
                int[] f = x[i];
                if (f.length == 0) continue;
                hidden(f, h);
                double[] p = softmax(h);
                java.util.Arrays.fill(gh, 0);
                for (int c = 0; c < 2; c++) {
                    double g = p[c] - (labels[i] == c ? 1 : 0);
                    for (int d = 0; d < DIM; d++) {
                        gh[d] += g * out[c][d];
                        out[c][d] -= lr * g * h[d];
                    }
                    outBias[c] -= lr * g;
                }
                double s = lr / f.length;
                for (int k : f) {
                    int base = k * DIM;
                    for (int d = 0; d < DIM; d++) emb[base + d] -= (float) (s * gh[d]);
                }
            }
        }
    }

    private void hidden(int[] f, double[] h) {
        java.util.Arrays.fill(h, 0);
        for (int k : f) {
            int base = k * DIM;
            for (int d = 0; d < DIM; d++) h[d] += emb[base + d];
        }
        for (int d = 0; d < DIM; d++) h[d] /= f.length;
    }

    private double[] softmax(double[] h) {
        double[] z = new double[2];
        for (int c = 0; c < 2; c++) {
            z[c] = outBias[c];
            for (int d = 0; d < DIM; d++) z[c] += out[c][d] * h[d];
        }
        double m = Math.max(z[0], z[1]);
        double a = Math.exp(z[0] - m), b = Math.exp(z[1] - m);
        return new double[] {a / (a + b), b / (a + b)};
    }

    @Override
    public int predict(String text) {
        int[] f = Features.of(text, false, BITS);
        if (f.length == 0) return 0;
        double[] h = new double[DIM];
        hidden(f, h);
        double[] p = softmax(h);
        return p[1] > p[0] ? 1 : 0;
    }
}
