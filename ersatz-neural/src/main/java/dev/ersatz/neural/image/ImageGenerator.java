package dev.ersatz.neural.image;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.neural.Torch;
import dev.ersatz.neural.Weights;

import java.util.SplittableRandom;

/**
 * Trains a class-conditional image generator on a labelled image set: {@code cvae} ({@link Cvae}) or
 * {@code dcgan} ({@link Dcgan}), on the neural engine ({@link Torch}: offline libtorch, thread
 * settings, {@code ersatz.device}).
 *
 * <p>Determinism: every random number (initial weights, batch order, noise) comes from Java streams
 * split from the seed, and each step runs in its own tensor sub-manager; on the CPU a fit is a pure
 * function of (images, options, seed) for a given intra-op thread count, recorded in the model. With
 * a time budget the stopping point depends on the machine; the model records its epoch and step
 * counts.
 */
public final class ImageGenerator {
    private ImageGenerator() {}

    /** Fits the model {@code options} names on {@code set}; {@code source} names the set in errors. */
    public static FittedImageGenerator fit(ImageSet set, String source, ImageGeneratorOptions options, long seed, Progress progress) {
        ImageData data = ImageData.of(set, source).requireMultipleOf4(source);
        int[] counts = set.countsPerClass();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) throw new InputException(source, -1, "class", set.classes().get(k), "class has no images to learn from");
        }
        Arch arch = new Arch(data.channels(), data.height(), data.width(), data.classes(), options.latentDim(), options.base(), options.hidden());
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rInit = root.split(), rSteps = root.split();
        Torch.engine();
        try (NDManager base = Torch.manager()) {
            TrainingRun run;
            Weights weights;
            if (options.model().equals(Cvae.NAME)) {
                Cvae.Trainer t = new Cvae.Trainer(data, arch, options, base, rInit);
                run = new TrainingRun(Cvae.NAME, progress, options.epochs(), t.stepsPerEpoch, options.timeBudget());
                weights = t.train(run, rSteps);
            } else {
                Dcgan.Trainer t = new Dcgan.Trainer(data, arch, options, base, rInit);
                run = new TrainingRun(Dcgan.NAME, progress, options.epochs(), t.stepsPerEpoch, options.timeBudget());
                weights = t.train(run, rSteps);
            }
            ObjectNode report = ModelFile.object();
            run.write(report);
            report.put("images", data.n());
            Torch.describe(report);
            return new FittedImageGenerator(options, arch, set.classes(), weights, report);
        }
    }
}
