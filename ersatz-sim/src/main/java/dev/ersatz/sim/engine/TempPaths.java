package dev.ersatz.sim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Hidden temp files and directories of outputs being written, deleted when the JVM exits before they
 * were committed (an interrupted command runs shutdown hooks), so a cancelled run leaves nothing behind.
 */
public final class TempPaths {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) delete(p);
        }, "ersatz-temp-cleanup"));
    }

    private TempPaths() {}

    /** Deletes {@code path} (a file or a whole directory) at exit unless {@link #forget}ten first. */
    public static void deleteOnExit(Path path) {
        PENDING.add(path);
    }

    /** {@code path} was committed (moved into place) or already deleted: leave it alone at exit. */
    public static void forget(Path path) {
        PENDING.remove(path);
    }

    /** Deletes a file or a directory tree, best effort. */
    public static void delete(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> s = Files.walk(path)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a hidden leftover is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
