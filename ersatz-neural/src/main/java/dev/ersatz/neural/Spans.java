package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * The output activations of CTGAN's and TVAE's row vectors, span by span: {@code tanh} for the
 * scalar of a numeric value, a Gumbel-softmax (Jang, Gu, Poole, "Categorical Reparameterization with
 * Gumbel-Softmax", ICLR 2017; τ = 0.2 as in CTGAN) for each one-hot group, and the conditional
 * cross-entropy that makes CTGAN's generator honour its conditional vector.
 */
final class Spans {
    private final List<DataTransformer.Span> spans;
    private final long[] cuts;          // split points between spans
    private final int[] discreteSpan;   // index of each discrete column's span
    private final int dim;

    Spans(DataTransformer t) {
        this.spans = t.spans();
        this.dim = t.dim();
        cuts = new long[Math.max(0, spans.size() - 1)];
        for (int s = 1; s < spans.size(); s++) cuts[s - 1] = spans.get(s).start();
        discreteSpan = new int[t.discrete().size()];
        for (int d = 0; d < discreteSpan.length; d++) {
            int start = t.discrete().get(d).start();
            for (int s = 0; s < spans.size(); s++) if (spans.get(s).start() == start) discreteSpan[d] = s;
        }
    }

    int dim() { return dim; }

    /**
     * Standard normals {@code [rows, 2·half]} from two blocks of uniforms on (0, 1), {@code [rows, half]}
     * each, by Box–Muller: √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂). The uniforms are drawn in Java (cheap);
     * the transcendental functions run vectorised in libtorch, where they cost a fraction of Java's
     * scalar {@code Math.log}.
     */
    static NDArray normals(NDArray u1, NDArray u2) {
        NDArray r = Nn.mul(u1.log(), -2f).sqrt();
        NDArray theta = Nn.mul(u2, (float) (2 * Math.PI));
        return NDArrays.concat(new NDList(r.mul(theta.cos()), r.mul(theta.sin())), 1);
    }

    /** Standard Gumbel draws −log(−log u) from uniforms on (0, 1). */
    static NDArray gumbels(NDArray u) {
        return u.log().neg().log().neg();
    }

    /** CTGAN's {@code _apply_activate}: tanh on scalars, Gumbel-softmax (noise {@code g}, temperature {@code tau}) on groups. */
    NDArray activate(NDArray logits, NDArray g, float tau) {
        NDArray z = Nn.div(logits.add(g), tau);
        NDList xs = split(logits), zs = split(z);
        NDList out = new NDList(spans.size());
        for (int s = 0; s < spans.size(); s++) {
            out.add(spans.get(s).softmax() ? zs.get(s).softmax(1) : xs.get(s).tanh());
        }
        return out.size() == 1 ? out.get(0) : NDArrays.concat(out, 1);
    }

    /**
     * A draw from TVAE's decoder likelihood p(x | z), in the form {@link DataTransformer#decode} reads:
     * tanh on scalars (decode adds the Gaussian noise of σ), and for each group its logits plus Gumbel
     * noise {@code g}, whose arg-max is a draw from softmax(logits) (the Gumbel-max trick).
     */
    NDArray likelihoodDraw(NDArray logits, NDArray g) {
        NDArray z = logits.add(g);
        NDList xs = split(logits), zs = split(z);
        NDList out = new NDList(spans.size());
        for (int s = 0; s < spans.size(); s++) out.add(spans.get(s).softmax() ? zs.get(s) : xs.get(s).tanh());
        return out.size() == 1 ? out.get(0) : NDArrays.concat(out, 1);
    }

    /** The spans of {@code x} along the slot axis. */
    NDList split(NDArray x) {
        return cuts.length == 0 ? new NDList(x) : x.split(cuts, 1);
    }

    /**
     * CTGAN's {@code _cond_loss}: the cross-entropy of each discrete column's logits against the
     * conditional vector's category, counted only for the column the condition chose (the vector is
     * one-hot over all discrete slots, so multiplying by it selects that column), averaged over rows.
     */
    NDArray condLoss(NDArray logits, NDArray cond) {
        if (discreteSpan.length == 0) return null;
        NDList xs = split(logits);
        NDList lp = new NDList(discreteSpan.length);
        for (int s : discreteSpan) lp.add(xs.get(s).logSoftmax(1));
        NDArray all = lp.size() == 1 ? lp.get(0) : NDArrays.concat(lp, 1);
        return Nn.div(all.mul(cond).sum().neg(), logits.getShape().get(0));
    }

    List<DataTransformer.Span> spans() { return spans; }
}
