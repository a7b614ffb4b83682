package dev.ersatz.sim.fraud;

import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How well a classifier detects each typology, from two kinds of features: behavioural (what accounts
 * did) and artefacts (how the data looks). Trained on one run, tested on another run with another seed.
 *
 * <p>Both classifiers are {@link Gbdt}s trained to tell labelled rows from the rest. The behavioural
 * AUC of a typology compares its rows with all unlabelled rows. The artefact AUC compares them with
 * unlabelled rows weighted to the typology's own mix of transaction types ("type-matched"), so what a
 * typology is (all card payments, say) is not counted as an artefact; under no artefact it is 0.5
 * give or take Mann and Whitney's null standard error. For comparison, the rule that catches almost all
 * of PaySim's fraud (a transfer or cash-out of exactly the origin's whole balance) is scored too.
 */
public final class Detectability {
    /** Unlabelled rows kept for training and testing: about this many, sampled by a hash of the row index. */
    static final int NEGATIVES_TRAIN = 60_000, NEGATIVES_TEST = 150_000;

    /** The result for one typology. */
    public record Row(Pattern typology, long trainRows, long testRows, double behaviouralAuc, double artefactAuc,
                      double artefactStandardError, double recallAtOnePercent, double recallAtPrecision90) {}

    /** The results: per typology, overall, and PaySim's rule. */
    public record Result(List<Row> rows, double overallBehaviouralAuc, long trainPositives, long testPositives, long testNegatives,
                         long ruleFlagged, long ruleTruePositives, long labelled, String topFeatures) {}

    /** Collects feature rows from a stream of transactions: all labelled ones, a sample of the rest. */
    static final class Collector implements Consumer<TxRow> {
        final Detection detection = new Detection();
        final List<double[]> beh = new ArrayList<>(), art = new ArrayList<>();
        final List<Integer> label = new ArrayList<>();
        final List<Long> caseIds = new ArrayList<>();
        final double keep;
        final long salt;
        long rows, labelled, ruleFlagged, ruleTrue;

        Collector(double keep, long salt) {
            this.keep = keep;
            this.salt = salt;
        }

        /** Takes over what {@code other} collected (a log already read in another pass). */
        void adopt(Collector other) {
            beh.addAll(other.beh);
            art.addAll(other.art);
            label.addAll(other.label);
            caseIds.addAll(other.caseIds);
            rows = other.rows;
            labelled = other.labelled;
            ruleFlagged = other.ruleFlagged;
            ruleTrue = other.ruleTrue;
        }

        @Override
        public void accept(TxRow r) {
            double[] b = new double[Detection.BEHAVIOURAL.length], a = new double[Detection.ARTEFACT.length];
            detection.next(r, b, a);
            rows++;
            TxType t = r.txType();
            boolean rule = (t == TxType.TRANSFER || t == TxType.CASH_OUT) && r.cents == r.oldOrig && r.cents > 0;
            if (rule) ruleFlagged++;
            if (r.typology != 0) {
                labelled++;
                if (rule) ruleTrue++;
            }
            if (r.typology == 0 && (Rng.mix64(r.index ^ salt) >>> 11) * 0x1.0p-53 >= keep) return;
            beh.add(b);
            art.add(a);
            label.add(r.typology);
            caseIds.add(r.caseId);
        }
    }

    /**
     * Trains on {@code train} (a run of another seed, fed through the collector's consumer by the
     * caller) and tests on {@code test}.
     *
     * @param trainRows expected rows of the training run, to set its sampling rate
     * @param testRows  rows of the tested log
     */
    public static Result evaluate(Consumer<Consumer<TxRow>> train, long trainRows, Consumer<Consumer<TxRow>> test, long testRows,
                                  Progress progress) {
        return evaluate(train, trainRows, NEGATIVES_TRAIN, test, testRows, NEGATIVES_TEST, progress);
    }

