package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named weights of one network, held as libtorch tensors in their own manager, with Adam state
 * when trained.
 *
 * <p>Initialisation follows PyTorch's {@code nn.Linear} (weights and biases uniform on
 * ±1/√fan_in, the bound of Kaiming-uniform with a = √5) and {@code nn.BatchNorm1d} (γ = 1, β = 0), with
 * the draws taken from a Java {@link SplittableRandom} so a seed fixes them.
 *
 * <p>Storage: each tensor is written to the model file as base64 of little-endian float32 values with
 * its shape; reading gives bit-identical tensors.
 */
public final class Params implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final List<NDArray> trainable = new ArrayList<>();

    public Params(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    public NDManager manager() { return manager; }

    /** A weight matrix {@code [out, in]} for {@link Nn#linear}. */
    public NDArray linearWeight(String name, int out, int in, SplittableRandom rng) {
        return uniform(name, new Shape(out, in), 1 / Math.sqrt(in), rng);
    }

    /** A bias {@code [out]} for a layer with {@code fanIn} inputs. */
    public NDArray linearBias(String name, int out, int fanIn, SplittableRandom rng) {
        return uniform(name, new Shape(out), 1 / Math.sqrt(fanIn), rng);
    }

    public NDArray constant(String name, Shape shape, float value, boolean train) {
        float[] v = new float[(int) shape.size()];
        java.util.Arrays.fill(v, value);
        return put(name, v, shape, train);
    }

    private NDArray uniform(String name, Shape shape, double bound, SplittableRandom rng) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return put(name, v, shape, true);
    }

    public NDArray put(String name, float[] v, Shape shape, boolean train) {
        if (values.containsKey(name)) throw new IllegalArgumentException("duplicate parameter " + name);
        NDArray a = manager.create(v, shape);
        if (train) {
            a.setRequiresGradient(true);
            trainable.add(a);
        }
        values.put(name, a);
        return a;
    }

    public NDArray get(String name) {
        NDArray a = values.get(name);
        if (a == null) throw new IllegalArgumentException("no parameter " + name);
        return a;
    }

    public List<NDArray> trainable() { return trainable; }

    /** Attaches every tensor to {@code step} until it closes, so results and gradient handles made from them are freed with it. */
    public void attach(NDManager step) {
        for (NDArray a : values.values()) a.tempAttach(step);
    }

    /** Clears the accumulated gradients (libtorch adds each backward pass to them). */
    public void zeroGrad() {
        for (NDArray a : trainable) Nn.zeroGrad(a);
    }

    /** A copy of every value, for keeping the best weights seen. */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) out.put(e.getKey(), e.getValue().toFloatArray());
        return out;
    }

    /** Writes a snapshot back into the tensors. */
    public void restore(Map<String, float[]> snapshot) {
        for (Map.Entry<String, float[]> e : snapshot.entrySet()) {
            NDArray a = get(e.getKey());
            boolean grad = a.hasGradient();
            try (NDManager tmp = manager.newSubManager()) {
                NDArray src = tmp.create(e.getValue(), a.getShape());
                if (grad) {
                    // Copy without recording a graph on a leaf that requires grad.
                    Nn.copyInto(a, src);
                } else {
                    a.set(e.getValue());
                }
            }
        }
    }

    /** The current values as plain arrays. */
    public Weights export() {
        Weights w = new Weights();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            w.put(e.getKey(), e.getValue().getShape().getShape(), e.getValue().toFloatArray());
        }
        return w;
    }

    public static String floats(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) buf.putFloat(f);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    public static float[] floats(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) v[i] = buf.getFloat();
        return v;
    }

    /** The number of scalar weights. */
    public long count() {
        long n = 0;
        for (NDArray a : values.values()) n += a.getShape().size();
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }

    public static NDList list(NDArray... a) { return new NDList(a); }

    public static DataType f32() { return DataType.FLOAT32; }
}
