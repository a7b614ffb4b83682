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

    /**
     * Stores {@code values} under {@code field} as base64 of zigzag LEB128 varints (one byte for
     * values in -64..63): compact for counts, codes and offsets, which are mostly small.
     */
    public static void putVarints(ObjectNode node, String field, int[] values) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(values.length + 16);
        for (int v : values) {
            int z = (v << 1) ^ (v >> 31);
            while ((z & ~0x7F) != 0) {
                out.write((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            out.write(z);
        }
        node.put(field, Base64.getEncoder().encodeToString(out.toByteArray()));
    }

    /** Reads an array stored by {@link #putVarints}. */
    public static int[] getVarints(JsonNode node, String field) {
        byte[] bytes = bytes(node, field);
        int[] out = new int[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            int z = 0, shift = 0;
            int b;
            do {
                if (i >= bytes.length || shift > 28) throw new InputException("model file: field '" + field + "' is damaged");
                b = bytes[i++];
                z |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            out[n++] = (z >>> 1) ^ -(z & 1);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Stores non-decreasing offsets as varints of their differences. */
    public static void putOffsets(ObjectNode node, String field, int[] offsets) {
        int[] d = new int[offsets.length];
        for (int i = 0; i < d.length; i++) d[i] = i == 0 ? offsets[0] : offsets[i] - offsets[i - 1];
        putVarints(node, field, d);
    }

    /** Reads offsets stored by {@link #putOffsets}. */
    public static int[] getOffsets(JsonNode node, String field) {
        int[] d = getVarints(node, field);
        for (int i = 1; i < d.length; i++) d[i] += d[i - 1];
        return d;
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
