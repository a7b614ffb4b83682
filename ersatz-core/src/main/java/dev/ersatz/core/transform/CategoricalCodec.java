package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Categories and booleans: labels coded as integers, with rare-category protection.
 *
 * <p>Rare categories identify people: a category seen fewer than {@code minCategoryCount} times
 * (default 5) is not learned. When the model is fitted, each rare value is replaced by a draw from
 * the frequencies of the kept categories (seeded), so the model never holds the rare label and the
 * other columns of those rows still count. Categories the user lists in {@code keep} are kept
 * whatever their count. When every category is rare, the column is replaced by {@value #ALL_RARE}.
 *
 * <p>Missing values are code -1; a synthesizer models their rate.
 */
public record CategoricalCodec(ColumnSpec spec, List<String> levels, List<String> protectedLevels,
                               SourceType sourceType) implements ColumnCodec {

    /** The label written for a column whose every category was rare. */
    public static final String ALL_RARE = "(rare)";

    public CategoricalCodec {
        levels = List.copyOf(levels);
        protectedLevels = List.copyOf(protectedLevels);
    }

    /** Learns the kept levels (in order of first appearance) and which levels are protected as rare. */
    public static CategoricalCodec fit(ColumnSpec spec, StringColumn raw) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : raw.values()) if (v != null) counts.merge(v, 1, Integer::sum);
        int k = spec.effectiveMinCategoryCount();
        Set<String> keep = spec.keep() == null ? Set.of() : new HashSet<>(spec.keep());
        List<String> levels = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= k || keep.contains(e.getKey())) levels.add(e.getKey()); else rare.add(e.getKey());
        }
        if (levels.isEmpty() && !rare.isEmpty()) levels.add(ALL_RARE);
        return new CategoricalCodec(spec, levels, rare, raw.sourceType());
    }

    @Override
    public List<ModelColumn> modelColumns(int sourceIndex) {
        return List.of(new ModelColumn(spec.name(), true, levels, sourceIndex));
    }

    /** The code of {@code label}, or -1 when it is not a kept level. */
    public int code(String label) {
        return levels.indexOf(label);
    }

    /** Whether {@code label} was seen but is protected as rare. */
    public boolean isProtected(String label) {
        return protectedLevels.contains(label);
    }

    @Override
    public List<Column> encode(StringColumn raw, String source, long seed) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) index.put(levels.get(i), i);
        String[] v = raw.values();
        int[] codes = new int[v.length];
        int[] keptCounts = new int[levels.size()];
        boolean anyRare = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) { codes[i] = -1; continue; }
            Integer c = index.get(v[i]);
            if (c == null) { codes[i] = -2; anyRare = true; } else { codes[i] = c; keptCounts[c]++; }
        }
        if (anyRare) replaceRare(codes, keptCounts, seed);
        return List.of(new CategoricalColumn(spec.name(), codes, levels.toArray(String[]::new)));
    }

    private void replaceRare(int[] codes, int[] keptCounts, long seed) {
        long total = 0;
        for (int c : keptCounts) total += c;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL ^ spec.name().hashCode());
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] != -2) continue;
            if (total == 0) { codes[i] = 0; continue; }
            long r = rng.nextLong(total);
            int c = 0;
            while (r >= keptCounts[c]) r -= keptCounts[c++];
            codes[i] = c;
        }
    }

    @Override
    public String[] decode(List<Column> model, int rows, long firstRow, long seed, boolean typed) {
        CategoricalColumn col = (CategoricalColumn) model.get(0);
        String[] labels = levels.toArray(String[]::new);
        if (typed && outputType() == SourceType.BOOLEAN) {
            for (int i = 0; i < labels.length; i++) labels[i] = labels[i].toLowerCase(Locale.ROOT);
        }
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            int c = col.code(i);
            out[i] = c < 0 ? null : labels[c];
        }
        return out;
    }

    @Override
    public SourceType outputType() {
        if (sourceType != SourceType.STRING) return sourceType;
        boolean allBool = !levels.isEmpty(), allInt = !levels.isEmpty();
        for (String l : levels) {
            String low = l.toLowerCase(Locale.ROOT);
            if (!low.equals("true") && !low.equals("false")) allBool = false;
            if (!isCanonicalLong(l)) allInt = false;
        }
        if (spec.kind() == ColumnKind.BOOLEAN && allBool) return SourceType.BOOLEAN;
        if (allInt) return SourceType.INTEGER;
        return SourceType.STRING;
    }

    private static boolean isCanonicalLong(String s) {
        try {
            return Long.toString(Long.parseLong(s)).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        ArrayNode a = o.putArray("levels");
        levels.forEach(a::add);
        // Only how many were protected is stored: the rare labels themselves must not leave the data.
        o.put("protectedCount", protectedLevels.size());
        o.put("sourceType", sourceType.name());
        return o;
    }

    static CategoricalCodec fromJson(ColumnSpec spec, JsonNode o) {
        List<String> levels = new ArrayList<>();
        for (JsonNode n : o.get("levels")) levels.add(n.asText());
        return new CategoricalCodec(spec, levels, List.of(), SourceType.valueOf(o.path("sourceType").asText("STRING")));
    }
}
