package dev.ersatz.neural;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;

import java.util.Locale;
import java.util.Set;

/**
 * The options every neural synthesizer shares, and the bookkeeping of one training run: epochs, the
 * time budget, early stopping on a held-out loss, and progress with the loss on the caller's
 * {@link Progress}.
 *
 * <p>Time budget: training stops after the step during which the budget (counted from the start of
 * {@code fit}) runs out; the model is complete and usable, and records how many epochs it trained.
 * Because the stopping point depends on the machine's speed, a fit with a time budget is
 * reproducible only through the epoch count it records ({@code --epochs N} with that N).
 *
 * <p>Early stopping (Prechelt, "Early Stopping — But When?", 1998): with {@code patience} p > 0, a
 * share {@code holdout} of the rows (default 10%) is kept out of training; after each epoch the model's
 * loss on them is measured; training stops when it has not improved for p epochs, and the weights of
 * the best epoch are kept.
 *
 * @param epochs    passes over the data (SDV's defaults: 300 for CTGAN and TVAE)
 * @param batchSize rows per step
 * @param timeBudget seconds (0 = none)
 * @param patience  epochs without improvement before stopping (0 = no early stopping)
 * @param holdout   share of rows held out for the loss (0 = none)
 */
record Training(int epochs, int batchSize, double timeBudget, int patience, double holdout) {
    static final Set<String> KEYS = Set.of("epochs", "batchSize", "timeBudget", "patience", "holdout");

    Training {
        if (epochs < 1) throw Options.invalid("epochs", epochs, "must be at least 1");
        if (batchSize < 1) throw Options.invalid("batchSize", batchSize, "must be at least 1");
        if (timeBudget < 0) throw Options.invalid("timeBudget", timeBudget, "must not be negative");
        if (patience < 0) throw Options.invalid("patience", patience, "must not be negative");
        if (!(holdout >= 0 && holdout < 0.9)) throw Options.invalid("holdout", holdout, "must be in [0, 0.9)");
        if (patience > 0 && holdout == 0) throw Options.invalid("holdout", holdout, "must be above 0 when patience is set (early stopping needs held-out rows)");
    }

    static Training read(Options o, int epochs, int batchSize) {
        int patience = o.integer("patience", 0);
        return new Training(o.integer("epochs", epochs), o.integer("batchSize", batchSize), o.seconds("timeBudget", 0),
                patience, o.number("holdout", patience > 0 ? 0.1 : 0));
    }

    void write(ObjectNode o) {
        o.put("epochs", epochs);
        o.put("batchSize", batchSize);
        o.put("timeBudget", timeBudget);
        o.put("patience", patience);
        o.put("holdout", holdout);
    }

    /** The rows used for training and the rows held out, split by a seeded shuffle. */
    record Split(int[] train, int[] held) {}

    Split split(int n, java.util.SplittableRandom rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        int held = holdout == 0 ? 0 : (int) Math.round(n * holdout);
        if (held > 0 && n - held < 1) {
            throw new InputException(null, -1, null, Integer.toString(n), "too few rows to hold out " + holdout + " of them for early stopping");
        }
        if (held == 0) return new Split(idx, new int[0]);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        }
        int[] tr = java.util.Arrays.copyOfRange(idx, held, n), ho = java.util.Arrays.copyOfRange(idx, 0, held);
        java.util.Arrays.sort(tr);
        java.util.Arrays.sort(ho);
        return new Split(tr, ho);
    }

    /** One run's clock, loss history and stopping decisions. */
    final class Run {
        private final String name;
        private final Progress progress;
        private final long start = System.nanoTime();
        private final long totalSteps;
        private long step;
        private int epoch;
        private String status = "";
        private double best = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private int sinceBest;
        private String stopReason = "epochs";

        Run(String name, Progress progress, int stepsPerEpoch) {
            this.name = name;
            this.progress = progress;
            this.totalSteps = (long) stepsPerEpoch * epochs;
        }

        /** Whether the time budget is spent (checked before each step). */
        boolean outOfTime() {
            if (timeBudget > 0 && (System.nanoTime() - start) / 1e9 >= timeBudget) {
                stopReason = "time budget";
                return true;
            }
            return false;
        }

        void stepDone() {
            step++;
            if ((step & 7) == 0) progress.update(phase(), step, totalSteps);
        }

        /** Records the end of an epoch with its training losses (a short text) and held-out loss (NaN = none); returns whether the held-out loss is the best so far. */
        boolean epochDone(String losses, double heldOut) {
            epoch++;
            boolean improved = false;
            if (!Double.isNaN(heldOut)) {
                if (heldOut < best) {
                    best = heldOut;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    improved = true;
                } else {
                    sinceBest++;
                }
            }
            status = String.format(Locale.ROOT, "epoch %d/%d, %s%s", epoch, epochs, losses,
                    Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, ", held-out %.4f", heldOut));
            progress.update(phase(), step, totalSteps);
            return improved;
        }

        /** Whether early stopping says stop now. */
        boolean patienceSpent() {
            if (patience > 0 && sinceBest >= patience) {
                stopReason = "early stopping";
                return true;
            }
            return false;
        }

        private String phase() {
            return "training " + name + (status.isEmpty() ? "" : " | " + status);
        }

        int epochs() { return epoch; }
        int bestEpoch() { return bestEpoch; }
        double best() { return best; }
        String stopReason() { return stopReason; }
        double seconds() { return (System.nanoTime() - start) / 1e9; }

        /** What the run did, for the model file. (Timings are left out so model files stay byte-identical.) */
        void write(ObjectNode o) {
            o.put("epochsTrained", epoch);
            o.put("stoppedBy", stopReason);
            if (patience > 0) {
                o.put("bestEpoch", bestEpoch);
                o.put("bestHeldOutLoss", best);
            }
        }
    }
}
