package dev.ersatz.synth.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.synth.FittedGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted Gaussian copula: per-column marginals, the correlation of their normal scores and its
 * Cholesky factor. Immutable and thread-safe; see {@link GaussianCopula} for the method.
 */
final class FittedCopula implements FittedGenerator {
    /** Gibbs sweeps over the restricted scores when more than one is restricted. */
    static final int GIBBS_SWEEPS = 25;

    private final List<ModelColumn> columns;
    private final boolean correlated;
    private final NumericMarginal[] numeric;
    private final CategoricalMarginal[] categorical;
    private final double[] pMissing;
    private final int[] indicator;
    private final double[] zMissing;
    private final double[][] corr;
    private final double[][] chol;
    private final int dims;

    FittedCopula(List<ModelColumn> columns, boolean correlated, NumericMarginal[] numeric, CategoricalMarginal[] categorical,
                 double[] pMissing, int[] indicator, double[][] corr) {
        this.columns = List.copyOf(columns);
        this.correlated = correlated;
        this.numeric = numeric;
        this.categorical = categorical;
        this.pMissing = pMissing;
        this.indicator = indicator;
        this.corr = corr;
        this.dims = corr.length;
        this.chol = Correlations.cholesky(corr);
        this.zMissing = new double[columns.size()];
        for (int j = 0; j < zMissing.length; j++) zMissing[j] = Normal.quantile(1 - pMissing[j]);
    }

