package dev.ersatz.neural;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine loads from Maven Central artifacts alone, offline, with the thread and reproducibility settings. */
class TorchTest {
    @TempDir Path dir;

    @Test
    void engine_loaded_isPyTorch271OfflineWithConfiguredThreads() {
        Engine e = Torch.engine();
        assertThat(e.getEngineName()).isEqualTo("PyTorch");
        assertThat(e.getVersion()).isEqualTo("2.7.1");
        assertThat(Engine.getDjlVersion()).isEqualTo("0.35.1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(JniUtils.getNumThreads()).isEqualTo(Torch.threads());
        assertThat(Torch.threads()).isEqualTo(Integer.getInteger("ai.djl.pytorch.num_threads"));
        assertThat(Torch.passiveWait()).isTrue();
        assertThat(Torch.reproducibleMkl()).isTrue();
    }

    @Test
    void device_defaultCpu_unknownNamedInError() {
        assertThat(Torch.device().isGpu()).isFalse();
        String before = System.getProperty("ersatz.device");
        System.setProperty("ersatz.device", "tpu");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(Torch::device).isInstanceOf(dev.ersatz.core.InputException.class)
                    .hasMessageContaining("\"tpu\"");
        } finally {
            if (before == null) System.clearProperty("ersatz.device"); else System.setProperty("ersatz.device", before);
        }
    }

    /**
     * A clean machine: a fresh JVM with an empty cache directory, no OpenMP or MKL variables and no
     * network loads libtorch from the pytorch-native-cpu jar (offline mode would fail on any
     * download), and sets the wait policy and spin count itself.
     */
    @Test
    void engine_freshJvmEmptyCacheNoEnvironment_loadsOffline() throws Exception {
        Path cache = dir.resolve("djl-cache");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-DDJL_CACHE_DIR=" + cache, "-Dai.djl.offline=true",
                TorchProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().remove("MKL_CBWR");
        pb.environment().remove("MKL_DYNAMIC");
        pb.environment().remove("DJL_CACHE_DIR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("PyTorch 2.7.1").contains("wait policy passive, spin count 2000").contains("product 6.0").contains("cache " + cache);
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.equals("libtorch_cpu.so"));
            }
        } finally {
            deleteTree(cache);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
