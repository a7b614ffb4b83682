package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The plain-language verdict of each section: the headline numbers beside their yardsticks, what they
 * mean, and the worst columns and pairs by name. The wording bands (for example "hard to tell apart"
 * for a detection AUC up to 0.7) are conventions for readers, not tests.
 */
final class Verdicts {
    private static final int WORST = 3;

    private Verdicts() {}

    static String fidelity(Evaluation e) {
        StringBuilder sb = new StringBuilder();
        ColumnMetrics.Result c = e.columns;
        sb.append("Column shapes ").append(Format.score(c.shapes()));
        if (e.holdoutColumns != null) sb.append(" (a real holdout: ").append(Format.score(e.holdoutColumns.shapes())).append(')');
        sb.append("; pair trends ").append(Format.score(e.trends())).append(" over ").append(e.pairs.size()).append(" pairs");
        if (e.holdoutPairs != null) sb.append(" (holdout: ").append(Format.score(PairTrends.mean(e.holdoutPairs))).append(')');
        int strong = 0;
        for (PairTrends.Pair p : e.pairs) if (p.strong()) strong++;
        if (strong > 0) sb.append(", ").append(Format.score(e.trendsStrong())).append(" over the ").append(strong).append(" strongly related ones");
        sb.append("; accuracy ").append(Format.score(e.accuracy.accuracy()));
        if (e.accuracyCeiling != null) {
            sb.append(" against a ceiling of ").append(Format.score(e.accuracyCeiling.accuracy())).append(". ");
            double a = e.accuracyAtSize.accuracy(), ceil = e.ceilingAtSize.accuracy();
            String size = e.data.rows(Role.SYNTHETIC) == e.data.rows(Role.HOLDOUT) ? ""
                    : " (compared at the same size, " + Format.count(Math.min(e.data.rows(Role.SYNTHETIC), e.data.rows(Role.HOLDOUT))) + " rows: "
                      + Format.score(a) + " vs " + Format.score(ceil) + ")";
            if (a > ceil + 0.002) {
                sb.append("The synthetic rows score above the ceiling").append(size)
                        .append(": they are closer to the training rows than fresh real data is, a sign of overfitting. ");
            } else if (a >= ceil - 0.01) {
                sb.append("The synthetic rows are at the ceiling").append(size).append(": as close to the training data as fresh real data. ");
            } else {
                sb.append("The synthetic rows are ").append(Format.score(ceil - a)).append(" below the ceiling").append(size).append(". ");
            }
        } else {
            sb.append(" (no holdout, so no ceiling). ");
        }
        List<ColumnMetrics.Column> cols = new ArrayList<>(c.columns());
        cols.sort(Comparator.comparingDouble(ColumnMetrics.Column::shape).thenComparing(ColumnMetrics.Column::name));
        sb.append("Worst columns: ");
        for (int i = 0; i < Math.min(WORST, cols.size()); i++) {
            if (i > 0) sb.append(", ");
            sb.append(cols.get(i).name()).append(" (").append(Format.score(cols.get(i).shape())).append(')');
        }
        List<PairTrends.Pair> ps = new ArrayList<>();
        for (PairTrends.Pair p : e.pairs) if (!Double.isNaN(p.score())) ps.add(p);
        ps.sort(Comparator.comparingDouble(PairTrends.Pair::score));
        if (!ps.isEmpty()) {
            sb.append("; worst pairs: ");
            for (int i = 0; i < Math.min(WORST, ps.size()); i++) {
                if (i > 0) sb.append(", ");
                sb.append(ps.get(i).first()).append(" & ").append(ps.get(i).second()).append(" (").append(Format.score(ps.get(i).score())).append(')');
            }
        }
        sb.append(". ").append(Format.percent(c.validity())).append(" of synthetic cells are inside the real ranges and categories");
        ColumnMetrics.Column worstAdh = null;
        for (ColumnMetrics.Column col : c.columns()) {
            if (!Double.isNaN(col.adherence()) && (worstAdh == null || col.adherence() < worstAdh.adherence())) worstAdh = col;
        }
        if (worstAdh != null && worstAdh.adherence() < 1) {
            sb.append(" (least: ").append(worstAdh.name()).append(", ").append(Format.percent(worstAdh.adherence())).append(')');
        }
        sb.append("; missing values are reproduced with similarity ").append(Format.score(c.missingSimilarity())).append('.');
        return sb.toString();
    }

    static String detection(Evaluation e) {
        if (e.detection == null) return "Not measured: " + e.detectionReason + ".";
        double auc = e.detection.auc();
        String band;
        if (auc <= 0.55) band = "practically indistinguishable from real rows";
        else if (auc <= 0.7) band = "hard to tell apart from real rows";
        else if (auc <= 0.85) band = "often recognisable";
        else if (auc <= 0.95) band = "mostly recognisable";
        else band = "almost always recognisable";
        String s = "A gradient-boosted classifier tells synthetic rows from real training rows with AUC " + Format.score(auc)
                + " (" + e.detection.folds() + "-fold cross-validation; 0.5 = indistinguishable, 1 = always): the synthetic rows are "
                + band + ".";
        if (auc < 0.45) {
            s += " An AUC well below 0.5 happens when synthetic rows duplicate real ones: the classifier meets the same row under"
                    + " both labels and learns to guess the other one (see the identical matches under privacy).";
        }
        return s;
    }

