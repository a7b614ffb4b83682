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
 * A class-conditional variational autoencoder for images ({@code cvae}).
 *
 * <p>Kingma and Welling, "Auto-Encoding Variational Bayes" (ICLR 2014), conditioned on the class as
 * in Sohn, Lee and Yan, "Learning Structured Output Representation using Deep Conditional Generative
 * Models" (NeurIPS 2015): the encoder sees the image and its one-hot class, the decoder a latent code
 * and the class, so sampling a class is exact (the class is an input, not a filter).
 *
 * <p>Encoder: conv 4×4 stride 2 ({@code base} channels) → ReLU → conv 4×4 stride 2 (2·base) → ReLU →
 * flatten, concatenated with the one-hot class → dense ({@code hidden}) → ReLU → μ and log σ² of the
 * latent Gaussian. Decoder: [z, one-hot] → dense (hidden) → ReLU → [·, one-hot] → dense (2·base·H/4·W/4) → ReLU →
 * reshaped to 2·base maps of H/4×W/4 with the one-hot broadcast as K more maps →
 * sub-pixel up-sampling conv 3×3 (base) → ReLU → sub-pixel up-sampling conv 3×3 → per-pixel logits.
 *
 * <p>Prior: a learned Gaussian per class, N(μ_y, diag σ_y²) (a conditional prior, as the prior
 * network of Sohn et al. with the class as its only input). With the standard N(0, I) prior the
 * encoder, which sees the image, leaks the class into z, and samples drawn from N(0, I) then mix
 * classes (measured here: rows of "trousers" with tops among them); against a per-class prior the
 * code of each class is drawn from where that class's codes lie.
 *
 * <p>Loss per image: Bernoulli cross-entropy of the pixels (intensities in [0, 1] as soft targets)
 * summed over pixels, plus β times KL(q(z|x,y) ‖ p(z|y)); averaged over the batch; Adam. Sampling
 * draws z ~ p(z|y), decodes it and takes the pixel means σ(logit).
 */
final class Cvae {
    static final String NAME = "cvae";

    private Cvae() {}

    static void initDecoder(Params p, Arch a, SplittableRandom rng) {
        int flat = 2 * a.base() * a.h4() * a.w4();
        p.put("dec.prior.mu", new float[a.classes() * a.latent()], new Shape(a.classes(), a.latent()), true);
        p.put("dec.prior.logvar", new float[a.classes() * a.latent()], new Shape(a.classes(), a.latent()), true);
        Layers.linear(p, "dec.fc1", a.hidden(), a.latent() + a.classes(), rng, 0);
        Layers.linear(p, "dec.fc2", flat, a.hidden() + a.classes(), rng, 0);
        Layers.upConv(p, "dec.up1", 2 * a.base() + a.classes(), a.base(), 3, rng, 0);
        Layers.upConv(p, "dec.up2", a.base(), a.channels(), 3, rng, 0);
    }

    static void initEncoder(Params p, Arch a, SplittableRandom rng) {
        int flat = 2 * a.base() * a.h4() * a.w4();
        Layers.conv(p, "enc.c1", a.base(), a.channels(), 4, rng, 0);
        Layers.conv(p, "enc.c2", 2 * a.base(), a.base(), 4, rng, 0);
        Layers.linear(p, "enc.fc", a.hidden(), flat + a.classes(), rng, 0);
        Layers.linear(p, "enc.mu", a.latent(), a.hidden(), rng, 0);
        Layers.linear(p, "enc.logvar", a.latent(), a.hidden(), rng, 0);
    }

    /** Pixel logits {@code [B, c, H, W]} for latent codes {@code z [B, latent]} and one-hot classes {@code y [B, K]}. */
    static NDArray decode(Params p, Arch a, NDArray z, NDArray y) {
        NDArray h = Nn.relu(Layers.linear(p, "dec.fc1", z.concat(y, 1)));
        h = Nn.relu(Layers.linear(p, "dec.fc2", h.concat(y, 1)));
        long b = h.getShape().get(0);
        h = h.reshape(new Shape(b, 2 * a.base(), a.h4(), a.w4()));
        NDArray maps = y.reshape(new Shape(b, a.classes(), 1, 1)).broadcast(new Shape(b, a.classes(), a.h4(), a.w4()));
        h = Nn.relu(Layers.upConv(p, "dec.up1", h.concat(maps, 1)));
        return Layers.upConv(p, "dec.up2", h);
    }

    /** Images in [0, 1] for standard normal draws {@code eps} and classes {@code y}: z from the class's prior, decoded (sampling; not recorded). */
    static NDArray generate(Params p, Arch a, NDArray eps, NDArray y) {
        NDArray z = eps.mul(Nn.mul(y.matMul(p.get("dec.prior.logvar")), 0.5f).exp()).add(y.matMul(p.get("dec.prior.mu")));
        return ai.djl.nn.Activation.sigmoid(decode(p, a, z, y));
    }

