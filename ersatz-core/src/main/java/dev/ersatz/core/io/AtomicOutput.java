package dev.ersatz.core.io;

import dev.ersatz.core.InputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A target path and the hidden temp file beside it ({@code .name.tmp-<random>}) that stands in for
 * it until {@link #commit()} renames it into place.
 *
 * <p>The temp file lives in the target's own directory so the rename stays on one file system and can
 * be atomic; readers of the target see the old file or the new one, never a partial one.
 */
final class AtomicOutput {
    final Path target;
    final Path temp;
    final String source;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
        this.source = target.toString();
    }

    /** Checks the target's directory and claims a temp file in it; nothing is written yet. */
    static AtomicOutput create(Path target) {
        Path dir = directoryOf(target);
        Path name = target.getFileName();
        if (!Files.isDirectory(dir)) {
            throw new InputException(target.toString(), "output directory does not exist: " + dir);
        }
        if (Files.isDirectory(target)) throw new InputException(target.toString(), "is a directory, not a file");
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(hiddenName(name.toString(), "tmp"));
            try {
                Files.createFile(temp);
                return new AtomicOutput(target, temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) throw new InputException(target.toString(), "cannot create a temp file in " + dir);
            } catch (IOException e) {
                throw new InputException(target.toString(), "cannot write to " + dir + ": " + CsvTableReader.describe(e), e);
            }
        }
    }

    static Path directoryOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }

    /** {@code .name.<tag>-<random>}: hidden, and named after the file it is for. */
    static String hiddenName(String name, String tag) {
        return "." + name + "." + tag + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /** Renames the temp file onto the target, atomically where the file system can. */
    void commit() {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw new InputException(source, "cannot move the finished file into place: " + CsvTableReader.describe(e), e);
        }
    }

    /** Deletes the temp file, if it is still there. */
    void discard() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing better to do: the hidden temp file is all that is left
        }
    }
}
