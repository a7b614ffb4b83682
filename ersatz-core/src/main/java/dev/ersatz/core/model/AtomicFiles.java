package dev.ersatz.core.model;

import dev.ersatz.core.InputException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes whole files atomically: the bytes go to a hidden temp file in the target's directory and
 * are moved into place only when complete, so a reader never sees half a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Checks that {@code file}'s directory exists, naming the path if not. */
    public static Path checkParent(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(file.toString(), "output directory does not exist: " + dir);
        }
        if (Files.isDirectory(abs)) throw new InputException(file.toString(), "output path is a directory");
        return abs;
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) {
        Path abs = checkParent(file);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".tmp-", "");
            Files.write(tmp, bytes);
            readableByAll(tmp);
            move(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
        }
    }

    /**
     * Gives a temp file the permissions of an ordinary new file (rw-r--r--): temp files are created
     * private, which would make every written model or table unreadable to other users.
     */
    public static void readableByAll(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    /** Moves {@code tmp} onto {@code target}, atomically where the file system allows. */
    public static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
