package dev.ersatz.cli.generate;

import dev.ersatz.cli.CliProgress;
import dev.ersatz.core.InputException;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.ImageSets;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.neural.image.FittedImageGenerator;
import dev.ersatz.neural.image.ImageGenerator;
import dev.ersatz.neural.image.ImageGeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ersatz generate images}: trains a class-conditional image generator on a labelled image set
 * (or loads one saved earlier) and writes new images per class as an ImageFolder of PNGs.
 */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a class-conditional image generator (cvae or dcgan) on labelled images and write new",
                "images per class as PNGs in one subfolder per class; or sample a generator saved with --save-model.",
                "Same images, options, seed and thread count: same model file and same images."})
public final class GenerateImagesCommand implements Callable<Integer> {
    @Option(names = "--train", paramLabel = "PATH",
            description = "Labelled images: a Fashion-MNIST/MNIST IDX folder or images file, a pixel CSV (such as digits.csv) or a folder with one subfolder per class (PNG/JPEG).")
    Path train;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train", description = "Which IDX split of an IDX folder to learn from (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--model-file", paramLabel = "MODEL", description = "Sample from a generator saved by --save-model instead of training one.")
    Path modelFile;

    @Option(names = "--model", paramLabel = "dcgan|cvae", defaultValue = "dcgan", description = "The generator to train: dcgan (default) or cvae.")
    String model;

    @Option(names = "--per-class", paramLabel = "N", description = "Images to write for every class.")
    Integer perClass;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (one subfolder per class); must be new or empty unless --overwrite.")
    Path out;

    @Option(names = "--overwrite", description = "Replace a non-empty output folder (the old one is removed only after the new one is complete).")
    boolean overwrite;

    @Option(names = "--save-model", paramLabel = "MODEL", description = "Also save the trained generator (e.g. images.ersatz), for later --model-file runs.")
    Path saveModel;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed for training and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: cvae 30, dcgan 20).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per training step (default: cvae 128, dcgan 64).")
    Integer batchSize;

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "Stop training after this long (such as 90s, 10m), keeping the model trained so far.")
    String timeBudget;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "Scale of the latent draws when sampling (default: ${DEFAULT-VALUE}; below 1: more typical, less varied).")
    double temperature;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (train == null && modelFile == null) throw new InputException("--train", "give --train IMAGES to train a generator, or --model-file MODEL to sample a saved one");
        if (train != null && modelFile != null) throw new InputException("--model-file", "give either --train or --model-file, not both");
        if (out == null && saveModel == null) throw new InputException("--out", "give --out DIR (with --per-class N) for images, or --save-model MODEL");
        if (out != null && perClass == null) throw new InputException("--per-class", "give --per-class N: how many images to write for every class");
        if (perClass != null && perClass < 0) throw new InputException("--per-class", -1, null, perClass.toString(), "must not be negative");
        if (modelFile != null && (epochs != null || batchSize != null || timeBudget != null || saveModel != null)) {
            throw new InputException("--model-file", "--epochs, --batch-size, --time-budget and --save-model apply to training, not to a saved model");
        }
        if (!(temperature > 0)) throw new InputException("--temperature", -1, null, Double.toString(temperature), "must be positive");
        if (out != null) checkOut(out);
        if (saveModel != null) AtomicFiles.checkParent(saveModel);
        var w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        FittedImageGenerator g;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            if (modelFile != null) {
                g = FittedImageGenerator.load(modelFile);
            } else {
                ImageGeneratorOptions o = ImageGeneratorOptions.defaults(model);
                if (epochs != null) o = o.withEpochs(epochs);
                if (batchSize != null) o = o.withBatchSize(batchSize);
                if (timeBudget != null) o = o.withTimeBudget(ImageGeneratorOptions.parseSeconds(timeBudget, "--time-budget"));
                ImageSet set = ImageSets.read(train, split);
                g = ImageGenerator.fit(set, train.toString(), o, seed, progress);
                var r = g.report();
                int ep = r.path("epochsTrained").asInt();
                w.printf(Locale.ROOT, "%s trained on %d images (%d classes, %dx%d) for %d epoch%s, %d steps (stopped by %s) in %.1f s%n", g.model(),
                        r.path("images").asInt(), g.classes().size(), g.width(), g.height(), ep, ep == 1 ? "" : "s", r.path("steps").asLong(),
                        r.path("stoppedBy").asText(), (System.nanoTime() - t0) / 1e9);
                if (saveModel != null) {
                    g.save(saveModel);
                    w.println("model saved to " + saveModel);
                }
            }
            if (out != null) {
                long t1 = System.nanoTime();
                int[] counts = new int[g.classes().size()];
                java.util.Arrays.fill(counts, perClass);
                ImageSet images = g.sample(counts, seed, temperature, progress);
                ImageSets.writeImageFolder(images, out, overwrite);
                w.printf(Locale.ROOT, "%d images (%d classes x %d) written to %s in %.1f s%n", images.size(), counts.length, perClass, out,
                        (System.nanoTime() - t1) / 1e9);
            }
        }
        w.flush();
        return 0;
    }

    /** Refuses an output that cannot be written, before any training. */
    private void checkOut(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
            throw new InputException(dir.toString(), "output's parent folder does not exist: " + abs.getParent());
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) throw new InputException(dir.toString(), "output exists and is not a folder");
        if (!overwrite && Files.isDirectory(abs)) {
            try (var s = Files.list(abs)) {
                if (s.findAny().isPresent()) throw new InputException(dir.toString(), "output folder exists and is not empty (remove it, choose another or give --overwrite)");
            } catch (java.io.IOException e) {
                throw new InputException(dir.toString(), "cannot read the output folder: " + e.getMessage());
            }
        }
    }
}
