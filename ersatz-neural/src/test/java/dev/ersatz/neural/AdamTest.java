package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused Adam update equals the textbook rule with L2 decay (as torch.optim.Adam with weight_decay). */
class AdamTest {
    @Test
    void step_quadraticLoss_matchesReferenceRule() {
        Torch.engine();
        float lr = 0.1f, b1 = 0.5f, b2 = 0.9f, eps = 1e-8f, wd = 0.01f;
        double[] w = {1, -2, 3};
        double[] m = new double[3], v = new double[3];
        try (NDManager base = NDManager.newBaseManager()) {
            Params p = new Params(base);
            NDArray x = p.put("w", new float[] {1, -2, 3}, new Shape(3), true);
            Adam adam = new Adam(p, base, lr, b1, b2, eps, wd);
            for (int t = 1; t <= 5; t++) {
                try (NDManager s = base.newSubManager()) {
                    p.attach(s);
                    Nn.record(true);
                    NDArray loss = x.square().sum();           // gradient 2w
                    p.zeroGrad();
                    Nn.backward(loss);
                    Nn.record(false);
                    adam.step();
                }
                for (int i = 0; i < 3; i++) {
                    double g = 2 * w[i] + wd * w[i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
            float[] got = x.toFloatArray();
            // float32 state over five steps; eps placement differs by √(1−β₂ᵗ) (negligible here).
            for (int i = 0; i < 3; i++) assertThat((double) got[i]).isCloseTo(w[i], within(1e-5));
        }
    }
}
