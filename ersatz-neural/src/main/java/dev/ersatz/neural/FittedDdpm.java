package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted TabDDPM: layout (quantile maps, features, target), denoiser weights and class counts.
 *
 * <p>Sampling runs the reverse process from t = T−1 to 0 on batches of rows: numeric scores start as
 * N(0, I) and follow the Gaussian reverse step; each categorical feature starts uniform and is
 * redrawn at every step from p(xₜ₋₁ | xₜ) (the posterior at the denoiser's x̂₀). The denoiser runs in
 * libtorch; the per-step draws and the Gaussian update run in Java from the caller's random stream.
 * The class label of each row is drawn with the training frequencies first; a condition on the
 * target restricts it to the allowed classes, which makes that condition exact.
 */
final class FittedDdpm implements FittedGenerator {
    static final int BATCH = 4096;
    static final int EMBEDDING = 128;

    private final DdpmLayout layout;
    private final Weights weights;
    private final int layers;
    private final Schedule schedule;
    private final int[] classCounts;
    private final ObjectNode report;
    private final float[][] times;

    FittedDdpm(DdpmLayout layout, Weights weights, int layers, int timesteps, int[] classCounts, ObjectNode report) {
        this.layout = layout;
        this.weights = weights;
        this.layers = layers;
        this.schedule = new Schedule(timesteps);
        this.classCounts = classCounts;
        this.report = report;
        this.times = TabDdpm.timeTable(timesteps, EMBEDDING);
    }

    private int targetConditionIndex(List<ModelCondition> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            ModelCondition c = conditions.get(i);
            if (c.categorical() && c.modelColumn() == layout.target) return i;
        }
        return -1;
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        List<ModelCondition> rest = new ArrayList<>(conditions);
        int ti = targetConditionIndex(conditions);
        double[] classCum = classCumulative(ti < 0 ? null : rest.remove(ti));
        Torch.engine();
        try (NDManager m = Torch.manager()) {
            Nn.record(false);
            TabDdpm.Denoiser net = new TabDdpm.Denoiser(weights.upload(m), layers, layout);
            return Rejection.sample((n, r) -> generate(m, net, n, classCum, r), rest, rows, rng, TabDdpm.NAME);
        }
    }

    /** Cumulative class probabilities: training frequencies, restricted to a condition's classes. */
    private double[] classCumulative(ModelCondition c) {
        int k = layout.classes;
        if (k == 0) return null;
        double[] w = new double[k];
        if (c == null) {
            for (int i = 0; i < k; i++) w[i] = classCounts[i];
        } else {
            for (int code : c.codes()) {
                int cls = code < 0 ? (layout.targetMissing ? k - 1 : -1) : code;
                if (cls < 0) throw new InputException("--where", -1, null, c.text(), "the model saw no missing values in its target column");
                w[cls] = Math.max(classCounts[cls], 1e-12);
            }
        }
        double total = 0;
        for (double v : w) total += v;
        double[] cum = new double[k];
        double acc = 0;
        for (int i = 0; i < k; i++) { acc += w[i] / total; cum[i] = acc; }
        return cum;
    }

    private Table generate(NDManager m, TabDdpm.Denoiser net, int rows, double[] classCum, SplittableRandom rng) {
        int dn = layout.dNum, c = layout.features();
        float[] num = new float[rows * dn];
        int[] cat = new int[rows * c];
        int[] y = new int[rows];
        for (int from = 0; from < rows; from += BATCH) {
            int b = Math.min(BATCH, rows - from);
            int[] yb = new int[b];
            if (classCum != null) {
                for (int i = 0; i < b; i++) {
                    double u = rng.nextDouble();
                    int k = 0;
                    while (k < classCum.length - 1 && u >= classCum[k]) k++;
                    yb[i] = k;
                }
            }
            float[] z = Batches.gaussians(b * dn, rng);
            int[] codes = new int[b * c];
            for (int i = 0; i < b; i++) for (int f = 0; f < c; f++) codes[i * c + f] = rng.nextInt(layout.categorical.get(f).k());
            reverse(m, net, b, yb, z, codes, rng);
            System.arraycopy(z, 0, num, from * dn, b * dn);
            System.arraycopy(codes, 0, cat, from * c, b * c);
            System.arraycopy(yb, 0, y, from, b);
        }
        return layout.decode(num, cat, y, rows);
    }

    /** The reverse process for one batch, updating {@code z} (scores) and {@code codes} in place. */
    private void reverse(NDManager m, TabDdpm.Denoiser net, int b, int[] yb, float[] z, int[] codes, SplittableRandom rng) {
        int dn = layout.dNum, dc = layout.dCat, c = layout.features(), din = dn + dc;
        Schedule s = schedule;
        float[] yOne = layout.classes > 0 ? new float[b * layout.classes] : null;
        if (yOne != null) for (int i = 0; i < b; i++) yOne[i * layout.classes + yb[i]] = 1;
        float[] in = new float[b * din];
        // log q(x_t | x_{t-1}) as a function of x_{t-1}: log((1−α)/K) off x_t, log(α + (1−α)/K) on it.
        float[] other = new float[dc], lift = new float[dc];
        for (int t = s.steps - 1; t >= 0; t--) {
            java.util.Arrays.fill(in, 0);
            for (int i = 0; i < b; i++) {
                System.arraycopy(z, i * dn, in, i * din, dn);
                for (int f = 0; f < c; f++) in[i * din + dn + layout.categorical.get(f).start() + codes[i * c + f]] = 1;
            }
            float[] epsHat = null, probs = null;
            try (NDManager step = m.newSubManager()) {
                net.p.attach(step);
                NDArray x = step.create(in, new Shape(b, din));
                NDArray temb = step.create(times[t], new Shape(1, EMBEDDING));
                NDArray y = yOne == null ? null : step.create(yOne, new Shape(b, layout.classes));
                NDArray out = net.forward(x, temb, y);
                NDList parts = dn > 0 && dc > 0 ? out.split(new long[] {dn}, 1) : new NDList(out);
                if (dn > 0) epsHat = parts.get(0).toFloatArray();
                if (dc > 0) {
                    double a = s.alpha[t];
                    for (DdpmLayout.Categorical cf : layout.categorical) {
                        int k = cf.k();
                        float o = (float) Math.log((1 - a) / k);
                        for (int kk = 0; kk < k; kk++) {
                            other[cf.start() + kk] = o;
                            lift[cf.start() + kk] = (float) Math.log(a + (1 - a) / k) - o;
                        }
                    }
                    NDArray onehot = dn == 0 ? x : x.split(new long[] {dn}, 1).get(1);
                    NDArray qone = onehot.mul(step.create(lift, new Shape(1, dc))).add(step.create(other, new Shape(1, dc)));
                    int tp = Math.max(t - 1, 0);
                    NDArray logModel = net.posterior(step, net.logX0(parts.get(parts.size() - 1)), qone,
                            step.create(new float[] {(float) s.logAlphaBar[tp]}, new Shape(1, 1)),
                            step.create(new float[] {(float) s.log1mAlphaBar[tp]}, new Shape(1, 1)),
                            step.create(new float[] {t == 0 ? 1f : 0f}, new Shape(1, 1)));
                    probs = logModel.exp().toFloatArray();
                }
            }
            if (dn > 0) {
                double sd = t > 0 ? Math.exp(0.5 * s.modelLogVar[t]) : 0;
                for (int i = 0; i < b * dn; i++) {
                    double x0 = s.sqrtRecipAlphaBar[t] * z[i] - s.sqrtRecipm1AlphaBar[t] * epsHat[i];
                    double mean = s.postCoef1[t] * x0 + s.postCoef2[t] * z[i];
                    z[i] = (float) (t > 0 ? mean + sd * rng.nextGaussian() : mean);
                }
            }
            if (dc > 0) {
                for (int i = 0; i < b; i++) {
                    for (int f = 0; f < c; f++) {
                        DdpmLayout.Categorical cf = layout.categorical.get(f);
                        int at = i * dc + cf.start();
                        double u = rng.nextDouble(), acc = 0;
                        int pick = cf.k() - 1;
                        for (int kk = 0; kk < cf.k(); kk++) {
                            acc += probs[at + kk];
                            if (u < acc) { pick = kk; break; }
                        }
                        codes[i * c + f] = pick;
                    }
                }
            }
        }
    }

    /**
     * Conditions on the target column (sets included), met exactly through the class label. The others
     * are left to {@link dev.ersatz.synth.FittedModel}'s reported, bounded search; called directly,
     * {@link #sample} meets them by bounded rejection ({@link Rejection}) too.
     */
    @Override
    public boolean supports(ModelCondition condition) {
        return condition.categorical() && condition.modelColumn() == layout.target;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "exact";
        List<ModelCondition> rest = new ArrayList<>(conditions);
        int ti = targetConditionIndex(conditions);
        ModelCondition fixed = ti < 0 ? null : rest.remove(ti);
        String head = fixed == null ? "" : "exact for " + fixed.text() + " (class label of the denoiser)";
        if (rest.isEmpty()) return head;
        return (head.isEmpty() ? "" : head + "; ") + Rejection.describe(rest);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("timesteps", schedule.steps);
        o.put("layers", layers);
        o.set("layout", layout.toJson());
        ArrayNode cc = o.putArray("classCounts");
        for (int v : classCounts) cc.add(v);
        o.set("training", report);
        o.set("denoiser", weights.toJson());
        return o;
    }

    static FittedDdpm fromJson(JsonNode o, List<ModelColumn> columns) {
        DdpmLayout layout = DdpmLayout.fromJson(o.get("layout"), columns);
        JsonNode cc = o.get("classCounts");
        int[] counts = new int[cc == null ? 0 : cc.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = cc.get(i).asInt();
        if (counts.length != Math.max(layout.classes, 0)) throw new InputException("model file: class counts do not match the ddpm layout");
        return new FittedDdpm(layout, Weights.fromJson(o.get("denoiser")), o.path("layers").asInt(), o.path("timesteps").asInt(),
                counts, (ObjectNode) o.path("training"));
    }
}
