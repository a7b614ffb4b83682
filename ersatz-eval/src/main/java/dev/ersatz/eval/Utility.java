package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Machine-learning utility: a gradient-boosted model ({@link Gbdt}) predicts the target column from the
 * other compared columns. It is trained three ways and always tested on the real holdout:
 * <ul>
 *   <li><b>TRTR</b> (train real, test real): on the real training table, the yardstick;</li>
 *   <li><b>TSTR</b> (train synthetic, test real): on the synthetic table, the utility of the synthetic data;</li>
 *   <li><b>augmented</b>: on the real and the synthetic rows together; the <b>augmentation gain</b> is its
 *       score minus TRTR's (macro-F1 for classification, R² for regression).</li>
 * </ul>
 * Classification (a categorical target): macro-F1 (scikit-learn's definition), accuracy, and for two
 * classes the AUC of the probability of the rarer real class; all in [0, 1], higher is better.
 * Regression (an ordered target): R² = {@code 1 − Σ(y − ŷ)²/Σ(y − ȳ)²} (at most 1, higher is better,
 * negative when worse than predicting the mean) and the mean absolute error (in the target's units,
 * epoch seconds for datetimes; lower is better).
 *
 * <p>Rows whose target is missing are left out; so are synthetic and holdout rows whose class the real
 * training table does not have (counted in the result). A classification target needs at least two
 * real classes.
 */
final class Utility {
    private Utility() {}

    /** The scores of one model on the holdout; fields that do not apply are {@code NaN}. */
    record Scores(double f1, double auc, double accuracy, double r2, double mae) {}

    /**
     * @param classification whether the target is categorical
     * @param positiveClass  for a binary target, the class whose probability the AUC ranks (the rarer one)
     * @param dropped        synthetic rows left out (missing target or a class the real data does not have)
     */
    record Result(String target, boolean classification, int classes, String positiveClass,
                  int trainRows, int syntheticRows, int holdoutRows, int dropped,
                  Scores trtr, Scores tstr, Scores augmented, double gain) {}

    /** The training tasks (TRTR, TSTR, augmented) and how to score their predictions. */
    static final class Job {
        final List<Callable<float[]>> tasks = new ArrayList<>();
        private Result template;
        private int[] truthClass;
        private double[] truthValue;
        private Gbdt.Task task;
        private int classes;

        Result finish(List<float[]> p) {
            Scores trtr = score(p.get(0)), tstr = score(p.get(1)), aug = score(p.get(2));
            double gain = template.classification() ? aug.f1() - trtr.f1() : aug.r2() - trtr.r2();
            Result t = template;
            return new Result(t.target(), t.classification(), t.classes(), t.positiveClass(), t.trainRows(), t.syntheticRows(),
                    t.holdoutRows(), t.dropped(), trtr, tstr, aug, gain);
        }

        private Scores score(float[] p) {
            if (task == Gbdt.Task.REGRESSION) {
                return new Scores(Double.NaN, Double.NaN, Double.NaN, Stats.r2(truthValue, p), Stats.mae(truthValue, p));
            }
            int n = truthClass.length;
            int[] predicted = new int[n];
            double auc = Double.NaN;
            if (task == Gbdt.Task.BINARY) {
                for (int i = 0; i < n; i++) predicted[i] = p[i] >= 0.5f ? 1 : 0;
                auc = Stats.auc(p, truthClass);
            } else {
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) if (p[i * classes + c] > p[i * classes + best]) best = c;
                    predicted[i] = best;
                }
            }
            return new Scores(Stats.macroF1(truthClass, predicted), auc, Stats.accuracy(truthClass, predicted), Double.NaN, Double.NaN);
        }
    }

    /**
     * Prepares the three models for {@code target}; the reason it cannot be measured otherwise, as an
     * {@link IllegalArgumentException} with a message for people.
     */
    static Job prepare(EvalData data, String target) {
        int ti = data.indexOf(target);
        if (ti < 0) throw new IllegalArgumentException("the target '" + target + "' is not a compared column");
        Feature t = data.features.get(ti);
        List<Integer> features = new ArrayList<>();
        for (int i = 0; i < data.features.size(); i++) if (i != ti) features.add(i);
        if (features.isEmpty()) throw new IllegalArgumentException("there is no column besides the target to predict it from");
        Job job = new Job();
        int[][] keep = new int[3][];
        String positive = null;
        int classes = 0;
        int dropped;
        float[][] labels = new float[3][];
        if (t.numeric) {
            for (Role r : Role.values()) keep[r.ordinal()] = present(t.values[r.ordinal()]);
            // Shifted by the real minimum like the features, so float32 keeps the resolution of large values
            // (R² does not change; the MAE is a difference, so it does not either).
            double shift = Double.POSITIVE_INFINITY;
            for (double x : t.values[0]) if (x < shift) shift = x;
            if (Double.isInfinite(shift)) shift = 0;
            for (Role r : Role.values()) {
                int[] k = keep[r.ordinal()];
                labels[r.ordinal()] = new float[k.length];
                for (int i = 0; i < k.length; i++) labels[r.ordinal()][i] = (float) (t.values[r.ordinal()][k[i]] - shift);
            }
            job.task = Gbdt.Task.REGRESSION;
            int[] h = keep[Role.HOLDOUT.ordinal()];
            job.truthValue = new double[h.length];
            for (int i = 0; i < h.length; i++) job.truthValue[i] = labels[Role.HOLDOUT.ordinal()][i];
            dropped = data.rows(Role.SYNTHETIC) - keep[Role.SYNTHETIC.ordinal()].length;
        } else {
            int[] realCounts = new int[t.realLevels];
            for (int c : t.codes[0]) if (c >= 0) realCounts[c]++;
            int[] classOf = new int[t.levels.size()];
            java.util.Arrays.fill(classOf, -1);
            for (int c = 0; c < t.realLevels; c++) if (realCounts[c] > 0) classOf[c] = classes++;
            if (classes < 2) {
                throw new IllegalArgumentException("the target '" + target + "' has " + classes + " class in the real data; classification needs two");
            }
            if (classes == 2) {
                // The rarer real class is the positive one (ties: the later), as for income ">50K" in adult.
                int a = -1, b = -1;
                for (int c = 0; c < t.realLevels; c++) if (classOf[c] >= 0) { if (a < 0) a = c; else b = c; }
                int pos = realCounts[a] < realCounts[b] ? a : b;
                positive = t.levels.get(pos);
                classOf[pos] = 1;
                classOf[pos == a ? b : a] = 0;
                job.task = Gbdt.Task.BINARY;
            } else {
                job.task = Gbdt.Task.MULTICLASS;
            }
            for (Role r : Role.values()) {
                int[] codes = t.codes[r.ordinal()];
                int[] k = new int[codes.length];
                int n = 0;
                for (int i = 0; i < codes.length; i++) if (codes[i] >= 0 && classOf[codes[i]] >= 0) k[n++] = i;
                keep[r.ordinal()] = java.util.Arrays.copyOf(k, n);
                labels[r.ordinal()] = new float[n];
                for (int i = 0; i < n; i++) labels[r.ordinal()][i] = classOf[codes[keep[r.ordinal()][i]]];
            }
            int[] h = keep[Role.HOLDOUT.ordinal()];
            job.truthClass = new int[h.length];
            for (int i = 0; i < h.length; i++) job.truthClass[i] = (int) labels[Role.HOLDOUT.ordinal()][i];
            dropped = data.rows(Role.SYNTHETIC) - keep[Role.SYNTHETIC.ordinal()].length;
        }
        job.classes = classes;
        if (keep[Role.HOLDOUT.ordinal()].length == 0) throw new IllegalArgumentException("no holdout row has a usable target value");
        if (keep[Role.REAL.ordinal()].length == 0) throw new IllegalArgumentException("no real row has a usable target value");
        Gbdt.Matrix real = Gbdt.matrix(data, features, Role.REAL, keep[0]);
        Gbdt.Matrix syn = Gbdt.matrix(data, features, Role.SYNTHETIC, keep[1]);
        Gbdt.Matrix hold = Gbdt.matrix(data, features, Role.HOLDOUT, keep[2]);
        float[] yReal = labels[0], ySyn = labels[1];
        float[] yAug = new float[yReal.length + ySyn.length];
        System.arraycopy(yReal, 0, yAug, 0, yReal.length);
        System.arraycopy(ySyn, 0, yAug, yReal.length, ySyn.length);
        Gbdt.Matrix aug = Gbdt.concat(real, syn);
        Gbdt.Task task = job.task;
        int k = classes;
        job.tasks.add(() -> Gbdt.fitPredict(real, yReal, hold, task, k));
        // A synthetic table with no usable row cannot train a model: predict nothing useful (constant scores).
        job.tasks.add(() -> ySyn.length == 0 ? constant(hold.rows(), task, k) : Gbdt.fitPredict(syn, ySyn, hold, task, k));
        job.tasks.add(() -> Gbdt.fitPredict(aug, yAug, hold, task, k));
        job.template = new Result(target, !t.numeric, classes, positive, keep[0].length, keep[1].length, keep[2].length, dropped,
                null, null, null, Double.NaN);
        return job;
    }

    private static float[] constant(int rows, Gbdt.Task task, int classes) {
        int k = task == Gbdt.Task.MULTICLASS ? classes : 1;
        float[] out = new float[rows * k];
        java.util.Arrays.fill(out, task == Gbdt.Task.MULTICLASS ? 1f / classes : 0f);
        return out;
    }

    private static int[] present(double[] v) {
        int[] k = new int[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) if (!Double.isNaN(v[i])) k[n++] = i;
        return java.util.Arrays.copyOf(k, n);
    }
}
