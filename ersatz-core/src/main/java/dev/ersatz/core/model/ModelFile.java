package dev.ersatz.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Version;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The Ersatz model file: a versioned, self-describing JSON document (no Java serialization).
 *
 * <p>Layout: {@code {"format": "ersatz-model", "formatVersion": 1, "kind": "tabular", "library": "0.1.0",
 * "provenance": {...}, "body": {...}}}. The envelope is the same for every kind of model (tabular
 * synthesizers, market models, ...); {@code body} belongs to the model. Large numeric arrays may be
 * stored with {@link #putDoubles} as base64 of little-endian IEEE-754 doubles: exact and compact.
 *
 * <p>Determinism: the JSON is written in the order the model builds it and doubles are written in
 * their shortest exact form, so the same model gives a byte-identical file.
 *
 * <p>Compatibility: a file whose {@code formatVersion} is newer than {@link #FORMAT_VERSION} is
 * refused with a message saying so; older versions are read by the code that knows them.
 */
public final class ModelFile {
    /** The magic value of the {@code format} field. */
    public static final String MAGIC = "ersatz-model";
    /** The newest envelope version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    /** A read model file: its kind, versions, provenance and body. */
    public record Envelope(String kind, int formatVersion, String library, JsonNode provenance, JsonNode body) {}

    /** A fresh object node for building bodies and provenance. */
    public static ObjectNode object() { return JSON.createObjectNode(); }

    /** The shared mapper (for converting nodes to and from values). */
    public static ObjectMapper mapper() { return JSON; }

    /** Serializes the envelope around {@code body} to bytes. */
    public static byte[] toBytes(String kind, ObjectNode provenance, ObjectNode body) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", MAGIC);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", kind);
        root.put("library", Version.get());
        root.set("provenance", provenance);
        root.set("body", body);
        try {
            byte[] json = JSON.writeValueAsBytes(root);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize model", e);
        }
    }

    /** Writes the model to {@code out}. */
    public static void write(OutputStream out, String kind, ObjectNode provenance, ObjectNode body) throws IOException {
        out.write(toBytes(kind, provenance, body));
    }

    /**
     * Writes the model to {@code file} atomically: a temp file beside it, then a move, so a failed
     * write never leaves a half-written model in place of a good one.
     */
    public static void write(Path file, String kind, ObjectNode provenance, ObjectNode body) {
        AtomicFiles.write(file, toBytes(kind, provenance, body));
    }

    /** Reads a model file, checking its magic, version and (when not null) its kind. */
    public static Envelope read(Path file, String expectedKind) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "model file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read model file: " + e.getMessage());
        }
        return parse(bytes, file.toString(), expectedKind);
    }

    /** Reads a model from a stream; {@code source} names it in errors. */
    public static Envelope read(InputStream in, String source, String expectedKind) throws IOException {
        return parse(in.readAllBytes(), source, expectedKind);
    }

    private static Envelope parse(byte[] bytes, String source, String expectedKind) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InputException(source, "not an Ersatz model file (it is not valid JSON)");
        }
        if (root == null || !root.isObject() || !MAGIC.equals(root.path("format").asText())) {
            throw new InputException(source, "not an Ersatz model file (no \"format\": \"" + MAGIC + "\" header)");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new InputException(source, -1, null, String.valueOf(version), "model format version " + version
                    + " is newer than this Ersatz " + Version.get() + " reads (up to " + FORMAT_VERSION
                    + "); it was written by Ersatz " + root.path("library").asText("?") + ": upgrade Ersatz to read it");
        }
        if (version < 1) throw new InputException(source, "not an Ersatz model file (bad formatVersion)");
        String kind = root.path("kind").asText();
        if (expectedKind != null && !expectedKind.equals(kind)) {
            throw new InputException(source, -1, null, kind, "this is a '" + kind + "' model; expected a '" + expectedKind + "' model");
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isObject()) throw new InputException(source, "model file has no body");
        return new Envelope(kind, version, root.path("library").asText(), root.path("provenance"), body);
    }

    /** Stores {@code values} under {@code field} as base64 of little-endian doubles. */
    public static void putDoubles(ObjectNode node, String field, double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) buf.putDouble(v);
        node.put(field, Base64.getEncoder().encodeToString(buf.array()));
    }

    /** Reads an array stored by {@link #putDoubles}. */
    public static double[] getDoubles(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new InputException("model file: field '" + field + "' is missing or not an array");
        byte[] bytes = Base64.getDecoder().decode(v.asText());
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[bytes.length / 8];
        for (int i = 0; i < out.length; i++) out[i] = buf.getDouble();
        return out;
    }
}
