package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.Synthesizer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CTGAN ({@code ctgan}): a conditional Wasserstein GAN for tables.
 *
 * <p>Paper: Xu, Skoularidou, Cuesta-Infante, Veeramachaneni, "Modeling Tabular Data using Conditional
 * GAN", NeurIPS 2019. Defaults are SDV's (CTGAN 0.12): 300 epochs, batch 500, embedding 128,
 * generator and critic 256-256, Adam (lr 2e-4, β = (0.5, 0.9), weight decay 1e-6) for both, one
 * critic step per generator step, PacGAN with pac 10, gradient penalty λ = 10, Gumbel-softmax τ = 0.2,
 * log-frequency training-by-sampling. One addition, on by default ({@code atoms=false} for CTGAN's
 * exact behaviour): values holding 10% or more of a numeric column get exact modes
 * ({@link DataTransformer}).
 *
 * <ul>
 *   <li>Data: {@link DataTransformer} (mode-specific normalisation; one-hot categories; missing slots).</li>
 *   <li>Conditional vector and training-by-sampling: {@link CondSampler}; the generator gets the
 *       cross-entropy of the conditioned column's logits as an extra loss ({@link Spans#condLoss}).</li>
 *   <li>Generator: residual blocks h ← [ReLU(BN(W h + b)), h] (concatenation), then a linear layer;
 *       outputs activated span by span ({@link Spans#activate}).</li>
 *   <li>Critic, PacGAN (Lin, Khetan, Fanti, Oh, "PacGAN: The power of two samples in generative
 *       adversarial networks", NeurIPS 2018): {@code pac} rows concatenated into one critic input;
 *       Linear → LeakyReLU(0.2) → Dropout(0.5) per hidden layer, then a linear score.</li>
 *   <li>WGAN-GP (Gulrajani, Ahmed, Arjovsky, Dumoulin, Courville, "Improved Training of Wasserstein
 *       GANs", NeurIPS 2017): critic loss E[D(fake)] − E[D(real)] + λ E[(‖∇ₓD(x̂)‖₂ − 1)²] at
 *       x̂ = αx + (1 − α)x̃, one α per pac group. The penalty must be differentiated with respect to the
 *       critic's weights, i.e. it needs the input gradient as a differentiable expression. DJL's
 *       {@code GradientCollector} offers no {@code create_graph}; instead the input gradient is
 *       written out as tensor operations inside the recorded graph ({@link #criticInputGradient}): for
 *       an MLP it is the back-propagation product Wₒ·diag(m_L ⊙ σ'(a_L))·W_L ⋯ diag(m₁ ⊙ σ'(a₁))·W₁
 *       (m = dropout masks, σ' = LeakyReLU's slope, 1 or 0.2, constant almost everywhere), so one
 *       ordinary backward pass gives the penalty's weight gradients. A test checks it against
 *       libtorch's own double backward.</li>
 * </ul>
 *
 * <p>Speed: the generator's forward pass in the critic step is not recorded (CTGAN records it and
 * discards the gradients), and the critic's weights stop requiring gradients during the generator
 * step. Each step's random numbers and real rows are prepared on a second thread
 * ({@link Batches}) while libtorch computes on this one; every random number comes from Java
 * {@link SplittableRandom} streams split from the seed, so a fit is a pure function of (data, options,
 * seed).
 *
 * <p>Held-out loss (for early stopping): the squared maximum mean discrepancy (Gretton et al., "A
 * Kernel Two-Sample Test", JMLR 2012) between held-out rows and as many generated rows, in the
 * transformer's space, with Gaussian kernels at the median distance and ×¼, ×4 of it ({@link Mmd}).
 */
public record Ctgan(Training training, int embeddingDim, int[] generatorDims, int[] discriminatorDims, float generatorLr,
                    float discriminatorLr, float generatorDecay, float discriminatorDecay, int discriminatorSteps, int pac,
                    boolean logFrequency, boolean atoms) implements Synthesizer {

    public static final String NAME = "ctgan";
    static final float TAU = 0.2f;
    static final float GP_LAMBDA = 10f;
    static final float LEAKY = 0.2f;
    static final float DROPOUT = 0.5f;

    static final Set<String> KEYS;
    static {
        Set<String> k = new HashSet<>(Training.KEYS);
        k.addAll(Set.of("embeddingDim", "generatorDims", "discriminatorDims", "generatorLr", "discriminatorLr", "generatorDecay",
                "discriminatorDecay", "discriminatorSteps", "pac", "logFrequency", "atoms"));
        KEYS = Set.copyOf(k);
    }

    public Ctgan {
        if (embeddingDim < 1) throw Options.invalid("embeddingDim", embeddingDim, "must be at least 1");
        if (generatorDims.length == 0) throw Options.invalid("generatorDims", "", "needs at least one layer");
        if (discriminatorDims.length == 0) throw Options.invalid("discriminatorDims", "", "needs at least one layer");
        if (pac < 1) throw Options.invalid("pac", pac, "must be at least 1");
        if (training.batchSize() % pac != 0) {
            throw Options.invalid("batchSize", training.batchSize(), "must be a multiple of pac (" + pac + ")");
        }
        if (discriminatorSteps < 1) throw Options.invalid("discriminatorSteps", discriminatorSteps, "must be at least 1");
        if (!(generatorLr > 0) || !(discriminatorLr > 0)) throw Options.invalid("generatorLr/discriminatorLr", generatorLr + "/" + discriminatorLr, "must be positive");
        if (generatorDecay < 0 || discriminatorDecay < 0) throw Options.invalid("generatorDecay/discriminatorDecay", generatorDecay + "/" + discriminatorDecay, "must not be negative");
        generatorDims = generatorDims.clone();
        discriminatorDims = discriminatorDims.clone();
    }

    public static Ctgan fromOptions(Map<String, String> options) {
        Options o = new Options(NAME, options, KEYS);
        return new Ctgan(Training.read(o, 300, 500), o.integer("embeddingDim", 128), o.widths("generatorDims", new int[] {256, 256}),
                o.widths("discriminatorDims", new int[] {256, 256}), (float) o.number("generatorLr", 2e-4),
                (float) o.number("discriminatorLr", 2e-4), (float) o.number("generatorDecay", 1e-6),
                (float) o.number("discriminatorDecay", 1e-6), o.integer("discriminatorSteps", 1), o.integer("pac", 10),
                o.bool("logFrequency", true), o.bool("atoms", true));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        training.write(o);
        o.put("embeddingDim", embeddingDim);
        o.put("generatorDims", widths(generatorDims));
        o.put("discriminatorDims", widths(discriminatorDims));
        o.put("generatorLr", generatorLr);
        o.put("discriminatorLr", discriminatorLr);
        o.put("generatorDecay", generatorDecay);
        o.put("discriminatorDecay", discriminatorDecay);
        o.put("discriminatorSteps", discriminatorSteps);
        o.put("pac", pac);
        o.put("logFrequency", logFrequency);
        o.put("atoms", atoms);
        return o;
    }

    static String widths(int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) sb.append(i == 0 ? "" : ",").append(w[i]);
        return sb.toString();
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rTransform = root.split(), rEncode = root.split(), rSplit = root.split(), rInit = root.split(),
                rSteps = root.split(), rHeld = root.split();
        progress.update("fitting ctgan transformer", 0, columns.size());
        DataTransformer t = DataTransformer.fit(data, columns, rTransform, atoms);
        Training.Split split = training.split(n, rSplit);
        Table train = split.held().length == 0 ? data : data.select(split.train());
        float[] x = t.encode(train, rEncode);
        float[] held = split.held().length == 0 ? null : t.encode(data.select(split.held()), rEncode.split());
        CondSampler sampler = new CondSampler(t, x, train.rowCount(), logFrequency);
        Torch.engine();
        try (NDManager base = Torch.manager()) {
            Nets nets = new Nets(this, t, base, rInit);
            Trainer trainer = new Trainer(this, t, sampler, x, train.rowCount(), held, nets, base);
            Training.Run run = training.new Run(NAME, progress, trainer.stepsPerEpoch);
            Weights best = trainer.train(run, rSteps, rHeld);
            ObjectNode report = ModelFile.object();
            run.write(report);
            Torch.describe(report);
            return new FittedCtgan(t, best, embeddingDim, generatorDims.length, training.batchSize(), sampler.counts(), report);
        }
    }

    /** Loads a fitted CTGAN from its JSON body. */
    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedCtgan.fromJson(body, columns);
    }

    // ------------------------------------------------------------------ networks

    /** The generator's and critic's weights, their optimisers and scratch tensors. */
    static final class Nets {
        final Params g, d;
        final Adam optG, optD;
        final int gLayers, dLayers;
        final NDArray[] runMean, runVar;

        Nets(Ctgan o, DataTransformer t, NDManager base, SplittableRandom rng) {
            g = new Params(base);
            d = new Params(base);
            int in = o.embeddingDim + t.condDim();
            gLayers = o.generatorDims.length;
            runMean = new NDArray[gLayers];
            runVar = new NDArray[gLayers];
            for (int l = 0; l < gLayers; l++) {
                int w = o.generatorDims[l];
                g.linearWeight("g" + l + ".w", w, in, rng);
                g.linearBias("g" + l + ".b", w, in, rng);
                g.constant("g" + l + ".gamma", new Shape(w), 1f, true);
                g.constant("g" + l + ".beta", new Shape(w), 0f, true);
                runMean[l] = base.zeros(new Shape(w));
                runVar[l] = base.ones(new Shape(w));
                in += w;
            }
            g.linearWeight("out.w", t.dim(), in, rng);
            g.linearBias("out.b", t.dim(), in, rng);

            int dIn = (t.dim() + t.condDim()) * o.pac;
            dLayers = o.discriminatorDims.length;
            for (int l = 0; l < dLayers; l++) {
                int w = o.discriminatorDims[l];
                d.linearWeight("d" + l + ".w", w, dIn, rng);
                d.linearBias("d" + l + ".b", w, dIn, rng);
                dIn = w;
            }
            d.linearWeight("out.w", 1, dIn, rng);
            d.linearBias("out.b", 1, dIn, rng);
            optG = new Adam(g, base, o.generatorLr, 0.5f, 0.9f, 1e-8f, o.generatorDecay);
            optD = new Adam(d, base, o.discriminatorLr, 0.5f, 0.9f, 1e-8f, o.discriminatorDecay);
        }
    }

    /** The generator's raw outputs (logits) for input rows {@code [z, cond]}. */
    static NDArray generator(Params g, int layers, NDArray input, NDArray[] runMean, NDArray[] runVar) {
        NDArray h = input;
        for (int l = 0; l < layers; l++) {
            NDArray a = Nn.linear(h, g.get("g" + l + ".w"), g.get("g" + l + ".b"));
            a = Nn.batchNormTrain(a, g.get("g" + l + ".gamma"), g.get("g" + l + ".beta"), runMean[l], runVar[l]);
            h = Nn.relu(a).concat(h, 1);
        }
        return Nn.linear(h, g.get("out.w"), g.get("out.b"));
    }

    /** The critic's scores, one per pac group; {@code pre} receives the hidden pre-activations. */
    static NDArray critic(Params d, int layers, NDArray rows, int pac, NDArray[] masks, NDArray[] pre) {
        Shape s = rows.getShape();
        NDArray h = rows.reshape(s.get(0) / pac, s.get(1) * pac);
        for (int l = 0; l < layers; l++) {
            NDArray a = Nn.linear(h, d.get("d" + l + ".w"), d.get("d" + l + ".b"));
            if (pre != null) pre[l] = a;
            h = Nn.leakyRelu(a, LEAKY).mul(masks[l]);
        }
        return Nn.linear(h, d.get("out.w"), d.get("out.b"));
    }

    /**
     * ∇ₓD for each packed critic input, as a differentiable expression of the critic's weights:
     * back-propagation written with tensor operations (see the class comment).
     */
    static NDArray criticInputGradient(Params d, int layers, NDArray[] pre, NDArray[] masks) {
        NDArray g = d.get("out.w");                       // [1, H_L], broadcast over groups
        for (int l = layers - 1; l >= 0; l--) {
            NDArray slope = Nn.add(Nn.mul(pre[l].gt(0).toType(DataType.FLOAT32, false), 1 - LEAKY), LEAKY);
            g = g.mul(masks[l]).mul(slope);               // [G, H_l]
            g = g.matMul(d.get("d" + l + ".w"));          // [G, H_{l-1}]
        }
        return g;
    }

    /**
     * The critic's loss E[D(x̃)] − E[D(x)] + λ·E[(‖∇ₓD(x̂)‖₂ − 1)²], with real, fake and interpolated rows
     * stacked so each layer is one matrix product; {@code masks} hold the three parts' dropout masks in
     * that order ({@code [3·groups, width]} per layer).
     */
    static NDArray criticLoss(Params d, int layers, NDArray real, NDArray fake, NDArray alpha, int pac, NDArray[] masks) {
        NDArray interp = real.mul(alpha).add(fake.mul(Nn.oneMinus(alpha)));
        NDArray all = NDArrays.concat(new NDList(real, fake, interp), 0);
        NDArray[] pre = new NDArray[layers];
        NDList y = critic(d, layers, all, pac, masks, pre).split(3, 0);
        NDArray[] preInterp = new NDArray[layers], maskInterp = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            preInterp[l] = pre[l].split(3, 0).get(2);
            maskInterp[l] = masks[l].split(3, 0).get(2);
        }
        NDArray grad = criticInputGradient(d, layers, preInterp, maskInterp);
        NDArray pen = Nn.mul(Nn.sub(grad.norm(new int[] {1}), 1).square().mean(), GP_LAMBDA);
        return y.get(1).mean().sub(y.get(0).mean()).add(pen);
    }

    /** WGAN-GP's penalty λ·E[(‖∇ₓD(x̂)‖₂ − 1)²] at x̂ = αx + (1 − α)x̃. */
    static NDArray gradientPenalty(Params d, int layers, NDArray real, NDArray fake, NDArray alpha, int pac, NDArray[] masks) {
        NDArray interp = real.mul(alpha).add(fake.mul(Nn.oneMinus(alpha)));
        NDArray[] pre = new NDArray[layers];
        critic(d, layers, interp, pac, masks, pre);
        NDArray grad = criticInputGradient(d, layers, pre, masks);
        return Nn.mul(Nn.sub(grad.norm(new int[] {1}), 1).square().mean(), GP_LAMBDA);
    }

    // ------------------------------------------------------------------ training

    /** One CTGAN training run. */
    static final class Trainer {
        final Ctgan o;
        final DataTransformer t;
        final Spans spans;
        final CondSampler sampler;
        final float[] x;
        final int n;
        final float[] held;
        final Nets nets;
        final NDManager base;
        final int stepsPerEpoch;
        final int batch;
        final Staging staging = new Staging();

        Trainer(Ctgan o, DataTransformer t, CondSampler sampler, float[] x, int n, float[] held, Nets nets, NDManager base) {
            this.o = o;
            this.t = t;
            this.spans = new Spans(t);
            this.sampler = sampler;
            this.x = x;
            this.n = n;
            this.held = held;
            this.nets = nets;
            this.base = base;
            this.batch = o.training.batchSize();
            this.stepsPerEpoch = Math.max(n / batch, 1);
        }

        Weights train(Training.Run run, SplittableRandom rSteps, SplittableRandom rHeld) {
            int epochs = o.training.epochs();
            Prefetch<Batches.Step> batches = new Batches(this, rSteps).prefetch((long) epochs * stepsPerEpoch);
            Mmd mmd = held == null ? null : new Mmd(held, held.length / t.dim(), t.dim(), base);
            HeldOutProbe probe = held == null ? null : new HeldOutProbe(this, Math.min(Mmd.MAX_ROWS, held.length / t.dim()), rHeld);
            Weights best = null;
            try {
                outer:
                for (int e = 0; e < epochs; e++) {
                    double sumD = 0, sumG = 0;
                    int steps = 0;
                    for (int s = 0; s < stepsPerEpoch; s++) {
                        if (run.outOfTime()) {
                            if (steps > 0) run.epochDone(losses(sumD / steps, sumG / steps), Double.NaN);
                            break outer;
                        }
                        Batches.Step step = batches.take();
                        float[] l = step(step);
                        sumD += l[0];
                        sumG += l[1];
                        steps++;
                        run.stepDone();
                    }
                    double heldLoss = Double.NaN;
                    if (probe != null) heldLoss = mmd.distance(probe.generate(nets));
                    boolean improved = run.epochDone(losses(sumD / steps, sumG / steps), heldLoss);
                    if (improved) best = nets.g.export();
                    if (run.patienceSpent()) break;
                }
            } finally {
                batches.close();
                Nn.record(false);
                if (mmd != null) mmd.close();
            }
            return best != null ? best : nets.g.export();
        }

        private static String losses(double d, double g) {
            return String.format(Locale.ROOT, "loss G %.4f, D %.4f", g, d);
        }

        /** One iteration: {@code discriminatorSteps} critic updates, then one generator update; returns their losses. */
        float[] step(Batches.Step b) {
            int emb = o.embeddingDim, cd = t.condDim(), dim = t.dim(), groups = batch / o.pac;
            int hiddenD = nets.dLayers;
            float lossD = 0, lossG;
            Staging st = staging;
            st.reset();
            int nw = Batches.noiseWidth(emb);
            try (NDManager s = base.newSubManager()) {
                nets.g.attach(s);
                nets.d.attach(s);
                for (NDArray a : nets.runMean) a.tempAttach(s);
                for (NDArray a : nets.runVar) a.tempAttach(s);
                for (Batches.CriticData c : b.critic()) {
                    Nn.record(false);
                    NDArray z = Batches.normals(st.tensor(s, c.noise(), batch, nw), emb);
                    NDArray c1 = cd == 0 ? null : st.tensor(s, c.cond(), batch, cd);
                    NDArray fake = generator(nets.g, nets.gLayers, c1 == null ? z : z.concat(c1, 1), nets.runMean, nets.runVar);
                    NDArray act = spans.activate(fake, Spans.gumbels(st.tensor(s, c.gumbel(), batch, dim)), TAU);
                    NDArray fakeCat = c1 == null ? act : act.concat(c1, 1);
                    NDArray real = st.tensor(s, c.real(), batch, dim);
                    NDArray realCat = cd == 0 ? real : real.concat(st.tensor(s, c.condPerm(), batch, cd), 1);
                    NDArray alpha = st.tensor(s, c.alpha(), batch, 1);
                    NDArray[] m3 = masks(s, c.masks(), 0, hiddenD, 3 * groups);
                    Nn.record(true);
                    NDArray loss = criticLoss(nets.d, hiddenD, realCat, fakeCat, alpha, o.pac, m3);
                    nets.d.zeroGrad();
                    Nn.backward(loss);
                    Nn.record(false);
                    nets.optD.step();
                    lossD = loss.getFloat();
                }
                Batches.GeneratorData gd = b.generator();
                for (NDArray a : nets.d.trainable()) a.setRequiresGradient(false);
                try {
                    NDArray z = Batches.normals(st.tensor(s, gd.noise(), batch, nw), emb);
                    NDArray c1 = cd == 0 ? null : st.tensor(s, gd.cond(), batch, cd);
                    Nn.record(true);
                    NDArray fake = generator(nets.g, nets.gLayers, c1 == null ? z : z.concat(c1, 1), nets.runMean, nets.runVar);
                    NDArray act = spans.activate(fake, Spans.gumbels(st.tensor(s, gd.gumbel(), batch, dim)), TAU);
                    NDArray y = critic(nets.d, hiddenD, c1 == null ? act : act.concat(c1, 1), o.pac, masks(s, gd.masks(), 0, hiddenD, groups), null);
                    NDArray loss = y.mean().neg();
                    if (c1 != null) loss = loss.add(spans.condLoss(fake, c1));
                    nets.g.zeroGrad();
                    Nn.backward(loss);
                    Nn.record(false);
                    nets.optG.step();
                    lossG = loss.getFloat();
                } finally {
                    for (NDArray a : nets.d.trainable()) a.setRequiresGradient(true);
                }
            }
            return new float[] {lossD, lossG};
        }

        private NDArray[] masks(NDManager s, float[][] all, int which, int layers, int rows) {
            NDArray[] out = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                out[l] = staging.tensor(s, all[which * layers + l], rows, o.discriminatorDims[l]);
            }
            return out;
        }
    }

    /** Fixed noise and conditions for generating the rows the held-out loss compares. */
    static final class HeldOutProbe {
        final Trainer tr;
        final int rows;
        final float[] noise, gumbel, cond;

        HeldOutProbe(Trainer tr, int rows, SplittableRandom rng) {
            this.tr = tr;
            int batches = (rows + tr.batch - 1) / tr.batch;
            this.rows = rows;
            int total = batches * tr.batch;
            noise = Batches.uniforms(total * Batches.noiseWidth(tr.o.embeddingDim), rng);
            gumbel = Batches.uniforms(total * tr.t.dim(), rng);
            cond = new float[total * tr.t.condDim()];
            if (tr.t.condDim() > 0) tr.sampler.condVector(tr.sampler.sampleOriginal(total, rng), cond);
        }

        /** Generated rows (activated, {@code rows × dim}). */
        float[] generate(Nets nets) {
            int dim = tr.t.dim(), cd = tr.t.condDim(), emb = tr.o.embeddingDim, batch = tr.batch;
            float[] out = new float[rows * dim];
            Nn.record(false);
            try (NDManager s = tr.base.newSubManager()) {
                nets.g.attach(s);
                NDArray[] rm = new NDArray[nets.gLayers], rv = new NDArray[nets.gLayers];
                for (int l = 0; l < rm.length; l++) {
                    rm[l] = s.zeros(new Shape(tr.o.generatorDims[l]));
                    rv[l] = s.ones(new Shape(tr.o.generatorDims[l]));
                }
                for (int at = 0, b = 0; at < rows; at += batch, b++) {
                    int nw = Batches.noiseWidth(emb);
                    NDArray z = Batches.normals(s, java.util.Arrays.copyOfRange(noise, b * batch * nw, (b + 1) * batch * nw), batch, emb);
                    NDArray in = z;
                    if (cd > 0) in = z.concat(s.create(java.util.Arrays.copyOfRange(cond, b * batch * cd, (b + 1) * batch * cd), new Shape(batch, cd)), 1);
                    NDArray fake = generator(nets.g, nets.gLayers, in, rm, rv);
                    NDArray g = Spans.gumbels(s.create(java.util.Arrays.copyOfRange(gumbel, b * batch * dim, (b + 1) * batch * dim), new Shape(batch, dim)));
                    float[] act = tr.spans.activate(fake, g, TAU).toFloatArray();
                    System.arraycopy(act, 0, out, at * dim, Math.min(batch, rows - at) * dim);
                }
            }
            return out;
        }
    }
}
