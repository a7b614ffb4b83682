package dev.ersatz.augment.text;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads line-based text files strictly as UTF-8 and writes output files atomically. */
public final class TextFiles {
    private TextFiles() {}

    /** Something that writes a whole output file. */
    @FunctionalInterface
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * The lines of {@code file} (without line ends; a UTF-8 byte-order mark dropped).
     *
     * @throws InputException naming the file, the line and the byte when it is not valid UTF-8, or
     *                        when it is missing or unreadable
     */
    public static List<String> readLines(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) throw new InputException(source, "file not found");
        if (Files.isDirectory(file)) throw new InputException(source, "is a directory, not a file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(source, "cannot read file: " + e.getMessage(), e);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') { line++; lineStart = i + 1; }
            String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
            if (before.length() > 20) before = before.substring(before.length() - 20);
            throw new InputException(source, line, null, null, String.format("byte 0x%02X is not valid UTF-8 (after \"%s\"); save the file as UTF-8",
                    bytes[at] & 0xFF, before));
        }
        dec.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        if (start < text.length()) lines.add(text.endsWith("\r") ? text.substring(start, text.length() - 1) : text.substring(start));
        return lines;
    }

    /**
     * Writes {@code out} through a hidden temp file beside it, moved into place only when {@code body}
     * has finished: a failure leaves no partial file and any earlier file untouched.
     */
    public static void writeAtomically(Path out, Body body) {
        Path abs = AtomicFiles.checkParent(out);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".tmp-", "");
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                body.write(w);
            }
            AtomicFiles.readableByAll(tmp);
            AtomicFiles.move(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: only the hidden temp file is left
                }
            }
        }
    }
}
