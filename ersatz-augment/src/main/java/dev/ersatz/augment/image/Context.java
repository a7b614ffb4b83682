package dev.ersatz.augment.image;

/**
 * What a step may need beyond its sample: the rules for boxes and keypoints, and for batch-level
 * steps (MixUp, CutMix, Mosaic) access to the other inputs of the run.
 *
 * @param rules how boxes are moved and filtered
 * @param batch the run's inputs, or {@link Batch#NONE}
 * @param self  the index of the sample's own input in {@code batch} (-1 if none)
 */
public record Context(TargetRules rules, Batch batch, int self) {
    public static final Context DEFAULT = new Context(TargetRules.DEFAULT, Batch.NONE, -1);

    /** The run's inputs, loaded on demand for batch-level steps. */
    public interface Batch {
        Batch NONE = new Batch() {
            @Override public int size() { return 0; }
            @Override public Sample load(int index) { throw new IllegalStateException("no batch"); }
        };

        int size();

        /** The original (unaugmented) sample of input {@code index}, with its targets. */
        Sample load(int index);
    }
}
