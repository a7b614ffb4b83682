package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Loads the engine in a fresh JVM and multiplies two numbers: the body of {@link TorchTest}'s clean-machine check. */
public final class TorchProbe {
    private TorchProbe() {}

    public static void main(String[] args) {
        System.out.println(Torch.describe());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {2f, 3f});
            System.out.println("product " + a.prod().getFloat());
        }
        System.out.println("cache " + System.getProperty("DJL_CACHE_DIR"));
    }
}
