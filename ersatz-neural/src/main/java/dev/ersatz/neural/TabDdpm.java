package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
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
 * TabDDPM ({@code ddpm}): denoising diffusion for tables.
 *
 * <p>Paper: Kotelnikov, Baranchuk, Rubachev, Babenko, "TabDDPM: Modelling Tabular Data with Diffusion
 * Models", ICML 2023. Numeric columns are quantile-normalised ({@link QuantileNormal}) and diffused
 * with Gaussian noise; categorical columns with multinomial diffusion; both by the cosine schedule
 * ({@link Schedule}). One MLP denoises both: input [xₜ numeric scores, xₜ category one-hots] → a
 * linear projection to 128, plus the timestep's sinusoidal embedding through Linear-SiLU-Linear, plus
 * SiLU of the class label's embedding (conditioning on the target column) → ReLU layers → ε̂ for the
 * numeric part and x̂₀ logits per categorical feature.
 *
 * <p>Loss per batch (as TabDDPM's {@code mixed_loss}): t uniform on 0 … T−1; Gaussian: mean of
 * (ε − ε̂)²; multinomial: T·KL(q(xₜ₋₁ | xₜ, x₀) ‖ p(xₜ₋₁ | xₜ)) (−log p(x₀ | x₁) at t = 0), summed over
 * features and divided by their number, where p(xₜ₋₁ | xₜ) is the posterior at x̂₀ = softmax(logits).
 * The two losses are added. AdamW with a learning rate decayed linearly to 0 over the run, as
 * TabDDPM's trainer.
 *
 * <p>Departures, each for a reason: the denoiser sees category one-hots where TabDDPM feeds their
 * logarithms (an affine image of the same one-hot, with the −69 floor that makes its inputs badly
 * scaled); the noisy categories xₜ and the true posterior are drawn and computed on the input thread
 * (exactly, in closed form) instead of in tensors; missing values get their own categories
 * ({@link DdpmLayout}). Defaults are TabDDPM's adult configuration (100 steps, lr 0.002, batch 4096,
 * no weight decay) except the denoiser, 256-512-512-256 instead of 256-1024-1024-1024-1024-256, and
 * the number of epochs, both to train on two CPU cores in minutes rather than on a GPU in hours.
 *
 * <p>Conditioning: the target column (option {@code target}, default the last categorical column;
 * {@code none} for none) is the class label, drawn with its training frequencies (restricted to the
 * allowed classes when a condition names it: exact). Every other condition is met by bounded
 * rejection ({@link Rejection}). Held-out loss: the same loss on held-out rows with fixed draws.
 */
