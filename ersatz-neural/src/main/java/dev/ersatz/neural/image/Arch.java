package dev.ersatz.neural.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

/**
 * The shape of an image model: the images (channels, height, width), the number of classes, the
 * latent size, the base number of convolution channels ({@code width}: the first layer of the
 * encoder or discriminator has it, the next twice as many) and the hidden width of the dense layers.
 */
record Arch(int channels, int height, int width, int classes, int latent, int base, int hidden) {

    /** Side lengths after the two stride-2 stages. */
    int h4() { return height / 4; }

    int w4() { return width / 4; }

    /** Values per image. */
    int size() { return channels * height * width; }

    void write(ObjectNode o) {
        o.put("channels", channels);
        o.put("height", height);
        o.put("width", width);
        o.put("classes", classes);
        o.put("latent", latent);
        o.put("base", base);
        o.put("hidden", hidden);
    }

    static Arch read(JsonNode o, String source) {
        Arch a = new Arch(o.path("channels").asInt(-1), o.path("height").asInt(-1), o.path("width").asInt(-1), o.path("classes").asInt(-1),
                o.path("latent").asInt(-1), o.path("base").asInt(-1), o.path("hidden").asInt(-1));
        if (a.channels < 1 || a.height < 4 || a.width < 4 || a.classes < 1 || a.latent < 1 || a.base < 1 || a.hidden < 1) {
            throw new InputException(source, "model file: the image model's shape is missing or invalid");
        }
        return a;
    }
}
