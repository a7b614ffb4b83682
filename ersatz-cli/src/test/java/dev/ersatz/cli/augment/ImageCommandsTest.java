package dev.ersatz.cli.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.augment.image.Image;
import dev.ersatz.augment.image.ImageCodec;
import dev.ersatz.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz augment images} end to end: formats, determinism, record and replay, and bad input. */
class ImageCommandsTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** A 64×48 RGB image with a bright rectangle at (x0, y0)..(x0+20, y0+16). */
    static byte[] png(int x0, int y0, int tint, String format) {
        int w = 64, h = 48;
        byte[] d = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                boolean in = x >= x0 && x < x0 + 20 && y >= y0 && y < y0 + 16;
                d[p] = (byte) (in ? 230 : x * 3);
                d[p + 1] = (byte) (in ? 40 : y * 4);
                d[p + 2] = (byte) tint;
            }
        }
        return ImageCodec.encode(new Image(w, h, 3, d), format, 95);
    }

    static byte[] maskPng(int x0, int y0) {
        int w = 64, h = 48;
        byte[] d = new byte[w * h];
        for (int y = y0; y < y0 + 16; y++) for (int x = x0; x < x0 + 20; x++) d[y * w + x] = 1;
        return ImageCodec.encode(new Image(w, h, 1, d), "png", 100);
    }

    /** images/{cats,dogs}/*.png (+ one JPEG) with a CSV of boxes, masks and keypoints. */
    Path dataset() throws IOException {
        Path in = dir.resolve("images");
        Files.createDirectories(in.resolve("cats"));
        Files.createDirectories(in.resolve("dogs"));
        Files.createDirectories(dir.resolve("masks/cats"));
        Files.createDirectories(dir.resolve("masks/dogs"));
        StringBuilder boxes = new StringBuilder("file,x_min,y_min,x_max,y_max,label,note\n");
        StringBuilder points = new StringBuilder("file,x,y,name\n");
        String[] names = {"cats/a.png", "cats/b.png", "dogs/c.png", "dogs/d.jpg"};
        for (int i = 0; i < names.length; i++) {
            int x0 = 8 + 6 * i, y0 = 6 + 4 * i;
            Files.write(in.resolve(names[i]), png(x0, y0, 40 * i, names[i].endsWith(".jpg") ? "jpeg" : "png"));
            Files.write(dir.resolve("masks").resolve(names[i].replaceAll("\\.(png|jpg)$", ".png")), maskPng(x0, y0));
            boxes.append(names[i]).append(',').append(x0).append(',').append(y0).append(',').append(x0 + 20).append(',').append(y0 + 16)
                    .append(',').append(i < 2 ? "cat" : "dog").append(",\"has, comma\"\n");
            points.append(names[i]).append(',').append(x0 + 10.5).append(',').append(y0 + 8.5).append(",centre\n");
        }
        Files.writeString(dir.resolve("labels.csv"), boxes);
        Files.writeString(dir.resolve("points.csv"), points);
        return in;
    }

    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    static void assertSameTree(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) assertThat(a.get(k)).as(k).isEqualTo(b.get(k));
    }

    @Test
    void augmentImages_csvBoxesMasksKeypoints_sameBytesOnOneAndTwoThreads_andReplay() throws IOException {
        Path in = dataset();
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c"), rec = dir.resolve("record.json");
        String[] common = {"augment", "images", "--in", in.toString(), "--preset", "geometric", "--copies", "3",
                "--boxes", dir.resolve("labels.csv").toString(), "--masks", dir.resolve("masks").toString(),
                "--keypoints", dir.resolve("points.csv").toString()};
        Run r1 = run(concat(common, "--out", a.toString(), "--seed", "7", "--threads", "1", "--record", rec.toString()));
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r1.out()).contains("4 images, 3 copies each: 12 written").contains("boxes (csv): 12 moved");
        Run r2 = run(concat(common, "--out", b.toString(), "--seed", "7", "--threads", "2"));
        assertThat(r2.code()).as(r2.err()).isZero();
        Map<String, byte[]> ta = tree(a);
        assertThat(ta).containsKeys("cats/a_0.png", "cats/a_2.png", "dogs/d_1.jpg", "masks/dogs/d_1.png", "labels.csv", "points.csv");
        assertSameTree(ta, tree(b));

        // Boxes: same columns, output names, coordinates inside the image, extra columns carried.
        List<String> lines = Files.readAllLines(a.resolve("labels.csv"));
        assertThat(lines.get(0)).isEqualTo("file,x_min,y_min,x_max,y_max,label,note");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).matches("(cats|dogs)/[a-d]_[0-2]\\.(png|jpg),[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,(cat|dog),\"has, comma\""));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            assertThat(Double.parseDouble(f[3])).isLessThanOrEqualTo(64);
            assertThat(Double.parseDouble(f[4])).isLessThanOrEqualTo(48);
        }
        assertThat(Files.readString(a.resolve("points.csv"))).startsWith("file,x,y,name\n").contains(",centre");

        // Replay: the record reproduces every image and mask byte for byte.
        JsonNode record = new ObjectMapper().readTree(rec.toFile());
        assertThat(record.get("outputs")).hasSize(12);
        Run r3 = run("augment", "images", "--in", in.toString(), "--out", c.toString(), "--replay", rec.toString(),
                "--boxes", dir.resolve("labels.csv").toString(), "--masks", dir.resolve("masks").toString(),
                "--keypoints", dir.resolve("points.csv").toString());
        assertThat(r3.code()).as(r3.out() + r3.err()).isZero();
        assertSameTree(ta, tree(c));

        // Another seed: other bytes.
        Run r4 = run(concat(common, "--out", dir.resolve("d").toString(), "--seed", "8"));
        assertThat(r4.code()).as(r4.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d/cats/a_0.png"))).isNotEqualTo(ta.get("cats/a_0.png"));
    }

    @Test
    void augmentImages_yoloAndCoco_writtenInTheirOwnLayout() throws IOException {
        Path in = dir.resolve("imgs"), yolo = dir.resolve("yolo");
        Files.createDirectories(in);
        Files.createDirectories(yolo);
        Files.write(in.resolve("x.png"), png(10, 10, 0, "png"));
        Files.write(in.resolve("y.png"), png(30, 20, 90, "png"));
        Files.writeString(yolo.resolve("x.txt"), "0 0.3125 0.375 0.3125 0.333333\n");
        Files.writeString(yolo.resolve("y.txt"), "1 0.625 0.583333 0.3125 0.333333\n");
        Files.writeString(yolo.resolve("classes.txt"), "cat\ndog\n");
        Run r = run("augment", "images", "--in", in.toString(), "--out", dir.resolve("o1").toString(), "--preset", "geometric",
                "--copies", "2", "--boxes", yolo.toString(), "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("o1/x_0.txt")).exists();
        assertThat(Files.readString(dir.resolve("o1/classes.txt"))).isEqualTo("cat\ndog\n");
        for (String l : Files.readAllLines(dir.resolve("o1/y_1.txt"))) {
            String[] f = l.split(" ");
            assertThat(f[0]).isEqualTo("1");
            for (int i = 1; i < 5; i++) assertThat(Double.parseDouble(f[i])).isBetween(0.0, 1.0);
        }

        String coco = "{\"images\":[{\"id\":1,\"file_name\":\"x.png\",\"width\":64,\"height\":48},{\"id\":2,\"file_name\":\"y.png\",\"width\":64,\"height\":48}],"
                + "\"annotations\":[{\"id\":5,\"image_id\":1,\"category_id\":3,\"bbox\":[10,10,20,16],\"iscrowd\":0},"
                + "{\"id\":6,\"image_id\":2,\"category_id\":4,\"bbox\":[30,20,20,16],\"iscrowd\":0,\"segmentation\":[[30,20,50,20,50,36]]}],"
                + "\"categories\":[{\"id\":3,\"name\":\"cat\"},{\"id\":4,\"name\":\"dog\"}]}";
        Files.writeString(dir.resolve("labels.json"), coco);
        Run r2 = run("augment", "images", "--in", in.toString(), "--out", dir.resolve("o2").toString(), "--preset", "photometric",
                "--copies", "2", "--boxes", dir.resolve("labels.json").toString());
        assertThat(r2.code()).as(r2.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(dir.resolve("o2/labels.json").toFile());
        assertThat(out.get("images")).hasSize(4);
        assertThat(out.get("images").get(0).get("file_name").asText()).isEqualTo("x_0.png");
        assertThat(out.get("annotations")).hasSize(4);
        // Photometric steps leave boxes where they were; label fields follow.
        JsonNode a0 = out.get("annotations").get(0);
        assertThat(a0.get("bbox").toString()).isEqualTo("[10,10,20,16]");
        assertThat(a0.get("category_id").asInt()).isEqualTo(3);
        assertThat(out.get("annotations").get(2).has("segmentation")).isFalse();
        assertThat(out.get("categories")).hasSize(2);
    }

    @Test
    void augmentImages_badInput_oneLinePerFile_othersWritten_nonZeroExit() throws IOException {
        Path in = dataset();
        byte[] good = Files.readAllBytes(in.resolve("cats/b.png"));
        Files.write(in.resolve("cats/b.png"), java.util.Arrays.copyOf(good, good.length / 2));
        // A box outside its image for dogs/c.png.
        Files.writeString(dir.resolve("labels.csv"), Files.readString(dir.resolve("labels.csv")).replace("dogs/c.png,20,14,40,30", "dogs/c.png,20,14,70,30"));
        Path out = dir.resolve("out");
        Run r = run("augment", "images", "--in", in.toString(), "--out", out.toString(), "--preset", "geometric", "--copies", "2",
                "--boxes", dir.resolve("labels.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        // Progress lines appear when a loaded machine makes the run last over two seconds: not part of the contract.
        List<String> err = r.err().strip().lines().filter(l -> !l.startsWith("ersatz: augmenting images ")).toList();
        assertThat(err).hasSize(3);
        assertThat(err.get(0)).startsWith("ersatz: ").contains("b.png").contains("truncated or damaged");
        assertThat(err.get(1)).contains("c.png").contains("labels.csv: row 3").contains("outside the image (64x48)");
        assertThat(err.get(2)).isEqualTo("ersatz: 2 of 4 images failed (the others were written)");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.resolve("cats/a_0.png")).exists();
        assertThat(out.resolve("dogs/d_1.jpg")).exists();
        assertThat(out.resolve("cats/b_0.png")).doesNotExist();
        assertThat(out.resolve("dogs/c_0.png")).doesNotExist();
        assertThat(Files.readString(out.resolve("labels.csv"))).doesNotContain("b_0").doesNotContain("c_0").contains("a_0.png");
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
        }
    }

    @Test
    void augmentImages_badPipeline_oneLineNamingFileAndField_noOutput() throws IOException {
        Path in = dataset();
        Path pipe = dir.resolve("pipeline.json");
        Files.writeString(pipe, "{\"version\": 1, \"transforms\": [{\"type\": \"rotate\", \"limit\": 10}, {\"type\": \"gausian_blur\"}]}");
        Path out = dir.resolve("out");
        Run r = run("augment", "images", "--in", in.toString(), "--out", out.toString(), "--pipeline", pipe.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("ersatz: " + pipe + ": field 'transforms[1].type': unknown transform \"gausian_blur\" (did you mean \"gaussian_blur\"?)");
        assertThat(out).doesNotExist();
        Files.writeString(pipe, "{\"version\": 1, \"transforms\": [{\"type\": \"rotate\", \"limits\": 10}]}");
        Run r2 = run("augment", "images", "--in", in.toString(), "--out", out.toString(), "--pipeline", pipe.toString());
        assertThat(r2.code()).isEqualTo(2);
        assertThat(r2.err().strip()).startsWith("ersatz: " + pipe + ": field 'transforms[0].limits': unknown parameter of rotate");
        Run r3 = run("augment", "images", "--in", in.toString(), "--out", out.toString(), "--preset", "rainy");
        assertThat(r3.code()).isEqualTo(2);
        assertThat(r3.err().strip().lines().count()).isEqualTo(1);
        assertThat(r3.err()).contains("--preset").contains("driving-weather");
    }

    @Test
    void augmentImages_imageFolderWithMixing_writesSoftLabels() throws IOException {
        Path in = dataset();
        Path pipe = dir.resolve("mix.json");
        Files.writeString(pipe, "{\"version\":1,\"transforms\":[{\"type\":\"one_of\",\"transforms\":[{\"type\":\"mixup\"},{\"type\":\"cutmix\"},{\"type\":\"mosaic\"}]}]}");
        Path out = dir.resolve("mixed");
        Run r = run("augment", "images", "--in", in.toString(), "--out", out.toString(), "--pipeline", pipe.toString(), "--copies", "3",
                "--boxes", dir.resolve("labels.csv").toString(), "--masks", dir.resolve("masks").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> soft = Files.readAllLines(out.resolve("soft_labels.csv"));
        assertThat(soft.get(0)).isEqualTo("file,cats,dogs");
        assertThat(soft).hasSize(13);
        for (String l : soft.subList(1, soft.size())) {
            String[] f = l.split(",");
            assertThat(Double.parseDouble(f[1]) + Double.parseDouble(f[2])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(2e-6));
        }
        List<String> boxes = new ArrayList<>(Files.readAllLines(out.resolve("labels.csv")));
        assertThat(boxes.size()).isGreaterThan(12);
    }

    @Test
    void augmentImages_digitsCsv_readAsLabelledSet_writtenAsImageFolder() throws IOException {
        Path digits = Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"), "digits_8x8", "digits.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(digits), "shared dataset digits_8x8 not found: skipped");
        Path small = dir.resolve("digits30.csv");
        Files.write(small, Files.readAllLines(digits).subList(0, 31));
        Path out = dir.resolve("dg");
        Run r = run("augment", "images", "--in", small.toString(), "--out", out.toString(), "--preset", "small-data", "--copies", "2", "--seed", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("30 images, 2 copies each: 60 written").contains("class weights: " + out.resolve("soft_labels.csv"));
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> pngs = s.filter(p -> p.toString().endsWith(".png")).toList();
            assertThat(pngs).hasSize(60);
            for (Path p : pngs) {
                assertThat(p.getParent().getParent()).isEqualTo(out);
                Image img = ImageCodec.read(p, false);
                assertThat(img.width).isEqualTo(8);
                assertThat(img.channels).isEqualTo(1);
            }
        }
        // The preset's CutMix mixes classes: every output's class weights are in soft_labels.csv,
        // summing to 1, and some of the 60 outputs show a patch of another digit's image.
        List<String> soft = Files.readAllLines(out.resolve("soft_labels.csv"));
        assertThat(soft.get(0)).startsWith("file,");
        assertThat(soft).hasSize(61);
        int mixed = 0;
        for (String l : soft.subList(1, soft.size())) {
            String[] f = l.split(",");
            double sum = 0, max = 0;
            for (int i = 1; i < f.length; i++) {
                double w = Double.parseDouble(f[i]);
                sum += w;
                max = Math.max(max, w);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            if (max < 1) mixed++;
        }
        assertThat(mixed).isBetween(10, 50);
    }

    @Test
    void augmentImages_printPipeline_showsPreset() {
        Run r = run("augment", "images", "--preset", "driving-weather", "--print-pipeline");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"fog\"").contains("\"version\": 1");
        Run list = run("augment", "images", "--list-transforms");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("rotate: border, fill, mask_fill, limit\n").contains("mosaic: center_range\n").contains("horizontal_flip");
        Run missing = run("augment", "images", "--preset", "geometric", "--out", "x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("ersatz: --in: is required");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
