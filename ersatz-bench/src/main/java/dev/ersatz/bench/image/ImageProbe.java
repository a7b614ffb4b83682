package dev.ersatz.bench.image;

import dev.ersatz.core.Progress;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.ImageSets;
import dev.ersatz.neural.image.FittedImageGenerator;
import dev.ersatz.neural.image.FrechetDistance;
import dev.ersatz.neural.image.ImageClassifier;
import dev.ersatz.neural.image.ImageGenerator;
import dev.ersatz.neural.image.ImageGeneratorOptions;

import java.nio.file.Path;
import java.util.Locale;

/** Scratch probe: fit a generator, TSTR and FD. args: datasets model epochs trainPerClass steps perClass [budgetSeconds] */
public final class ImageProbe {
    /** A grid: one row per class, {@code per} images each, scaled by {@code scale} (grey). */
    static dev.ersatz.core.image.Image montage(ImageSet set, int per, int scale) {
        int k = set.classes().size(), w = set.image(0).width(), h = set.image(0).height();
        dev.ersatz.core.image.Image out = dev.ersatz.core.image.Image.blank(per * w * scale, k * h * scale, 1);
        int[] seen = new int[k];
        for (int i = 0; i < set.size(); i++) {
            int c = set.label(i);
            if (seen[c] >= per) continue;
            dev.ersatz.core.image.Image im = set.image(i).toGray();
            for (int y = 0; y < h * scale; y++)
                for (int x = 0; x < w * scale; x++) out.set(seen[c] * w * scale + x, c * h * scale + y, 0, im.get(x / scale, y / scale, 0));
            seen[c]++;
        }
        return out;
    }

    public static void main(String[] args) {
        Path ds = Path.of(args[0]).resolve("fashion_mnist");
        String model = args[1];
        int epochs = Integer.parseInt(args[2]);
        int trainPerClass = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        int perClass = Integer.parseInt(args[5]);
        double budget = args.length > 6 ? Double.parseDouble(args[6]) : 0;
        Progress log = new Progress() {
            long last;
            public void update(String phase, long done, long total) {
                long now = System.nanoTime();
                if (now - last > 10_000_000_000L) { System.err.println(phase + " " + done + "/" + total); last = now; }
            }
        };
        ImageSet train = ImageSets.read(ds, "train");
        if (trainPerClass < 6000) train = train.firstPerClass(trainPerClass);
        ImageSet test = ImageSets.read(ds, "test");
        long t0 = System.nanoTime();
        ImageGeneratorOptions o = ImageGeneratorOptions.defaults(model).withEpochs(epochs).withTimeBudget(budget);
        FittedImageGenerator g = ImageGenerator.fit(train, "fashion", o, 7, log);
        double fitS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "fit %s %.1f s %s%n", model, fitS, g.report());
        ImageSet gen = g.sample(perClass, 11, Progress.NONE);
        dev.ersatz.core.image.ImageFiles.write(Path.of("/tmp/imggen-probe-" + model + ".png"), montage(gen, 12, 3));
        long t1 = System.nanoTime();
        ImageClassifier syn = ImageClassifier.fit(gen, ImageClassifier.Options.steps(steps), 3, null, log);
        System.out.printf(Locale.ROOT, "classifier on synthetic: %.1f s, TSTR %.4f%n", (System.nanoTime() - t1) / 1e9, syn.accuracy(test));
        if (args.length > 7) {
            ImageClassifier real = ImageClassifier.fit(train, ImageClassifier.Options.steps(steps), 3, null, log);
            System.out.printf(Locale.ROOT, "TRTR %.4f%n", real.accuracy(test));
            double fd = FrechetDistance.of(real.features(test), real.features(gen));
            double fdTrain = FrechetDistance.of(real.features(test), real.features(train.firstPerClass(perClass)));
            System.out.printf(Locale.ROOT, "FD test-vs-generated %.3f, test-vs-train %.3f%n", fd, fdTrain);
        }
    }
}
