package dev.ersatz.neural.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Progress;

import java.util.Locale;

/**
 * One image model's training clock: epochs, the time budget (checked before each step; the model is
 * complete whenever it stops) and progress with the losses on the caller's {@link Progress}, in the
 * tabular neural models' form ({@code "training cvae | epoch 3/30, loss 251.3"}).
 */
final class TrainingRun {
    private final String name;
    private final Progress progress;
    private final int epochs;
    private final double timeBudget;
    private final long totalSteps;
    private final long start = System.nanoTime();
    private long step;
    private int epoch;
    private String status = "";
    private String stopReason = "epochs";

    TrainingRun(String name, Progress progress, int epochs, int stepsPerEpoch, double timeBudget) {
        this.name = name;
        this.progress = progress;
        this.epochs = epochs;
        this.timeBudget = timeBudget;
        this.totalSteps = (long) epochs * stepsPerEpoch;
        progress.update(phase(), 0, totalSteps);
    }

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

    void epochDone(String losses) {
        epoch++;
        status = String.format(Locale.ROOT, "epoch %d/%d, %s", epoch, epochs, losses);
        progress.update(phase(), step, totalSteps);
    }

    private String phase() {
        return "training " + name + (status.isEmpty() ? "" : " | " + status);
    }

    int epochs() { return epoch; }
    long steps() { return step; }
    String stopReason() { return stopReason; }
    double seconds() { return (System.nanoTime() - start) / 1e9; }

    /** What the run did (no timings: model files stay byte-identical). */
    void write(ObjectNode o) {
        o.put("epochsTrained", epoch);
        o.put("steps", step);
        o.put("stoppedBy", stopReason);
    }
}
