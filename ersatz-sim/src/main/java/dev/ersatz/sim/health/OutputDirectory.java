package dev.ersatz.sim.health;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.sim.engine.TempPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * An output directory that appears only when complete: files are written into a hidden directory
 * beside the target and the directory is renamed into place on {@link #commit()}.
 *
 * <p>The target must not exist, be empty, or hold an earlier Ersatz output (a {@code manifest.json}),
 * which is replaced: moved aside, the new one moved in, the old one deleted. A directory holding other
 * files is refused before anything is simulated, so a typo never deletes someone's data.
 */
final class OutputDirectory implements AutoCloseable {
    static final String MANIFEST = "manifest.json";
    final Path target;
    final Path temp;
    private boolean committed;

    OutputDirectory(Path target) {
        this.target = target.toAbsolutePath().normalize();
        Path parent = this.target.getParent();
        if (parent == null || !Files.isDirectory(parent)) throw new InputException(target.toString(), "its parent directory does not exist");
        if (Files.exists(this.target)) {
            if (!Files.isDirectory(this.target)) throw new InputException(target.toString(), "exists and is not a directory");
            try (Stream<Path> s = Files.list(this.target)) {
                boolean empty = s.findAny().isEmpty();
                if (!empty && !Files.isRegularFile(this.target.resolve(MANIFEST))) {
                    throw new InputException(target.toString(), "exists, is not empty and is not an Ersatz output (no manifest.json); "
                            + "choose a new or empty directory");
                }
            } catch (IOException e) {
                throw new InputException(target.toString(), "cannot read: " + e.getMessage());
            }
        }
        this.temp = parent.resolve("." + this.target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw new InputException(target.toString(), "cannot create a directory beside it: " + e.getMessage());
        }
        TempPaths.deleteOnExit(temp);
    }

    Path resolve(String name) {
        return temp.resolve(name);
    }

    void commit() {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
                Files.move(target, old);
            }
            AtomicFiles.move(temp, target);
            committed = true;
            TempPaths.forget(temp);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                try {
                    Files.move(old, target);
                } catch (IOException ignored) {
                    // the earlier output stays at its hidden name; the message says where
                }
            }
            throw new InputException(target.toString(), "cannot move the finished output into place: " + e.getMessage());
        }
        if (old != null) delete(old);
    }

    @Override
    public void close() {
        if (!committed) {
            delete(temp);
            TempPaths.forget(temp);
        }
    }

    static void delete(Path dir) {
        TempPaths.delete(dir);
    }
}
