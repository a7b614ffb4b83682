package dev.ersatz.cli.augment;

import dev.ersatz.augment.image.BoxFormat;
import dev.ersatz.augment.image.ImageAugmenter;
import dev.ersatz.augment.image.ImageSet;
import dev.ersatz.augment.image.KeypointFile;
import dev.ersatz.augment.image.Pipeline;
import dev.ersatz.cli.CliProgress;
import dev.ersatz.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ersatz augment images}: a pipeline of image transforms that moves boxes, masks and keypoints with the pixels. */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write augmented copies of every PNG/JPEG image under a folder, with their boxes (COCO, CSV, YOLO),",
                "masks and keypoints moved alike. Same input, pipeline and seed: same bytes, on any number of threads."})
public final class AugmentImagesCommand implements Callable<Integer> {
    @Option(names = "--in", paramLabel = "PATH",
            description = {"Input: a folder of PNG/JPEG images (searched recursively; sub-folders are classes, as ImageFolder),",
                    "a folder or file of IDX images (Fashion-MNIST, training split) or a digits CSV (written as class/name_k.png)."})
    Path in;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder: copy k of dir/name.png is dir/name_k.png.")
    Path out;

    @Option(names = "--pipeline", paramLabel = "FILE", description = "Pipeline JSON (see README).")
    Path pipeline;

    @Option(names = "--preset", paramLabel = "NAME", description = "A built-in pipeline: driving-weather, photometric, geometric or small-data.")
    String preset;

    @Option(names = "--replay", paramLabel = "FILE", description = "Re-create the outputs of a --record file byte for byte (from the same --in).")
    Path replay;

    @Option(names = "--copies", paramLabel = "N", defaultValue = "1", description = "Augmented copies per image (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). The output does not depend on it.")
    Integer threads;

    @Option(names = "--boxes", paramLabel = "PATH", description = "Boxes: a COCO labels.json, a labels.csv (pascal_voc or x,y,width,height) or a YOLO folder of .txt files.")
    Path boxes;

    @Option(names = "--masks", paramLabel = "DIR", description = "Masks folder: one PNG per image, same relative name; written under OUT/masks/.")
    Path masks;

    @Option(names = "--keypoints", paramLabel = "FILE", description = "Keypoints CSV (file, x, y, other columns); written as OUT/points.csv.")
    Path keypoints;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write the parameters applied to every output image (JSON), for --replay.")
    Path record;

