package dev.ersatz.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.ersatz.core.InputException;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The neural engine: DJL 0.35.1 over libtorch 2.7.1 (CPU), loaded once per JVM with no download.
 *
 * <p>Why these settings (measured on the project's 2-core machine, see {@code ../shared/LIBRARIES.md}):
 * <ul>
 *   <li>{@code ai.djl.offline=true}: the native library comes from the {@code pytorch-native-cpu}
 *       jar on the class path (Maven Central); DJL must never try the network. DJL 0.36.0 fails here.</li>
 *   <li>A writable cache directory: DJL unpacks libtorch (432 MB) on first use. {@code DJL_CACHE_DIR}
 *       (system property or environment) wins; otherwise DJL's {@code ~/.djl.ai} when the home
 *       directory is writable, else a directory under {@code java.io.tmpdir}.</li>
 *   <li>Threads: libtorch's OpenMP (libgomp) workers spin-wait against the JVM's threads unless
 *       told not to: measured here, a CTGAN epoch on adult took 41 s on two threads with the default
 *       wait policy, 2.4-3.0 s with {@code OMP_WAIT_POLICY=PASSIVE} (and 6.8 s on one thread). The
 *       launcher and Surefire export {@code OMP_WAIT_POLICY=PASSIVE}; when the variable is absent
 *       (Ersatz used as a library) it is set in the process environment through libc's
 *       {@code setenv} before libgomp loads. If that is impossible, libtorch gets one thread.
 *       A purely passive worker sleeps in the kernel after every operation and is woken for the
 *       next, which costs more than the second core gives on CTGAN-sized operations. A short spin
 *       first ({@code GOMP_SPINCOUNT}={@value #SPIN_COUNT} iterations, microseconds; libgomp lets it
 *       override the passive policy's zero) took CTGAN's epoch on a 24k-row adult from 1.80 to 0.95 s
 *       on a quiet machine (identical losses), and was no slower than the passive policy with two or
 *       four busy processes beside it; 20,000 iterations made an epoch five times slower with two.
 *       It is set like the wait policy, unless the user set it.
 *       Intra-op threads: system property {@code ai.djl.pytorch.num_threads}, else the number of
 *       cores up to {@value #MAX_DEFAULT_THREADS}; inter-op threads: 1.</li>
 * </ul>
 * Set these before the first use of any DJL class; {@link #engine()} does it and loads the engine.
 *
 * <p>Device: the CPU unless {@code ersatz.device} (system property) or {@code ERSATZ_DEVICE}
 * (environment) is {@code gpu}, which needs a CUDA build of libtorch: build with {@code -Pcuda}
 * (ersatz-neural's profile, which leaves the CPU native out so DJL fetches the flavour named by
 * {@code PYTORCH_FLAVOR}, such as {@code cu128}, into its cache on first use, with the network). The
 * same code runs on either device; only CPU runs are byte-reproducible.
 *
 * <p>Determinism: libtorch's CPU kernels give identical results for identical inputs, shapes and
 * thread count on the same machine. Every random number a model uses is drawn in Java from a
 * {@link java.util.SplittableRandom} (never libtorch's global generator), so fits and samples are
 * pure functions of their seed.
 */
public final class Torch {
    /** libgomp's spin before a worker sleeps (see the class comment). */
    static final String SPIN_COUNT = "2000";

    /** The most intra-op threads used by default (small networks gain little beyond). */
    public static final int MAX_DEFAULT_THREADS = 4;

    private static volatile Engine engine;

    private Torch() {}

    /** The PyTorch engine, loaded on first call with the settings above. */
    public static Engine engine() {
        Engine e = engine;
        if (e != null) return e;
        synchronized (Torch.class) {
            if (engine != null) return engine;
            configure();
            try {
                e = Engine.getEngine("PyTorch");
            } catch (RuntimeException | UnsatisfiedLinkError err) {
                throw new IllegalStateException("cannot load the neural engine (DJL PyTorch 2.7.1, CPU) from the class path; "
                        + "cache directory " + System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR")) + ": " + err.getMessage(), err);
            }
            // The properties are read when the engine starts; set them again in case another component loaded it first.
            JniUtils.setNumThreads(threads());
            engine = e;
            return e;
        }
    }

    /**
     * The intra-op thread count libtorch uses. Results are reproducible for a given thread count
     * (the partition of reductions depends on it), so fits record it.
     */
    public static int threads() {
        String v = System.getProperty("ai.djl.pytorch.num_threads");
        if (v == null) return defaultThreads();
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return defaultThreads();
        }
    }

    private static int defaultThreads() {
        if (!passiveWait()) return 1;
        return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    private static volatile Boolean passive;
    private static volatile String spinCount;
    private static volatile Boolean reproducible;

    /** Whether libgomp's workers sleep when idle (OMP_WAIT_POLICY=PASSIVE in the process environment). */
    static boolean passiveWait() {
        Boolean p = passive;
        if (p != null) return p;
        String env = System.getenv("OMP_WAIT_POLICY");
        if (env != null) {
            p = env.equalsIgnoreCase("passive");
        } else {
            p = Libc.setenv("OMP_WAIT_POLICY", "PASSIVE");
        }
        String spin = System.getenv("GOMP_SPINCOUNT");
        if (spin == null && p && Libc.setenv("GOMP_SPINCOUNT", SPIN_COUNT)) spin = SPIN_COUNT;
        spinCount = spin;
        passive = p;
        return p;
    }

    /**
     * Whether MKL (inside libtorch, for matrix products) runs in conditional-numerical-reproducibility
     * mode. Without it MKL's kernels depend on the memory alignment of their inputs, and fits with the
     * same seed were seen to drift apart after a few epochs in about one run in three. Set
     * {@code MKL_CBWR=AUTO,STRICT} (and {@code MKL_DYNAMIC=FALSE}, so MKL never changes its thread
     * count) in the environment before libtorch loads, unless the user set them.
     */
    static boolean reproducibleMkl() {
        Boolean r = reproducible;
        if (r != null) return r;
        boolean ok = true;
        if (System.getenv("MKL_CBWR") == null) ok &= Libc.setenv("MKL_CBWR", "AUTO,STRICT");
        if (System.getenv("MKL_DYNAMIC") == null) ok &= Libc.setenv("MKL_DYNAMIC", "FALSE");
        reproducible = ok;
        return ok;
    }

    /** libc's {@code setenv}, through JNA (which DJL already depends on). */
    private static final class Libc {
        interface C extends com.sun.jna.Library {
            int setenv(String name, String value, int overwrite);
        }

        static boolean setenv(String name, String value) {
            try {
                C c = com.sun.jna.Native.load("c", C.class);
                return c.setenv(name, value, 1) == 0;
            } catch (Throwable t) {
                return false;
            }
        }
    }

    /** A new base tensor manager on {@link #device()}. */
    public static NDManager manager() {
        engine();
        return NDManager.newBaseManager(device());
    }

    /** The device models train and sample on: the CPU unless {@code ersatz.device=gpu} (or ERSATZ_DEVICE=gpu). */
    public static Device device() {
        String d = System.getProperty("ersatz.device", System.getenv("ERSATZ_DEVICE"));
        if (d == null || d.isBlank() || d.equalsIgnoreCase("cpu")) return Device.cpu();
        if (d.equalsIgnoreCase("gpu") || d.equalsIgnoreCase("cuda")) {
            if (engine().getGpuCount() == 0) {
                throw new InputException("ersatz.device", -1, null, d, "no GPU is visible to libtorch (this build has the "
                        + "CPU native; build ersatz-neural with -Pcuda for a CUDA one)");
            }
            return Device.gpu();
        }
        throw new InputException("ersatz.device", -1, null, d, "unknown device (cpu or gpu)");
    }

    /** libtorch's version and settings, for provenance and benchmark notes. */
    public static String describe() {
        Engine e = engine();
        return "PyTorch " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ") on " + device() + ", " + JniUtils.getNumThreads()
                + " intra-op thread(s), OpenMP wait policy " + (passiveWait() ? "passive" : "active (spinning)")
                + (spinCount == null ? "" : ", spin count " + spinCount);
    }

    /** Where a model was trained, for its training report: device and intra-op threads (results depend on both). */
    public static void describe(com.fasterxml.jackson.databind.node.ObjectNode report) {
        Device d = device();
        report.put("device", d.isGpu() ? "gpu" + d.getDeviceId() : "cpu");
        report.put("threads", JniUtils.getNumThreads());
    }

    static void configure() {
        passiveWait();
        reproducibleMkl();
        // The CPU build carries libtorch in a jar (pytorch-native-cpu): never go to the network. A CUDA
        // build (-Pcuda) has no native jar and lets DJL fetch its flavour once.
        if (Torch.class.getResource("/native/lib/pytorch.properties") != null) setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir().toString());
        }
    }

    /** DJL's default cache when the home directory takes it, else one under the temp directory. */
    static Path cacheDir() {
        Path home = Path.of(System.getProperty("user.home", "."));
        Path djl = home.resolve(".djl.ai");
        if (writable(djl)) return djl;
        return Path.of(System.getProperty("java.io.tmpdir"), "djl-cache-" + System.getProperty("user.name", "user"));
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