    static String utility(Evaluation e) {
        Utility.Result u = e.utility;
        if (u == null) return "Not measured: " + e.utilityReason + ".";
        StringBuilder sb = new StringBuilder();
        if (u.classification()) {
            sb.append("Trained on synthetic rows, a gradient-boosted model predicts '").append(u.target())
                    .append("' on the real holdout with macro-F1 ").append(Format.score(u.tstr().f1()));
            if (u.classes() == 2) sb.append(" (AUC ").append(Format.score(u.tstr().auc())).append(')');
            sb.append("; trained on the real training rows, ").append(Format.score(u.trtr().f1()));
            if (u.classes() == 2) sb.append(" (AUC ").append(Format.score(u.trtr().auc())).append(')');
            if (u.trtr().f1() > 0) sb.append(", so synthetic data keeps ").append(Format.percent(u.tstr().f1() / u.trtr().f1())).append(" of it");
            sb.append(". Adding the synthetic rows to the real ones changes macro-F1 by ").append(signed(u.gain())).append('.');
        } else {
            sb.append("Trained on synthetic rows, a gradient-boosted model predicts '").append(u.target())
                    .append("' on the real holdout with R² ").append(Format.score(u.tstr().r2()))
                    .append(" (mean absolute error ").append(Format.number(u.tstr().mae())).append("); trained on the real training rows, R² ")
                    .append(Format.score(u.trtr().r2())).append(" (").append(Format.number(u.trtr().mae()))
                    .append("). Adding the synthetic rows to the real ones changes R² by ").append(signed(u.gain())).append('.');
        }
        if (u.dropped() > 0) {
            sb.append(' ').append(Format.count(u.dropped())).append(" synthetic rows were left out (missing target or a class the real data does not have).");
        }
        return sb.toString();
    }

    static String privacy(Evaluation e) {
        Distances.Result d = e.distances;
        StringBuilder sb = new StringBuilder();
        sb.append(Format.count(d.copiesOfTraining())).append(" synthetic row").append(d.copiesOfTraining() == 1 ? "" : "s").append(" (")
                .append(Format.percent(d.imsTrain())).append(") cop").append(d.copiesOfTraining() == 1 ? "ies" : "y").append(" a training row");
        if (d.holdoutCopiesOfTraining() >= 0) {
            sb.append("; a real holdout copies ").append(Format.count(d.holdoutCopiesOfTraining())).append(" (")
                    .append(Format.percent(d.imsHoldoutToTrain())).append(") by coincidence");
        }
        sb.append(". ");
        if (!Double.isNaN(d.dcrShare())) {
            sb.append("DCR share ").append(Format.score(d.dcrShare())).append(" (0.5 = synthetic rows are no closer to the training rows than to fresh real rows)");
            if (d.dcrShare() > 0.6) sb.append(": synthetic rows sit closer to the training rows, a sign of memorisation");
            sb.append("; ");
        }
        sb.append("median distance to the closest training row ").append(Format.score(d.medianDcrSynthetic()));
        if (!Double.isNaN(d.medianDcrHoldout())) sb.append(" (real holdout: ").append(Format.score(d.medianDcrHoldout())).append(')');
        sb.append(". ");
        if (e.attacksReason != null) {
            sb.append("Attacks not measured: ").append(e.attacksReason).append('.');
            return sb.toString();
        }
        sb.append("Attack risks (Anonymeter; 0 = the synthetic data reveals nothing about the training rows it does not reveal about anyone): singling out ")
                .append(Format.score(e.singlingOutRisk())).append(", linkability ")
                .append(e.linkability == null ? "n/a" : Format.score(e.linkability.risk())).append(", inference ")
                .append(Format.score(e.inferenceRisk()));
        List<Attacks.Attack> inf = new ArrayList<>(e.inference);
        inf.sort(Comparator.comparingDouble(Attacks.Attack::risk).reversed().thenComparing(Attacks.Attack::name));
        if (!inf.isEmpty()) {
            sb.append(" (highest: ");
            for (int i = 0; i < Math.min(WORST, inf.size()); i++) {
                if (i > 0) sb.append(", ");
                sb.append(inf.get(i).name().substring("inference: ".length())).append(' ').append(Format.score(inf.get(i).risk()));
            }
            sb.append(')');
        }
        sb.append('.');
        List<Attacks.Attack> all = e.allAttacks();
        List<Attacks.Attack> above = new ArrayList<>();
        for (Attacks.Attack a : all) if (Attacks.distinguishable(a, all.size())) above.add(a);
        above.sort(Comparator.comparingDouble(Attacks.Attack::risk).reversed().thenComparing(Attacks.Attack::name));
        if (above.isEmpty()) {
            sb.append(" No attack risk is distinguishable from zero (95% confidence for the ").append(all.size())
                    .append(" attacks together).");
        } else {
            sb.append(" Above zero even allowing for the ").append(all.size()).append(" attacks run: ");
            for (int i = 0; i < Math.min(WORST + 2, above.size()); i++) {
                Attacks.Attack a = above.get(i);
                if (i > 0) sb.append(", ");
                sb.append(a.name()).append(' ').append(Format.score(a.risk())).append(" (95% interval ")
                        .append(Format.score(a.low())).append(" to ").append(Format.score(a.high())).append(')');
            }
            if (above.size() > WORST + 2) sb.append(" and ").append(above.size() - WORST - 2).append(" more");
            sb.append('.');
        }
        return sb.toString();
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.3f", v);
    }
}
