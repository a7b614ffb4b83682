package dev.ersatz.neural.image;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;
import dev.ersatz.core.image.ImageSets;
import dev.ersatz.core.image.LabelledImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The image generators on the shared 8×8 digits (small and fast): class-conditional output,
 * determinism, model-file round trip, the time budget, and that training beats no training on a
 * real-trained classifier's view of the samples.
 */
class ImageGeneratorTest {
    @TempDir Path tmp;

    static ImageSet digits;
    static ImageSet train;
    static ImageSet held;

    @BeforeAll
    static void read() {
        String root = System.getProperty("ersatz.datasets", "../shared/datasets");
        Path csv = Path.of(root).resolve("digits_8x8/digits.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "dataset not found, test skipped: " + csv.toAbsolutePath());
        digits = ImageSets.read(csv);
        train = digits.firstPerClass(60);
        List<LabelledImage> rest = new ArrayList<>(digits.images());
        rest.removeAll(train.images());
        held = new ImageSet(digits.classes(), rest).firstPerClass(40);
    }

    static ImageGeneratorOptions small(String model, int epochs) {
        return ImageGeneratorOptions.defaults(model).withEpochs(epochs).withBatchSize(32).withWidths(8, 32).withLatentDim(8);
    }

    @Test
    void cvaeSamplesEveryClassDeterministicallyAndRoundTripsThroughItsModelFile() {
        FittedImageGenerator a = ImageGenerator.fit(train, "digits", small("cvae", 2), 5, Progress.NONE);
        FittedImageGenerator b = ImageGenerator.fit(train, "digits", small("cvae", 2), 5, Progress.NONE);
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        assertThat(a.report().path("epochsTrained").asInt()).isEqualTo(2);
        assertThat(a.report().path("steps").asInt()).isEqualTo(2 * ((600 + 31) / 32));

        ImageSet s = a.sample(3, 9, Progress.NONE);
        assertThat(s.size()).isEqualTo(30);
        assertThat(s.classes()).isEqualTo(digits.classes());
        assertThat(s.countsPerClass()).containsOnly(3);
        assertThat(s.get(0).name()).isEqualTo("gen-00001");
        for (LabelledImage li : s.images()) {
            assertThat(li.image().width()).isEqualTo(8);
            assertThat(li.image().height()).isEqualTo(8);
            assertThat(li.image().channels()).isEqualTo(1);
        }
        assertThat(b.sample(3, 9, Progress.NONE).images()).isEqualTo(s.images());
        assertThat(a.sample(3, 10, Progress.NONE).images()).isNotEqualTo(s.images());
        // A larger request extends a smaller one; other classes' counts do not matter.
        ImageSet more = a.sample(new int[] {5, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 9, Progress.NONE);
        assertThat(more.image(0)).isEqualTo(s.image(0));
        assertThat(more.image(2)).isEqualTo(s.image(2));
        assertThat(more.image(5)).isEqualTo(s.image(27));

        Path f = tmp.resolve("digits.ersatz");
        a.save(f);
        FittedImageGenerator loaded = FittedImageGenerator.load(f);
        assertThat(loaded.toBytes()).isEqualTo(a.toBytes());
        assertThat(loaded.sample(3, 9, Progress.NONE).images()).isEqualTo(s.images());
        assertThat(loaded.model()).isEqualTo("cvae");
    }

    @Test
    void trainedCvaeBeatsUntrainedOnARealTrainedClassifier() {
        ImageClassifier judge = ImageClassifier.fit(train, ImageClassifier.Options.steps(150), 1, null, Progress.NONE);
        double real = judge.accuracy(held);
        assertThat(real).isGreaterThan(0.8);
        // No step at all (the budget is spent before the first) against 40 epochs.
        FittedImageGenerator untrained = ImageGenerator.fit(train, "digits", small("cvae", 15).withTimeBudget(1e-9), 3, Progress.NONE);
        assertThat(untrained.report().path("steps").asInt()).isZero();
        assertThat(untrained.report().path("stoppedBy").asText()).isEqualTo("time budget");
        FittedImageGenerator trained = ImageGenerator.fit(train, "digits", small("cvae", 15), 3, Progress.NONE);
        ImageSet gu = untrained.sample(40, 1, Progress.NONE), gt = trained.sample(40, 1, Progress.NONE);
        double accUntrained = judge.accuracy(gu), accTrained = judge.accuracy(gt);
        assertThat(accTrained).as("class fidelity of trained samples").isGreaterThan(0.6).isGreaterThan(accUntrained + 0.3);
        double fdUntrained = FrechetDistance.of(judge.features(held), judge.features(gu));
        double fdTrained = FrechetDistance.of(judge.features(held), judge.features(gt));
        assertThat(fdTrained).isLessThan(fdUntrained / 2);
    }

    @Test
    void dcganTrainsDeterministicallyAndSamplesEveryClass() {
        FittedImageGenerator a = ImageGenerator.fit(train, "digits", small("dcgan", 2), 5, Progress.NONE);
        FittedImageGenerator b = ImageGenerator.fit(train, "digits", small("dcgan", 2), 5, Progress.NONE);
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        assertThat(a.report().path("steps").asInt()).isEqualTo(2 * (600 / 32));
        ImageSet s = a.sample(2, 4, Progress.NONE);
        assertThat(s.countsPerClass()).containsOnly(2);
        assertThat(b.sample(2, 4, Progress.NONE).images()).isEqualTo(s.images());
        Path f = tmp.resolve("gan.ersatz");
        a.save(f);
        assertThat(FittedImageGenerator.load(f).sample(2, 4, Progress.NONE).images()).isEqualTo(s.images());
    }

    @Test
    void colourImagesComeBackInColourAndInTheirClass() {
        // Two classes of 8×8 RGB images: reddish squares and bluish squares, with noise.
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        List<LabelledImage> items = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            int label = i % 2;
            Image im = Image.blank(8, 8, 3);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int strong = 150 + r.nextInt(100), weak = r.nextInt(60);
                    im.set(x, y, 0, label == 0 ? strong : weak);
                    im.set(x, y, 1, r.nextInt(60));
                    im.set(x, y, 2, label == 0 ? weak : strong);
                }
            }
            items.add(new LabelledImage("img" + i, im, label));
        }
        ImageSet set = new ImageSet(List.of("red", "blue"), items);
        FittedImageGenerator g = ImageGenerator.fit(set, "colours", small("cvae", 15), 2, Progress.NONE);
        assertThat(g.channels()).isEqualTo(3);
        ImageSet s = g.sample(10, 3, Progress.NONE);
        double[] redMinusBlue = new double[2];
        for (LabelledImage li : s.images()) {
            assertThat(li.image().channels()).isEqualTo(3);
            for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) redMinusBlue[li.label()] += li.image().get(x, y, 0) - li.image().get(x, y, 2);
        }
        assertThat(redMinusBlue[0] / 640).as("red class").isGreaterThan(50);
        assertThat(redMinusBlue[1] / 640).as("blue class").isLessThan(-50);
    }

    @Test
    void progressReportsEpochsWithTheLoss() {
        List<String> phases = new ArrayList<>();
        ImageGenerator.fit(train.firstPerClass(10), "digits", small("cvae", 2), 1, (phase, done, total) -> phases.add(phase));
        assertThat(phases).anyMatch(p -> p.startsWith("training cvae | epoch 2/2, loss "));
    }

    @Test
    void unsuitableImagesAreRefusedWithOneLine() {
        List<LabelledImage> mixed = new ArrayList<>(train.firstPerClass(2).images());
        mixed.add(new LabelledImage("odd", Image.blank(12, 8, 1), 0));
        ImageSet bad = new ImageSet(train.classes(), mixed);
        assertThatThrownBy(() -> ImageGenerator.fit(bad, "set", small("cvae", 1), 1, Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessage("set: value \"odd\": images differ in size (12x8, the first is 8x8): resize them to one size first");
        ImageSet sixes = new ImageSet(List.of("a"), List.of(new LabelledImage("x", Image.blank(6, 6, 1), 0)));
        assertThatThrownBy(() -> ImageGenerator.fit(sixes, "set", small("cvae", 1), 1, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("multiples of 4");
        ImageSet missing = new ImageSet(List.of("a", "b"), List.of(new LabelledImage("x", Image.blank(8, 8, 1), 0)));
        assertThatThrownBy(() -> ImageGenerator.fit(missing, "set", small("cvae", 1), 1, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessage("set: column 'class', value \"b\": class has no images to learn from");
        assertThatThrownBy(() -> ImageGeneratorOptions.defaults("ddpm"))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown image model");
    }
}
