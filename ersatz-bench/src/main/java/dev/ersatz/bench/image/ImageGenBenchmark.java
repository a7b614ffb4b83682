package dev.ersatz.bench.image;

import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.core.Progress;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.ImageSets;
import dev.ersatz.core.image.LabelledImage;
import dev.ersatz.neural.Torch;
import dev.ersatz.neural.image.FittedImageGenerator;
import dev.ersatz.neural.image.FrechetDistance;
import dev.ersatz.neural.image.ImageClassifier;
import dev.ersatz.neural.image.ImageGenerator;
import dev.ersatz.neural.image.ImageGeneratorOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evidence for the image generator and augmentation (issue 10, part 6), on Fashion-MNIST.
 *
 * <pre>
 * ImageGenBenchmark tstr  DATASETS OUT [model] [budgetSeconds] [classifierSteps] [perClass]
 *     fit the generator on the 60,000 training images within the budget (wall, CPU time and load
 *     recorded), sample perClass images per class, train the small CNN ({@link ImageClassifier}) on
 *     the generated images only and on the real ones (same steps, three seeds each), test both on the
 *     10,000 real test images; Fréchet distance on the real-trained classifier's features.
 * ImageGenBenchmark small DATASETS OUT [classifierSteps] [generatedPerClass] [generatorEpochs] [model] [variants]
 *     100 training images per class (a different draw per seed, three seeds): the CNN without
 *     augmentation, with the small-data preset, with generated images added (a generator trained on
 *     the same 1,000 images) and with both, every variant for the same number of steps.
 * ImageGenBenchmark validate DATASETS OUT [classifierSteps] [seeds] [candidates]
 *     chooses an augmentation recipe without touching the test images: the same 100-per-class draws
 *     (seeds 1, 2, 3, or the first {@code seeds} of them), each candidate ("none", a preset name or a
 *     pipeline JSON file; comma-separated) trained for the same steps, accuracy on a validation set of
 *     1,000 training images per class that are in none of the three draws.
 * </pre>
 * Prints Markdown tables; OUT receives the models and a montage of samples.
 */
