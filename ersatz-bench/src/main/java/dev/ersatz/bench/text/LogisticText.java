package dev.ersatz.bench.text;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Logistic regression on hashed word 1-2-grams and character 2-5-grams (binary features scaled by
 * 1/sqrt(count), so every sentence has unit norm), trained by AdaGrad (Duchi, Hazan &amp; Singer
 * 2011) with L2 on the weights each example touches, for a fixed number of epochs.
 *
 * <p>Hyperparameters are fixed before any run and the same for every training set: learning rate
 * 0.2, L2 1e-5, 10 epochs, 2^20 buckets. A fixed epoch count means a bigger training set gets more
 * updates; the repetition control in {@link TextAugmentBenchmark} has the same number of rows as the
 * augmented set, so it gets the same number of updates too.
 */
final class LogisticText implements TextClassifier {
    static final int BITS = 20;
    static final int EPOCHS = 10;
    static final double RATE = 0.2;
    static final double L2 = 1e-5;

    private double[] w;
    private double[] g2;
    private double bias;
    private double biasG2;

    @Override
    public void fit(List<String> texts, int[] labels, long seed) {
        w = new double[1 << BITS];
        g2 = new double[1 << BITS];
        bias = 0;
        biasG2 = 0;
        int[][] x = new int[texts.size()][];
        for (int i = 0; i < x.length; i++) x[i] = Features.of(texts.get(i), true, BITS);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int e = 0; e < EPOCHS; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int i : order) {
                int[] f = x[i];
                double v = f.length == 0 ? 0 : 1 / Math.sqrt(f.length);
                double z = bias;
                for (int k : f) z += w[k] * v;
                double p = 1 / (1 + Math.exp(-z));
                double err = p - labels[i];
                for (int k : f) {
                    double g = err * v + L2 * w[k];
                    g2[k] += g * g;
                    w[k] -= RATE * g / (Math.sqrt(g2[k]) + 1e-8);
                }
                biasG2 += err * err;
                bias -= RATE * err / (Math.sqrt(biasG2) + 1e-8);
            }
        }
        g2 = null;
    }

    @Override
    public int predict(String text) {
        int[] f = Features.of(text, true, BITS);
        double v = f.length == 0 ? 0 : 1 / Math.sqrt(f.length);
        double z = bias;
        for (int k : f) z += w[k] * v;
        return z > 0 ? 1 : 0;
    }
}
