package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The critic's input gradient written as tensor operations equals libtorch's autograd, and the
 * penalty built on it has the same weight gradients as libtorch's own double backward
 * ({@code create_graph=True}, what CTGAN's PyTorch code uses).
 */
class GradientPenaltyTest {
    static final int PAC = 2, WIDTH = 6, ROWS = 10, HIDDEN = 8, LAYERS = 2;
    /** float32 arithmetic over a few hundred terms: agreement to about 1e-6 relative; 1e-4 leaves room for summation order. */
    static final double TOLERANCE = 1e-4;

    private static Params critic(NDManager m, SplittableRandom r) {
        Params d = new Params(m);
        d.linearWeight("d0.w", HIDDEN, WIDTH * PAC, r);
        d.linearBias("d0.b", HIDDEN, WIDTH * PAC, r);
        d.linearWeight("d1.w", HIDDEN, HIDDEN, r);
        d.linearBias("d1.b", HIDDEN, HIDDEN, r);
        d.linearWeight("out.w", 1, HIDDEN, r);
        d.linearBias("out.b", 1, HIDDEN, r);
        return d;
    }

    private static NDArray[] masks(NDManager m, SplittableRandom r) {
        NDArray[] masks = new NDArray[LAYERS];
        for (int l = 0; l < LAYERS; l++) masks[l] = m.create(Batches.dropoutMask(ROWS / PAC * HIDDEN, r), new Shape(ROWS / PAC, HIDDEN));
        return masks;
    }

    private static NDArray input(NDManager m, SplittableRandom r) {
        return m.create(Batches.gaussians(ROWS * WIDTH, r), new Shape(ROWS, WIDTH));
    }

    @Test
    void criticInputGradient_randomCritic_matchesAutograd() {
        Torch.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(3);
            Params d = critic(m, r);
            NDArray[] masks = masks(m, r);
            NDArray x = input(m, r);
            x.setRequiresGradient(true);
            Nn.record(true);
            NDArray[] pre = new NDArray[LAYERS];
            NDArray y = Ctgan.critic(d, LAYERS, x, PAC, masks, pre);
            NDArray explicit = Ctgan.criticInputGradient(d, LAYERS, pre, masks);
            Nn.backward(y.sum());
            Nn.record(false);
            float[] auto = x.getGradient().reshape(ROWS / PAC, WIDTH * PAC).toFloatArray();
            assertClose(explicit.toFloatArray(), auto);
            // Both slopes of the LeakyReLU occur, so the test covers them.
            float[] a0 = pre[0].toFloatArray();
            int positive = 0;
            for (float v : a0) if (v > 0) positive++;
            assertThat(positive).isBetween(1, a0.length - 1);
        }
    }

    @Test
    void gradientPenalty_weightGradients_matchDoubleBackward() {
        Torch.engine();
        float[][] ours, theirs;
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(5);
            Params d = critic(m, r);
            NDArray[] masks = masks(m, r);
            NDArray real = input(m, r), fake = input(m, r);
            float[] a = new float[ROWS];
            for (int g = 0; g < ROWS / PAC; g++) { float v = (float) r.nextDouble(); for (int p = 0; p < PAC; p++) a[g * PAC + p] = v; }
            NDArray alpha = m.create(a, new Shape(ROWS, 1));

            Nn.record(true);
            NDArray pen = Ctgan.gradientPenalty(d, LAYERS, real, fake, alpha, PAC, masks);
            d.zeroGrad();
            Nn.backward(pen);
            Nn.record(false);
            ours = grads(d.trainable());

            // libtorch: ∇ₓD with create_graph, then the penalty's backward.
            Nn.record(true);
            NDArray interp = real.mul(alpha).add(fake.mul(alpha.neg().add(1))).stopGradient();
            interp.setRequiresGradient(true);
            NDArray y = Ctgan.critic(d, LAYERS, interp, PAC, masks, null);
            Nn.backwardCreateGraph(y.sum());
            NDArray gx = interp.getGradient();
            d.zeroGrad();
            NDArray pen2 = gx.reshape(ROWS / PAC, WIDTH * PAC).norm(new int[] {1}).sub(1).square().mean().mul(Ctgan.GP_LAMBDA);
            Nn.backward(pen2);
            Nn.record(false);
            theirs = grads(d.trainable());
            assertThat(pen.getFloat()).isCloseTo(pen2.getFloat(), org.assertj.core.data.Offset.offset((float) (TOLERANCE * Math.max(1, Math.abs(pen2.getFloat())))));
        }
        for (int i = 0; i < ours.length; i++) assertClose(ours[i], theirs[i]);
        // The penalty reaches every weight but the last bias.
        assertThat(norm(ours[0])).isPositive();
    }

    /** The stacked critic pass (real, fake, interpolated in one product per layer) computes the same loss and gradients as three passes. */
    @Test
    void criticLoss_stackedPass_equalsSeparatePasses() {
        Torch.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(8);
            Params d = critic(m, r);
            NDArray real = input(m, r), fake = input(m, r);
            float[] a = new float[ROWS];
            for (int g = 0; g < ROWS / PAC; g++) { float v = (float) r.nextDouble(); for (int p = 0; p < PAC; p++) a[g * PAC + p] = v; }
            NDArray alpha = m.create(a, new Shape(ROWS, 1));
            int groups = ROWS / PAC;
            float[][] mk = new float[LAYERS][];
            for (int l = 0; l < LAYERS; l++) mk[l] = Batches.dropoutMask(3 * groups * HIDDEN, r);
            NDArray[] stacked = new NDArray[LAYERS], mReal = new NDArray[LAYERS], mFake = new NDArray[LAYERS], mInterp = new NDArray[LAYERS];
            for (int l = 0; l < LAYERS; l++) {
                stacked[l] = m.create(mk[l], new Shape(3 * groups, HIDDEN));
                mReal[l] = m.create(java.util.Arrays.copyOfRange(mk[l], 0, groups * HIDDEN), new Shape(groups, HIDDEN));
                mFake[l] = m.create(java.util.Arrays.copyOfRange(mk[l], groups * HIDDEN, 2 * groups * HIDDEN), new Shape(groups, HIDDEN));
                mInterp[l] = m.create(java.util.Arrays.copyOfRange(mk[l], 2 * groups * HIDDEN, 3 * groups * HIDDEN), new Shape(groups, HIDDEN));
            }
            Nn.record(true);
            NDArray one = Ctgan.criticLoss(d, LAYERS, real, fake, alpha, PAC, stacked);
            d.zeroGrad();
            Nn.backward(one);
            float[][] gOne = grads(d.trainable());
            NDArray three = Ctgan.critic(d, LAYERS, fake, PAC, mFake, null).mean().sub(Ctgan.critic(d, LAYERS, real, PAC, mReal, null).mean())
                    .add(Ctgan.gradientPenalty(d, LAYERS, real, fake, alpha, PAC, mInterp));
            d.zeroGrad();
            Nn.backward(three);
            Nn.record(false);
            assertThat((double) one.getFloat()).isCloseTo(three.getFloat(), org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(three.getFloat()))));
            float[][] gThree = grads(d.trainable());
            // The last bias's gradient is 0 exactly (it cancels between E[D(fake)] and E[D(real)]):
            // compare every tensor on the scale of the largest gradient.
            double scale = 0;
            for (float[] g : gThree) scale = Math.max(scale, norm(g));
            for (int i = 0; i < gOne.length; i++) assertClose(gOne[i], gThree[i], scale);
        }
    }

    private static float[][] grads(List<NDArray> params) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) out[i] = params.get(i).getGradient().toFloatArray();
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) s += f * f;
        return Math.sqrt(s);
    }

    static void assertClose(float[] a, float[] b) {
        assertClose(a, b, Math.max(1e-6, Math.max(norm(a), norm(b))));
    }

    static void assertClose(float[] a, float[] b, double scale) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i]) / scale).as("element %d: %f vs %f", i, a[i], b[i]).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
