package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) with L2 weight decay
 * added to the gradient, as PyTorch's {@code torch.optim.Adam(weight_decay=…)}, which CTGAN, TVAE and
 * TabDDPM use. The update runs in libtorch's fused kernel (one call per tensor): with bias
 * corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ it applies w ← w − lr·√c₂/c₁ · m / (√v + ε), which is
 * PyTorch's update with ε scaled by √c₂ (a difference only in the first few steps, and only when
 * √v is near ε).
 */
public final class Adam {
    private final List<NDArray> params;
    private final List<NDArray> mean = new ArrayList<>();
    private final List<NDArray> variance = new ArrayList<>();
    private final float lr, beta1, beta2, eps, weightDecay;
    private int t;

    public Adam(Params p, NDManager state, float lr, float beta1, float beta2, float eps, float weightDecay) {
        this.params = List.copyOf(p.trainable());
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (NDArray a : params) {
            mean.add(state.zeros(a.getShape()));
            variance.add(state.zeros(a.getShape()));
        }
    }

    /** One update of every parameter from its accumulated gradient. */
    public void step() {
        step(1);
    }

    /** One update with the learning rate scaled by {@code scale} (for schedules). */
    public void step(double scale) {
        t++;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        float corrected = (float) (lr * scale * Math.sqrt(c2) / c1);
        boolean was = ai.djl.pytorch.jni.JniUtils.isGradMode();
        Nn.record(false);
        try {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i);
                try (NDArray g = w.getGradient()) {
                    // libtorch's kernel: g += wd·w; m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; w −= corrected·m/(√v + ε)
                    // (its learning-rate argument only scales decoupled decay, unused here).
                    w.getNDArrayInternal().adamUpdate(new NDList(w, g, mean.get(i), variance.get(i)), new NDList(w),
                            lr, corrected, weightDecay, 1f, -1f, beta1, beta2, eps, false, false);
                }
            }
        } finally {
            Nn.record(was);
        }
    }

    public int steps() { return t; }
}
