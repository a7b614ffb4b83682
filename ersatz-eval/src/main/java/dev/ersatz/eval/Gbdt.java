package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees for the detection and utility metrics: XGBoost ({@code hist} trees, native
 * categorical splits), 100 rounds of depth-6 trees at learning rate 0.1, everything else at XGBoost's
 * defaults.
 *
 * <p><b>Determinism.</b> Each model runs on one thread ({@code nthread = 1}) and uses no row or column
 * subsampling, so a model is a pure function of its data; the evaluator trains several models at
 * once on Java threads instead. A multi-threaded XGBoost model could differ in the last bits between
 * machines with different core counts, and its OpenMP threads spin-wait against the JVM's on a
 * busy 2-core machine.
 *
 * <p>Features: ordered columns as numbers shifted by the real column's minimum (so that float32, which
 * XGBoost uses, keeps the resolution of large values such as epoch seconds; trees do not care about
 * the shift), categorical columns as category codes marked categorical; missing values as {@code NaN},
 * which XGBoost routes down a learned default branch.
 */
public final class Gbdt {
    static final int ROUNDS = 100;
    static final int MAX_DEPTH = 6;
    static final double ETA = 0.1;

    /** What a model predicts. */
    public enum Task { BINARY, MULTICLASS, REGRESSION }

    private Gbdt() {}

    /** A dense, row-major feature matrix with XGBoost feature types ("q" numeric, "c" categorical). */
    public record Matrix(float[] data, int rows, int cols, String[] types) {}

    /** Rows {@code rows} of {@code role} over the given features, as a matrix. */
    static Matrix matrix(EvalData data, List<Integer> features, Role role, int[] rows) {
        int nc = features.size();
        float[] out = new float[rows.length * nc];
        String[] types = new String[nc];
        for (int j = 0; j < nc; j++) {
            Feature f = data.features.get(features.get(j));
            types[j] = f.numeric ? "q" : "c";
            if (f.numeric) {
                double shift = realMin(f);
                double[] v = f.values[role.ordinal()];
                for (int i = 0; i < rows.length; i++) {
                    double x = v[rows[i]];
                    out[i * nc + j] = Double.isNaN(x) ? Float.NaN : (float) (x - shift);
                }
            } else {
                int[] c = f.codes[role.ordinal()];
                for (int i = 0; i < rows.length; i++) {
                    int k = c[rows[i]];
                    out[i * nc + j] = k < 0 ? Float.NaN : k;
                }
            }
        }
        return new Matrix(out, rows.length, nc, types);
    }

    /** Stacks two matrices of the same columns. */
    static Matrix concat(Matrix a, Matrix b) {
        float[] out = new float[a.data.length + b.data.length];
        System.arraycopy(a.data, 0, out, 0, a.data.length);
        System.arraycopy(b.data, 0, out, a.data.length, b.data.length);
        return new Matrix(out, a.rows + b.rows, a.cols, a.types);
    }

    /** Selected rows of a matrix. */
    static Matrix rows(Matrix m, int[] rows) {
        float[] out = new float[rows.length * m.cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(m.data, rows[i] * m.cols, out, i * m.cols, m.cols);
        return new Matrix(out, rows.length, m.cols, m.types);
    }

    private static double realMin(Feature f) {
        double min = Double.POSITIVE_INFINITY;
        for (double x : f.values[Role.REAL.ordinal()]) if (x < min) min = x;
        return Double.isInfinite(min) ? 0 : min;
    }

    /**
     * Trains on {@code train} and predicts {@code test}: the probability of class 1 (binary), the
     * {@code classes} class probabilities per row, row-major (multiclass), or the value (regression).
     */
    public static float[] fitPredict(Matrix train, float[] labels, Matrix test, Task task, int classes) {
        DMatrix dtrain = null, dtest = null;
        Booster booster = null;
        try {
            dtrain = dmatrix(train);
            dtrain.setLabel(labels);
            Map<String, Object> params = new HashMap<>();
            params.put("tree_method", "hist");
            params.put("max_depth", MAX_DEPTH);
            params.put("eta", ETA);
            params.put("nthread", 1);
            params.put("seed", 0);
            params.put("verbosity", 0);
            switch (task) {
                case BINARY -> {
                    params.put("objective", "binary:logistic");
                    params.put("eval_metric", "logloss");
                    // XGBoost would start from the label mean, which is 0 or 1 (and refused) when a synthetic
                    // table holds one class only; start from even odds instead.
                    params.put("base_score", 0.5);
                }
                case MULTICLASS -> {
                    params.put("objective", "multi:softprob");
                    params.put("num_class", classes);
                }
                case REGRESSION -> params.put("objective", "reg:squarederror");
            }
            booster = XGBoost.train(dtrain, params, ROUNDS, new HashMap<>(), null, null);
            dtest = dmatrix(test);
            float[][] p = booster.predict(dtest);
            int k = task == Task.MULTICLASS ? classes : 1;
            float[] out = new float[test.rows * k];
            for (int i = 0; i < test.rows; i++) System.arraycopy(p[i], 0, out, i * k, k);
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) booster.dispose();
            if (dtrain != null) dtrain.dispose();
            if (dtest != null) dtest.dispose();
        }
    }

    private static DMatrix dmatrix(Matrix m) throws XGBoostError {
        DMatrix d = new DMatrix(m.data, m.rows, m.cols, Float.NaN);
        d.setFeatureTypes(m.types);
        return d;
    }

    /**
     * Whether XGBoost's native library loads on this machine; the message of the failure otherwise.
     * Checked once: on a platform XGBoost4J ships no library for, detection and utility are reported as
     * unavailable rather than failing the whole evaluation.
     */
    static synchronized String unavailable() {
        if (checked) return failure;
        checked = true;
        try {
            fitPredict(new Matrix(new float[] {0, 1, 0, 1}, 4, 1, new String[] {"q"}), new float[] {0, 1, 0, 1},
                    new Matrix(new float[] {0}, 1, 1, new String[] {"q"}), Task.BINARY, 2);
        } catch (RuntimeException | LinkageError e) {
            failure = "XGBoost could not run here (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        return failure;
    }

    private static boolean checked;
    private static String failure;
}