public final class ImageGenBenchmark {
    static final long[] SEEDS = {1, 2, 3};

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ImageGenBenchmark tstr|small|validate DATASETS OUT [...]");
            System.exit(2);
        }
        Path fashion = Path.of(args[1]).resolve("fashion_mnist");
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        ImageSet train = ImageSets.read(fashion, "train");
        ImageSet test = ImageSets.read(fashion, "test");
        System.out.println("engine: " + Torch.describe());
        switch (args[0]) {
            case "tstr" -> tstr(train, test, out, arg(args, 3, "cvae"), Double.parseDouble(arg(args, 4, "600")),
                    Integer.parseInt(arg(args, 5, "3000")), Integer.parseInt(arg(args, 6, "1000")));
            case "small" -> small(train, test, out, Integer.parseInt(arg(args, 3, "3000")), Integer.parseInt(arg(args, 4, "100")),
                    Integer.parseInt(arg(args, 5, "200")), arg(args, 6, "cvae"), List.of(arg(args, 7, "none,small-data,generated,both").split(",")));
            case "validate" -> validate(train, Integer.parseInt(arg(args, 3, "3000")), Integer.parseInt(arg(args, 4, "3")),
                    List.of(arg(args, 5, "none,small-data").split(",")));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static String arg(String[] a, int i, String dflt) {
        return a.length > i ? a[i] : dflt;
    }

    static final Progress LOG = new Progress() {
        long last;

        @Override
        public void update(String phase, long done, long total) {
            long now = System.nanoTime();
            if (now - last > 30_000_000_000L) {
                System.err.println("  " + phase + " " + done + "/" + total);
                last = now;
            }
        }
    };

    /** Wall seconds, process CPU seconds and the load average at the end, of one piece of work. */
    record Timed<T>(T value, double wall, double cpu, double loadBefore, double loadAfter) {
        String describe() {
            return String.format(Locale.ROOT, "%.0f s wall, %.0f s CPU, load average %.1f → %.1f", wall, cpu, loadBefore, loadAfter);
        }
    }

    static <T> Timed<T> timed(java.util.function.Supplier<T> work) {
        var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        double load0 = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        T v = work.get();
        return new Timed<>(v, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, load0, os.getSystemLoadAverage());
    }

    static void tstr(ImageSet train, ImageSet test, Path out, String model, double budget, int steps, int perClass) {
        ImageGeneratorOptions o = ImageGeneratorOptions.defaults(model).withEpochs(1000).withTimeBudget(budget);
        Timed<FittedImageGenerator> fit = timed(() -> ImageGenerator.fit(train, "fashion-mnist train", o, 7, LOG));
        FittedImageGenerator g = fit.value();
        g.save(out.resolve(model + "-fashion.ersatz"));
        System.out.printf(Locale.ROOT, "%n%s fit on 60,000 images: %s; %s%n", model, fit.describe(), g.report());
        Timed<ImageSet> sampled = timed(() -> g.sample(perClass, 11, Progress.NONE));
        ImageSet gen = sampled.value();
        System.out.printf(Locale.ROOT, "sampled %d images: %s%n", gen.size(), sampled.describe());
        dev.ersatz.core.image.ImageFiles.write(out.resolve(model + "-samples.png"), Montage.of(gen, 12, 2));
        ImageSet realSame = train.samplePerClass(perClass, 11);

        List<Double> syn = new ArrayList<>(), real = new ArrayList<>(), realSameSize = new ArrayList<>();
        ImageClassifier judge = null;
        for (long seed : SEEDS) {
            ImageClassifier cs = ImageClassifier.fit(gen, ImageClassifier.Options.steps(steps), seed, null, LOG);
            syn.add(cs.accuracy(test));
            ImageClassifier cr = ImageClassifier.fit(train, ImageClassifier.Options.steps(steps), seed, null, LOG);
            real.add(cr.accuracy(test));
            ImageClassifier cm = ImageClassifier.fit(realSame, ImageClassifier.Options.steps(steps), seed, null, LOG);
            realSameSize.add(cm.accuracy(test));
            if (judge == null) judge = cr;
            System.err.printf(Locale.ROOT, "  seed %d: TSTR %.4f, real %.4f, real (%d/class) %.4f%n", seed, syn.get(syn.size() - 1),
                    real.get(real.size() - 1), perClass, realSameSize.get(realSameSize.size() - 1));
        }
        double[][] fTest = judge.features(test);
        double fdGen = FrechetDistance.of(fTest, judge.features(gen));
        double fdReal = FrechetDistance.of(fTest, judge.features(realSame));
        System.out.printf(Locale.ROOT, "%n| classifier trained on (%d steps, batch 64) | test accuracy, mean ± sd over 3 seeds | seeds |%n|---|---|---|%n", steps);
        System.out.printf(Locale.ROOT, "| real, all 60,000 training images | %s | %s |%n", ms(real), list(real));
        System.out.printf(Locale.ROOT, "| real, %,d (%d per class) | %s | %s |%n", realSame.size(), perClass, ms(realSameSize), list(realSameSize));
        System.out.printf(Locale.ROOT, "| generated only (%s, %d per class): TSTR | %s | %s |%n", model, perClass, ms(syn), list(syn));
        System.out.printf(Locale.ROOT, "%nFréchet distance to the 10,000 test images on the real-trained classifier's %d features (seed 1):"
                + " generated %.2f, real training images (same count) %.2f%n", judge.features(), fdGen, fdReal);
    }

    /** The four variants at 100 images per class: none, the small-data preset, generated images added, and both. */
    static void small(ImageSet train, ImageSet test, Path out, int steps, int generatedPerClass, int generatorEpochs, String model,
                      List<String> variants) {
        Pipeline smallData = Pipeline.preset("small-data");
        Map<String, List<Double>> acc = new LinkedHashMap<>();
        for (String v : List.of("none", "small-data", "generated", "both")) acc.put(v, new ArrayList<>());
        double genSeconds = 0, genCpu = 0;
        for (long seed : SEEDS) {
            ImageSet subset = train.samplePerClass(100, seed);
            ImageClassifier.Options co = ImageClassifier.Options.steps(steps);
            acc.get("none").add(ImageClassifier.fit(subset, co, seed, null, LOG).accuracy(test));
            if (variants.contains("small-data")) acc.get("small-data").add(ImageClassifier.fitMixing(subset, co, seed, SmallData.mixing(smallData, subset), LOG).accuracy(test));
            if (!variants.contains("generated") && !variants.contains("both")) continue;
            ImageGeneratorOptions o = ImageGeneratorOptions.defaults(model).withEpochs(generatorEpochs);
            Timed<FittedImageGenerator> fit = timed(() -> ImageGenerator.fit(subset, "fashion-mnist 100/class", o, seed, LOG));
            genSeconds += fit.wall();
            genCpu += fit.cpu();
            ImageSet gen = fit.value().sample(generatedPerClass, seed, Progress.NONE);
            if (seed == SEEDS[0]) dev.ersatz.core.image.ImageFiles.write(out.resolve("small-" + model + "-samples.png"), Montage.of(gen, 12, 2));
            ImageSet mixed = subset.concat(gen);
            if (variants.contains("generated")) acc.get("generated").add(ImageClassifier.fit(mixed, co, seed, null, LOG).accuracy(test));
            if (variants.contains("both")) acc.get("both").add(ImageClassifier.fitMixing(mixed, co, seed, SmallData.mixing(smallData, mixed), LOG).accuracy(test));
            System.err.printf(Locale.ROOT, "  seed %d done: %s (generator %s)%n", seed, acc, fit.describe());
        }
        List<Double> base = acc.get("none");
        System.out.printf(Locale.ROOT, "%n| 100 images per class, %d steps (batch 64) | test accuracy, mean ± sd | gain over none, points (mean ± sd of the per-seed gains) | seeds 1, 2, 3 |%n|---|---|---|---|%n", steps);
        for (Map.Entry<String, List<Double>> e : acc.entrySet()) {
            if (e.getValue().isEmpty()) {
                System.out.printf(Locale.ROOT, "| %s | not run | | |%n", e.getKey());
                continue;
            }
            List<Double> gains = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) gains.add(100 * (e.getValue().get(i) - base.get(i)));
            System.out.printf(Locale.ROOT, "| %s | %s | %+.1f ± %.1f | %s |%n", e.getKey(), ms(e.getValue()), mean(gains), sd(gains), list(e.getValue()));
        }
        if (genSeconds > 0) System.out.printf(Locale.ROOT, "%n%s on 1,000 images, %d epochs: %.0f s wall, %.0f s CPU in all (3 fits); %d generated per class added%n",
                model, generatorEpochs, genSeconds, genCpu, generatedPerClass);
    }

    /**
     * 1,000 training images per class (seed 0) among those in none of the 100-per-class draws of
     * {@link #SEEDS}: a validation set disjoint from every training draw and from the test images.
     */
    static ImageSet validationSet(ImageSet train, int perClass) {
        Set<LabelledImage> drawn = Collections.newSetFromMap(new IdentityHashMap<>());
        for (long seed : SEEDS) drawn.addAll(train.samplePerClass(100, seed).images());
        List<LabelledImage> rest = new ArrayList<>();
        for (LabelledImage li : train.images()) if (!drawn.contains(li)) rest.add(li);
        return new ImageSet(train.classes(), rest).samplePerClass(perClass, 0);
    }

    /** Every candidate recipe on the same draws and steps, scored on the validation set. */
    static void validate(ImageSet train, int steps, int seeds, List<String> candidates) {
        ImageSet val = validationSet(train, 1000);
        System.out.printf(Locale.ROOT, "validation: %,d training images outside the draws of seeds %s%n", val.size(), java.util.Arrays.toString(SEEDS));
        Map<String, Pipeline> pipes = new LinkedHashMap<>();
        for (String c : candidates) pipes.put(c, c.equals("none") ? null : SmallData.pipeline(c));
        Map<String, List<Double>> acc = new LinkedHashMap<>();
        for (String c : candidates) acc.put(c, new ArrayList<>());
        for (int si = 0; si < seeds; si++) {
            long seed = SEEDS[si];
            ImageSet subset = train.samplePerClass(100, seed);
            for (String c : candidates) {
                ImageClassifier.MixingAugmenter aug = pipes.get(c) == null ? null : SmallData.mixing(pipes.get(c), subset);
                Timed<Double> t = timed(() -> ImageClassifier.fitMixing(subset, ImageClassifier.Options.steps(steps), seed, aug, LOG).accuracy(val));
                acc.get(c).add(t.value());
                System.err.printf(Locale.ROOT, "  seed %d %s: %.4f (%s)%n", seed, c, t.value(), t.describe());
            }
        }
        List<Double> base = acc.get(candidates.get(0));
        System.out.printf(Locale.ROOT, "%n| candidate, %d steps (batch 64) | validation accuracy, mean ± sd | gain over %s, points | seeds |%n|---|---|---|---|%n",
                steps, candidates.get(0));
        for (Map.Entry<String, List<Double>> e : acc.entrySet()) {
            List<Double> gains = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) gains.add(100 * (e.getValue().get(i) - base.get(i)));
            System.out.printf(Locale.ROOT, "| %s | %s | %+.1f ± %.1f | %s |%n", e.getKey(), ms(e.getValue()), mean(gains), sd(gains), list(e.getValue()));
        }
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return v.size() > 1 ? Math.sqrt(s / (v.size() - 1)) : 0;
    }

    static String ms(List<Double> v) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean(v), sd(v));
    }

    static String list(List<Double> v) {
        return String.join(", ", v.stream().map(x -> String.format(Locale.ROOT, "%.4f", x)).toList());
    }
}