public record TabDdpm(Training training, int[] layers, int timesteps, float learningRate, float weightDecay, String target,
                      int embeddingDim) implements Synthesizer {

    public static final String NAME = "ddpm";
    static final Set<String> KEYS;
    static {
        Set<String> k = new HashSet<>(Training.KEYS);
        k.addAll(Set.of("layers", "timesteps", "learningRate", "weightDecay", "target"));
        KEYS = Set.copyOf(k);
    }

    public TabDdpm {
        if (layers.length == 0) throw Options.invalid("layers", "", "needs at least one layer");
        if (timesteps < 2) throw Options.invalid("timesteps", timesteps, "must be at least 2");
        if (!(learningRate > 0)) throw Options.invalid("learningRate", learningRate, "must be positive");
        if (weightDecay < 0) throw Options.invalid("weightDecay", weightDecay, "must not be negative");
        layers = layers.clone();
    }

    public static TabDdpm fromOptions(Map<String, String> options) {
        Options o = new Options(NAME, options, KEYS);
        return new TabDdpm(Training.read(o, 1000, 4096), o.widths("layers", new int[] {256, 512, 512, 256}),
                o.integer("timesteps", 100), (float) o.number("learningRate", 0.002), (float) o.number("weightDecay", 0),
                o.text("target", ""), 128);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode options() {
        ObjectNode o = ModelFile.object();
        training.write(o);
        o.put("layers", Ctgan.widths(layers));
        o.put("timesteps", timesteps);
        o.put("learningRate", learningRate);
        o.put("weightDecay", weightDecay);
        o.put("target", target);
        return o;
    }

    @Override
    public FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress) {
        int n = data.rowCount();
        if (n == 0) throw new InputException("the data has no rows to learn from");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rSplit = root.split(), rInit = root.split(), rSteps = root.split(), rHeld = root.split();
        progress.update("fitting ddpm quantiles", 0, 1);
        DdpmLayout layout = DdpmLayout.fit(data, columns, target);
        if (layout.dNum + layout.dCat == 0) {
            throw new InputException(null, -1, null, null, "ddpm needs at least one column besides the target to learn");
        }
        Training.Split split = training.split(n, rSplit);
        Table train = split.held().length == 0 ? data : data.select(split.train());
        DdpmLayout.Encoded x = layout.encode(train);
        DdpmLayout.Encoded held = split.held().length == 0 ? null : layout.encode(data.select(split.held()));
        Schedule schedule = new Schedule(timesteps);
        int[] classCounts = new int[Math.max(layout.classes, 0)];
        for (int i = 0; i < x.rows(); i++) if (layout.classes > 0) classCounts[x.y()[i]]++;
        Torch.engine();
        try (NDManager base = Torch.manager()) {
            Denoiser net = Denoiser.create(this, layout, base, rInit);
            Trainer tr = new Trainer(this, layout, schedule, x, net, base);
            Training.Run run = training.new Run(NAME, progress, tr.stepsPerEpoch);
            Weights best = tr.train(run, rSteps, held, rHeld);
            ObjectNode report = ModelFile.object();
            run.write(report);
            Torch.describe(report);
            return new FittedDdpm(layout, best, layers.length, timesteps, classCounts, report);
        }
    }

    public static FittedGenerator load(JsonNode body, List<ModelColumn> columns) {
        return FittedDdpm.fromJson(body, columns);
    }

    /** The denoiser's weights and its forward pass. */
    static final class Denoiser {
        final Params p;
        final int layers;
        final DdpmLayout layout;
        final long[] cuts;       // split points of the categorical logits into features
        final float[] segment;   // [dCat, C] feature membership
        final float[] logK;      // [dCat] log of each slot's feature size

        Denoiser(Params p, int layers, DdpmLayout layout) {
            this.p = p;
            this.layers = layers;
            this.layout = layout;
            int c = layout.categorical.size();
            cuts = new long[Math.max(0, c - 1)];
            for (int f = 1; f < c; f++) cuts[f - 1] = layout.categorical.get(f).start();
            segment = new float[layout.dCat * c];
            logK = new float[layout.dCat];
            for (int f = 0; f < c; f++) {
                DdpmLayout.Categorical cf = layout.categorical.get(f);
                for (int k = 0; k < cf.k(); k++) {
                    segment[(cf.start() + k) * c + f] = 1;
                    logK[cf.start() + k] = (float) Math.log(cf.k());
                }
            }
        }

        /**
         * log p(xₜ₋₁ | xₜ) = log q(xₜ₋₁ | xₜ, x̂₀): log q(xₜ₋₁ | x̂₀) (x̂₀ itself at t = 0) plus
         * log q(xₜ | xₜ₋₁) ({@code qone}), normalised per feature (segment sums through a membership
         * matrix, so the cost does not grow with the number of features). Per-row step constants are
         * {@code [rows, 1]} or {@code [1, 1]}.
         */
        NDArray posterior(NDManager m, NDArray logX0, NDArray qone, NDArray logAbPrev, NDArray log1mAbPrev, NDArray first) {
            int c = layout.categorical.size(), dc = layout.dCat;
            NDArray a = logX0.add(logAbPrev);
            NDArray bb = log1mAbPrev.sub(m.create(logK, new Shape(1, dc)));
            NDArray mx = a.maximum(bb);
            NDArray lae = mx.add(Nn.add(a.sub(bb).abs().neg().exp(), 1).log());
            NDArray logEv = logX0.mul(first).add(lae.mul(Nn.oneMinus(first)));
            NDArray un = logEv.add(qone);
            NDArray rowMax = un.max(new int[] {1}, true).stopGradient();
            NDArray seg = m.create(segment, new Shape(dc, c));
            NDArray sums = Nn.maximum(un.sub(rowMax).exp().matMul(seg), 1e-30f);
            NDArray lse = sums.log().matMul(seg.transpose()).add(rowMax);
            return un.sub(lse);
        }

        static Denoiser create(TabDdpm o, DdpmLayout layout, NDManager base, SplittableRandom rng) {
            Params p = new Params(base);
            int emb = o.embeddingDim, in = layout.dNum + layout.dCat, out = layout.dNum + layout.dCat;
            p.linearWeight("time1.w", emb, emb, rng);
            p.linearBias("time1.b", emb, emb, rng);
            p.linearWeight("time2.w", emb, emb, rng);
            p.linearBias("time2.b", emb, emb, rng);
            if (layout.classes > 0) {
                // nn.Embedding initialises N(0, 1).
                float[] e = new float[layout.classes * emb];
                for (int i = 0; i < e.length; i++) e[i] = (float) rng.nextGaussian();
                p.put("label.w", e, new Shape(emb, layout.classes), true);
            }
            p.linearWeight("proj.w", emb, in, rng);
            p.linearBias("proj.b", emb, in, rng);
            int d = emb;
            for (int l = 0; l < o.layers.length; l++) {
                p.linearWeight("mlp" + l + ".w", o.layers[l], d, rng);
                p.linearBias("mlp" + l + ".b", o.layers[l], d, rng);
                d = o.layers[l];
            }
            p.linearWeight("out.w", out, d, rng);
            p.linearBias("out.b", out, d, rng);
            return new Denoiser(p, o.layers.length, layout);
        }

        /** Raw outputs [ε̂, logits] for inputs {@code x} at sinusoidal time embeddings {@code temb} with class one-hots {@code y} (or null). */
        NDArray forward(NDArray x, NDArray temb, NDArray y) {
            NDArray e = Nn.linear(silu(Nn.linear(temb, p.get("time1.w"), p.get("time1.b"))), p.get("time2.w"), p.get("time2.b"));
            if (y != null) e = e.add(silu(Linear.linear(y, p.get("label.w")).singletonOrThrow()));
            NDArray h = Nn.linear(x, p.get("proj.w"), p.get("proj.b")).add(e);
            for (int l = 0; l < layers; l++) h = Nn.relu(Nn.linear(h, p.get("mlp" + l + ".w"), p.get("mlp" + l + ".b")));
            return Nn.linear(h, p.get("out.w"), p.get("out.b"));
        }

        /** Per-feature log-softmax of the categorical logits (the log of x̂₀). */
        NDArray logX0(NDArray logits) {
            if (cuts.length == 0) return logits.logSoftmax(1);
            NDList parts = logits.split(cuts, 1);
            NDList out = new NDList(parts.size());
            for (NDArray a : parts) out.add(a.logSoftmax(1));
            return NDArrays.concat(out, 1);
        }

        static NDArray silu(NDArray x) {
            return Nn.silu(x);
        }
    }

    /** The sinusoidal timestep embedding of TabDDPM (and of Ho et al.): [cos(t·fᵢ), sin(t·fᵢ)], fᵢ = 10000^(−i/half). */
    static float[][] timeTable(int steps, int dim) {
        float[][] out = new float[steps][dim];
        int half = dim / 2;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < half; i++) {
                double f = Math.exp(-Math.log(10000) * i / half);
                out[t][i] = (float) Math.cos(t * f);
                out[t][half + i] = (float) Math.sin(t * f);
            }
        }
        return out;
    }

    /** One TabDDPM training run. */
    static final class Trainer {
        final TabDdpm o;
        final DdpmLayout layout;
        final Schedule s;
        final DdpmLayout.Encoded x;
        final Denoiser net;
        final NDManager base;
        final Adam adam;
        final int stepsPerEpoch;
        final float[][] times;
        final Staging staging = new Staging();

        Trainer(TabDdpm o, DdpmLayout layout, Schedule s, DdpmLayout.Encoded x, Denoiser net, NDManager base) {
            this.o = o;
            this.layout = layout;
            this.s = s;
            this.x = x;
            this.net = net;
            this.base = base;
            int batch = o.training.batchSize();
            this.stepsPerEpoch = (x.rows() + batch - 1) / batch;
            this.adam = new Adam(net.p, base, o.learningRate, 0.9f, 0.999f, 1e-8f, 0f);
            this.times = timeTable(s.steps, o.embeddingDim);
        }

        /** A batch's inputs and targets, all drawn on the input thread. */
        record Batch(int size, float[] in, float[] temb, float[] y, float[] eps, float[] onehot0, float[] logTrue, float[] qone,
                     float[] logAbPrev, float[] log1mAbPrev, float[] first) {}

        Batch make(DdpmLayout.Encoded x, int[] rows, SplittableRandom rng) {
            int b = rows.length, dn = layout.dNum, dc = layout.dCat, c = layout.categorical.size(), emb = o.embeddingDim, din = dn + dc;
            float[] in = new float[b * din], temb = new float[b * emb], y = new float[b * Math.max(layout.classes, 0)];
            float[] eps = new float[b * dn], onehot0 = new float[b * dc], logTrue = new float[b * dc], qone = new float[b * dc];
            float[] lab = new float[b], l1mab = new float[b], first = new float[b];
            double[] post = new double[64];
            for (int i = 0; i < b; i++) {
                int r = rows[i];
                int t = rng.nextInt(s.steps);
                System.arraycopy(times[t], 0, temb, i * emb, emb);
                if (layout.classes > 0) y[i * layout.classes + x.y()[r]] = 1;
                int tp = Math.max(t - 1, 0);
                lab[i] = (float) s.logAlphaBar[tp];
                l1mab[i] = (float) s.log1mAlphaBar[tp];
                first[i] = t == 0 ? 1 : 0;
                for (int f = 0; f < dn; f++) {
                    double e = rng.nextGaussian();
                    eps[i * dn + f] = (float) e;
                    in[i * din + f] = (float) (s.sqrtAlphaBar[t] * x.num()[r * dn + f] + s.sqrt1mAlphaBar[t] * e);
                }
                for (int f = 0; f < c; f++) {
                    DdpmLayout.Categorical cf = layout.categorical.get(f);
                    int k = cf.k(), x0 = x.cat()[r * c + f];
                    // q(x_t | x_0): keep x_0 with probability ᾱ_t, else a uniform category.
                    int xt = rng.nextDouble() < s.alphaBar[t] ? x0 : rng.nextInt(k);
                    int at = cf.start();
                    onehot0[i * dc + at + x0] = 1;
                    in[i * din + dn + at + xt] = 1;
                    if (post.length < k) post = new double[k];
                    s.categoricalPosterior(t, x0, xt, k, post);
                    double a = s.alpha[t];
                    for (int kk = 0; kk < k; kk++) {
                        logTrue[i * dc + at + kk] = (float) Math.log(Math.max(post[kk], 1e-30));
                        qone[i * dc + at + kk] = (float) Math.log((kk == xt ? a : 0) + (1 - a) / k);
                    }
                }
            }
            return new Batch(b, in, temb, y, eps, onehot0, logTrue, qone, lab, l1mab, first);
        }

        /** The loss of a batch (recorded when the caller records). */
        NDArray loss(NDManager m, Batch b) {
            int size = b.size(), dn = layout.dNum, dc = layout.dCat, c = layout.categorical.size();
            Staging st = staging;
            st.reset();
            NDArray in = st.tensor(m, b.in(), size, dn + dc);
            NDArray temb = st.tensor(m, b.temb(), size, o.embeddingDim);
            NDArray y = layout.classes > 0 ? st.tensor(m, b.y(), size, layout.classes) : null;
            NDArray out = net.forward(in, temb, y);
            NDArray loss = null;
            NDList parts = dn > 0 && dc > 0 ? out.split(new long[] {dn}, 1) : new NDList(out);
            if (dn > 0) {
                NDArray epsHat = parts.get(0);
                loss = epsHat.sub(st.tensor(m, b.eps(), size, dn)).square().mean();
            }
            if (dc > 0) {
                NDArray logits = parts.get(parts.size() - 1);
                NDArray first = st.tensor(m, b.first(), size, 1);
                NDArray logModel = net.posterior(m, net.logX0(logits), st.tensor(m, b.qone(), size, dc),
                        st.tensor(m, b.logAbPrev(), size, 1), st.tensor(m, b.log1mAbPrev(), size, 1), first);
                NDArray logTrue = st.tensor(m, b.logTrue(), size, dc);
                NDArray kl = logTrue.exp().mul(logTrue.sub(logModel)).sum(new int[] {1}, true);
                NDArray nll = st.tensor(m, b.onehot0(), size, dc).mul(logModel).sum(new int[] {1}, true).neg();
                NDArray lt = nll.mul(first).add(kl.mul(Nn.oneMinus(first)));
                NDArray multi = Nn.mul(lt.mean(), (float) s.steps / c);
                loss = loss == null ? multi : loss.add(multi);
            }
            return loss;
        }

        Weights train(Training.Run run, SplittableRandom rSteps, DdpmLayout.Encoded held, SplittableRandom rHeld) {
            int epochs = o.training.epochs(), batch = o.training.batchSize(), n = x.rows();
            long total = (long) epochs * stepsPerEpoch;
            int[][] order = new int[1][];
            Batch[] heldBatches = held == null ? null : heldBatches(held, rHeld);
            Weights best = null;
            try (Prefetch<Batch> batches = new Prefetch<>("ersatz-ddpm-batches", total, k -> {
                int inEpoch = (int) (k % stepsPerEpoch);
                if (inEpoch == 0) order[0] = Batches.permutation(n, rSteps);
                int from = inEpoch * batch, size = Math.min(batch, n - from);
                return make(x, java.util.Arrays.copyOfRange(order[0], from, from + size), rSteps);
            })) {
                long step = 0;
                outer:
                for (int e = 0; e < epochs; e++) {
                    double sum = 0;
                    int steps = 0;
                    for (int st = 0; st < stepsPerEpoch; st++) {
                        if (run.outOfTime()) {
                            if (steps > 0) run.epochDone(String.format(Locale.ROOT, "loss %.4f", sum / steps), Double.NaN);
                            break outer;
                        }
                        Batch b = batches.take();
                        try (NDManager m = base.newSubManager()) {
                            net.p.attach(m);
                            Nn.record(true);
                            NDArray loss = loss(m, b);
                            net.p.zeroGrad();
                            Nn.backward(loss);
                            Nn.record(false);
                            // TabDDPM anneals the learning rate linearly to zero over the run.
                            adam.step(1 - (double) step / total);
                            sum += loss.getFloat();
                        }
                        step++;
                        steps++;
                        run.stepDone();
                    }
                    double heldLoss = heldBatches == null ? Double.NaN : heldLoss(heldBatches);
                    boolean improved = run.epochDone(String.format(Locale.ROOT, "loss %.4f", sum / steps), heldLoss);
                    if (improved) best = net.p.export();
                    if (run.patienceSpent()) break;
                }
            } finally {
                Nn.record(false);
            }
            return best != null ? best : net.p.export();
        }

        private Batch[] heldBatches(DdpmLayout.Encoded held, SplittableRandom rng) {
            int batch = o.training.batchSize(), rows = held.rows();
            Batch[] out = new Batch[(rows + batch - 1) / batch];
            for (int i = 0; i < out.length; i++) {
                int from = i * batch, size = Math.min(batch, rows - from);
                int[] idx = new int[size];
                for (int r = 0; r < size; r++) idx[r] = from + r;
                out[i] = make(held, idx, rng);
            }
            return out;
        }

        private double heldLoss(Batch[] held) {
            double total = 0;
            int rows = 0;
            Nn.record(false);
            for (Batch b : held) {
                try (NDManager m = base.newSubManager()) {
                    net.p.attach(m);
                    total += loss(m, b).getFloat() * b.size();
                    rows += b.size();
                }
            }
            return total / rows;
        }
    }
}