    /** One training run. */
    static final class Trainer {
        final ImageData data;
        final Arch a;
        final ImageGeneratorOptions o;
        final Params p;
        final Adam adam;
        final int stepsPerEpoch;
        final Staging staging = new Staging();
        final NDManager base;

        Trainer(ImageData data, Arch a, ImageGeneratorOptions o, NDManager base, SplittableRandom rng) {
            this.base = base;
            this.data = data;
            this.a = a;
            this.o = o;
            this.stepsPerEpoch = (data.n() + o.batchSize() - 1) / o.batchSize();
            p = new Params(base);
            initDecoder(p, a, rng);
            initEncoder(p, a, rng);
            adam = new Adam(p, base, o.learningRate(), 0.9f, 0.999f, 1e-8f, 0f);
        }

        record Batch(float[] x, float[] y, float[] eps, int size) {}

        Batch make(long k, SplittableRandom rng, int[][] order) {
            int inEpoch = (int) (k % stepsPerEpoch);
            if (inEpoch == 0) order[0] = Shuffle.permutation(data.n(), rng);
            int from = inEpoch * o.batchSize(), size = Math.min(o.batchSize(), data.n() - from);
            int d = a.size();
            float[] x = new float[size * d], y = new float[size * a.classes()];
            for (int b = 0; b < size; b++) {
                int i = order[0][from + b];
                System.arraycopy(data.pixels(), i * d, x, b * d, d);
                y[b * a.classes() + data.labels()[i]] = 1f;
            }
            return new Batch(x, y, Shuffle.gaussians(size * a.latent(), rng), size);
        }

        NDArray loss(NDManager s, Batch b) {
            staging.reset();
            NDArray x = staging.tensor(s, b.x(), b.size(), a.channels(), a.height(), a.width());
            NDArray y = staging.tensor(s, b.y(), b.size(), a.classes());
            NDArray eps = staging.tensor(s, b.eps(), b.size(), a.latent());
            NDArray h = Nn.relu(Layers.conv(p, "enc.c1", x, 2, 1));
            h = Nn.relu(Layers.conv(p, "enc.c2", h, 2, 1));
            h = h.reshape(new Shape(b.size(), -1));
            h = Nn.relu(Layers.linear(p, "enc.fc", h.concat(y, 1)));
            NDArray mu = Layers.linear(p, "enc.mu", h);
            NDArray logvar = Layers.linear(p, "enc.logvar", h);
            NDArray z = eps.mul(Nn.mul(logvar, 0.5f).exp()).add(mu);
            NDArray logits = decode(p, a, z, y);
            // Bernoulli cross-entropy with logits: softplus(l) − x·l, summed over pixels.
            NDArray rec = Layers.softplus(logits).sub(x.mul(logits)).sum();
            // KL(N(μ, σ²) ‖ N(μ_y, σ_y²)) against the class's learned prior.
            NDArray muY = y.matMul(p.get("dec.prior.mu")), lvY = y.matMul(p.get("dec.prior.logvar"));
            NDArray kl = Nn.mul(Nn.sub(lvY.sub(logvar).add(logvar.exp().add(mu.sub(muY).square()).div(lvY.exp())), 1f).sum(), 0.5f);
            return rec.add(Nn.mul(kl, o.beta())).div(Nn.scalar(rec, b.size()));
        }

        Weights train(TrainingRun run, SplittableRandom rSteps) {
            int epochs = o.epochs();
            int[][] order = new int[1][];
            try (Prefetch<Batch> batches = new Prefetch<>("ersatz-cvae-batches", (long) epochs * stepsPerEpoch, k -> make(k, rSteps, order))) {
                outer:
                for (int e = 0; e < epochs; e++) {
                    double sum = 0;
                    int steps = 0;
                    for (int st = 0; st < stepsPerEpoch; st++) {
                        if (run.outOfTime()) {
                            if (steps > 0) run.epochDone(String.format(Locale.ROOT, "loss %.2f", sum / steps));
                            break outer;
                        }
                        Batch b = batches.take();
                        try (NDManager s = base.newSubManager()) {
                            p.attach(s);
                            Nn.record(true);
                            NDArray loss = loss(s, b);
                            p.zeroGrad();
                            Nn.backward(loss);
                            Nn.record(false);
                            adam.step();
                            sum += loss.getFloat();
                        }
                        steps++;
                        run.stepDone();
                    }
                    run.epochDone(String.format(Locale.ROOT, "loss %.2f", sum / steps));
                }
            } finally {
                Nn.record(false);
            }
            Weights all = p.export();
            Weights dec = new Weights();
            all.tensors().forEach((name, t) -> { if (name.startsWith("dec.")) dec.put(name, t.shape(), t.data()); });
            return dec;
        }
    }
}