    /** As above, keeping about {@code trainNegatives} and {@code testNegatives} unlabelled rows. */
    static Result evaluate(Consumer<Consumer<TxRow>> train, long trainRows, int trainNegatives, Consumer<Consumer<TxRow>> test,
                           long testRows, int testNegatives, Progress progress) {
        Collector tr = new Collector(Math.min(1, (double) trainNegatives / Math.max(1, trainRows)), 0x747261696EL);
        train.accept(tr);
        progress.update("detectability: training run", 1, 3);
        Collector te = new Collector(Math.min(1, (double) testNegatives / Math.max(1, testRows)), 0x74657374L);
        test.accept(te);
        progress.update("detectability: tested log", 2, 3);
        int n = tr.label.size();
        boolean[] y = new boolean[n];
        long trainPos = 0;
        for (int i = 0; i < n; i++) {
            y[i] = tr.label.get(i) != 0;
            if (y[i]) trainPos++;
        }
        if (trainPos == 0 || trainPos == n) {
            return new Result(List.of(), Double.NaN, trainPos, te.labelled, te.label.size() - te.labelled, te.ruleFlagged, te.ruleTrue,
                    te.labelled, "");
        }
        Gbdt beh = Gbdt.train(tr.beh.toArray(double[][]::new), y, Gbdt.Options.defaults());
        Gbdt art = Gbdt.train(tr.art.toArray(double[][]::new), y, Gbdt.Options.defaults());
        progress.update("detectability: models", 3, 3);

        int m = te.label.size();
        double[] sb = new double[m], sa = new double[m];
        for (int i = 0; i < m; i++) {
            sb[i] = beh.score(te.beh.get(i));
            sa[i] = art.score(te.art.get(i));
        }
        // negatives and their types
        List<Integer> negIdx = new ArrayList<>();
        for (int i = 0; i < m; i++) if (te.label.get(i) == 0) negIdx.add(i);
        double[] negB = new double[negIdx.size()], negA = new double[negIdx.size()];
        int[] negType = new int[negIdx.size()];
        double[] negTypeCount = new double[TxType.COUNT];
        for (int k = 0; k < negIdx.size(); k++) {
            int i = negIdx.get(k);
            negB[k] = sb[i];
            negA[k] = sa[i];
            negType[k] = (int) te.art.get(i)[0];
            negTypeCount[negType[k]]++;
        }
        List<Row> rows = new ArrayList<>();
        List<Double> allPos = new ArrayList<>();
        for (Pattern p : Pattern.TYPOLOGIES) {
            List<Double> pb = new ArrayList<>(), pa = new ArrayList<>();
            double[] posType = new double[TxType.COUNT];
            java.util.Set<Long> cases = new java.util.HashSet<>();
            for (int i = 0; i < m; i++) {
                if (te.label.get(i) != p.code()) continue;
                pb.add(sb[i]);
                pa.add(sa[i]);
                posType[(int) te.art.get(i)[0]]++;
                cases.add(te.caseIds.get(i));
            }
            long trainCount = tr.label.stream().filter(l -> l == p.code()).count();
            if (pb.isEmpty()) {
                rows.add(new Row(p, trainCount, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            allPos.addAll(pb);
            double[] w = new double[negType.length];
            for (int k = 0; k < w.length; k++) {
                int t = negType[k];
                w[k] = negTypeCount[t] > 0 ? posType[t] / pb.size() / (negTypeCount[t] / negType.length) : 0;
            }
            double[] posB = unbox(pb), posA = unbox(pa);
            double aucB = Auc.auc(posB, negB, null);
            double aucA = Auc.auc(posA, negA, w);
            // Rows of one case share accounts and amounts, so they are not independent draws: the
            // standard error counts cases, not rows, as the positives (a cluster-level bound).
            double se = Auc.nullStandardError(cases.size(), Auc.effectiveSize(w));
            rows.add(new Row(p, trainCount, posB.length, aucB, aucA, se, recallAt(posB, negB, 0.01),
                    recallAtPrecision(posB, negB, 1 / te.keep, 0.9)));
        }
        double overall = Auc.auc(unbox(allPos), negB, null);
        int[] use = beh.splitCounts();
        StringBuilder top = new StringBuilder();
        Integer[] order = new Integer[use.length];
        for (int i = 0; i < use.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> use[b] != use[a] ? Integer.compare(use[b], use[a]) : Integer.compare(a, b));
        for (int i = 0; i < Math.min(8, order.length); i++) {
            top.append(i == 0 ? "" : ", ").append(Detection.BEHAVIOURAL[order[i]]).append(" (").append(use[order[i]]).append(')');
        }
        return new Result(rows, overall, trainPos, te.labelled, negIdx.size(), te.ruleFlagged, te.ruleTrue, te.labelled, top.toString());
    }

    private static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** Share of positives scored above the (1 - fpr) quantile of negatives. */
    static double recallAt(double[] pos, double[] neg, double fpr) {
        double[] n = neg.clone();
        java.util.Arrays.sort(n);
        double cut = n[Math.min(n.length - 1, (int) Math.floor((1 - fpr) * n.length))];
        int k = 0;
        for (double s : pos) if (s > cut) k++;
        return (double) k / pos.length;
    }

    /**
     * The largest share of positives a threshold catches while at least {@code precision} of what it
     * flags is positive, each sampled negative standing for {@code negWeight} rows of the log.
     */
    static double recallAtPrecision(double[] pos, double[] neg, double negWeight, double precision) {
        double[] p = pos.clone(), n = neg.clone();
        java.util.Arrays.sort(p);
        java.util.Arrays.sort(n);
        double best = 0;
        int j = n.length;   // negatives at or above the threshold: n.length - j
        for (int i = p.length - 1; i >= 0; i--) {
            double t = p[i];
            while (j > 0 && n[j - 1] >= t) j--;
            double tp = p.length - i, fp = (n.length - j) * negWeight;
            if (tp / (tp + fp) >= precision) best = Math.max(best, tp / p.length);
        }
        return best;
    }

    /** Feeds a simulated run (not written anywhere) to {@code each}, as rows. */
    static void feedRun(Scenario scenario, TransactionSimulator.Options o, Consumer<TxRow> each, Progress progress) {
        TransactionSimulator.Prepared p = TransactionSimulator.prepare(scenario, o);
        TxRow r = new TxRow();
        long[] index = {0};
        p.run((step, events) -> {
            for (Transfer t : events) {
                r.index = index[0]++;
                r.step = t.step;
                r.time = p.start() + t.step * 3600 + t.second;
                r.type = t.type;
                r.cents = t.cents;
                r.orig = p.accountNumber(t.from);
                r.dest = p.accountNumber(t.to);
                r.oldOrig = t.oldFrom;
                r.newOrig = t.newFrom;
                r.oldDest = t.oldTo;
                r.newDest = t.newTo;
                r.typology = t.typology;
                r.caseId = t.caseId;
                each.accept(r);
            }
        }, progress);
    }
}
