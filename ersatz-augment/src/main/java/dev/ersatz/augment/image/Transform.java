package dev.ersatz.augment.image;

import java.util.SplittableRandom;

/**
 * One augmentation step. As in albumentations, a step first draws its parameters ({@link #draw}),
 * then applies exactly those parameters to every target of the sample ({@link #apply}): the image,
 * its mask, boxes and keypoints. Keeping the two apart is what makes a run replayable from its
 * record and keeps the targets consistent with the pixels.
 *
 * <p>{@code apply} is a pure function of the sample and the parameters (randomness inside a step,
 * such as noise, comes from a seed among the parameters), and never changes its input sample.
 */
public interface Transform {
    /** The registry name, as written in pipelines and records. */
    String type();

    /** Draws this step's parameters for {@code sample} from {@code rng}. */
    Params draw(SplittableRandom rng, Sample sample, Context ctx);

    /** Applies drawn (or recorded) parameters. */
    Sample apply(Sample sample, Params params, Context ctx);
}
