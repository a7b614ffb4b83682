package dev.ersatz.augment.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An augmentation pipeline read from versioned JSON:
 *
 * <pre>{@code
 * {"version": 1,
 *  "boxes": {"shape": "outline", "min_area": 1, "min_visibility": 0.3},
 *  "transforms": [
 *    {"type": "horizontal_flip", "p": 0.5},
 *    {"type": "one_of", "p": 0.8, "transforms": [{"type": "rotate", "limit": 15}, {"type": "perspective"}]},
 *    {"type": "some_of", "n": [1, 2], "transforms": [{"type": "gaussian_blur"}, {"type": "gaussian_noise"}]}]}
 * }</pre>
 *
 * <p>Every step has a probability {@code p} (default 1). {@code sequence} applies its children in
 * order; {@code one_of} picks one child with chances proportional to the children's {@code p} and
 * applies it; {@code some_of} picks {@code n} distinct children (a number or a range) uniformly and
 * applies them in their listed order, each with its own {@code p}. A run draws every choice and
 * every parameter from the output image's own random stream, in pipeline order, and lists the leaf
 * steps it applied with their parameters ({@link Step}); {@link #replay} applies such a list again.
 */
public final class Pipeline {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built-in presets (resources beside this class). */
    public static final List<String> PRESETS = List.of("driving-weather", "photometric", "geometric", "small-data");

    private final JsonNode json;
    private final String source;
    private final TargetRules rules;
    private final Group root;
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();

    /** One applied leaf step: where it is in the pipeline, its transform and the parameters it drew. */
    public record Step(String path, String type, Params params) {}

    /** A run's output: the augmented sample and the steps that made it. */
    public record Result(Sample sample, List<Step> steps) {}

    private Pipeline(JsonNode json, String source) {
        this.json = json;
        this.source = source;
        if (!json.isObject()) throw new InputException(source, "a pipeline must be a JSON object with \"version\" and \"transforms\"");
        JsonNode v = json.get("version");
        if (v == null) throw new InputException(source, "field 'version': missing (write \"version\": " + VERSION + ")");
        if (!v.isIntegralNumber()) throw new InputException(source, "field 'version': must be a whole number, got " + v);
        if (v.intValue() > VERSION) {
            throw new InputException(source, "field 'version': " + v.intValue() + " is newer than this Ersatz reads (" + VERSION + "); upgrade Ersatz");
        }
        if (v.intValue() < 1) throw new InputException(source, "field 'version': must be 1, got " + v);
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("version", "boxes", "transforms", "description").contains(f)) {
                throw new InputException(source, "field '" + f + "': unknown (known: version, description, boxes, transforms)");
            }
        }
        rules = parseRules(json.get("boxes"));
        JsonNode ts = json.get("transforms");
        if (ts == null || !ts.isArray()) throw new InputException(source, "field 'transforms': missing or not a list");
        root = new Group("transforms", Kind.SEQUENCE, 1, null, children(ts, "transforms"));
    }

    private TargetRules parseRules(JsonNode b) {
        if (b == null) return TargetRules.DEFAULT;
        if (!b.isObject()) throw new InputException(source, "field 'boxes': must be an object");
        StepConfig c = new StepConfig(b, source, "boxes");
        String shape = c.choice("shape", "outline", "outline", "ellipse");
        double minArea = c.number("min_area", TargetRules.DEFAULT.minArea(), 0, Double.MAX_VALUE);
        double minVis = c.number("min_visibility", 0, 0, 1);
        c.finish("boxes");
        return new TargetRules(shape.equals("ellipse") ? TargetRules.BoxShape.ELLIPSE : TargetRules.BoxShape.OUTLINE, minArea, minVis);
    }

    private List<Node> children(JsonNode arr, String path) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) out.add(node(arr.get(i), path + "[" + i + "]"));
        return out;
    }

    private Node node(JsonNode n, String path) {
        if (!n.isObject()) throw new InputException(source, "field '" + path + "': a step must be an object with a \"type\"");
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) throw new InputException(source, "field '" + path + ".type': missing (the transform's name)");
        String type = t.textValue().toLowerCase(Locale.ROOT);
        StepConfig c = new StepConfig(n, source, path);
        c.allow("type");
        double p = c.number("p", 1, 0, 1);
        switch (type) {
            case "sequence":
            case "one_of":
            case "some_of": {
                JsonNode kids = n.get("transforms");
                c.allow("transforms");
                if (kids == null || !kids.isArray() || kids.isEmpty()) {
                    throw c.error("transforms", "a " + type + " needs a non-empty list of steps");
                }
                int[] count = null;
                if (type.equals("some_of")) count = c.intRange("n", new int[] {1, kids.size()}, 0, kids.size());
                c.finish(type);
                Kind kind = type.equals("sequence") ? Kind.SEQUENCE : type.equals("one_of") ? Kind.ONE_OF : Kind.SOME_OF;
                return new Group(path, kind, p, count, children(kids, path + ".transforms"));
            }
            default: {
                Transform tr = Transforms.create(type, c);
                if (tr == null) {
                    String near = Transforms.closest(type);
                    throw new InputException(source, "field '" + path + ".type': unknown transform \"" + t.textValue() + "\""
                            + (near != null ? " (did you mean \"" + near + "\"?)" : " (see README: augment images)"));
                }
                c.finish(type);
                Leaf leaf = new Leaf(path, tr, p);
                leaves.put(path, leaf);
                return leaf;
            }
        }
    }

    // ------------------------------------------------------------------ reading

    public static Pipeline parse(String text, String source) {
        try {
            return new Pipeline(JSON.readTree(text), source);
        } catch (JsonProcessingException e) {
            throw new InputException(source, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
    }

    public static Pipeline of(JsonNode json, String source) {
        return new Pipeline(json, source);
    }

    public static Pipeline read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read pipeline: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The JSON text of a built-in preset. */
    public static String presetText(String name) {
        if (!PRESETS.contains(name)) {
            throw new InputException("--preset", -1, null, name, "unknown preset (known: " + String.join(", ", PRESETS) + ")");
        }
        try (InputStream in = Pipeline.class.getResourceAsStream("presets/" + name + ".json")) {
            if (in == null) throw new IllegalStateException("preset resource missing: " + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Pipeline preset(String name) {
        return parse(presetText(name), "preset " + name);
    }

    public JsonNode json() { return json.deepCopy(); }
    public String source() { return source; }
    public TargetRules rules() { return rules; }

    /** Whether any step is batch-level (needs other inputs). */
    public boolean usesBatch() {
        for (Leaf l : leaves.values()) if (l.transform instanceof BatchTransforms.Batch) return true;
        return false;
    }

    // ------------------------------------------------------------------ running

    public Result run(Sample s, SplittableRandom rng, Context ctx) {
        List<Step> log = new ArrayList<>();
        Sample out = root.run(s, rng, ctx, log, true);
        return new Result(out, Collections.unmodifiableList(log));
    }

    /** Applies recorded steps in order; each path must name a leaf of this pipeline with the same type. */
    public Sample replay(Sample s, List<Step> steps, Context ctx) {
        Sample out = s;
        for (Step st : steps) {
            Leaf l = leaves.get(st.path());
            if (l == null || !l.transform.type().equals(st.type())) {
                throw new IllegalArgumentException("recorded step " + st.path() + " (" + st.type() + ") is not in the pipeline");
            }
            out = apply(l, out, st.params(), ctx);
        }
        return out;
    }

    static Sample apply(Leaf l, Sample s, Params p, Context ctx) {
        try {
            return l.transform.apply(s, p, ctx);
        } catch (IllegalArgumentException e) {
            throw new StepException(l.path, l.transform.type(), e.getMessage());
        }
    }

    /** A step that could not be applied to a sample (its image is too small for a crop, ...). */
    public static final class StepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepException(String path, String type, String problem) {
            super("step " + path + " (" + type + "): " + problem);
        }
    }

    /** The record entry of a run's steps (JSON-ready). */
    public static List<Map<String, Object>> stepsToJson(List<Step> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.path());
            m.put("type", s.type());
            m.put("params", s.params().toMap());
            out.add(m);
        }
        return out;
    }

    public static List<Step> stepsFromJson(JsonNode arr) {
        List<Step> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(new Step(n.get("step").textValue(), n.get("type").textValue(), Params.fromJson(n.get("params"))));
        }
        return out;
    }

    /** The pipeline document with defaults left as written, for records. */
    public ObjectNode document() {
        return (ObjectNode) json.deepCopy();
    }

    // ------------------------------------------------------------------ nodes

    enum Kind { SEQUENCE, ONE_OF, SOME_OF }

    abstract static class Node {
        final String path;
        final double p;

        Node(String path, double p) {
            this.path = path;
            this.p = p;
        }

        /** Runs this node; {@code force} skips its own probability (a one_of's chosen child). */
        abstract Sample run(Sample s, SplittableRandom rng, Context ctx, List<Step> log, boolean force);

        boolean fires(SplittableRandom rng, boolean force) {
            double u = rng.nextDouble();
            return force || u < p;
        }
    }

    static final class Leaf extends Node {
        final Transform transform;

        Leaf(String path, Transform transform, double p) {
            super(path, p);
            this.transform = transform;
        }

        @Override
        Sample run(Sample s, SplittableRandom rng, Context ctx, List<Step> log, boolean force) {
            if (!fires(rng, force)) return s;
            Params params;
            try {
                params = transform.draw(rng, s, ctx);
            } catch (IllegalArgumentException e) {
                throw new StepException(path, transform.type(), e.getMessage());
            }
            Sample out = apply(this, s, params, ctx);
            log.add(new Step(path, transform.type(), params));
            return out;
        }
    }

    static final class Group extends Node {
        final Kind kind;
        final int[] count;
        final List<Node> children;

        Group(String path, Kind kind, double p, int[] count, List<Node> children) {
            super(path, p);
            this.kind = kind;
            this.count = count;
            this.children = children;
        }

        @Override
        Sample run(Sample s, SplittableRandom rng, Context ctx, List<Step> log, boolean force) {
            if (!fires(rng, force)) return s;
            Sample out = s;
            switch (kind) {
                case SEQUENCE:
                    for (Node c : children) out = c.run(out, rng, ctx, log, false);
                    return out;
                case ONE_OF: {
                    double total = 0;
                    for (Node c : children) total += c.p;
                    if (total <= 0) return out;
                    double u = rng.nextDouble() * total;
                    Node pick = children.get(children.size() - 1);
                    for (Node c : children) {
                        if (u < c.p) { pick = c; break; }
                        u -= c.p;
                    }
                    return pick.run(out, rng, ctx, log, true);
                }
                default: {
                    int n = GeometricTransforms.uniformInt(rng, count);
                    int[] idx = new int[children.size()];
                    for (int i = 0; i < idx.length; i++) idx[i] = i;
                    for (int i = 0; i < n; i++) {
                        int j = i + rng.nextInt(idx.length - i);
                        int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
                    }
                    int[] chosen = java.util.Arrays.copyOf(idx, n);
                    java.util.Arrays.sort(chosen);
                    for (int i : chosen) out = children.get(i).run(out, rng, ctx, log, false);
                    return out;
                }
            }
        }
    }
}
