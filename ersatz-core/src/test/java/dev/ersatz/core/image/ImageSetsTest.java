package dev.ersatz.core.image;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Labelled image sets read from the shared Fashion-MNIST and digits files, written and read back as ImageFolders. */
class ImageSetsTest {
    @TempDir Path tmp;

    static Path dataset(String relative) {
        String root = System.getProperty("ersatz.datasets", "../shared/datasets");
        Path p = Path.of(root).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "dataset not found, test skipped: " + p.toAbsolutePath());
        return p;
    }

    @Test
    void readsFashionMnistTestSplitFromTheFolder() {
        ImageSet set = ImageSets.read(dataset("fashion_mnist"), "test");
        assertEquals(10_000, set.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), set.classes());
        int[] counts = set.countsPerClass();
        for (int c : counts) assertEquals(1000, c);
        // Reference values from numpy on the same file: labels 9 2 1 1 6 ..., first image sums to 33456.
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(set.labels(), 10));
        Image first = set.image(0);
        assertEquals(28, first.width());
        assertEquals(28, first.height());
        assertEquals(1, first.channels());
        long sum = 0;
        for (byte b : first.pixels()) sum += b & 0xFF;
        assertEquals(33456, sum);
        assertEquals(98, first.get(12, 14, 0));
        assertEquals(136, first.get(13, 14, 0));
        assertEquals("test-00000", set.get(0).name());
    }

    @Test
    void readsUncompressedIdxAndPicksTheLabelsBesideAnImagesFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("idx"));
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(images, prefix(gunzip(dataset("fashion_mnist/t10k-images-idx3-ubyte.gz")), 20, 28 * 28));
        Files.write(labels, prefix(gunzip(dataset("fashion_mnist/t10k-labels-idx1-ubyte.gz")), 20, 1));
        Files.writeString(dir.resolve("classes.txt"), "T-shirt/top\nTrouser\nPullover\nDress\nCoat\nSandal\nShirt\nSneaker\nBag\nAnkle boot\n");
        ImageSet set = ImageSets.read(images);
        assertEquals(20, set.size());
        assertEquals("Ankle boot", set.classes().get(set.label(0)));
        assertEquals(set.image(5), ImageSets.read(dir, "test").image(5));
    }

    @Test
    void truncatedAndCorruptIdxFilesGiveOneLineNamingTheFile() throws IOException {
        byte[] gz = Files.readAllBytes(dataset("fashion_mnist/t10k-images-idx3-ubyte.gz"));
        Path labels = dataset("fashion_mnist/t10k-labels-idx1-ubyte.gz");

        Path cut = tmp.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        InputException e = assertThrows(InputException.class, () -> ImageSets.readIdx(cut, labels));
        assertTrue(e.getMessage().startsWith(cut.toString() + ": truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        // Whole gzip stream, but the IDX payload inside it stops early.
        Path shortRaw = tmp.resolve("short-images-idx3-ubyte.gz");
        byte[] raw = gunzip(dataset("fashion_mnist/t10k-images-idx3-ubyte.gz"));
        Files.write(shortRaw, gzip(Arrays.copyOf(raw, 16 + 28 * 28 * 3 + 100)));
        e = assertThrows(InputException.class, () -> ImageSets.readIdx(shortRaw, labels));
        assertEquals(shortRaw + ": truncated: the header says 10000 images of 28x28, the file ends inside image 4", e.getMessage());

        Path garbled = tmp.resolve("garbled-images-idx3-ubyte.gz");
        byte[] g = gz.clone();
        for (int i = 200; i < 400; i++) g[i] = (byte) (g[i] ^ 0x5A);
        Files.write(garbled, g);
        e = assertThrows(InputException.class, () -> ImageSets.readIdx(garbled, labels));
        assertTrue(e.getMessage().startsWith(garbled + ": "), e.getMessage());

        e = assertThrows(InputException.class, () -> ImageSets.readIdx(labels, labels));
        assertEquals(labels + ": not an IDX labels file (magic 2049, expected 2051)".replace("labels file", "images file"), e.getMessage());

        Path fewLabels = tmp.resolve("few-labels-idx1-ubyte");
        Files.write(fewLabels, prefix(gunzip(labels), 10, 1));
        e = assertThrows(InputException.class, () -> ImageSets.readIdx(dataset("fashion_mnist/t10k-images-idx3-ubyte.gz"), fewLabels));
        assertTrue(e.getMessage().contains("has 10000 images but " + fewLabels + " has 10 labels"), e.getMessage());
    }

    @Test
    void readsTheDigitsCsvScaledTo255() {
        ImageSet set = ImageSets.read(dataset("digits_8x8/digits.csv"));
        assertEquals(1797, set.size());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, set.countsPerClass());
        Image first = set.image(0);
        assertEquals(8, first.width());
        assertEquals(8, first.height());
        assertEquals("0", set.classes().get(set.label(0)));
        // First row starts 0,0,5,13,9,1,0,0 on the 0-16 scale.
        int[] expected = {0, 0, (5 * 255 + 8) / 16, (13 * 255 + 8) / 16, (9 * 255 + 8) / 16, (255 + 8) / 16, 0, 0};
        for (int x = 0; x < 8; x++) assertEquals(expected[x], first.get(x, 0, 0));
        assertEquals("row-00001", set.get(0).name());
    }

    @Test
    void badCsvRowsNameRowColumnAndValue() throws IOException {
        List<String> lines = Files.readAllLines(dataset("digits_8x8/digits.csv")).subList(0, 6);
        Path f = tmp.resolve("d.csv");
        List<String> bad = new ArrayList<>(lines);
        bad.set(3, bad.get(3).replaceFirst("^0,0,", "0,17,"));
        Files.write(f, bad);
        InputException e = assertThrows(InputException.class, () -> ImageSets.readCsv(f));
        assertEquals(f + ": row 3, column 'p0_1', value \"17\": pixel value outside 0-16", e.getMessage());

        List<String> cut = new ArrayList<>(lines);
        cut.set(5, cut.get(5).substring(0, 30));
        Files.write(f, cut);
        e = assertThrows(InputException.class, () -> ImageSets.readCsv(f));
        assertTrue(e.getMessage().startsWith(f + ": row 5: has "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(truncated?)"), e.getMessage());
    }

    @Test
    void imageFolderRoundTripIsExactAndAtomic() throws IOException {
        ImageSet fashion = ImageSets.read(dataset("fashion_mnist"), "test").firstPerClass(3);
        assertEquals(30, fashion.size());
        Path out = tmp.resolve("out");
        ImageSets.writeImageFolder(fashion, out, false);
        assertTrue(Files.isRegularFile(out.resolve("9").resolve("test-00000.png")));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temp folder left beside the output");
        }
        ImageSet back = ImageSets.read(out);
        assertEquals(fashion.classes(), back.classes());
        assertEquals(30, back.size());
        for (int k = 0; k < 10; k++) {
            ImageSet a = only(fashion, k), b = only(back, k);
            for (int i = 0; i < 3; i++) {
                assertEquals(a.get(i).name(), b.get(i).name());
                assertEquals(a.image(i), b.image(i));
            }
        }
        byte[] before = Files.readAllBytes(out.resolve("9").resolve("test-00000.png"));
        InputException e = assertThrows(InputException.class, () -> ImageSets.writeImageFolder(fashion, out, false));
        assertEquals(out + ": output folder exists and is not empty (remove it or choose another)", e.getMessage());

        ImageSet one = fashion.slice(0, 1);
        ImageSets.writeImageFolder(one, out, true);
        assertEquals(1, ImageSets.read(out).size());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("9").resolve("test-00000.png")), "PNG bytes are deterministic");
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "old folder removed after the replace");
        }
    }

    @Test
    void badImagesInAFolderNameTheFileOrAreSkippedWhenAsked() throws IOException {
        ImageSet digits = ImageSets.read(dataset("digits_8x8/digits.csv")).firstPerClass(2);
        Path dir = tmp.resolve("set");
        ImageSets.writeImageFolder(digits, dir, false);
        Path png = dir.resolve("3").resolve("row-00004.png");
        byte[] good = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(good, good.length - 30));
        Files.writeString(dir.resolve("3").resolve("notes.txt"), "ignored");
        InputException e = assertThrows(InputException.class, () -> ImageSets.read(dir));
        assertTrue(e.getMessage().startsWith(png + ": corrupt or truncated image"), e.getMessage());

        List<String> skipped = new ArrayList<>();
        ImageSet rest = ImageSets.readImageFolder(dir, skipped::add);
        assertEquals(19, rest.size());
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).startsWith(png.toString()));

        Path jpg = tmp.resolve("x.jpg");
        ImageFiles.write(jpg, ImageSets.read(dataset("fashion_mnist"), "test").image(0).toRgb());
        byte[] j = Files.readAllBytes(jpg);
        Path cutJpg = tmp.resolve("cut.jpg");
        Files.write(cutJpg, Arrays.copyOf(j, j.length / 2));
        e = assertThrows(InputException.class, () -> ImageFiles.read(cutJpg));
        assertTrue(e.getMessage().startsWith(cutJpg + ": corrupt or truncated image"), e.getMessage());
        Image decoded = ImageFiles.read(jpg);
        assertEquals(3, decoded.channels());
    }

    @Test
    void rgbAndAlphaSurviveAPngRoundTrip() throws IOException {
        byte[] px = new byte[5 * 4 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 37);
        Image rgba = new Image(5, 4, 4, px);
        Path f = tmp.resolve("a.png");
        ImageFiles.write(f, rgba);
        assertEquals(rgba, ImageFiles.read(f));
        Image rgb = rgba.toRgb();
        ImageFiles.write(f, rgb);
        assertEquals(rgb, ImageFiles.read(f));
        assertEquals(rgb.toGray(), rgba.toGray());
    }

    @Test
    void samplePerClassIsSeededAndBalanced() {
        ImageSet set = ImageSets.read(dataset("digits_8x8/digits.csv"));
        ImageSet a = set.samplePerClass(10, 7), b = set.samplePerClass(10, 7), c = set.samplePerClass(10, 8);
        assertEquals(100, a.size());
        for (int n : a.countsPerClass()) assertEquals(10, n);
        assertEquals(names(a), names(b));
        assertNotEquals(names(a), names(c));
    }

    private static List<String> names(ImageSet s) {
        return s.images().stream().map(LabelledImage::name).toList();
    }

    private static ImageSet only(ImageSet s, int k) {
        return new ImageSet(s.classes(), s.images().stream().filter(li -> li.label() == k).toList());
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** An IDX file cut to its first {@code n} items, with the count in the header changed to match. */
    private static byte[] prefix(byte[] idx, int n, int itemSize) {
        int header = idx[3] == 3 ? 16 : 8;
        byte[] out = Arrays.copyOf(idx, header + n * itemSize);
        out[4] = (byte) (n >>> 24);
        out[5] = (byte) (n >>> 16);
        out[6] = (byte) (n >>> 8);
        out[7] = (byte) n;
        return out;
    }
}
