package dev.ersatz.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.Fixtures;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Synthesizer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: same-seed fits differed because DJL's Number operations ({@code x.mul(2f)}) free the
 * scalar's Java-owned memory right away while libtorch's graph still needs it for the backward pass;
 * a garbage collection in between corrupted gradients (see {@link Nn}). The models use libtorch-owned
 * scalars instead.
 */
class NumberScalarsTest {

    /** Collects garbage (freeing unreachable direct buffers) every few milliseconds until stopped. */
    private static Thread collector(AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                List<ByteBuffer> junk = new ArrayList<>();
                for (int i = 0; i < 64; i++) junk.add(ByteBuffer.allocateDirect(4096));
                junk.clear();
                System.gc();
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void scalarMultiply_collectionBeforeBackward_gradientIntact() throws InterruptedException {
        Torch.engine();
        AtomicBoolean stop = new AtomicBoolean();
        Thread gc = collector(stop);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < 50; i++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.create(new float[] {1f, 2f, 3f});
                    x.setRequiresGradient(true);
                    Nn.record(true);
                    NDArray y = Nn.div(Nn.mul(x, 3f), 0.5f).sum();
                    System.gc();
                    Nn.backward(y);
                    Nn.record(false);
                    assertThat(x.getGradient().toFloatArray()).containsExactly(6f, 6f, 6f);
                }
            }
        } finally {
            stop.set(true);
            gc.join();
        }
    }

    @Test
    void fit_sameSeedUnderCollectionPressure_byteIdenticalModels() throws InterruptedException {
        Table t = Fixtures.penguins().table();
        for (Synthesizer s : List.of(Ctgan.fromOptions(Map.of("epochs", "30", "batchSize", "50")),
                Tvae.fromOptions(Map.of("epochs", "20", "batchSize", "50")),
                TabDdpm.fromOptions(Map.of("epochs", "20", "batchSize", "64", "layers", "64", "timesteps", "20")))) {
            byte[] quiet = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), s, 3, "p", Progress.NONE).toBytes();
            AtomicBoolean stop = new AtomicBoolean();
            Thread gc = collector(stop);
            byte[] busy;
            try {
                busy = FittedModel.fit(t, Fixtures.penguinsMetadata(), TextStyle.defaults(t.columnCount()), s, 3, "p", Progress.NONE).toBytes();
            } finally {
                stop.set(true);
                gc.join();
            }
            assertThat(busy).as(s.name()).isEqualTo(quiet);
        }
    }
}
