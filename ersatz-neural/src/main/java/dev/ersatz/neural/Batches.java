package dev.ersatz.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's per-step inputs, prepared ahead on a second thread: uniforms for the generator's noise and
 * Gumbel draws (turned into normals and Gumbels by vectorised libtorch operations), conditional vectors, the real rows chosen by training-by-sampling, the penalty's
 * interpolation weights and the critic's dropout masks. One producer fills steps strictly in order
 * from one {@link SplittableRandom}, so the inputs of step k never depend on timing.
 */
final class Batches {
    record CriticData(float[] noise, float[] cond, float[] condPerm, float[] real, float[] gumbel, float[] alpha, float[][] masks) {}

    record GeneratorData(float[] noise, float[] cond, float[] gumbel, float[][] masks) {}

    record Step(List<CriticData> critic, GeneratorData generator) {}

    private final Ctgan.Trainer tr;
    private final SplittableRandom rng;

    Batches(Ctgan.Trainer tr, SplittableRandom rng) {
        this.tr = tr;
        this.rng = rng;
    }

    /** The step inputs, made ahead on a second thread. */
    Prefetch<Step> prefetch(long steps) {
        return new Prefetch<>("ersatz-ctgan-batches", steps, k -> make());
    }

    private Step make() {
        Ctgan o = tr.o;
        int batch = tr.batch, emb = o.embeddingDim(), dim = tr.t.dim(), cd = tr.t.condDim(), groups = batch / o.pac();
        int[] widths = o.discriminatorDims();
        List<CriticData> critic = new ArrayList<>(o.discriminatorSteps());
        for (int k = 0; k < o.discriminatorSteps(); k++) {
            float[] noise = uniforms(batch * noiseWidth(emb), rng);
            float[] gumbel = uniforms(batch * dim, rng);
            float[] cond = new float[batch * cd], condPerm = new float[batch * cd];
            int[] rows;
            if (cd > 0) {
                CondSampler.Conditions c = tr.sampler.sampleTraining(batch, rng);
                tr.sampler.condVector(c, cond);
                int[] perm = permutation(batch, rng);
                rows = tr.sampler.realRows(c, perm, rng);
                for (int b = 0; b < batch; b++) System.arraycopy(cond, perm[b] * cd, condPerm, b * cd, cd);
            } else {
                rows = tr.sampler.uniformRows(batch, rng);
            }
            float[] real = new float[batch * dim];
            for (int b = 0; b < batch; b++) System.arraycopy(tr.x, rows[b] * dim, real, b * dim, dim);
            float[] alpha = new float[batch];
            for (int gi = 0; gi < groups; gi++) {
                float a = (float) rng.nextDouble();
                for (int p = 0; p < o.pac(); p++) alpha[gi * o.pac() + p] = a;
            }
            // Per layer, the masks of the real, fake and interpolated rows, stacked (one critic pass for all three).
            float[][] masks = new float[widths.length][];
            for (int l = 0; l < widths.length; l++) masks[l] = dropoutMask(3 * groups * widths[l], rng);
            critic.add(new CriticData(noise, cond, condPerm, real, gumbel, alpha, masks));
        }
        float[] noise = uniforms(batch * noiseWidth(emb), rng);
        float[] gumbel = uniforms(batch * dim, rng);
        float[] cond = new float[batch * cd];
        if (cd > 0) tr.sampler.condVector(tr.sampler.sampleTraining(batch, rng), cond);
        float[][] masks = new float[widths.length][];
        for (int l = 0; l < widths.length; l++) masks[l] = dropoutMask(groups * widths[l], rng);
        return new Step(critic, new GeneratorData(noise, cond, gumbel, masks));
    }

    /** Uniform columns needed for {@code emb} normals by Box–Muller (an even number). */
    static int noiseWidth(int emb) {
        return emb + (emb & 1);
    }

    /** Standard normals {@code [rows, emb]} from {@code rows × noiseWidth(emb)} uniforms (see {@link Spans#normals}). */
    static ai.djl.ndarray.NDArray normals(ai.djl.ndarray.NDManager m, float[] u, int rows, int emb) {
        return normals(m.create(u, new ai.djl.ndarray.types.Shape(rows, noiseWidth(emb))), emb);
    }

    /** Standard normals {@code [rows, emb]} from a tensor of {@code [rows, noiseWidth(emb)]} uniforms. */
    static ai.djl.ndarray.NDArray normals(ai.djl.ndarray.NDArray uniforms, int emb) {
        int w = noiseWidth(emb);
        ai.djl.ndarray.NDList halves = uniforms.split(2, 1);
        ai.djl.ndarray.NDArray z = Spans.normals(halves.get(0), halves.get(1));
        return w == emb ? z : z.split(new long[] {emb}, 1).get(0);
    }

    /** Standard normal draws. */
    static float[] gaussians(int n, SplittableRandom rng) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) rng.nextGaussian();
        return z;
    }

    /** Standard Gumbel draws −log(−log u), u uniform on (0, 1). */
    static float[] gumbels(int n, SplittableRandom rng) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = (float) -Math.log(-Math.log((rng.nextLong() >>> 11) * 0x1p-53 + 0x1p-54));
        return g;
    }

    /** Uniforms on the open interval (0, 1): 23 random bits, centred, so 0 and 1 never occur in float. */
    static float[] uniforms(int n, SplittableRandom rng) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) u[i] = ((rng.nextInt() >>> 9) + 0.5f) * 0x1p-23f;
        return u;
    }

    /** Inverted dropout with rate 0.5: each unit kept (×2) or dropped (0) with one random bit. */
    static float[] dropoutMask(int n, SplittableRandom rng) {
        float[] m = new float[n];
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0) bits = rng.nextLong();
            m[i] = ((bits >>> (i & 63)) & 1L) == 0 ? 0f : 1f / (1 - Ctgan.DROPOUT);
        }
        return m;
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
