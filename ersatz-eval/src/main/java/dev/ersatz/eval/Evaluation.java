package dev.ersatz.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Version;
import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an evaluation: every metric, a verdict per section in plain language, and the data of
 * the report's charts. {@link #toJson()} and {@link #toHtml()} render the same numbers: the HTML report
 * embeds the JSON and draws its charts from it.
 *
 * <p>The JSON's top level starts with the stable summary keys ({@link #SUMMARY_KEYS}; numbers in [0, 1]
 * except the R² keys, which may be negative; {@code null} when not measured), then the details:
 * {@code format}, {@code inputs}, {@code verdicts}, {@code fidelity}, {@code detection}, {@code utility},
 * {@code privacy}, {@code charts}.
 */
public final class Evaluation {
    /** The stable top-level keys of the JSON summary, in order. */
    public static final List<String> SUMMARY_KEYS = List.of("shapes", "trends", "accuracy", "accuracy_ceiling", "validity",
            "detection_auc", "tstr_f1", "trtr_f1", "tstr_auc", "trtr_auc", "tstr_r2", "trtr_r2", "dcr_share", "ims_train",
            "ims_holdout", "singling_out_risk", "linkability_risk", "inference_risk");

    /** The JSON format's version, bumped when a key changes meaning. */
    public static final int FORMAT_VERSION = 1;
    private static final int NUMERIC_BINS = 30;
    private static final int MAX_CATEGORIES = 30;

    final EvalData data;
    final Evaluator.Options options;
    ColumnMetrics.Result columns, holdoutColumns;
    List<PairTrends.Pair> pairs, holdoutPairs;
    Accuracy.Binning binning;
    Accuracy.Result accuracy, accuracyCeiling, accuracyAtSize, ceilingAtSize;
    Detection.Result detection;
    String detectionReason;
    Utility.Result utility;
    String utilityReason;
    Distances.Result distances;
    Attacks.Attack singlingOutUnivariate, singlingOutMultivariate, linkability;
    List<Attacks.Attack> inference = List.of();
    String attacksReason;
    private final Map<String, Double> summary = new LinkedHashMap<>();
    private final Map<String, String> verdicts = new LinkedHashMap<>();
    private ObjectNode json;

    Evaluation(EvalData data, Evaluator.Options options) {
        this.data = data;
        this.options = options;
    }

    /** The summary scores under their stable keys, in order ({@code NaN} when not measured). */
    public Map<String, Double> summary() {
        return java.util.Collections.unmodifiableMap(summary);
    }

    /** One verdict per section (fidelity, detection, utility, privacy), in plain language. */
    public Map<String, String> verdicts() {
        return java.util.Collections.unmodifiableMap(verdicts);
    }

