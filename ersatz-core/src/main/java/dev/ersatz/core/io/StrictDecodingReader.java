package dev.ersatz.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A reader that decodes bytes strictly: a malformed byte is an error that says where it was, not a
 * replacement character. A UTF-8 byte order mark at the start is skipped.
 *
 * <p>Why not {@link java.io.InputStreamReader} with a REPORT decoder: it throws without telling the
 * byte's offset, and it may throw before handing out the good characters that came before the bad
 * byte. This reader first returns every character decoded before the bad byte and throws only on the
 * next read, so a CSV parser reading it has consumed exactly the text before the bad byte. The error
 * is sticky: every later read throws it again.
 */
final class StrictDecodingReader extends Reader {

    /** A malformed (or unmappable) byte sequence at a known offset of the raw stream. */
    static final class MalformedBytesException extends IOException {
        private static final long serialVersionUID = 1L;
        final long offset;
        final int firstByte;
        final Charset charset;

        MalformedBytesException(long offset, int firstByte, Charset charset) {
            super(String.format("byte 0x%02X at offset %d is not valid %s", firstByte, offset, charset.name()));
            this.offset = offset;
            this.firstByte = firstByte;
            this.charset = charset;
        }

        String hex() { return String.format("0x%02X", firstByte); }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private final boolean utf8;
    /** Raw-stream offset of {@code bytes}' index 0. */
    private long base;
    private boolean eof;
    private boolean flushed;
    private boolean started;
    private MalformedBytesException pending;

    StrictDecodingReader(InputStream in, Charset charset, int bufferSize) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = ByteBuffer.allocate(bufferSize);
        this.bytes.flip();
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) throw pending;
        if (len == 0) return 0;
        if (!started) start();
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (flushed) break;
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isOverflow()) break;
            if (r.isError()) {
                int at = bytes.position();
                pending = new MalformedBytesException(base + at, bytes.get(at) & 0xFF, decoder.charset());
                if (out.position() > off) break;
                throw pending;
            }
            // underflow: everything decodable was decoded
            if (eof) {
                if (decoder.flush(out).isOverflow()) break;
                flushed = true;
                break;
            }
            fill();
        }
        int n = out.position() - off;
        return n == 0 && flushed ? -1 : n;
    }

    private void start() throws IOException {
        started = true;
        fill();
        // A UTF-8 byte order mark is metadata, not text: drop it (Excel writes one).
        if (utf8 && bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB
                && (bytes.get(2) & 0xFF) == 0xBF) {
            bytes.position(3);
        }
    }

    /** Keeps the unread bytes and reads more after them, until the buffer has at least 3 bytes or the stream ends. */
    private void fill() throws IOException {
        base += bytes.position();
        bytes.compact();
        try {
            while (bytes.hasRemaining()) {
                int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                if (n < 0) { eof = true; break; }
                bytes.position(bytes.position() + n);
                if (bytes.position() >= 3) break;
            }
        } finally {
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