    @Override
    public Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        double[][] z = conditions.isEmpty() ? unconditional(rows, rng) : conditional(rows, conditions, rng);
        List<Column> out = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            ModelColumn mc = columns.get(j);
            double[] zj = z[j];
            if (mc.categorical()) {
                int[] codes = new int[rows];
                CategoricalMarginal cm = categorical[j];
                for (int i = 0; i < rows; i++) codes[i] = cm.fromScore(zj[i]);
                out.add(new CategoricalColumn(mc.name(), codes, mc.levels().toArray(String[]::new)));
            } else {
                double[] v = new double[rows];
                NumericMarginal nm = numeric[j];
                if (nm == null) {
                    java.util.Arrays.fill(v, Double.NaN);
                } else {
                    for (int i = 0; i < rows; i++) v[i] = nm.fromScore(zj[i]);
                    if (indicator[j] >= 0) {
                        double[] zi = z[indicator[j]];
                        double cut = zMissing[j];
                        for (int i = 0; i < rows; i++) if (zi[i] > cut) v[i] = Double.NaN;
                    }
                }
                out.add(new NumericColumn(mc.name(), v));
            }
        }
        // A sampled value can sit a grid step outside a numeric condition: pull it in.
        for (ModelCondition c : conditions) {
            if (c.categorical()) continue;
            double[] v = ((NumericColumn) out.get(c.modelColumn())).values();
            if (c.simple()) {
                for (int i = 0; i < rows; i++) v[i] = Math.min(c.high(), Math.max(c.low(), v[i]));
            } else {
                for (int i = 0; i < rows; i++) v[i] = c.nearest(v[i]);
            }
        }
        return new Table(out);
    }

    private double[][] unconditional(int rows, SplittableRandom rng) {
        double[][] eps = gaussians(dims, rows, rng);
        if (!correlated) return eps;
        double[][] z = new double[dims][rows];
        for (int j = 0; j < dims; j++) {
            double[] zj = z[j];
            double[] lj = chol[j];
            for (int k = 0; k <= j; k++) {
                double l = lj[k];
                if (l == 0) continue;
                double[] ek = eps[k];
                for (int i = 0; i < rows; i++) zj[i] += l * ek[i];
            }
        }
        return z;
    }

    private static double[][] gaussians(int d, int rows, SplittableRandom rng) {
        double[][] eps = new double[d][rows];
        for (int k = 0; k < d; k++) {
            double[] e = eps[k];
            for (int i = 0; i < rows; i++) e[i] = rng.nextGaussian();
        }
        return eps;
    }

    /**
     * The scores a condition allows on a restricted dimension: a union of intervals {@code bounds}
     * = [lo0, hi0, lo1, hi1, ...], sorted and disjoint (usually one interval).
     */
    private record Restriction(int dim, double[] bounds) {
        Restriction(int dim, double low, double high) {
            this(dim, new double[] {low, high});
        }
    }

    /** Every condition is sampled exactly: sets of categories and unions of intervals are unions of score intervals. */
    @Override
    public boolean supports(ModelCondition condition) {
        return true;
    }

    private List<Restriction> restrictions(List<ModelCondition> conditions) {
        List<Restriction> out = new ArrayList<>();
        for (ModelCondition c : conditions) {
            int j = c.modelColumn();
            if (c.categorical()) {
                List<double[]> pieces = new ArrayList<>();
                for (int code : c.codes()) {
                    int slot = categorical[j].slotOf(code);
                    if (slot >= 0) pieces.add(new double[] {categorical[j].zLower(slot), categorical[j].zUpper(slot)});
                }
                if (pieces.isEmpty()) throw new InputException("--where", -1, columns.get(j).name(), c.text(), "the model gives this category no probability");
                out.add(new Restriction(j, merge(pieces)));
            } else {
                NumericMarginal nm = numeric[j];
                List<double[]> pieces = new ArrayList<>();
                for (int i = 0; nm != null && i < c.intervalCount(); i++) {
                    double uLo = nm.uAtLeast(c.intervalLow(i)), uHi = nm.uAtMost(c.intervalHigh(i));
                    if (uHi > uLo) pieces.add(new double[] {Normal.quantile(uLo), Normal.quantile(uHi)});
                }
                if (pieces.isEmpty()) {
                    throw new InputException("--where", -1, columns.get(j).name(), c.text(), "the model gives no probability to values satisfying it");
                }
                out.add(new Restriction(j, merge(pieces)));
                if (indicator[j] >= 0) out.add(new Restriction(indicator[j], Double.NEGATIVE_INFINITY, zMissing[j]));
            }
        }
        return out;
    }

    /** Sorts intervals and merges those that touch (adjacent category slots share an end). */
    private static double[] merge(List<double[]> pieces) {
        pieces.sort((a, b) -> Double.compare(a[0], b[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] p : pieces) {
            if (!merged.isEmpty() && p[0] <= merged.get(merged.size() - 1)[1]) {
                double[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], p[1]);
            } else merged.add(p.clone());
        }
        double[] out = new double[2 * merged.size()];
        for (int i = 0; i < merged.size(); i++) { out[2 * i] = merged.get(i)[0]; out[2 * i + 1] = merged.get(i)[1]; }
        return out;
    }

    private double[][] conditional(int rows, List<ModelCondition> conditions, SplittableRandom rng) {
        List<Restriction> rs = restrictions(conditions);
        int c = rs.size();
        int[] cDims = rs.stream().mapToInt(Restriction::dim).toArray();
        boolean[] restricted = new boolean[dims];
        for (int d : cDims) restricted[d] = true;
        int[] rDims = new int[dims - c];
        for (int d = 0, k = 0; d < dims; d++) if (!restricted[d]) rDims[k++] = d;

        double[][] zc = new double[c][rows];
        // Start every restricted score from its own truncated marginal: exact when c == 1.
        for (int k = 0; k < c; k++) {
            Restriction r = rs.get(k);
            for (int i = 0; i < rows; i++) zc[k][i] = Normal.truncatedUnion(0, 1, r.bounds(), rng);
        }
        if (c > 1 && correlated) gibbs(zc, rs, cDims, rng);

        double[][] z = new double[dims][];
        for (int k = 0; k < c; k++) z[cDims[k]] = zc[k];
        if (rDims.length == 0) return z;

        // z_R | z_C ~ N(A z_C, S) with A = Σ_RC Σ_CC⁻¹ and S = Σ_RR − A Σ_CR.
        double[][] scc = sub(cDims, cDims);
        double[][] src = sub(rDims, cDims);
        double[][] a = correlated ? solveRight(src, scc) : new double[rDims.length][c];
        double[][] s = sub(rDims, rDims);
        for (int i = 0; i < rDims.length; i++) {
            for (int j = 0; j < rDims.length; j++) {
                double acc = 0;
                for (int k = 0; k < c; k++) acc += a[i][k] * src[j][k];
                s[i][j] -= acc;
            }
        }
        double[][] ls = Correlations.cholesky(Correlations.repairCovariance(s));
        double[][] eps = gaussians(rDims.length, rows, rng);
        for (int i = 0; i < rDims.length; i++) {
            double[] out = new double[rows];
            for (int k = 0; k < c; k++) {
                double w = a[i][k];
                if (w == 0) continue;
                double[] src2 = zc[k];
                for (int r = 0; r < rows; r++) out[r] += w * src2[r];
            }
            for (int k = 0; k <= i; k++) {
                double l = ls[i][k];
                if (l == 0) continue;
                double[] e = eps[k];
                for (int r = 0; r < rows; r++) out[r] += l * e[r];
            }
            z[rDims[i]] = out;
        }
        return z;
    }

    /**
     * Gibbs sampling of the restricted scores from their joint normal truncated to the box: each
     * sweep redraws every score from its exact univariate conditional, truncated to its interval.
     */
    private void gibbs(double[][] zc, List<Restriction> rs, int[] cDims, SplittableRandom rng) {
        int c = cDims.length;
        double[][] weights = new double[c][];
        double[] sd = new double[c];
        for (int k = 0; k < c; k++) {
            int[] others = new int[c - 1];
            for (int q = 0, t = 0; q < c; q++) if (q != k) others[t++] = cDims[q];
            double[][] soo = sub(others, others);
            double[][] sko = sub(new int[] {cDims[k]}, others);
            double[][] w = solveRight(sko, soo);
            weights[k] = w[0];
            double var = 1;
            for (int t = 0; t < others.length; t++) var -= w[0][t] * sko[0][t];
            sd[k] = Math.sqrt(Math.max(var, 1e-12));
        }
        int rows = zc[0].length;
        for (int sweep = 0; sweep < GIBBS_SWEEPS; sweep++) {
            for (int k = 0; k < c; k++) {
                Restriction r = rs.get(k);
                double[] w = weights[k];
                for (int i = 0; i < rows; i++) {
                    double mu = 0;
                    for (int q = 0, t = 0; q < c; q++) if (q != k) mu += w[t++] * zc[q][i];
                    zc[k][i] = Normal.truncatedUnion(mu, sd[k], r.bounds(), rng);
                }
            }
        }
    }

    private double[][] sub(int[] rowsIdx, int[] colsIdx) {
        double[][] out = new double[rowsIdx.length][colsIdx.length];
        for (int i = 0; i < rowsIdx.length; i++) for (int j = 0; j < colsIdx.length; j++) out[i][j] = corr[rowsIdx[i]][colsIdx[j]];
        return out;
    }

    /** X = B M⁻¹ for symmetric positive definite M (solved through M's Cholesky factor). */
    private static double[][] solveRight(double[][] b, double[][] m) {
        int n = m.length;
        if (n == 0) return new double[b.length][0];
        org.hipparchus.linear.DecompositionSolver solver = new org.hipparchus.linear.CholeskyDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(Correlations.repairCovariance(m), true), 1e-8, 1e-14).getSolver();
        double[][] out = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            out[i] = solver.solve(new org.hipparchus.linear.ArrayRealVector(b[i], true)).toArray();
        }
        return out;
    }

    @Override
    public String conditioningMethod(List<ModelCondition> conditions) {
        if (conditions.isEmpty()) return "none";
        int restricted = restrictions(conditions).size();
        if (restricted == 1 || !correlated) return "exact (truncated normal and conditional normal)";
        return "Gibbs sampling of the " + restricted + " restricted normal scores (" + GIBBS_SWEEPS
                + " sweeps), then the exact conditional normal for the other columns";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("correlated", correlated);
        ArrayNode cols = o.putArray("marginals");
        for (int j = 0; j < columns.size(); j++) {
            ObjectNode c = cols.addObject();
            c.put("column", columns.get(j).name());
            if (columns.get(j).categorical()) {
                ArrayNode codes = c.putArray("codes");
                for (int code : categorical[j].codes) codes.add(code);
                ModelFile.putDoubles(c, "probs", categorical[j].probs);
            } else {
                c.put("pMissing", pMissing[j]);
                c.put("indicator", indicator[j]);
                if (numeric[j] != null) {
                    ModelFile.putDoubles(c, "u", numeric[j].u);
                    ModelFile.putDoubles(c, "x", numeric[j].x);
                }
            }
        }
        double[] flat = new double[dims * dims];
        for (int i = 0; i < dims; i++) System.arraycopy(corr[i], 0, flat, i * dims, dims);
        o.put("dims", dims);
        ModelFile.putDoubles(o, "correlation", flat);
        return o;
    }

    static FittedCopula fromJson(JsonNode o, List<ModelColumn> columns) {
        int m = columns.size();
        NumericMarginal[] numeric = new NumericMarginal[m];
        CategoricalMarginal[] categorical = new CategoricalMarginal[m];
        double[] pMissing = new double[m];
        int[] indicator = new int[m];
        JsonNode marg = o.get("marginals");
        if (marg == null || marg.size() != m) throw new InputException("model file: the copula's marginals do not match its columns");
        for (int j = 0; j < m; j++) {
            JsonNode c = marg.get(j);
            indicator[j] = -1;
            if (columns.get(j).categorical()) {
                JsonNode codesNode = c.get("codes");
                int[] codes = new int[codesNode.size()];
                for (int k = 0; k < codes.length; k++) codes[k] = codesNode.get(k).asInt();
                categorical[j] = new CategoricalMarginal(codes, ModelFile.getDoubles(c, "probs"));
            } else {
                pMissing[j] = c.path("pMissing").asDouble();
                indicator[j] = c.path("indicator").asInt(-1);
                if (c.has("u")) numeric[j] = new NumericMarginal(ModelFile.getDoubles(c, "u"), ModelFile.getDoubles(c, "x"));
            }
        }
        int dims = o.path("dims").asInt();
        double[] flat = ModelFile.getDoubles(o, "correlation");
        double[][] corr = new double[dims][dims];
        for (int i = 0; i < dims; i++) System.arraycopy(flat, i * dims, corr[i], 0, dims);
        return new FittedCopula(columns, o.path("correlated").asBoolean(true), numeric, categorical, pMissing, indicator, corr);
    }
}
