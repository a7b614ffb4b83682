package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Detection: how well a gradient-boosted classifier ({@link Gbdt}) tells real training rows from
 * synthetic rows, as the area under its ROC curve in stratified k-fold cross-validation (the mean of
 * the folds' AUCs).
 *
 * <p>Range [0, 1]; 0.5 means indistinguishable (the goal), 1 means every synthetic row is recognisable.
 * Values below 0.5 are noise around 0.5. Each side is capped at {@value #MAX_ROWS_PER_SIDE} rows (a
 * seeded sample) to bound the time on large tables; all columns the evaluation compares are features.
 */
final class Detection {
    static final int FOLDS = 3;
    static final int MAX_ROWS_PER_SIDE = 50_000;

    private Detection() {}

    /** @param foldAuc each fold's AUC, in fold order */
    record Result(double auc, double[] foldAuc, int realRows, int syntheticRows, int folds) {}

    /** The training tasks of a detection run and how to turn their predictions into a result. */
    static final class Job {
        final List<Callable<float[]>> tasks = new ArrayList<>();
        private final List<int[]> testRows = new ArrayList<>();
        private int[] labels;
        private int realRows, synRows;

        Result finish(List<float[]> predictions) {
            double[] aucs = new double[FOLDS];
            double sum = 0;
            for (int k = 0; k < FOLDS; k++) {
                int[] test = testRows.get(k);
                int[] y = new int[test.length];
                for (int i = 0; i < test.length; i++) y[i] = labels[test[i]];
                aucs[k] = Stats.auc(predictions.get(k), y);
                sum += aucs[k];
            }
            return new Result(sum / FOLDS, aucs, realRows, synRows, FOLDS);
        }
    }

    static Job prepare(EvalData data, long seed) {
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, "detection"));
        int[] real = Stats.sample(data.rows(Role.REAL), MAX_ROWS_PER_SIDE, rng.split());
        int[] syn = Stats.sample(data.rows(Role.SYNTHETIC), MAX_ROWS_PER_SIDE, rng.split());
        List<Integer> features = Stats.rangeList(data.features.size());
        Gbdt.Matrix all = Gbdt.concat(Gbdt.matrix(data, features, Role.REAL, real), Gbdt.matrix(data, features, Role.SYNTHETIC, syn));
        Job job = new Job();
        job.realRows = real.length;
        job.synRows = syn.length;
        int n = real.length + syn.length;
        job.labels = new int[n];
        for (int i = real.length; i < n; i++) job.labels[i] = 1;
        // Stratified folds: each class is shuffled and dealt round-robin into the folds.
        int[] fold = new int[n];
        int[] realOrder = Stats.permutation(real.length, rng.split()), synOrder = Stats.permutation(syn.length, rng.split());
        for (int i = 0; i < realOrder.length; i++) fold[realOrder[i]] = i % FOLDS;
        for (int i = 0; i < synOrder.length; i++) fold[real.length + synOrder[i]] = i % FOLDS;
        for (int k = 0; k < FOLDS; k++) {
            int testCount = 0;
            for (int f : fold) if (f == k) testCount++;
            int[] test = new int[testCount], train = new int[n - testCount];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == k) test[a++] = i; else train[b++] = i;
            }
            float[] y = new float[train.length];
            for (int i = 0; i < train.length; i++) y[i] = job.labels[train[i]];
            job.testRows.add(test);
            Gbdt.Matrix trainM = Gbdt.rows(all, train), testM = Gbdt.rows(all, test);
            job.tasks.add(() -> Gbdt.fitPredict(trainM, y, testM, Gbdt.Task.BINARY, 2));
        }
        return job;
    }
}
