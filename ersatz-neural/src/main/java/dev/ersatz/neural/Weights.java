package dev.ersatz.neural;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network's weights as plain Java arrays: what a fitted model keeps and writes to its model file
 * (base64 of little-endian float32 with the shape, bit-exact). Sampling uploads them into a
 * short-lived tensor manager, so a fitted model holds no native memory and is safe to share.
 */
public final class Weights {
    public record Tensor(long[] shape, float[] data) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public void put(String name, long[] shape, float[] data) {
        tensors.put(name, new Tensor(shape, data));
    }

    public Map<String, Tensor> tensors() { return tensors; }

    /** The weights as (non-trainable) tensors in a sub-manager of {@code parent}. */
    public Params upload(NDManager parent) {
        Params p = new Params(parent);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            p.put(e.getKey(), e.getValue().data(), new Shape(e.getValue().shape()), false);
        }
        return p;
    }

    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = o.putObject(e.getKey());
            var s = t.putArray("shape");
            for (long d : e.getValue().shape()) s.add(d);
            t.put("data", Params.floats(e.getValue().data()));
        }
        return o;
    }

    public static Weights fromJson(JsonNode o) {
        if (o == null || !o.isObject()) throw new InputException("model file: the network weights are missing");
        Weights w = new Weights();
        var it = o.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode shapeNode = e.getValue().get("shape");
            long[] shape = new long[shapeNode.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) { shape[i] = shapeNode.get(i).asLong(); size *= shape[i]; }
            float[] v = Params.floats(e.getValue().path("data").asText());
            if (v.length != size) {
                throw new InputException("model file: weights '" + e.getKey() + "' have " + v.length + " values for shape " + java.util.Arrays.toString(shape));
            }
            w.put(e.getKey(), shape, v);
        }
        return w;
    }
}
