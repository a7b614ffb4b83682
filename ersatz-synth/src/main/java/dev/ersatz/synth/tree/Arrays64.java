package dev.ersatz.synth.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Compact JSON fields for model files: int and long arrays as base64 of little-endian words. */
public final class Arrays64 {
    private Arrays64() {}

    /** Stores {@code values} under {@code field} as base64 of little-endian 32-bit ints. */
    public static void putInts(ObjectNode node, String field, int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) buf.putInt(v);
        node.put(field, Base64.getEncoder().encodeToString(buf.array()));
    }

    /** Reads an array stored by {@link #putInts}. */
    public static int[] getInts(JsonNode node, String field) {
        byte[] bytes = bytes(node, field);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[bytes.length / 4];
        for (int i = 0; i < out.length; i++) out[i] = buf.getInt();
        return out;
    }

    /** Stores {@code values} under {@code field} as base64 of little-endian 64-bit longs. */
    public static void putLongs(ObjectNode node, String field, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) buf.putLong(v);
        node.put(field, Base64.getEncoder().encodeToString(buf.array()));
    }

    /** Reads an array stored by {@link #putLongs}. */
    public static long[] getLongs(JsonNode node, String field) {
        byte[] bytes = bytes(node, field);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[bytes.length / 8];
        for (int i = 0; i < out.length; i++) out[i] = buf.getLong();
        return out;
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual()) throw new InputException("model file: field '" + field + "' is missing or not an array");
        return Base64.getDecoder().decode(v.asText());
    }
}
