package dev.ersatz.augment.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of built-in transforms by their pipeline name. */
public final class Transforms {
    private Transforms() {}

    private static final Map<String, Function<StepConfig, Transform>> REGISTRY = new LinkedHashMap<>();

    static {
        // Geometric
        REGISTRY.put("horizontal_flip", GeometricTransforms.HorizontalFlip::new);
        REGISTRY.put("vertical_flip", GeometricTransforms.VerticalFlip::new);
        REGISTRY.put("transpose", GeometricTransforms.Transpose::new);
        REGISTRY.put("rotate90", GeometricTransforms.Rotate90::new);
        REGISTRY.put("rotate", GeometricTransforms.Rotate::new);
        REGISTRY.put("affine", GeometricTransforms.Affine::new);
        REGISTRY.put("random_resized_crop", GeometricTransforms.RandomResizedCrop::new);
        REGISTRY.put("random_crop", c -> new GeometricTransforms.RandomCrop(c, false));
        REGISTRY.put("center_crop", c -> new GeometricTransforms.RandomCrop(c, true));
        REGISTRY.put("perspective", GeometricTransforms.Perspective::new);
        REGISTRY.put("elastic", GeometricTransforms.Elastic::new);
        REGISTRY.put("pad", GeometricTransforms.Pad::new);
        REGISTRY.put("resize", GeometricTransforms.Resize::new);
        // Photometric
        REGISTRY.put("brightness_contrast", PhotometricTransforms.BrightnessContrast::new);
        REGISTRY.put("hsv", PhotometricTransforms.Hsv::new);
        REGISTRY.put("color_jitter", PhotometricTransforms.ColorJitter::new);
        REGISTRY.put("gamma", PhotometricTransforms.Gamma::new);
        REGISTRY.put("channel_shuffle", PhotometricTransforms.ChannelShuffle::new);
        REGISTRY.put("grayscale", PhotometricTransforms.Grayscale::new);
        REGISTRY.put("equalize", PhotometricTransforms.Equalize::new);
        REGISTRY.put("gaussian_blur", PhotometricTransforms.GaussianBlur::new);
        REGISTRY.put("motion_blur", PhotometricTransforms.MotionBlur::new);
        REGISTRY.put("gaussian_noise", PhotometricTransforms.GaussianNoise::new);
        REGISTRY.put("iso_noise", PhotometricTransforms.IsoNoise::new);
        REGISTRY.put("jpeg", PhotometricTransforms.Jpeg::new);
        // Occlusion
        REGISTRY.put("coarse_dropout", OcclusionTransforms.CoarseDropout::new);
        REGISTRY.put("grid_dropout", OcclusionTransforms.GridDropout::new);
        REGISTRY.put("random_erasing", OcclusionTransforms.RandomErasing::new);
        // Weather and lighting
        REGISTRY.put("fog", WeatherTransforms.Fog::new);
        REGISTRY.put("rain", WeatherTransforms.Rain::new);
        REGISTRY.put("snow", WeatherTransforms.Snow::new);
        REGISTRY.put("sun_flare", WeatherTransforms.SunFlare::new);
        REGISTRY.put("shadow", WeatherTransforms.Shadow::new);
        REGISTRY.put("night", WeatherTransforms.Night::new);
        // Batch level
        REGISTRY.put("mixup", BatchTransforms.MixUp::new);
        REGISTRY.put("cutmix", BatchTransforms.CutMix::new);
        REGISTRY.put("mosaic", BatchTransforms.Mosaic::new);
    }

    static void register(String name, Function<StepConfig, Transform> factory) {
        REGISTRY.put(name, factory);
    }

    /** Every transform name, in registry order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    /**
     * The parameters each transform reads (besides {@code type} and {@code p}), in the order it reads
     * them: what {@code ersatz augment images --list-transforms} prints.
     */
    public static java.util.Map<String, java.util.List<String>> parameters() {
        java.util.Map<String, java.util.List<String>> out = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        for (String name : REGISTRY.keySet()) {
            // Sizes are required by crops and resizes: give them so the constructor reads every field.
            com.fasterxml.jackson.databind.node.ObjectNode node = f.objectNode().put("width", 8).put("height", 8);
            StepConfig c = new StepConfig(node, "list", name);
            c.number("p", 1, 0, 1);
            REGISTRY.get(name).apply(c);
            java.util.List<String> fields = new java.util.ArrayList<>(c.knownFields());
            fields.remove("p");
            out.put(name, fields);
        }
        return out;
    }

    /** Builds a transform, or returns null for an unknown name. */
    static Transform create(String type, StepConfig config) {
        Function<StepConfig, Transform> f = REGISTRY.get(type);
        return f == null ? null : f.apply(config);
    }

    /** The known name closest to {@code s} by edit distance (for "did you mean"), or null. */
    static String closest(String s) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : REGISTRY.keySet()) {
            int d = distance(s, n);
            if (d < bestD) { bestD = d; best = n; }
        }
        return bestD <= Math.max(2, s.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
