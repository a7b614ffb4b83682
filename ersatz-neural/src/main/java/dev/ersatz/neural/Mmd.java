package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Squared maximum mean discrepancy between held-out rows and generated rows (Gretton, Borgwardt,
 * Rasch, Schölkopf, Smola, "A Kernel Two-Sample Test", JMLR 2012), biased V-statistic, with a sum of
 * Gaussian kernels exp(−‖x − y‖² / h) at h = m/4, m, 4m where m is the median squared distance
 * between held-out rows (fixed once, so losses of different epochs are comparable). Lower is closer;
 * 0 when the two samples coincide.
 */
final class Mmd implements AutoCloseable {
    static final int MAX_ROWS = 1000;
    private static final float[] SCALES = {0.25f, 1f, 4f};

    private final NDManager manager;
    private final NDArray x;
    private final NDArray xNorm;
    private final float[] bandwidths;
    private final double kxx;
    private final int dim;

    Mmd(float[] held, int rows, int dim, NDManager parent) {
        this.manager = parent.newSubManager();
        this.dim = dim;
        int m = Math.min(rows, MAX_ROWS);
        Nn.record(false);
        x = manager.create(Arrays.copyOf(held, m * dim), new Shape(m, dim));
        xNorm = x.square().sum(new int[] {1}, true);
        try (NDManager s = manager.newSubManager()) {
            x.tempAttach(s);
            xNorm.tempAttach(s);
            NDArray d2 = sqDist(x, xNorm, x, xNorm);
            float[] all = d2.toFloatArray();
            float[] off = new float[m * (m - 1)];
            int k = 0;
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (i != j) off[k++] = Math.max(0, all[i * m + j]);
            Arrays.sort(off);
            float median = off.length == 0 ? 1 : Math.max(off[off.length / 2], 1e-6f);
            bandwidths = new float[SCALES.length];
            for (int i = 0; i < SCALES.length; i++) bandwidths[i] = median * SCALES[i];
            kxx = kernelMean(d2);
        }
    }

    private static NDArray sqDist(NDArray a, NDArray an, NDArray b, NDArray bn) {
        return an.add(bn.transpose()).sub(Nn.mul(a.matMul(b.transpose()), 2));
    }

    private double kernelMean(NDArray d2) {
        double total = 0;
        for (float h : bandwidths) total += Nn.div(d2, -h).exp().mean().getFloat();
        return total;
    }

    /** MMD² between the held-out rows and {@code generated} ({@code rows × dim}). */
    double distance(float[] generated) {
        int m = generated.length / dim;
        Nn.record(false);
        try (NDManager s = manager.newSubManager()) {
            x.tempAttach(s);
            xNorm.tempAttach(s);
            NDArray y = s.create(generated, new Shape(m, dim));
            NDArray yNorm = y.square().sum(new int[] {1}, true);
            double kyy = kernelMean(sqDist(y, yNorm, y, yNorm));
            double kxy = kernelMean(sqDist(x, xNorm, y, yNorm));
            return kxx + kyy - 2 * kxy;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
