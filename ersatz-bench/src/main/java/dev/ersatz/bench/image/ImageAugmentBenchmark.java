package dev.ersatz.bench.image;

import dev.ersatz.augment.image.Context;
import dev.ersatz.augment.image.Image;
import dev.ersatz.augment.image.Kernels;
import dev.ersatz.augment.image.Params;
import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.augment.image.Sample;
import dev.ersatz.augment.image.Transforms;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Single-thread throughput of image transforms on a 512×512 RGB image, for the side-by-side
 * comparison with OpenCV and torchvision ({@code src/main/python/image_augment_reference.py}, same
 * operations, same parameters, same timing rule).
 *
 * <p>Timing rule (both sides): 1 s of warm-up (here 1 s of the thread's CPU time), then 5 rounds of at least 0.5 s each. Reported: the
 * best round's wall-clock rate, and the best round's rate per second of the thread's own CPU time,
 * which other processes on a shared machine disturb far less than the wall clock. The load average
 * is printed before and after.
 *
 * <pre>
 * mvn -B -o -q -pl ersatz-bench -am package -DskipTests
 * java -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.bench.image.ImageAugmentBenchmark [--all]
 * </pre>
 * {@code --all} also times every registered transform at its defaults (parameters drawn per image).
 */
public final class ImageAugmentBenchmark {
    private ImageAugmentBenchmark() {}

    static final int W = 512, H = 512;

    /** A smooth, deterministic 512×512 RGB test image (blurred noise plus gradients; no file needed). */
    static Image testImage() {
        SplittableRandom r = new SplittableRandom(0);
        byte[] d = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = (y * W + x) * 3;
                d[p] = (byte) ((x / 2 + r.nextInt(64)) & 255);
                d[p + 1] = (byte) ((y / 2 + r.nextInt(64)) & 255);
                d[p + 2] = (byte) (((x + y) / 4 + r.nextInt(64)) & 255);
            }
        }
        return Kernels.gaussianBlur(new Image(W, H, 3, d), 7, 1.4);
    }

    /** Best wall-clock rate and best rate per CPU second of the timing thread, in images per second. */
    record Rate(double wall, double cpu) {}

    static Rate time(Supplier<Object> op) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Warm-up by the thread's CPU time: on a loaded machine the JIT's compiler threads may not
        // have finished within one second of wall time.
        long warm = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - warm < 1_000_000_000L) op.get();
        double wall = 0, cpu = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            int n = 0;
            long t;
            do {
                op.get();
                n++;
                t = System.nanoTime();
            } while (t - t0 < 500_000_000L);
            long c = mx.getCurrentThreadCpuTime() - c0;
            wall = Math.max(wall, n / ((t - t0) / 1e9));
            cpu = Math.max(cpu, n / (c / 1e9));
        }
        return new Rate(wall, cpu);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One fixed-parameter step through the public pipeline API (draw skipped, apply timed). */
    static Supplier<Object> step(String json, String type, Params params, Sample s) {
        Pipeline p = Pipeline.parse("{\"version\":1,\"transforms\":[" + json + "]}", "bench");
        List<Pipeline.Step> steps = List.of(new Pipeline.Step("transforms[0]", type, params));
        return () -> p.replay(s, steps, Context.DEFAULT);
    }

    public static void main(String[] args) {
        boolean all = List.of(args).contains("--all");
        Image img = testImage();
        Sample s = Sample.of(img);
        System.out.printf(Locale.ROOT, "ersatz image kernels, one thread, 512x512 RGB; load average %.2f; %s%n", load(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
        // The same operations and parameters as image_augment_reference.py.
        ops.put("affine (rotate 10, scale 1.1, shear 5.71, shift 20 px; reflect101)", step("{\"type\":\"affine\",\"border\":\"reflect101\"}", "affine",
                new Params().put("scale_x", 1.1).put("scale_y", 1.1).put("translate_x", 20.0 / W).put("translate_y", 0.0)
                        .put("angle", 10.0).put("shear_x", Math.toDegrees(Math.atan(0.1))).put("shear_y", 0.0), s));
        ops.put("rotate 15 (constant border)", step("{\"type\":\"rotate\"}", "rotate", new Params().put("angle", 15.0), s));
        ops.put("resize to 256x256", step("{\"type\":\"resize\",\"width\":256,\"height\":256}", "resize", new Params(), s));
        ops.put("resize to 384x384", step("{\"type\":\"resize\",\"width\":384,\"height\":384}", "resize", new Params(), s));
        ops.put("resize to 640x640", step("{\"type\":\"resize\",\"width\":640,\"height\":640}", "resize", new Params(), s));
        ops.put("gaussian blur 5x5 (sigma 1.1)", step("{\"type\":\"gaussian_blur\"}", "gaussian_blur",
                new Params().put("ksize", 5).put("sigma", Kernels.sigmaOf(5)), s));
        ops.put("gaussian blur sigma 2 (13x13)", step("{\"type\":\"gaussian_blur\"}", "gaussian_blur",
                new Params().put("ksize", Kernels.kernelSize(2)).put("sigma", 2.0), s));
        ops.put("color jitter (b 1.1, c 0.9, s 1.2, h 0.05)", step("{\"type\":\"color_jitter\"}", "color_jitter",
                new Params().put("order", new int[] {0, 1, 2, 3}).put("brightness", 1.1).put("contrast", 0.9)
                        .put("saturation", 1.2).put("hue", 0.05), s));
        for (Map.Entry<String, Supplier<Object>> e : ops.entrySet()) {
            Rate r = time(e.getValue());
            System.out.printf(Locale.ROOT, "%-55s %8.0f img/s wall %8.0f img/s CPU%n", e.getKey(), r.wall(), r.cpu());
        }
        if (all) {
            System.out.println();
            System.out.println("every transform at its defaults (parameters drawn per image):");
            List<String> names = new ArrayList<>(Transforms.names());
            names.removeAll(List.of("mixup", "cutmix", "mosaic"));
            for (String name : names) {
                String json = switch (name) {
                    case "random_resized_crop" -> "{\"type\":\"random_resized_crop\",\"width\":224,\"height\":224}";
                    case "random_crop", "center_crop" -> "{\"type\":\"" + name + "\",\"width\":384,\"height\":384}";
                    case "resize" -> "{\"type\":\"resize\",\"width\":256,\"height\":256}";
                    case "pad" -> "{\"type\":\"pad\",\"pixels\":16}";
                    default -> "{\"type\":\"" + name + "\"}";
                };
                Pipeline p = Pipeline.parse("{\"version\":1,\"transforms\":[" + json + "]}", "bench");
                long[] k = {0};
                Rate r = time(() -> p.run(s, new SplittableRandom(k[0]++), Context.DEFAULT));
                System.out.printf(Locale.ROOT, "  %-22s %8.0f img/s wall %8.0f img/s CPU%n", name, r.wall(), r.cpu());
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %.2f%n", load());
    }
}
