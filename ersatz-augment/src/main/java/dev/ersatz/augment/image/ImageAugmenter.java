package dev.ersatz.augment.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.model.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Runs a pipeline over an {@link ImageSet}: {@code copies} augmented copies of every input, written
 * beside each other under the output folder with their targets.
 *
 * <p><b>Determinism.</b> Copy {@code k} of input {@code i} draws everything from a
 * {@code SplittableRandom} seeded from (seed, i, k) alone ({@link #streamSeed}); inputs are spread
 * over worker threads and every result is placed by index, so the output folder is byte-identical
 * for a seed whatever the thread count, and no two copies share a stream.
 *
 * <p><b>Failures.</b> An input whose image, mask, boxes or keypoints cannot be read, or to which a
 * step cannot be applied, is reported with one line naming the file and the field and skipped: all
 * its copies are computed before any is written, so a failed input leaves no file behind, and the
 * other inputs are processed. Every file is written to a temp file and moved into place.
 *
 * <p><b>Names.</b> Copy {@code k} of {@code dir/name.ext} is {@code dir/name_k.ext} (same format, or
 * {@code format} when given); its mask is {@code masks/dir/name_k.png}. Boxes are written in their
 * input layout ({@link BoxFormat}), keypoints in {@code points.csv}, mixed class labels (MixUp,
 * CutMix, Mosaic on an ImageFolder set) in {@code soft_labels.csv}, and with a record the applied
 * parameters of every output in a JSON record that {@link #replay} reproduces byte for byte.
 */
public final class ImageAugmenter {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Options of a run. {@code format} null keeps each input's format; {@code jpegQuality} 1..100. */
    public record Options(int copies, long seed, int threads, String format, int jpegQuality) {
        public Options {
            if (copies < 1) throw new IllegalArgumentException("copies must be at least 1: " + copies);
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
            if (jpegQuality < 1 || jpegQuality > 100) throw new IllegalArgumentException("JPEG quality must be 1..100: " + jpegQuality);
            if (format != null && !format.equals("png") && !format.equals("jpeg")) throw new IllegalArgumentException("format must be png or jpeg: " + format);
        }
    }

    /** What a run did: inputs read, outputs written, failures (one line each, in input order). */
    public record Report(int inputs, int written, List<String> failures, Map<String, Long> stepsApplied, int boxesIn, int boxesOut) {}

    /** One output planned or replayed: input index, copy index, output name, and (for replays) its steps. */
    record Job(int input, int copy, String output, List<Pipeline.Step> steps) {}

    private final Pipeline pipeline;
    private final Options options;

    public ImageAugmenter(Pipeline pipeline, Options options) {
        this.pipeline = pipeline;
        this.options = options;
    }

    /** The stream seed of copy {@code copy} of input {@code input}: SplitMix64 finalisers chained over the three. */
    public static long streamSeed(long seed, int input, int copy) {
        long z = mix64(seed ^ 0x1AB5_EED5_0F1A_6E5L);
        z = mix64(z + 0x9E37_79B9_7F4A_7C15L * (input + 1L));
        return mix64(z + 0xC2B2_AE3D_27D4_EB4FL * (copy + 1L));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    static String outputName(ImageSet.Input in, int copy, String format) {
        String rel = in.relative();
        int dot = rel.lastIndexOf('.');
        String ext = format == null ? rel.substring(dot) : (format.equals("png") ? ".png" : ".jpg");
        return rel.substring(0, dot) + "_" + copy + ext;
    }

    /** Augments every input {@code copies} times into {@code outDir}; {@code record} (or null) receives the record. */
    public Report run(ImageSet set, Path outDir, Path record, Progress progress) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            for (int k = 0; k < options.copies(); k++) jobs.add(new Job(i, k, outputName(set.inputs().get(i), k, options.format()), null));
        }
        return execute(set, outDir, jobs, record, progress);
    }

    /**
     * Replays a record: reads its pipeline and, for every output it lists, applies the recorded
     * steps to the named input of {@code set}, writing the same bytes as the recorded run.
     */
    public static Report replay(Path recordFile, ImageSet set, Path outDir, int threads, Progress progress) {
        JsonNode rec;
        try {
            rec = JSON.readTree(Files.readString(recordFile));
        } catch (IOException e) {
            throw new InputException(recordFile.toString(), "cannot read record: " + e.getMessage());
        }
        String src = recordFile.toString();
        if (rec == null || !"ersatz-image-record".equals(rec.path("format").asText())) {
            throw new InputException(src, "field 'format': not an Ersatz image record (\"format\": \"ersatz-image-record\")");
        }
        if (rec.path("version").asInt() != 1) throw new InputException(src, "field 'version': unsupported record version " + rec.path("version"));
        Pipeline p = Pipeline.of(rec.get("pipeline"), src + " (pipeline)");
        JsonNode fmt = rec.get("output_format");
        Options o = new Options(1, rec.path("seed").asLong(), threads, fmt == null || fmt.isNull() ? null : fmt.asText(), rec.path("jpeg_quality").asInt(95));
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < set.size(); i++) byName.put(set.inputs().get(i).relative(), i);
        List<Job> jobs = new ArrayList<>();
        JsonNode outs = rec.get("outputs");
        if (outs == null || !outs.isArray()) throw new InputException(src, "field 'outputs': missing");
        for (int j = 0; j < outs.size(); j++) {
            JsonNode e = outs.get(j);
            String input = e.path("input").asText();
            Integer idx = byName.get(input);
            if (idx == null) throw new InputException(src, "field 'outputs[" + j + "].input': \"" + input + "\" is not in the input folder " + set.root());
            if (e.path("input_index").asInt(-1) != idx) {
                throw new InputException(src, "field 'outputs[" + j + "].input_index': the input folder differs from the recorded one ("
                        + input + " is input " + idx + " here, " + e.path("input_index").asInt(-1) + " in the record)");
            }
            try {
                jobs.add(new Job(idx, e.path("copy").asInt(), e.path("output").asText(), Pipeline.stepsFromJson(e.get("steps"))));
            } catch (RuntimeException ex) {
                throw new InputException(src, "field 'outputs[" + j + "].steps': " + ex.getMessage());
            }
        }
        return new ImageAugmenter(p, o).execute(set, outDir, jobs, null, progress);
    }

    private record Done(byte[][] images, byte[][] masks, Sample[] samples, String failure) {}

    @SuppressWarnings("unchecked")
    private Report execute(ImageSet set, Path outDir, List<Job> jobs, Path record, Progress progress) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new InputException(outDir.toString(), "cannot create output folder: " + e.getMessage());
        }
        // Jobs grouped by input, in order.
        Map<Integer, List<Job>> byInput = new LinkedHashMap<>();
        for (Job j : jobs) byInput.computeIfAbsent(j.input(), k -> new ArrayList<>()).add(j);
        List<Integer> inputs = new ArrayList<>(byInput.keySet());
        Done[] done = new Done[inputs.size()];
        List<Pipeline.Step>[][] steps = new List[inputs.size()][];
        AtomicLong finished = new AtomicLong();
        long[] boxesIn = new long[inputs.size()];
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            pool.submit(() -> IntStream.range(0, inputs.size()).parallel().forEach(n -> {
                int i = inputs.get(n);
                List<Job> js = byInput.get(i);
                steps[n] = new List[js.size()];
                done[n] = process(set, i, js, outDir, steps[n], boxesIn, n);
                progress.update("augmenting images", finished.incrementAndGet(), inputs.size());
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdown();
        }

        // Targets and record, in input order, for the inputs that succeeded.
        List<String> failures = new ArrayList<>();
        List<BoxFormat.Written> boxOut = new ArrayList<>();
        List<KeypointFile.Written> pointOut = new ArrayList<>();
        List<Map.Entry<String, Map<String, Double>>> labels = new ArrayList<>();
        List<Map<String, Object>> recorded = new ArrayList<>();
        Map<String, Long> counts = new java.util.TreeMap<>();
        int written = 0, bIn = 0, bOut = 0;
        boolean mixed = false;
        for (int n = 0; n < inputs.size(); n++) {
            Done d = done[n];
            if (d.failure() != null) {
                failures.add(d.failure());
                continue;
            }
            bIn += boxesIn[n] * d.samples().length;
            List<Job> js = byInput.get(inputs.get(n));
            for (int c = 0; c < js.size(); c++) {
                Job j = js.get(c);
                Sample s = d.samples()[c];
                written++;
                bOut += s.boxes().size();
                boxOut.add(new BoxFormat.Written(j.output(), s.width(), s.height(), s.boxes()));
                pointOut.add(new KeypointFile.Written(j.output(), s.keypoints()));
                labels.add(Map.entry(j.output(), s.label()));
                if (s.label().size() > 1) mixed = true;
                for (Pipeline.Step st : steps[n][c]) counts.merge(st.type(), 1L, Long::sum);
                if (record != null) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("input", set.inputs().get(j.input()).relative());
                    e.put("input_index", j.input());
                    e.put("copy", j.copy());
                    e.put("output", j.output());
                    e.put("steps", Pipeline.stepsToJson(steps[n][c]));
                    recorded.add(e);
                }
            }
        }
        if (set.boxFormat() != null) set.boxFormat().write(outDir, boxOut);
        if (set.keypointFile() != null) set.keypointFile().write(outDir, pointOut);
        if (mixed || (set.labelled() && pipeline.usesBatch())) writeSoftLabels(outDir, labels);
        if (record != null) writeRecord(record, set, recorded);
        return new Report(set.size(), written, failures, counts, bIn, bOut);
    }

    private Done process(ImageSet set, int i, List<Job> js, Path outDir, List<Pipeline.Step>[] steps, long[] boxesIn, int n) {
        ImageSet.Input in = set.inputs().get(i);
        try {
            Sample s = set.load(i);
            boxesIn[n] = s.boxes().size();
            Context ctx = new Context(pipeline.rules(), set, i);
            byte[][] imgs = new byte[js.size()][], masks = new byte[js.size()][];
            Sample[] out = new Sample[js.size()];
            for (int c = 0; c < js.size(); c++) {
                Job j = js.get(c);
                Sample r;
                if (j.steps() == null) {
                    Pipeline.Result res = pipeline.run(s, new SplittableRandom(streamSeed(options.seed(), i, j.copy())), ctx);
                    r = res.sample();
                    steps[c] = res.steps();
                } else {
                    r = pipeline.replay(s, j.steps(), ctx);
                    steps[c] = j.steps();
                }
                String fmt = ImageCodec.formatOf(Path.of(j.output()));
                imgs[c] = ImageCodec.encode(r.image(), fmt, options.jpegQuality());
                if (r.mask() != null) masks[c] = ImageCodec.encode(r.mask(), "png", 100);
                // Keep the targets, not the pixels.
                out[c] = new Sample(Image.blank(r.width(), r.height(), 1), null, r.boxes(), r.keypoints(), r.label());
            }
            for (int c = 0; c < js.size(); c++) {
                AtomicFiles.write(mkParents(outDir.resolve(js.get(c).output())), imgs[c]);
                if (masks[c] != null) {
                    String name = js.get(c).output();
                    AtomicFiles.write(mkParents(outDir.resolve("masks").resolve(name.substring(0, name.lastIndexOf('.')) + ".png")), masks[c]);
                }
            }
            return new Done(null, null, out, null);
        } catch (InputException e) {
            String m = e.getMessage();
            return new Done(null, null, null, m.startsWith(in.file().toString()) ? m : in.file() + ": " + m);
        } catch (Pipeline.StepException e) {
            return new Done(null, null, null, in.file() + ": " + e.getMessage());
        }
    }

    private static Path mkParents(Path p) {
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new InputException(p.getParent().toString(), "cannot create folder: " + e.getMessage());
        }
        return p;
    }

    private static void writeSoftLabels(Path outDir, List<Map.Entry<String, Map<String, Double>>> labels) {
        TreeSet<String> classes = new TreeSet<>();
        for (var e : labels) classes.addAll(e.getValue().keySet());
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("file");
        header.addAll(classes);
        rows.add(header.toArray(new String[0]));
        for (var e : labels) {
            String[] row = new String[header.size()];
            row[0] = e.getKey();
            int c = 1;
            for (String cls : classes) row[c++] = BoxFormat.num(e.getValue().getOrDefault(cls, 0.0), 6);
            rows.add(row);
        }
        AtomicFiles.write(outDir.resolve("soft_labels.csv"), CsvText.of(rows));
    }

    private void writeRecord(Path record, ImageSet set, List<Map<String, Object>> outputs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "ersatz-image-record");
        doc.put("version", 1);
        doc.put("seed", options.seed());
        doc.put("copies", options.copies());
        doc.put("output_format", options.format());
        doc.put("jpeg_quality", options.jpegQuality());
        doc.put("inputs", set.size());
        doc.put("pipeline", pipeline.document());
        doc.put("outputs", outputs);
        try {
            AtomicFiles.write(record, JSON.writeValueAsBytes(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
