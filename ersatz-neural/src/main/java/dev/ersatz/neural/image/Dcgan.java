package dev.ersatz.neural.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ersatz.neural.Adam;
import dev.ersatz.neural.Nn;
import dev.ersatz.neural.Params;
import dev.ersatz.neural.Prefetch;
import dev.ersatz.neural.Staging;
import dev.ersatz.neural.Weights;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A class-conditional DCGAN ({@code dcgan}).
 *
 * <p>Radford, Metz and Chintala, "Unsupervised Representation Learning with Deep Convolutional
 * Generative Adversarial Networks" (ICLR 2016): sub-pixel up-sampling convolutions ({@link Layers#upConv}, in place of transposed ones) with batch norm and ReLU in
 * the generator, strided convolutions with leaky ReLU (0.2) in the discriminator, weights drawn from
 * N(0, 0.02), Adam with lr 2e-4 and β₁ 0.5. The class enters the generator as a one-hot beside the
 * noise and the discriminator by projection (Miyato and Koyama, "cGANs with Projection
 * Discriminator", ICLR 2018): the score is w·h + ⟨e_y, h⟩ for the discriminator's features h and a
 * learned class embedding e_y. Loss: the non-saturating one of Goodfellow et al. (2014).
 *
 * <p>Generator: [z, one-hot] → dense (2·base·H/4·W/4) → BN → ReLU → sub-pixel up-sampling conv 3×3
 * (base) → BN → ReLU → sub-pixel up-sampling conv 3×3 → tanh. Discriminator: conv 4×4 stride 2 (base)
 * → LReLU → conv 4×4 stride 2 (2·base) → LReLU → dense (hidden) → LReLU → projection score. Sampling
 * uses the batch norms' running statistics, so an image does not depend on the others drawn with it.
 */
final class Dcgan {
    static final String NAME = "dcgan";
    static final double INIT_STD = 0.02;

    private Dcgan() {}

    static void initGenerator(Params p, Arch a, SplittableRandom rng) {
        int flat = 2 * a.base() * a.h4() * a.w4();
        Layers.linear(p, "gen.fc", flat, a.latent() + a.classes(), rng, INIT_STD);
        Layers.batchNorm(p, "gen.bn0", 2 * a.base(), rng, INIT_STD);
        Layers.upConv(p, "gen.up1", 2 * a.base(), a.base(), 3, rng, INIT_STD);
        Layers.batchNorm(p, "gen.bn1", a.base(), rng, INIT_STD);
        Layers.upConv(p, "gen.up2", a.base(), a.channels(), 3, rng, INIT_STD);
    }

    static void initDiscriminator(Params p, Arch a, SplittableRandom rng) {
        int flat = 2 * a.base() * a.h4() * a.w4();
        Layers.conv(p, "dis.c1", a.base(), a.channels(), 4, rng, INIT_STD);
        Layers.conv(p, "dis.c2", 2 * a.base(), a.base(), 4, rng, INIT_STD);
        Layers.linear(p, "dis.fc", a.hidden(), flat, rng, INIT_STD);
        Layers.linear(p, "dis.out", 1, a.hidden(), rng, INIT_STD);
        float[] emb = new float[a.classes() * a.hidden()];
        for (int i = 0; i < emb.length; i++) emb[i] = (float) (INIT_STD * rng.nextGaussian());
        p.put("dis.embed", emb, new Shape(a.classes(), a.hidden()), true);
    }

    /** Generated images in [−1, 1] for codes {@code z} and one-hot classes {@code y}. */
    static NDArray generator(Params p, Arch a, NDArray z, NDArray y, boolean training) {
        NDArray h = Layers.linear(p, "gen.fc", z.concat(y, 1)).reshape(new Shape(-1, 2 * a.base(), a.h4(), a.w4()));
        h = Nn.relu(Layers.batchNorm(p, "gen.bn0", h, training));
        h = Nn.relu(Layers.batchNorm(p, "gen.bn1", Layers.upConv(p, "gen.up1", h), training));
        return Layers.upConv(p, "gen.up2", h).tanh();
    }

    /** The discriminator's score (a logit per image) for images in [−1, 1] and one-hot classes. */
    static NDArray discriminator(Params p, NDArray x, NDArray y) {
        NDArray h = Nn.leakyRelu(Layers.conv(p, "dis.c1", x, 2, 1), 0.2f);
        h = Nn.leakyRelu(Layers.conv(p, "dis.c2", h, 2, 1), 0.2f);
        h = Nn.leakyRelu(Layers.linear(p, "dis.fc", h.reshape(new Shape(h.getShape().get(0), -1))), 0.2f);
        NDArray proj = y.matMul(p.get("dis.embed")).mul(h).sum(new int[] {1}, true);
        return Layers.linear(p, "dis.out", h).add(proj);
    }

    /** Images in [0, 1] (sampling; not recorded). */
    static NDArray generate(Params p, Arch a, NDArray z, NDArray y) {
        return Nn.mul(Nn.add(generator(p, a, z, y, false), 1f), 0.5f);
    }

    /** One training run: a discriminator step and a generator step per batch of real images. */
    static final class Trainer {
        final ImageData data;
        final Arch a;
        final ImageGeneratorOptions o;
        final NDManager base;
        final Params g, d;
        final Adam adamG, adamD;
        final int stepsPerEpoch;
        final Staging staging = new Staging();

        Trainer(ImageData data, Arch a, ImageGeneratorOptions o, NDManager base, SplittableRandom rng) {
            this.data = data;
            this.a = a;
            this.o = o;
            this.base = base;
            this.stepsPerEpoch = Math.max(1, data.n() / o.batchSize());
            g = new Params(base);
            d = new Params(base);
            initGenerator(g, a, rng);
            initDiscriminator(d, a, rng);
            adamG = new Adam(g, base, o.learningRate(), 0.5f, 0.999f, 1e-8f, 0f);
            adamD = new Adam(d, base, o.learningRate(), 0.5f, 0.999f, 1e-8f, 0f);
        }

        /** Real images scaled to [−1, 1] with their classes; noise and classes for the fakes (drawn uniformly). */
        record Batch(float[] real, float[] yReal, float[] z, float[] yFake, int size) {}

        Batch make(long k, SplittableRandom rng, int[][] order) {
            int inEpoch = (int) (k % stepsPerEpoch);
            if (inEpoch == 0) order[0] = Shuffle.permutation(data.n(), rng);
            int size = Math.min(o.batchSize(), data.n()), from = inEpoch * size, dim = a.size(), kk = a.classes();
            float[] real = new float[size * dim], yReal = new float[size * kk], yFake = new float[size * kk];
            for (int b = 0; b < size; b++) {
                int i = order[0][from + b];
                for (int j = 0; j < dim; j++) real[b * dim + j] = data.pixels()[i * dim + j] * 2f - 1f;
                yReal[b * kk + data.labels()[i]] = 1f;
                yFake[b * kk + rng.nextInt(kk)] = 1f;
            }
            return new Batch(real, yReal, Shuffle.gaussians(size * a.latent(), rng), yFake, size);
        }

        Weights train(TrainingRun run, SplittableRandom rSteps) {
            int epochs = o.epochs();
            int[][] order = new int[1][];
            try (Prefetch<Batch> batches = new Prefetch<>("ersatz-dcgan-batches", (long) epochs * stepsPerEpoch, k -> make(k, rSteps, order))) {
                outer:
                for (int e = 0; e < epochs; e++) {
                    double sumD = 0, sumG = 0;
                    int steps = 0;
                    for (int st = 0; st < stepsPerEpoch; st++) {
                        if (run.outOfTime()) {
                            if (steps > 0) run.epochDone(losses(sumD, sumG, steps));
                            break outer;
                        }
                        Batch b = batches.take();
                        try (NDManager s = base.newSubManager()) {
                            g.attach(s);
                            d.attach(s);
                            staging.reset();
                            int n = b.size();
                            NDArray real = staging.tensor(s, b.real(), n, a.channels(), a.height(), a.width());
                            NDArray yReal = staging.tensor(s, b.yReal(), n, a.classes());
                            NDArray z = staging.tensor(s, b.z(), n, a.latent());
                            NDArray yFake = staging.tensor(s, b.yFake(), n, a.classes());
                            Nn.record(true);
                            NDArray fake = generator(g, a, z, yFake, true);
                            // Discriminator: real and (detached) fake images in one pass.
                            NDArray scores = discriminator(d, real.concat(fake.stopGradient(), 0), yReal.concat(yFake, 0));
                            NDArray sReal = scores.get("0:" + n), sFake = scores.get(n + ":");
                            NDArray lossD = Layers.softplus(sReal.neg()).mean().add(Layers.softplus(sFake).mean());
                            d.zeroGrad();
                            Nn.backward(lossD);
                            Nn.record(false);
                            adamD.step();
                            // Generator: non-saturating loss through the updated discriminator.
                            Nn.record(true);
                            NDArray lossG = Layers.softplus(discriminator(d, fake, yFake).neg()).mean();
                            g.zeroGrad();
                            Nn.backward(lossG);
                            Nn.record(false);
                            adamG.step();
                            sumD += lossD.getFloat();
                            sumG += lossG.getFloat();
                        }
                        steps++;
                        run.stepDone();
                    }
                    run.epochDone(losses(sumD, sumG, steps));
                }
            } finally {
                Nn.record(false);
            }
            return g.export();
        }

        private static String losses(double d, double g, int steps) {
            return String.format(Locale.ROOT, "loss G %.3f, D %.3f", g / steps, d / steps);
        }
    }
}
