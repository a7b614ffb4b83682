package dev.ersatz.eval;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Evaluates a synthetic table against the real table it was learned from and, when there is one, a
 * real holdout the generator never saw: fidelity, detection, machine-learning utility and privacy, in
 * one run, with a plain-language verdict per section.
 *
 * <p>What needs the holdout: the accuracy ceiling and the other fidelity ceilings, ML utility (it tests
 * on the holdout), the DCR share, the holdout identical-match share, and the control attacks of the
 * privacy risks. Without a holdout these are reported as not measured, with the reason. Utility also
 * needs a target column.
 *
 * <p>The result is a pure function of the tables, the metadata and the options: every random choice
 * draws from a stream seeded by {@link Options#seed()} and each gradient-boosted model runs on one thread,
 * so the JSON is byte-identical from run to run and machine to machine, whatever {@link Options#threads()}.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(real, "train.csv", synthetic, "synthetic.csv", holdout, "holdout.csv",
 *         MetadataDetector.detect(real), Evaluator.Options.defaults().withTarget("income"), Progress.NONE);
 * Files.write(Path.of("scores.json"), e.toJson());
 * Files.writeString(Path.of("report.html"), e.toHtml());
 * }</pre>
 */
public final class Evaluator {
    private Evaluator() {}

    /**
     * How to evaluate.
     *
     * @param seed        seeds every random choice (folds, samples, attack targets)
     * @param target      the column ML utility predicts, or null to skip utility
     * @param threads     worker threads (results do not depend on it)
     * @param attacks     attacks per privacy evaluation (Anonymeter's default 500)
     * @param holdoutNote how the holdout came about, for the report (null when the user gave it)
     */
    public record Options(long seed, String target, int threads, int attacks, String holdoutNote) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            if (attacks < 1) throw new IllegalArgumentException("attacks must be at least 1");
        }

        public static Options defaults() {
            return new Options(0, null, Runtime.getRuntime().availableProcessors(), Attacks.ATTACKS, null);
        }

        public Options withSeed(long s) { return new Options(s, target, threads, attacks, holdoutNote); }
        public Options withTarget(String t) { return new Options(seed, t, threads, attacks, holdoutNote); }
        public Options withThreads(int t) { return new Options(seed, target, t, attacks, holdoutNote); }
        public Options withAttacks(int a) { return new Options(seed, target, threads, a, holdoutNote); }
        public Options withHoldoutNote(String n) { return new Options(seed, target, threads, attacks, n); }
    }

    /**
     * Evaluates {@code synthetic} against {@code real} (and {@code holdout}, which may be null). {@code meta}
     * describes the real table; sources name the tables in messages. Bad input (a column missing from one
     * table, a value that does not parse, an unknown target) is an {@link InputException} naming it.
     */
    public static Evaluation evaluate(Table real, String realSource, Table synthetic, String syntheticSource,
                                      Table holdout, String holdoutSource, Metadata meta, Options options, Progress progress) {
        if (real.rowCount() == 0) throw new InputException(realSource, "no data rows (the file has a header only)");
        if (synthetic.rowCount() == 0) throw new InputException(syntheticSource, "no data rows (the file has a header only)");
        if (holdout != null && holdout.rowCount() == 0) throw new InputException(holdoutSource, "no data rows (the file has a header only)");
        EvalData data = EvalData.of(real, realSource, synthetic, syntheticSource, holdout, holdoutSource, meta);
        if (data.features.isEmpty()) {
            throw new InputException(realSource, "no column to compare (ID, PII and free-text columns are generated, not learned)");
        }
        if (options.target() != null) checkTarget(data, real, options.target());
        Evaluation e = new Evaluation(data, options);
        try (Parallel parallel = new Parallel(options.threads())) {
            progress.update("evaluating: fidelity", 0, 4);
            fidelity(data, e);
            progress.update("evaluating: detection and utility", 1, 4);
            models(data, options, e, parallel);
            progress.update("evaluating: privacy distances", 2, 4);
            e.distances = Distances.run(data, options.seed(), parallel);
            progress.update("evaluating: privacy attacks", 3, 4);
            attacks(data, options, e, parallel);
            progress.update("evaluating: done", 4, 4);
        }
        e.finish();
        return e;
    }

    private static void checkTarget(EvalData data, Table real, String target) {
        if (data.indexOf(target) >= 0) return;
        if (real.indexOf(target) >= 0) {
            throw new InputException("--target", -1, target, null, "the column is an ID, PII or free-text column, which cannot be a target");
        }
        throw new InputException("--target", -1, target, null, "no such column (columns: " + String.join(", ", real.names()) + ")");
    }

    private static void fidelity(EvalData data, Evaluation e) {
        e.columns = ColumnMetrics.score(data, Role.SYNTHETIC);
        e.pairs = PairTrends.pairs(data, Role.SYNTHETIC);
        Accuracy.Binning binning = Accuracy.binning(data);
        e.binning = binning;
        e.accuracy = Accuracy.score(data, binning, Role.SYNTHETIC, null);
        if (data.hasHoldout()) {
            e.holdoutColumns = ColumnMetrics.score(data, Role.HOLDOUT);
            e.holdoutPairs = PairTrends.pairs(data, Role.HOLDOUT);
            e.accuracyCeiling = Accuracy.score(data, binning, Role.HOLDOUT, null);
            int nh = data.rows(Role.HOLDOUT), ns = data.rows(Role.SYNTHETIC);
            // Accuracy carries sampling noise that shrinks with the table size, so the verdict compares the
            // synthetic score with its ceiling at one size: the smaller table's, the larger one sampled down.
            if (ns != nh) {
                java.util.SplittableRandom rng = new java.util.SplittableRandom(Stats.seed(e.options.seed(), "accuracy-size"));
                int m = Math.min(ns, nh);
                e.accuracyAtSize = ns > m ? Accuracy.score(data, binning, Role.SYNTHETIC, Stats.sample(ns, m, rng.split())) : e.accuracy;
                e.ceilingAtSize = nh > m ? Accuracy.score(data, binning, Role.HOLDOUT, Stats.sample(nh, m, rng.split())) : e.accuracyCeiling;
            } else {
                e.accuracyAtSize = e.accuracy;
                e.ceilingAtSize = e.accuracyCeiling;
            }
        }
    }

    private static void models(EvalData data, Options options, Evaluation e, Parallel parallel) {
        String unavailable = Gbdt.unavailable();
        if (unavailable != null) {
            e.detectionReason = unavailable;
            e.utilityReason = unavailable;
            return;
        }
        Detection.Job detection = Detection.prepare(data, options.seed());
        Utility.Job utility = null;
        if (options.target() == null) {
            e.utilityReason = "no target column given (--target)";
        } else if (!data.hasHoldout()) {
            e.utilityReason = "no real holdout to test on (--holdout)";
        } else {
            try {
                utility = Utility.prepare(data, options.target());
            } catch (IllegalArgumentException ex) {
                e.utilityReason = ex.getMessage();
            }
        }
        // One batch, so the two cores stay busy across both metrics.
        List<Callable<float[]>> tasks = new ArrayList<>(detection.tasks);
        if (utility != null) tasks.addAll(utility.tasks);
        List<float[]> out = parallel.all(tasks);
        int k = detection.tasks.size();
        e.detection = detection.finish(out.subList(0, k));
        if (utility != null) e.utility = utility.finish(out.subList(k, out.size()));
    }

    private static void attacks(EvalData data, Options options, Evaluation e, Parallel parallel) {
        if (!data.hasHoldout()) {
            e.attacksReason = "no real holdout for the control attacks (--holdout)";
            return;
        }
        List<Callable<Attacks.Attack>> singling = List.of(
                () -> Attacks.singlingOut(data, false, options.attacks(), options.seed()),
                () -> Attacks.singlingOut(data, true, options.attacks(), options.seed()));
        List<Attacks.Attack> so = parallel.all(singling);
        e.singlingOutUnivariate = so.get(0);
        e.singlingOutMultivariate = so.get(1);
        e.linkability = Attacks.linkability(data, options.attacks(), options.seed(), parallel);
        e.inference = Attacks.inference(data, options.attacks(), options.seed(), parallel);
    }
}
