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
        Progress log = new Progress() {
            long last;
            public void update(String phase, long done, long total) {
                long now = System.nanoTime();
                if (now - last > 20_000_000_000L) { System.err.println(phase + " " + done + "/" + total); last = now; }
            }
        };
        ImageSet train = ImageSets.read(ds, "train");
        ImageSet test = ImageSets.read(ds, "test");
        if (args[1].equals("fit")) {
            // fit model epochs trainPerClass budgetSeconds out
            String model = args[2];
            int trainPerClass = Integer.parseInt(args[4]);
            if (trainPerClass < 6000) train = train.firstPerClass(trainPerClass);
            ImageGeneratorOptions o = ImageGeneratorOptions.defaults(model).withEpochs(Integer.parseInt(args[3])).withTimeBudget(Double.parseDouble(args[5]));
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            FittedImageGenerator g = ImageGenerator.fit(train, "fashion", o, 7, log);
            long cpu1 = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            System.out.printf(Locale.ROOT, "fit %s %.1f s wall, %.1f s CPU, load %.1f: %s%n", model, (System.nanoTime() - t0) / 1e9, (cpu1 - cpu0) / 1e9,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), g.report());
            g.save(Path.of(args[6]));
            return;
        }
        // eval modelFile perClass steps temperature [real]
        FittedImageGenerator g = FittedImageGenerator.load(Path.of(args[2]));
        int perClass = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        double temp = Double.parseDouble(args[5]);
        int[] counts = new int[10];
        java.util.Arrays.fill(counts, perClass);
        ImageSet gen = g.sample(counts, 11, temp, Progress.NONE);
        dev.ersatz.core.image.ImageFiles.write(Path.of(args[2] + ".png"), montage(gen, 12, 3));
        long t1 = System.nanoTime();
        ImageClassifier syn = ImageClassifier.fit(gen, ImageClassifier.Options.steps(steps), 3, null, log);
        System.out.printf(Locale.ROOT, "classifier on synthetic (%d/class, T=%.2f): %.1f s, TSTR %.4f%n", perClass, temp, (System.nanoTime() - t1) / 1e9, syn.accuracy(test));
        if (args.length > 6) {
            ImageClassifier real = ImageClassifier.fit(train, ImageClassifier.Options.steps(steps), 3, null, log);
            System.out.printf(Locale.ROOT, "TRTR %.4f%n", real.accuracy(test));
            double fd = FrechetDistance.of(real.features(test), real.features(gen));
            double fdTrain = FrechetDistance.of(real.features(test), real.features(train.firstPerClass(perClass)));
            System.out.printf(Locale.ROOT, "FD test-vs-generated %.3f, test-vs-train %.3f%n", fd, fdTrain);
        }
    }
}