    @Option(names = "--format", paramLabel = "FMT", description = "Output format: png or jpeg (default: each input's own).")
    String format;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "95", description = "JPEG output quality, 1..100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--print-pipeline", description = "Print the pipeline JSON (e.g. a preset's, to start your own from) and exit.")
    boolean printPipeline;

    @Option(names = "--list-transforms", description = "List every transform with the parameters it reads, and exit.")
    boolean listTransforms;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out0 = spec.commandLine().getOut();
        if (listTransforms) {
            for (Map.Entry<String, List<String>> e : dev.ersatz.augment.image.Transforms.parameters().entrySet()) {
                out0.println(e.getKey() + (e.getValue().isEmpty() ? "" : ": " + String.join(", ", e.getValue())));
            }
            out0.println("(every step also takes \"p\"; groups: sequence, one_of, some_of with \"transforms\" and, for some_of, \"n\")");
            out0.flush();
            return 0;
        }
        int sources = (pipeline != null ? 1 : 0) + (preset != null ? 1 : 0) + (replay != null ? 1 : 0);
        if (sources != 1) throw new InputException("--pipeline", -1, null, null, "give exactly one of --pipeline, --preset or --replay");
        PrintWriter o = spec.commandLine().getOut();
        if (printPipeline) {
            if (replay != null) throw new InputException("--print-pipeline", -1, null, null, "prints a --pipeline or --preset, not a record");
            o.println(preset != null ? Pipeline.presetText(preset).strip() : readText(pipeline));
            o.flush();
            return 0;
        }
        if (in == null || out == null) throw new InputException(in == null ? "--in" : "--out", "is required");
        if (copies < 1) throw new InputException("--copies", -1, null, Integer.toString(copies), "must be at least 1");
        if (threads != null && threads < 1) throw new InputException("--threads", -1, null, threads.toString(), "must be at least 1");
        if (jpegQuality < 1 || jpegQuality > 100) throw new InputException("--jpeg-quality", -1, null, Integer.toString(jpegQuality), "must be 1..100");
        String fmt = null;
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            if (f.equals("png")) fmt = "png";
            else if (f.equals("jpg") || f.equals("jpeg")) fmt = "jpeg";
            else throw new InputException("--format", -1, null, format, "must be png or jpeg");
        }
        if (!Files.exists(in)) throw new InputException(in.toString(), "input does not exist");
        Path absIn = in.toAbsolutePath().normalize(), absOut = out.toAbsolutePath().normalize();
        if (absOut.equals(absIn) || absOut.startsWith(absIn)) {
            throw new InputException(out.toString(), "the output folder must not be the input folder or inside it");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) throw new InputException(out.toString(), "output path exists and is not a folder");
        if (out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new InputException(out.toString(), "the output folder's parent does not exist");
        }
        if (masks != null && !Files.isDirectory(masks)) throw new InputException(masks.toString(), "masks folder does not exist");
        if (record != null && replay != null) throw new InputException("--record", -1, null, null, "a replay is not recorded again; drop --record");

        // Read the pipeline (and every option) before touching the output.
        Pipeline p = pipeline != null ? Pipeline.read(pipeline) : preset != null ? Pipeline.preset(preset) : null;
        BoxFormat bf = boxes == null ? null : BoxFormat.open(boxes);
        KeypointFile kp = keypoints == null ? null : KeypointFile.read(keypoints);
        List<Path> exclude = new ArrayList<>();
        exclude.add(masks);
        exclude.add(out);
        if (boxes != null && Files.isDirectory(boxes)) exclude.add(boxes);
        ImageSet set = isLabelledSet(in)
                ? ImageSet.labelled(in, dev.ersatz.core.image.ImageSets.read(in), bf, masks, kp)
                : new ImageSet(in, ImageSet.list(in, exclude), bf, masks, kp);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;

        long t0 = System.nanoTime();
        ImageAugmenter.Report report;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            if (replay != null) {
                report = ImageAugmenter.replay(replay, set, out, nThreads, progress);
            } else {
                ImageAugmenter.Options opts = new ImageAugmenter.Options(copies, seed, nThreads, fmt, jpegQuality);
                report = new ImageAugmenter(p, opts).run(set, out, record, progress);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        o.printf(Locale.ROOT, "%d images, %s: %d written to %s in %.2f s%n", report.inputs(),
                replay != null ? "replayed from " + replay : copies + (copies == 1 ? " copy" : " copies") + " each",
                report.written(), out, secs);
        if (bf != null) o.printf(Locale.ROOT, "  boxes (%s): %d moved, %d kept after clipping and filtering%n", bf.kind(), report.boxesIn(), report.boxesOut());
        if (!report.stepsApplied().isEmpty()) {
            StringBuilder sb = new StringBuilder("  steps applied:");
            for (Map.Entry<String, Long> e : report.stepsApplied().entrySet()) sb.append(' ').append(e.getKey()).append(' ').append(e.getValue()).append(',');
            sb.setLength(sb.length() - 1);
            o.println(sb);
        }
        if (record != null) o.println("  record: " + record);
        if (set.labelled() && replay == null && p.usesBatch() && Files.isRegularFile(out.resolve("soft_labels.csv"))) {
            o.println("  class weights: " + out.resolve("soft_labels.csv") + " (the pipeline mixes images; train on these weights, not on the folders)");
        }
        o.flush();
        if (!report.failures().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            for (String f : report.failures()) err.println("ersatz: " + f.replace('\n', ' '));
            err.printf(Locale.ROOT, "ersatz: %d of %d images failed (the others were written)%n", report.failures().size(), report.inputs());
            err.flush();
            return 2;
        }
        return 0;
    }

    /** An IDX folder or file, or a CSV of pixels: read as a labelled set by ersatz-core. */
    static boolean isLabelledSet(Path p) {
        if (Files.isRegularFile(p)) return true;
        for (String n : new String[] {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"}) {
            if (Files.isRegularFile(p.resolve(n))) return true;
        }
        return false;
    }

    private static String readText(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (java.io.IOException e) {
            throw new InputException(p.toString(), "cannot read: " + e.getMessage());
        }
    }
}
