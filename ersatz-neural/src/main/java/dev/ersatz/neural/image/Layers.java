package dev.ersatz.neural.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.ersatz.neural.Nn;
import dev.ersatz.neural.Params;

import java.util.SplittableRandom;

/**
 * The convolutional building blocks of the image models, as functions over named weights in a
 * {@link Params} (the same style as the tabular models: no DJL blocks, so every step runs in a
 * sub-manager and every weight is a plain named tensor in the model file).
 *
 * <p>Initialisation: PyTorch's defaults ({@code nn.Conv2d}, {@code nn.Linear}: weights and biases
 * uniform on ±1/√fan_in, fan_in = {@code in·k·k}), or DCGAN's
 * N(0, 0.02) when {@code std} is given; draws come from a seeded Java stream.
 */
final class Layers {
    private Layers() {}

    static final float BN_MOMENTUM = 0.1f;
    static final float BN_EPS = 1e-5f;

    /** A convolution's weight {@code [out, in, k, k]} and bias {@code [out]}. */
    static void conv(Params p, String name, int out, int in, int k, SplittableRandom rng, double std) {
        double bound = 1 / Math.sqrt((double) in * k * k);
        p.put(name + ".w", draw(out * in * k * k, bound, std, rng), new Shape(out, in, k, k), true);
        p.put(name + ".b", std > 0 ? new float[out] : draw(out, bound, 0, rng), new Shape(out), true);
    }

    /**
     * A ×2 up-sampling layer as a sub-pixel convolution (Shi et al., "Real-Time Single Image and Video
     * Super-Resolution Using an Efficient Sub-Pixel Convolutional Neural Network", CVPR 2016): a k×k
     * convolution to 4·out channels, then a pixel shuffle. DJL's PyTorch engine has no transposed
     * convolution; this layer does the same job without its checkerboard artefacts. The four sub-
     * kernels of each output channel start equal (ICNR, Aitken et al. 2017), so the layer starts as a
     * convolution followed by nearest-neighbour up-sampling. Weight {@code [4·out, in, k, k]}.
     */
    static void upConv(Params p, String name, int in, int out, int k, SplittableRandom rng, double std) {
        double bound = 1 / Math.sqrt((double) in * k * k);
        float[] one = draw(out * in * k * k, bound, std, rng);
        float[] bOne = std > 0 ? new float[out] : draw(out, bound, 0, rng);
        int per = in * k * k;
        float[] w = new float[4 * out * per], b = new float[4 * out];
        for (int c = 0; c < out; c++) {
            for (int s = 0; s < 4; s++) {
                System.arraycopy(one, c * per, w, (c * 4 + s) * per, per);
                b[c * 4 + s] = bOne[c];
            }
        }
        p.put(name + ".w", w, new Shape(4L * out, in, k, k), true);
        p.put(name + ".b", b, new Shape(4L * out), true);
    }

    /** A linear layer's weight {@code [out, in]} and bias {@code [out]}. */
    static void linear(Params p, String name, int out, int in, SplittableRandom rng, double std) {
        double bound = 1 / Math.sqrt(in);
        p.put(name + ".w", draw(out * in, bound, std, rng), new Shape(out, in), true);
        p.put(name + ".b", std > 0 ? new float[out] : draw(out, bound, 0, rng), new Shape(out), true);
    }

    /** Batch-norm scale and shift (trained) and running statistics (not trained) for {@code n} channels. */
    static void batchNorm(Params p, String name, int n, SplittableRandom rng, double std) {
        float[] gamma = new float[n];
        for (int i = 0; i < n; i++) gamma[i] = std > 0 ? (float) (1 + std * rng.nextGaussian()) : 1f;
        p.put(name + ".gamma", gamma, new Shape(n), true);
        p.put(name + ".beta", new float[n], new Shape(n), true);
        p.put(name + ".mean", new float[n], new Shape(n), false);
        float[] var = new float[n];
        java.util.Arrays.fill(var, 1f);
        p.put(name + ".var", var, new Shape(n), false);
    }

    private static float[] draw(int n, double bound, double std, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (std > 0 ? std * rng.nextGaussian() : (rng.nextDouble() * 2 - 1) * bound);
        return v;
    }

    static NDArray conv(Params p, String name, NDArray x, int stride, int pad) {
        return Conv2d.conv2d(x, p.get(name + ".w"), p.get(name + ".b"), new Shape(stride, stride), new Shape(pad, pad)).singletonOrThrow();
    }

    /** The ×2 sub-pixel up-sampling of {@link #upConv(Params, String, int, int, int, SplittableRandom, double)}: k×k convolution (padding k/2), pixel shuffle. */
    static NDArray upConv(Params p, String name, NDArray x) {
        long k = p.get(name + ".w").getShape().get(2);
        NDArray y = conv(p, name, x, 1, (int) (k / 2));
        Shape s = y.getShape();
        long b = s.get(0), c = s.get(1) / 4, h = s.get(2), w = s.get(3);
        // Channel c·4 + 2i + j goes to pixel (2y + i, 2x + j), as PyTorch's pixel_shuffle.
        return y.reshape(new Shape(b, c, 2, 2, h, w)).transpose(0, 1, 4, 2, 5, 3).reshape(new Shape(b, c, 2 * h, 2 * w));
    }

    static NDArray linear(Params p, String name, NDArray x) {
        return Nn.linear(x, p.get(name + ".w"), p.get(name + ".b"));
    }

    /** Batch norm over axis 1 (channels, or features of a 2-d input): batch statistics when training, running ones otherwise. */
    static NDArray batchNorm(Params p, String name, NDArray x, boolean training) {
        return BatchNorm.batchNorm(x, p.get(name + ".mean"), p.get(name + ".var"), p.get(name + ".gamma"), p.get(name + ".beta"),
                1, BN_MOMENTUM, BN_EPS, training).singletonOrThrow();
    }

    static NDArray maxPool2(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    /** log(1 + e^x), computed stably as max(x, 0) + log(1 + e^−|x|). */
    static NDArray softplus(NDArray x) {
        return Nn.relu(x).add(Nn.add(x.abs().neg().exp(), 1f).log());
    }
}
