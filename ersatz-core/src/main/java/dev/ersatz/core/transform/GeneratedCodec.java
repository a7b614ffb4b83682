package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.fake.IdGenerator;
import dev.ersatz.core.fake.PiiFaker;
import dev.ersatz.core.model.ModelFile;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Columns that are generated, never learned: IDs (fresh unique keys in the learned shape), PII
 * (format-preserving fakes) and free text (filler words of a similar length).
 *
 * <p>Only format facts and the missing rate are kept from the real column, never a value. Each
 * output row's value depends on its row index and the seed alone, so output is the same however
 * the rows are chunked or threaded, and IDs stay unique across chunks.
 */
public record GeneratedCodec(ColumnSpec spec, String descriptor, double missingRate, double meanWords,
                             SourceType outputType) implements ColumnCodec {

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris "
            + "nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat "
            + "nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim "
            + "id est laborum").split(" ");

    /** Learns the format of an ID, PII or TEXT column. */
    public static GeneratedCodec fit(ColumnSpec spec, StringColumn raw) {
        String[] values = raw.values();
        int missing = 0;
        long words = 0;
        int present = 0;
        for (String v : values) {
            if (v == null) { missing++; continue; }
            present++;
            if (spec.kind() == ColumnKind.TEXT) words += v.trim().isEmpty() ? 0 : v.trim().split("\\s+").length;
        }
        double rate = values.length == 0 ? 0 : (double) missing / values.length;
        String[] nonNull = java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toArray(String[]::new);
        String descriptor = null;
        SourceType type = SourceType.STRING;
        switch (spec.kind()) {
            case ID -> {
                IdGenerator g = spec.format() != null ? IdGenerator.fromShape(spec.format()) : IdGenerator.learn(nonNull);
                descriptor = g.shape();
                if (raw.sourceType() == SourceType.INTEGER) type = SourceType.INTEGER;
            }
            case PII -> descriptor = PiiFaker.learn(spec.pii(), nonNull).descriptor();
            case TEXT -> descriptor = null;
            default -> throw new IllegalArgumentException("not a generated kind: " + spec.kind());
        }
        // IDs are keys: a missing key is not reproduced.
        if (spec.kind() == ColumnKind.ID) rate = 0;
        return new GeneratedCodec(spec, descriptor, rate, present == 0 ? 0 : (double) words / present, type);
    }

    @Override
    public List<ModelColumn> modelColumns(int sourceIndex) {
        return List.of();
    }

    @Override
    public List<Column> encode(StringColumn raw, String source, long seed) {
        return List.of();
    }

    @Override
    public String[] decode(List<Column> model, int rows, long firstRow, long seed, boolean typed) {
        long columnSeed = seed ^ (0x9E3779B97F4A7C15L * (spec.name().hashCode() + 1L));
        SplittableRandom rng = new SplittableRandom(columnSeed ^ (firstRow * 0xBF58476D1CE4E5B9L));
        String[] out = new String[rows];
        switch (spec.kind()) {
            case ID -> {
                IdGenerator g = IdGenerator.fromShape(descriptor);
                for (int i = 0; i < rows; i++) out[i] = g.generate(firstRow + i, columnSeed);
            }
            case PII -> {
                String[] fakes = PiiFaker.fromDescriptor(spec.pii(), descriptor).generate(rows, rng.nextLong());
                System.arraycopy(fakes, 0, out, 0, rows);
            }
            case TEXT -> {
                for (int i = 0; i < rows; i++) out[i] = filler(rng);
            }
            default -> throw new IllegalStateException();
        }
        if (missingRate > 0) {
            for (int i = 0; i < rows; i++) if (rng.nextDouble() < missingRate) out[i] = null;
        }
        return out;
    }

    /**
     * Fresh keys of an ID column for {@code rows} rows starting at row index {@code firstRow}, none of them
     * in {@code avoid} (real keys written beside them): a key that is taken is replaced by the key of the
     * next unused row index after the batch, so keys stay unique and the result depends only on the
     * arguments. Used where generated rows are written next to real ones.
     */
    public String[] freshIds(int rows, long firstRow, long seed, java.util.Set<String> avoid) {
        String[] out = new String[rows];
        IdGenerator g = IdGenerator.fromShape(descriptor);
        long columnSeed = idSeed(seed);
        for (int i = 0; i < rows; i++) out[i] = g.generate(firstRow + i, columnSeed);
        replaceTaken(out, avoid, seed, new long[] {firstRow + rows});
        return out;
    }

    /**
     * Replaces, in place, keys that are in {@code avoid} by keys of spare row indices {@code spare[0]},
     * {@code spare[0] + 1}, ... (the counter advances), which no other row uses. Keys are those this codec
     * generates under {@code seed}.
     */
    public void replaceTaken(String[] ids, java.util.Set<String> avoid, long seed, long[] spare) {
        if (spec.kind() != ColumnKind.ID) throw new IllegalStateException("not an id column: " + spec.name());
        IdGenerator g = IdGenerator.fromShape(descriptor);
        long columnSeed = idSeed(seed);
        for (int i = 0; i < ids.length; i++) {
            while (ids[i] != null && avoid.contains(ids[i])) ids[i] = g.generate(spare[0]++, columnSeed);
        }
    }

    private long idSeed(long seed) {
        return seed ^ (0x9E3779B97F4A7C15L * (spec.name().hashCode() + 1L));
    }

    private String filler(SplittableRandom rng) {
        int n = Math.max(1, (int) Math.round(meanWords * (0.5 + rng.nextDouble())));
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < n; w++) {
            if (w > 0) sb.append(' ');
            sb.append(WORDS[rng.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        if (descriptor != null) o.put("descriptor", descriptor);
        o.put("missingRate", missingRate);
        o.put("meanWords", meanWords);
        o.put("outputType", outputType.name());
        return o;
    }

    static GeneratedCodec fromJson(ColumnSpec spec, JsonNode o) {
        return new GeneratedCodec(spec, o.has("descriptor") ? o.get("descriptor").asText() : null,
                o.path("missingRate").asDouble(), o.path("meanWords").asDouble(),
                SourceType.valueOf(o.path("outputType").asText("STRING")));
    }
}