    /** The JSON document, UTF-8, byte-identical for the same inputs and options. */
    public byte[] toJson() {
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
            return (new ObjectMapper().writer(printer).writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The self-contained HTML report (opens offline: Chart.js, styles and data are inlined). */
    public String toHtml() {
        return HtmlReport.render(this, new String(toJson(), StandardCharsets.UTF_8));
    }

    ObjectNode json() {
        return json;
    }

    // ------------------------------------------------------------------ assembling

    double shapes() { return columns.shapes(); }
    double trends() { return PairTrends.mean(pairs); }
    double trendsStrong() { return PairTrends.meanStrong(pairs); }

    double inferenceRisk() {
        double max = Double.NaN;
        for (Attacks.Attack a : inference) max = Double.isNaN(max) ? a.risk() : Math.max(max, a.risk());
        return max;
    }

    double singlingOutRisk() {
        double u = singlingOutUnivariate == null ? Double.NaN : singlingOutUnivariate.risk();
        double m = singlingOutMultivariate == null ? Double.NaN : singlingOutMultivariate.risk();
        if (Double.isNaN(u)) return m;
        if (Double.isNaN(m)) return u;
        return Math.max(u, m);
    }

    void finish() {
        boolean cls = utility != null && utility.classification();
        boolean binary = cls && utility.classes() == 2;
        summary.put("shapes", shapes());
        summary.put("trends", trends());
        summary.put("accuracy", accuracy.accuracy());
        summary.put("accuracy_ceiling", accuracyCeiling == null ? Double.NaN : accuracyCeiling.accuracy());
        summary.put("validity", columns.validity());
        summary.put("detection_auc", detection == null ? Double.NaN : detection.auc());
        summary.put("tstr_f1", cls ? utility.tstr().f1() : Double.NaN);
        summary.put("trtr_f1", cls ? utility.trtr().f1() : Double.NaN);
        summary.put("tstr_auc", binary ? utility.tstr().auc() : Double.NaN);
        summary.put("trtr_auc", binary ? utility.trtr().auc() : Double.NaN);
        summary.put("tstr_r2", utility != null && !cls ? utility.tstr().r2() : Double.NaN);
        summary.put("trtr_r2", utility != null && !cls ? utility.trtr().r2() : Double.NaN);
        summary.put("dcr_share", distances.dcrShare());
        summary.put("ims_train", distances.imsTrain());
        summary.put("ims_holdout", distances.imsHoldout());
        summary.put("singling_out_risk", singlingOutRisk());
        summary.put("linkability_risk", linkability == null ? Double.NaN : linkability.risk());
        summary.put("inference_risk", inferenceRisk());
        verdicts.put("fidelity", Verdicts.fidelity(this));
        verdicts.put("detection", Verdicts.detection(this));
        verdicts.put("utility", Verdicts.utility(this));
        verdicts.put("privacy", Verdicts.privacy(this));
        json = buildJson();
    }

    private ObjectNode buildJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        for (Map.Entry<String, Double> e : summary.entrySet()) put(root, e.getKey(), e.getValue());
        root.put("format", "ersatz-evaluation");
        root.put("format_version", FORMAT_VERSION);
        root.put("ersatz", Version.get());

        ObjectNode in = root.putObject("inputs");
        in.put("real", data.source(Role.REAL));
        in.put("real_rows", data.rows(Role.REAL));
        in.put("synthetic", data.source(Role.SYNTHETIC));
        in.put("synthetic_rows", data.rows(Role.SYNTHETIC));
        if (data.hasHoldout()) {
            in.put("holdout", data.source(Role.HOLDOUT));
            in.put("holdout_rows", data.rows(Role.HOLDOUT));
        } else {
            in.putNull("holdout");
        }
        if (options.holdoutNote() != null) in.put("holdout_note", options.holdoutNote());
        if (options.target() != null) in.put("target", options.target()); else in.putNull("target");
        in.put("seed", options.seed());
        ArrayNode cols = in.putArray("columns");
        for (Feature f : data.features) cols.addObject().put("name", f.name).put("kind", ColumnMetrics.kindName(f));

        ObjectNode v = root.putObject("verdicts");
        verdicts.forEach(v::put);

        root.set("fidelity", fidelityJson(m));
        root.set("detection", detectionJson(m));
        root.set("utility", utilityJson(m));
        root.set("privacy", privacyJson(m));
        root.set("charts", chartsJson(m));
        return root;
    }

    private ObjectNode fidelityJson(ObjectMapper m) {
        ObjectNode f = m.createObjectNode();
        put(f, "shapes", columns.shapes());
        put(f, "shapes_ceiling", holdoutColumns == null ? Double.NaN : holdoutColumns.shapes());
        put(f, "trends", trends());
        put(f, "trends_ceiling", holdoutPairs == null ? Double.NaN : PairTrends.mean(holdoutPairs));
        put(f, "trends_strong", trendsStrong());
        put(f, "trends_strong_ceiling", holdoutPairs == null ? Double.NaN : PairTrends.meanStrong(holdoutPairs));
        int strong = 0;
        for (PairTrends.Pair p : pairs) if (p.strong()) strong++;
        f.put("pairs", pairs.size());
        f.put("strong_pairs", strong);
        put(f, "accuracy", accuracy.accuracy());
        put(f, "accuracy_univariate", accuracy.univariateMean());
        put(f, "accuracy_bivariate", accuracy.bivariateMean());
        put(f, "accuracy_ceiling", accuracyCeiling == null ? Double.NaN : accuracyCeiling.accuracy());
        if (accuracyAtSize != null && data.rows(Role.SYNTHETIC) != data.rows(Role.HOLDOUT)) {
            ObjectNode same = f.putObject("accuracy_at_equal_size");
            same.put("rows", Math.min(data.rows(Role.SYNTHETIC), data.rows(Role.HOLDOUT)));
            put(same, "accuracy", accuracyAtSize.accuracy());
            put(same, "ceiling", ceilingAtSize.accuracy());
        }
        put(f, "missing_similarity", columns.missingSimilarity());
        put(f, "coverage", columns.coverage());
        put(f, "adherence", columns.adherence());
        put(f, "validity", columns.validity());
        put(f, "validity_ceiling", holdoutColumns == null ? Double.NaN : holdoutColumns.validity());
        ArrayNode cols = f.putArray("columns");
        for (int i = 0; i < columns.columns().size(); i++) {
            ColumnMetrics.Column c = columns.columns().get(i);
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("kind", c.kind());
            o.put("shape_metric", data.features.get(i).numeric ? "ks_complement" : "tv_complement");
            put(o, "shape", c.shape());
            put(o, "shape_ceiling", holdoutColumns == null ? Double.NaN : holdoutColumns.columns().get(i).shape());
            put(o, "accuracy", accuracy.univariate()[i]);
            put(o, "missing_similarity", c.missingSimilarity());
            put(o, "missing_real", c.realMissing());
            put(o, "missing_synthetic", c.otherMissing());
            o.put("coverage_metric", data.features.get(i).numeric ? "range_coverage" : "category_coverage");
            put(o, "coverage", c.coverage());
            o.put("adherence_metric", data.features.get(i).numeric ? "boundary_adherence" : "category_adherence");
            put(o, "adherence", c.adherence());
        }
        ArrayNode ps = f.putArray("pair_details");
        for (int i = 0; i < pairs.size(); i++) {
            PairTrends.Pair p = pairs.get(i);
            ObjectNode o = ps.addObject();
            o.put("columns", p.first() + " & " + p.second());
            o.put("metric", p.correlation() ? "correlation_similarity" : "contingency_similarity");
            put(o, "score", p.score());
            put(o, "score_ceiling", holdoutPairs == null ? Double.NaN : holdoutPairs.get(i).score());
            put(o, p.correlation() ? "real_correlation" : "real_cramers_v", p.real());
            put(o, p.correlation() ? "synthetic_correlation" : "synthetic_cramers_v", p.other());
            o.put("strong", p.strong());
        }
        return f;
    }

    private ObjectNode detectionJson(ObjectMapper m) {
        ObjectNode d = m.createObjectNode();
        if (detection == null) {
            d.putNull("auc");
            d.put("not_measured", detectionReason);
            return d;
        }
        put(d, "auc", detection.auc());
        ArrayNode folds = d.putArray("fold_auc");
        for (double a : detection.foldAuc()) folds.add(a);
        d.put("folds", detection.folds());
        d.put("real_rows", detection.realRows());
        d.put("synthetic_rows", detection.syntheticRows());
        d.put("model", "XGBoost " + Gbdt.ROUNDS + " rounds, depth " + Gbdt.MAX_DEPTH + ", eta " + Gbdt.ETA);
        return d;
    }

    private ObjectNode utilityJson(ObjectMapper m) {
        ObjectNode u = m.createObjectNode();
        if (utility == null) {
            u.put("not_measured", utilityReason);
            return u;
        }
        u.put("target", utility.target());
        u.put("task", utility.classification() ? (utility.classes() == 2 ? "binary classification" : "multiclass classification") : "regression");
        if (utility.classification()) u.put("classes", utility.classes());
        if (utility.positiveClass() != null) u.put("positive_class", utility.positiveClass());
        u.put("train_rows", utility.trainRows());
        u.put("synthetic_rows", utility.syntheticRows());
        u.put("holdout_rows", utility.holdoutRows());
        u.put("synthetic_rows_left_out", utility.dropped());
        u.set("trtr", scoresJson(m, utility.trtr()));
        u.set("tstr", scoresJson(m, utility.tstr()));
        u.set("augmented", scoresJson(m, utility.augmented()));
        put(u, "augmentation_gain", utility.gain());
        u.put("augmentation_gain_metric", utility.classification() ? "macro_f1" : "r2");
        u.put("model", "XGBoost " + Gbdt.ROUNDS + " rounds, depth " + Gbdt.MAX_DEPTH + ", eta " + Gbdt.ETA);
        return u;
    }

    private ObjectNode scoresJson(ObjectMapper m, Utility.Scores s) {
        ObjectNode o = m.createObjectNode();
        if (utility.classification()) {
            put(o, "macro_f1", s.f1());
            if (utility.classes() == 2) put(o, "auc", s.auc());
            put(o, "accuracy", s.accuracy());
        } else {
            put(o, "r2", s.r2());
            put(o, "mae", s.mae());
        }
        return o;
    }

    private ObjectNode privacyJson(ObjectMapper m) {
        ObjectNode p = m.createObjectNode();
        Distances.Result d = distances;
        put(p, "ims_train", d.imsTrain());
        put(p, "ims_holdout", d.imsHoldout());
        put(p, "ims_holdout_to_train", d.imsHoldoutToTrain());
        p.put("synthetic_rows_copying_training", d.copiesOfTraining());
        if (d.holdoutCopiesOfTraining() >= 0) p.put("holdout_rows_copying_training", d.holdoutCopiesOfTraining());
        put(p, "dcr_share", d.dcrShare());
        put(p, "dcr_share_unadjusted", d.dcrShareRaw());
        put(p, "dcr_ties", d.dcrTies());
        put(p, "median_dcr_synthetic", d.medianDcrSynthetic());
        put(p, "median_dcr_holdout", d.medianDcrHoldout());
        put(p, "median_nndr_synthetic", d.medianNndrSynthetic());
        put(p, "median_nndr_holdout", d.medianNndrHoldout());
        put(p, "dcr_baseline_protection", d.baselineProtection());
        put(p, "median_dcr_random", d.medianDcrRandom());
        if (attacksReason != null) {
            p.put("attacks_not_measured", attacksReason);
        }
        ArrayNode attacks = p.putArray("attacks");
        for (Attacks.Attack a : allAttacks()) attacks.add(attackJson(m, a));
        put(p, "singling_out_risk", singlingOutRisk());
        put(p, "linkability_risk", linkability == null ? Double.NaN : linkability.risk());
        put(p, "inference_risk", inferenceRisk());
        return p;
    }

    List<Attacks.Attack> allAttacks() {
        List<Attacks.Attack> out = new ArrayList<>();
        if (singlingOutUnivariate != null) out.add(singlingOutUnivariate);
        if (singlingOutMultivariate != null) out.add(singlingOutMultivariate);
        if (linkability != null) out.add(linkability);
        out.addAll(inference);
        return out;
    }

    private static ObjectNode attackJson(ObjectMapper m, Attacks.Attack a) {
        ObjectNode o = m.createObjectNode();
        o.put("attack", a.name());
        o.put("attacks", a.attacks());
        for (String k : List.of("main", "control", "baseline")) {
            Attacks.Rate r = k.equals("main") ? a.main() : k.equals("control") ? a.control() : a.baseline();
            ObjectNode x = o.putObject(k);
            put(x, "successes", r.successes());
            put(x, "rate", r.rate());
            put(x, "error", r.error());
        }
        put(o, "risk", a.risk());
        ArrayNode ci = o.putArray("risk_ci95");
        ci.add(a.low());
        ci.add(a.high());
        o.put("weaker_than_baseline", a.weak());
        return o;
    }

    private ObjectNode chartsJson(ObjectMapper m) {
        ObjectNode c = m.createObjectNode();
        ArrayNode dists = c.putArray("distributions");
        for (int i = 0; i < data.features.size(); i++) dists.add(distribution(m, data.features.get(i)));
        ObjectNode corr = c.putObject("associations");
        int n = data.features.size();
        ArrayNode names = corr.putArray("columns");
        for (Feature f : data.features) names.add(f.name);
        double[][] real = identity(n), syn = identity(n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                PairTrends.Pair p = pairs.get(k++);
                real[i][j] = real[j][i] = p.real();
                syn[i][j] = syn[j][i] = p.other();
            }
        }
        corr.put("measure", "Pearson correlation for two ordered columns, Cramér's V (SDMetrics' binning) otherwise");
        corr.set("real", matrix(m, real));
        corr.set("synthetic", matrix(m, syn));
        double[][] diff = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) diff[i][j] = Math.abs(real[i][j] - syn[i][j]);
        corr.set("difference", matrix(m, diff));
        ObjectNode dcr = c.putObject("dcr_histogram");
        put(dcr, "max", distances.histogramMax());
        dcr.put("bins", distances.syntheticHist().length);
        ArrayNode s = dcr.putArray("synthetic");
        for (long x : distances.syntheticHist()) s.add(x);
        if (distances.holdoutHist() != null) {
            ArrayNode h = dcr.putArray("holdout");
            for (long x : distances.holdoutHist()) h.add(x);
        }
        return c;
    }

    private static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) a[i][i] = 1;
        return a;
    }

    private static ArrayNode matrix(ObjectMapper m, double[][] a) {
        ArrayNode out = m.createArrayNode();
        for (double[] row : a) {
            ArrayNode r = out.addArray();
            for (double x : row) {
                if (Double.isNaN(x)) r.addNull(); else r.add(round(x));
            }
        }
        return out;
    }

    /** Chart values are rounded to 4 decimals: enough to draw, small enough to read. */
    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    /** One column's distribution overlay: shares of rows per bin or category, real and synthetic. */
    private ObjectNode distribution(ObjectMapper m, Feature f) {
        ObjectNode o = m.createObjectNode();
        o.put("column", f.name);
        o.put("kind", ColumnMetrics.kindName(f));
        List<String> labels = new ArrayList<>();
        double[][] shares;
        if (f.numeric) {
            double[] real = ColumnMetrics.sortedPresent(f.values[0]);
            double lo, hi;
            if (real.length == 0) {
                lo = 0;
                hi = 1;
            } else {
                // The central 99% of the real values: a few outliers would squeeze everything into one bin.
                lo = real[(int) Math.floor(0.005 * (real.length - 1))];
                hi = real[(int) Math.ceil(0.995 * (real.length - 1))];
                if (hi <= lo) {
                    lo = real[0];
                    hi = real[real.length - 1];
                }
            }
            int bins = hi > lo ? NUMERIC_BINS : 1;
            double width = hi > lo ? (hi - lo) / bins : 1;
            for (int b = 0; b < bins; b++) labels.add("≤ " + f.display(lo + (b + 1) * width));
            labels.set(bins - 1, "> " + f.display(lo + (bins - 1) * width));
            boolean missing = hasMissing(f);
            if (missing) labels.add("(missing)");
            shares = new double[2][labels.size()];
            for (int t = 0; t < 2; t++) {
                double[] v = f.values[t];
                for (double x : v) {
                    int b;
                    if (Double.isNaN(x)) b = bins;
                    else b = Math.max(0, Math.min(bins - 1, (int) Math.ceil((x - lo) / width) - 1));
                    shares[t][b] += 1.0 / v.length;
                }
            }
        } else {
            int[] counts = new int[f.levels.size()];
            for (int c : f.codes[0]) if (c >= 0) counts[c]++;
            Integer[] order = new Integer[f.realLevels];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.<Integer>comparingInt(x -> -counts[x]).thenComparing(x -> f.levels.get(x)));
            int shown = Math.min(MAX_CATEGORIES, order.length);
            int[] slot = new int[f.levels.size()];
            boolean other = f.levels.size() > shown;
            Arrays.fill(slot, shown);
            for (int i = 0; i < shown; i++) {
                slot[order[i]] = i;
                labels.add(f.levels.get(order[i]));
            }
            if (other) labels.add("(other)");
            int missingSlot = labels.size();
            boolean missing = hasMissing(f);
            if (missing) labels.add("(missing)");
            shares = new double[2][labels.size()];
            for (int t = 0; t < 2; t++) {
                int[] codes = f.codes[t];
                for (int c : codes) shares[t][c < 0 ? missingSlot : slot[c]] += 1.0 / codes.length;
            }
        }
        ArrayNode l = o.putArray("labels");
        labels.forEach(l::add);
        ArrayNode r = o.putArray("real"), s = o.putArray("synthetic");
        for (double x : shares[0]) r.add(round(x));
        for (double x : shares[1]) s.add(round(x));
        return o;
    }

    private static boolean hasMissing(Feature f) {
        for (int t = 0; t < 2; t++) {
            if (f.numeric) {
                for (double x : f.values[t]) if (Double.isNaN(x)) return true;
            } else {
                for (int c : f.codes[t]) if (c < 0) return true;
            }
        }
        return false;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) o.putNull(key); else o.put(key, v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Evaluation[");
        summary.forEach((k, v) -> sb.append(k).append('=').append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v)).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(']').toString();
    }
}
