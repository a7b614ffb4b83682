package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few tensor operations the models are written in, over DJL's NDArray.
 *
 * <p>Scalars: DJL's {@code x.mul(2f)} (and add, sub, div, maximum, pow, clip with a Number) makes
 * the scalar a tensor over a Java direct buffer, runs the operation and closes the scalar at once.
 * When the graph is being recorded, libtorch keeps that scalar for the backward pass (d(x·c)/dx = c),
 * and a garbage collection between forward and backward frees its memory: the gradient is then read
 * from freed memory. Measured here: same-seed fits differed from run to run, and never with a
 * collector that does not collect. So every scalar in the models goes through {@link #scalar}, a
 * tensor libtorch allocates and reference-counts itself; {@code NumberOpsTest} guards this.
 *
 * <p>Autograd is driven through libtorch directly ({@link JniUtils}) rather than DJL's
 * {@code GradientCollector}: that collector allows one collecting instance per JVM (a global flag),
 * and its {@code zeroGradients} walks every array the engine holds. Recording is thread-local in
 * libtorch, so two models may train on two threads, and each model zeroes exactly its own gradients.
 */
public final class Nn {
    private Nn() {}

    /** {@code x W^T + b} (PyTorch's {@code F.linear}; {@code w} is {@code [out, in]}). */
    public static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    /** Batch normalisation over the batch axis with batch statistics (training mode), ε = 1e-5; running statistics are updated. */
    public static NDArray batchNormTrain(NDArray x, NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar) {
        return BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, 1, 0.1f, 1e-5f, true).singletonOrThrow();
    }

    public static NDArray relu(NDArray x) { return Activation.relu(x); }

    /** SiLU, x·sigmoid(x) (DJL's swish goes through a Number multiply). */
    public static NDArray silu(NDArray x) { return x.mul(Activation.sigmoid(x)); }

    /** A 0-d float tensor holding {@code v}, allocated by libtorch, in the manager of {@code like}. */
    public static NDArray scalar(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, DataType.FLOAT32);
    }

    public static NDArray mul(NDArray x, float v) { return x.mul(scalar(x, v)); }

    public static NDArray div(NDArray x, float v) { return x.div(scalar(x, v)); }

    public static NDArray add(NDArray x, float v) { return x.add(scalar(x, v)); }

    public static NDArray sub(NDArray x, float v) { return x.sub(scalar(x, v)); }

    public static NDArray maximum(NDArray x, float v) { return x.maximum(scalar(x, v)); }

    /** 1 − x. */
    public static NDArray oneMinus(NDArray x) { return scalar(x, 1f).sub(x); }

    public static NDArray leakyRelu(NDArray x, float slope) { return Activation.leakyRelu(x, slope); }

    /** Turns graph recording on or off for the calling thread. */
    public static void record(boolean on) {
        JniUtils.setGradMode(on);
    }

    /** Back-propagates the scalar {@code loss} into the gradients of the leaves that require them. */
    public static void backward(NDArray loss) {
        try (NDArray one = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) one, false, false);
        }
    }

    /** Back-propagates keeping the graph and building one for the gradients (second-order), for tests. */
    public static void backwardCreateGraph(NDArray loss) {
        try (NDArray one = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) one, true, true);
        }
    }

    /** Sets the accumulated gradient of {@code a} to zero (NaN included). */
    public static void zeroGrad(NDArray a) {
        JniUtils.zeroGrad((PtNDArray) a);
    }

    /** Copies {@code src} into the leaf {@code dst} without recording. */
    public static void copyInto(NDArray dst, NDArray src) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            dst.muli(0).addi(src);
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** A float tensor from Java values. */
    public static NDArray create(NDManager m, float[] v, long... shape) {
        return m.create(v, new Shape(shape));
    }
}
