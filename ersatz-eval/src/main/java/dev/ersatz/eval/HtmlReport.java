package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * The HTML report: one self-contained file that opens offline. Tables and verdicts are static HTML
 * (readable without scripts); the charts are drawn by Chart.js, inlined from its WebJar, from the same
 * JSON document that {@code --json} writes, embedded in the page. Every {@code <canvas data-chart>}
 * becomes one chart.
 */
final class HtmlReport {
    private static final String CHARTJS_BASE = "META-INF/resources/webjars/chart.js/";

    private HtmlReport() {}

    static String render(Evaluation e, String json) {
        StringBuilder h = new StringBuilder(400_000);
        String title = "Ersatz evaluation: " + e.data.source(Role.SYNTHETIC);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n")
                // Collects script errors from the first moment (the report test reads them).
                .append("<script>window.ersatzErrors=[];window.addEventListener('error',function(e){window.ersatzErrors.push(String(e.message));});</script>\n")
                .append("</head>\n<body>\n<main>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p id=\"script-error\"></p>\n");
        inputs(h, e);
        summary(h, e);
        fidelity(h, e);
        detection(h, e);
        utility(h, e);
        privacy(h, e);
        notes(h);
        h.append("<!-- Chart.js ").append(chartJsVersion()).append(", inlined:\n").append(resource(CHARTJS_BASE + chartJsVersion() + "/LICENSE.md", true)
                .replace("--", "- -")).append("\n-->\n");
        h.append("<script type=\"application/json\" id=\"ersatz-data\">\n").append(scriptSafe(json)).append("</script>\n");
        h.append("<script>\n").append(chartJs()).append("\n</script>\n");
        h.append("<script>\n").append(resource("report.js")).append("</script>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void inputs(StringBuilder h, Evaluation e) {
        EvalData d = e.data;
        h.append("<dl class=\"inputs\">\n");
        dt(h, "real (training) data", d.source(Role.REAL) + " — " + Format.count(d.rows(Role.REAL)) + " rows");
        dt(h, "synthetic data", d.source(Role.SYNTHETIC) + " — " + Format.count(d.rows(Role.SYNTHETIC)) + " rows");
        if (d.hasHoldout()) dt(h, "real holdout", d.source(Role.HOLDOUT) + " — " + Format.count(d.rows(Role.HOLDOUT)) + " rows");
        else dt(h, "real holdout", "none (ceilings, utility, DCR share and attack risks need one)");
        if (e.options.holdoutNote() != null) dt(h, "holdout", e.options.holdoutNote());
        dt(h, "compared columns", d.features.size() + " (" + String.join(", ", d.features.stream().map(f -> f.name).toList()) + ")");
        dt(h, "target", e.options.target() == null ? "none" : e.options.target());
        dt(h, "seed", Long.toString(e.options.seed()));
        h.append("</dl>\n");
    }

    private static void dt(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n");
    }

    private static void summary(StringBuilder h, Evaluation e) {
        h.append("<h2>Summary</h2>\n");
        h.append("<table class=\"summary\">\n<tr><th>metric</th><th>synthetic</th><th>yardstick</th><th>best</th></tr>\n");
        var f = e.json().get("fidelity");
        row(h, "column shapes", e.shapes(), num(f.get("shapes_ceiling")), "1");
        row(h, "pair trends (all pairs)", e.trends(), num(f.get("trends_ceiling")), "1");
        row(h, "pair trends (strong pairs)", e.trendsStrong(), num(f.get("trends_strong_ceiling")), "1");
        row(h, "accuracy", e.accuracy.accuracy(), e.accuracyCeiling == null ? Double.NaN : e.accuracyCeiling.accuracy(), "at the ceiling");
        row(h, "validity", e.columns.validity(), num(f.get("validity_ceiling")), "1");
        row(h, "detection AUC", e.summary().get("detection_auc"), 0.5, "0.5");
        if (e.utility != null) {
            if (e.utility.classification()) {
                row(h, "ML utility: macro-F1 (TSTR)", e.utility.tstr().f1(), e.utility.trtr().f1(), "TRTR");
                if (e.utility.classes() == 2) row(h, "ML utility: AUC (TSTR)", e.utility.tstr().auc(), e.utility.trtr().auc(), "TRTR");
            } else {
                row(h, "ML utility: R² (TSTR)", e.utility.tstr().r2(), e.utility.trtr().r2(), "TRTR");
            }
        }
        row(h, "DCR share", e.distances.dcrShare(), 0.5, "0.5");
        row(h, "identical matches with training rows", e.distances.imsTrain(), e.distances.imsHoldoutToTrain(), "holdout's");
        row(h, "singling-out risk", e.singlingOutRisk(), 0, "0");
        row(h, "linkability risk", e.linkability == null ? Double.NaN : e.linkability.risk(), 0, "0");
        row(h, "inference risk (worst column)", e.inferenceRisk(), 0, "0");
        h.append("</table>\n<p class=\"note\">Yardsticks: the same score for the real holdout against the training data (the ceiling), "
                + "the score of a model trained on real data (TRTR), or the ideal value.</p>\n");
        h.append("<div class=\"chart\"><canvas id=\"chart-summary\" data-chart=\"summary\"></canvas></div>\n");
    }

    private static double num(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static void row(StringBuilder h, String name, double v, double yard, String best) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(Format.score(v)).append("</td><td>")
                .append(Format.score(yard)).append("</td><td>").append(esc(best)).append("</td></tr>\n");
    }

    private static void fidelity(StringBuilder h, Evaluation e) {
        h.append("<h2>Fidelity</h2>\n<div class=\"verdict\">").append(esc(e.verdicts().get("fidelity"))).append("</div>\n");
        h.append("<table>\n<tr><th>column</th><th>kind</th><th>shape</th><th>holdout</th><th>accuracy</th><th>missing (real / synthetic)</th>"
                + "<th>coverage</th><th>adherence</th></tr>\n");
        for (int i = 0; i < e.columns.columns().size(); i++) {
            ColumnMetrics.Column c = e.columns.columns().get(i);
            double ceil = e.holdoutColumns == null ? Double.NaN : e.holdoutColumns.columns().get(i).shape();
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.kind())).append("</td>")
                    .append(cell(c.shape(), ceil)).append("<td>").append(Format.score(ceil)).append("</td><td>")
                    .append(Format.score(e.accuracy.univariate()[i])).append("</td><td>").append(Format.percent(c.realMissing())).append(" / ")
                    .append(Format.percent(c.otherMissing())).append("</td><td>").append(Format.score(c.coverage())).append("</td><td>")
                    .append(Format.score(c.adherence())).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Shape: Kolmogorov–Smirnov complement for ordered columns, total-variation complement for "
                + "categorical ones (SDMetrics). Red: more than 0.05 below the holdout's.</p>\n");
        h.append("<h3>Distributions, real and synthetic</h3>\n<div class=\"grid\">\n");
        for (int i = 0; i < e.data.features.size(); i++) {
            h.append("<div class=\"chart\"><canvas id=\"chart-distribution-").append(i).append("\" data-chart=\"distribution\" data-index=\"")
                    .append(i).append("\"></canvas></div>\n");
        }
        h.append("</div>\n");
        if (e.data.features.size() > 1) {
            h.append("<h3>Associations between columns</h3>\n<p class=\"note\">Pearson correlation for two ordered columns (−1 red to +1 blue), "
                    + "Cramér's V otherwise (0 to 1); the difference is |real − synthetic|.</p>\n<div class=\"heatmaps\">\n");
            for (String[] w : new String[][] {{"real", "real data"}, {"synthetic", "synthetic data"}, {"difference", "difference"}}) {
                h.append("<div class=\"chart\"><canvas id=\"chart-heatmap-").append(w[0]).append("\" data-chart=\"heatmap\" data-which=\"")
                        .append(w[0]).append("\" data-title=\"").append(w[1]).append("\"></canvas></div>\n");
            }
            h.append("</div>\n");
            List<PairTrends.Pair> ps = new ArrayList<>();
            for (PairTrends.Pair p : e.pairs) if (!Double.isNaN(p.score())) ps.add(p);
            ps.sort(Comparator.comparingDouble(PairTrends.Pair::score));
            h.append("<h3>Pairs with the weakest trends</h3>\n<table>\n<tr><th>pair</th><th>metric</th><th>score</th><th>real</th><th>synthetic</th>"
                    + "<th>strong in the real data</th></tr>\n");
            for (int i = 0; i < Math.min(10, ps.size()); i++) {
                PairTrends.Pair p = ps.get(i);
                h.append("<tr><td>").append(esc(p.first() + " & " + p.second())).append("</td><td>")
                        .append(p.correlation() ? "correlation" : "contingency").append("</td><td>").append(Format.score(p.score()))
                        .append("</td><td>").append(Format.score(p.real())).append("</td><td>").append(Format.score(p.other()))
                        .append("</td><td>").append(p.strong() ? "yes" : "no").append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static String cell(double v, double ceiling) {
        boolean bad = !Double.isNaN(ceiling) && v < ceiling - 0.05;
        return "<td" + (bad ? " class=\"bad\"" : "") + ">" + Format.score(v) + "</td>";
    }

    private static void detection(StringBuilder h, Evaluation e) {
        h.append("<h2>Detection</h2>\n<div class=\"verdict\">").append(esc(e.verdicts().get("detection"))).append("</div>\n");
        if (e.detection != null) {
            h.append("<table>\n<tr><th>fold</th><th>AUC</th></tr>\n");
            for (int k = 0; k < e.detection.foldAuc().length; k++) {
                h.append("<tr><td>").append(k + 1).append("</td><td>").append(Format.score(e.detection.foldAuc()[k])).append("</td></tr>\n");
            }
            h.append("<tr><td>mean</td><td>").append(Format.score(e.detection.auc())).append("</td></tr>\n</table>\n")
                    .append("<p class=\"note\">").append(Format.count(e.detection.realRows())).append(" real and ")
                    .append(Format.count(e.detection.syntheticRows())).append(" synthetic rows; XGBoost, ").append(Gbdt.ROUNDS)
                    .append(" rounds of depth-").append(Gbdt.MAX_DEPTH).append(" trees.</p>\n");
        }
    }

    private static void utility(StringBuilder h, Evaluation e) {
        h.append("<h2>Machine-learning utility</h2>\n<div class=\"verdict\">").append(esc(e.verdicts().get("utility"))).append("</div>\n");
        Utility.Result u = e.utility;
        if (u == null) return;
        if (u.classification()) {
            boolean bin = u.classes() == 2;
            h.append("<table>\n<tr><th>trained on</th><th>macro-F1</th>").append(bin ? "<th>AUC</th>" : "").append("<th>accuracy</th></tr>\n");
            for (Object[] r : new Object[][] {{"real training rows (TRTR)", u.trtr()}, {"synthetic rows (TSTR)", u.tstr()}, {"real + synthetic rows", u.augmented()}}) {
                Utility.Scores s = (Utility.Scores) r[1];
                h.append("<tr><td>").append(r[0]).append("</td><td>").append(Format.score(s.f1())).append("</td>")
                        .append(bin ? "<td>" + Format.score(s.auc()) + "</td>" : "").append("<td>").append(Format.score(s.accuracy())).append("</td></tr>\n");
            }
        } else {
            h.append("<table>\n<tr><th>trained on</th><th>R²</th><th>mean absolute error</th></tr>\n");
            for (Object[] r : new Object[][] {{"real training rows (TRTR)", u.trtr()}, {"synthetic rows (TSTR)", u.tstr()}, {"real + synthetic rows", u.augmented()}}) {
                Utility.Scores s = (Utility.Scores) r[1];
                h.append("<tr><td>").append(r[0]).append("</td><td>").append(Format.score(s.r2())).append("</td><td>")
                        .append(Format.number(s.mae())).append("</td></tr>\n");
            }
        }
        h.append("</table>\n<p class=\"note\">All models are tested on the ").append(Format.count(u.holdoutRows()))
                .append(" real holdout rows").append(u.positiveClass() != null ? "; AUC ranks the probability of '" + esc(u.positiveClass()) + "'" : "")
                .append(".</p>\n<div class=\"chart\"><canvas id=\"chart-utility\" data-chart=\"utility\"></canvas></div>\n");
    }

    private static void privacy(StringBuilder h, Evaluation e) {
        Distances.Result d = e.distances;
        h.append("<h2>Privacy</h2>\n<div class=\"verdict\">").append(esc(e.verdicts().get("privacy"))).append("</div>\n");
        h.append("<table>\n<tr><th>measure</th><th>synthetic</th><th>real holdout</th><th>best</th></tr>\n");
        h.append("<tr><td>rows identical to a training row</td><td>").append(Format.count(d.copiesOfTraining())).append(" (")
                .append(Format.percent(d.imsTrain())).append(")</td><td>")
                .append(d.holdoutCopiesOfTraining() < 0 ? "n/a" : Format.count(d.holdoutCopiesOfTraining()) + " (" + Format.percent(d.imsHoldoutToTrain()) + ")")
                .append("</td><td>as the holdout</td></tr>\n");
        h.append("<tr><td>rows identical to a holdout row</td><td>").append(Format.percent(d.imsHoldout())).append("</td><td>—</td><td>—</td></tr>\n");
        h.append("<tr><td>DCR share (closer to training than to holdout)</td><td>").append(Format.score(d.dcrShare()))
                .append("</td><td>—</td><td>0.5</td></tr>\n");
        h.append("<tr><td>median distance to the closest training row</td><td>").append(Format.score(d.medianDcrSynthetic())).append("</td><td>")
                .append(Format.score(d.medianDcrHoldout())).append("</td><td>as the holdout</td></tr>\n");
        h.append("<tr><td>median nearest-neighbour distance ratio</td><td>").append(Format.score(d.medianNndrSynthetic())).append("</td><td>")
                .append(Format.score(d.medianNndrHoldout())).append("</td><td>as the holdout</td></tr>\n");
        h.append("<tr><td>DCR baseline protection (vs random rows)</td><td>").append(Format.score(d.baselineProtection()))
                .append("</td><td>—</td><td>1</td></tr>\n</table>\n");
        h.append("<div class=\"chart\"><canvas id=\"chart-dcr\" data-chart=\"dcr\"></canvas></div>\n");
        List<Attacks.Attack> attacks = e.allAttacks();
        if (attacks.isEmpty()) {
            h.append("<p class=\"note\">Attacks not measured: ").append(esc(e.attacksReason == null ? "too few rows or columns" : e.attacksReason)).append(".</p>\n");
            return;
        }
        h.append("<h3>Attacks (Anonymeter)</h3>\n<table>\n<tr><th>attack</th><th>attacks</th><th>main</th><th>control</th><th>baseline</th>"
                + "<th>risk</th><th>95% interval</th></tr>\n");
        for (Attacks.Attack a : attacks) {
            h.append("<tr><td>").append(esc(a.name())).append(a.weak() ? " *" : "").append("</td><td>").append(a.attacks()).append("</td><td>")
                    .append(Format.score(a.main().rate())).append("</td><td>").append(Format.score(a.control().rate())).append("</td><td>")
                    .append(Format.score(a.baseline().rate())).append("</td><td").append(a.low() > 0 ? " class=\"bad\"" : "").append(">")
                    .append(Format.score(a.risk())).append("</td><td>").append(Format.score(a.low())).append(" – ").append(Format.score(a.high()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Rates are success rates (Wilson estimates): main = against the training rows, control = against "
                + "the holdout, baseline = random guessing. Risk = (main − control) / (1 − control). * the attack did not beat random guessing, "
                + "so its risk says little. Red: the interval excludes 0.</p>\n");
        h.append("<div class=\"chart tall\"><canvas id=\"chart-risks\" data-chart=\"risks\"></canvas></div>\n");
    }

    private static void notes(StringBuilder h) {
        h.append("<h2>How to read this report</h2>\n<ul class=\"muted\">\n")
                .append("<li><b>Fidelity</b> compares distributions: single columns (shapes), pairs of columns (trends: correlation or "
                        + "contingency similarity, SDMetrics' definitions; the strong pairs are those with |ρ| &gt; 0.5 or Cramér's V &gt; 0.3 "
                        + "in the real data), and 1 − total variation distance over binned columns and pairs (accuracy). The ceiling is the "
                        + "score of a real holdout: fresh real data scores there, and a synthetic table scoring above it is copying.</li>\n")
                .append("<li><b>Detection</b>: a classifier's ability to tell synthetic from real rows; 0.5 means it cannot.</li>\n")
                .append("<li><b>Utility</b>: a model trained on synthetic rows and tested on real holdout rows (TSTR), beside one trained on real rows (TRTR).</li>\n")
                .append("<li><b>Privacy</b>: distances to the closest record (DCR) and identical matches, compared with a real holdout; and the "
                        + "singling-out, linkability and inference attacks of the GDPR's anonymisation criteria, as Anonymeter runs them.</li>\n")
                .append("</ul>\n");
    }

    /** Escapes text for HTML content and attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** JSON made safe inside a script element: no "</" (which could close it) and no "<!--". */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\u0021--");
    }

    private static String chartJsVersion() {
        Properties p = new Properties();
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) throw new IllegalStateException("the Chart.js WebJar is not on the class path");
            p.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return p.getProperty("version");
    }

    private static String chartJs() {
        String js = resource(CHARTJS_BASE + chartJsVersion() + "/dist/chart.umd.js", true);
        // The inlined library must not be able to end its script element early.
        return js.replace("</script", "<\\/script");
    }

    private static String resource(String name) {
        return resource("dev/ersatz/eval/" + name, true);
    }

    private static String resource(String path, boolean absolute) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
