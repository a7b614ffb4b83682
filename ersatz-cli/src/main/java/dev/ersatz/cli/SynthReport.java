package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.eval.Evaluation;
import dev.ersatz.eval.Evaluator;
import dev.ersatz.synth.FittedModel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code synth --report/--json}: where the holdout comes from, and the evaluation of the written output.
 *
 * <p>Without {@code --holdout}, the input is split before fitting: a seeded random share (20% by
 * default) is held out, the model is fitted on the rest, and the report says so. The evaluation reads
 * the output file back, so it scores exactly what was written.
 */
final class SynthReport {
    /** The default share of input rows held out when no holdout file is given. */
    static final double DEFAULT_SHARE = 0.2;

    private SynthReport() {}

    /** The data to fit on, the holdout, and how the holdout came about (null when the user gave it). */
    record Plan(ReadResult train, ReadResult holdout, String note) {}

    /** Reads the holdout file, or splits the input; checks the share and the target before any fitting. */
    static Plan plan(ReadResult data, String holdoutFile, ReadOptions options, double share, long seed, String target) {
        if (target != null && data.table().indexOf(target) < 0) {
            throw new InputException("--target", -1, target, null, "no such column (columns: " + String.join(", ", data.table().names()) + ")");
        }
        if (holdoutFile != null) return new Plan(data, TableReader.read(holdoutFile, options), null);
        if (!(share > 0 && share < 1)) {
            throw new InputException("--holdout-share", -1, null, Double.toString(share), "must be between 0 and 1 (exclusive)");
        }
        Table t = data.table();
        int n = t.rowCount();
        int k = (int) Math.round(share * n);
        if (n < 2 || k < 1 || k >= n) {
            throw new InputException(data.source(), "too few rows (" + n + ") to hold out " + percent(share) + " for the report; give --holdout");
        }
        // A seeded shuffle: the same input and seed hold out the same rows.
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        int[] hold = Arrays.copyOf(p, k), train = Arrays.copyOfRange(p, k, n);
        Arrays.sort(hold);
        Arrays.sort(train);
        String note = percent(share) + " of " + data.source() + " (" + String.format(Locale.ROOT, "%,d", k)
                + " rows, drawn at random with seed " + seed + ") was held out; the model was fitted on the other "
                + String.format(Locale.ROOT, "%,d", n - k) + " rows";
        return new Plan(new ReadResult(t.select(train), data.source() + " (fitted part)", data.delimiter(), data.missingMarkers()),
                new ReadResult(t.select(hold), data.source() + " (held-out part)", data.delimiter(), data.missingMarkers()), note);
    }

    /**
     * Reads the written output back and evaluates it against the fitted part and the holdout; the lineage
     * column of {@code --label-synthetic} (null when none) is not part of the data and is left out.
     */
    static Evaluation evaluate(Plan plan, FittedModel model, Path out, ReadOptions options, String target, long seed,
                               String labelColumn, Progress progress) {
        ReadResult synthetic = TableReader.read(out.toString(), options);
        Table syn = synthetic.table();
        if (labelColumn != null && syn.indexOf(labelColumn) >= 0) {
            java.util.List<dev.ersatz.core.Column> keep = new java.util.ArrayList<>(syn.columns());
            keep.remove(syn.indexOf(labelColumn));
            syn = new Table(keep);
        }
        Evaluator.Options o = Evaluator.Options.defaults().withSeed(seed).withTarget(target).withHoldoutNote(plan.note());
        return Evaluator.evaluate(plan.train().table(), plan.train().source(), syn, synthetic.source(),
                plan.holdout().table(), plan.holdout().source(), model.metadata(), o, progress);
    }

    private static String percent(double share) {
        double p = 100 * share;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
