package dev.ersatz.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The column specs of a table, in column order, with their editable JSON form.
 *
 * <p>The JSON is meant for people: kinds and PII types are lower case, unset fields are left out,
 * and reading it names the file, the column and the field at fault.
 * <pre>{@code
 * {"ersatzMetadata": 1, "columns": [
 *   {"name": "age", "kind": "integer"},
 *   {"name": "joined", "kind": "datetime", "format": "dd/MM/yyyy"},
 *   {"name": "email", "kind": "pii", "pii": "email"}]}
 * }</pre>
 */
public record Metadata(List<ColumnSpec> columns) {

    /** The version of the metadata JSON this build writes and the newest it reads. */
    public static final int JSON_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "kind", "format", "pii", "minCategoryCount", "keep");

    public Metadata {
        columns = List.copyOf(columns);
        Set<String> seen = new java.util.HashSet<>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name())) throw new InputException(null, -1, c.name(), null, "column listed twice in metadata");
        }
    }

    /** The spec of the column named {@code name}, or {@code null}. */
    public ColumnSpec get(String name) {
        for (ColumnSpec c : columns) if (c.name().equals(name)) return c;
        return null;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (ColumnSpec c : columns) names.add(c.name());
        return names;
    }

    /**
     * These specs laid over {@code detected}: a column this metadata names replaces the detected one,
     * other columns keep their detected spec. A column named here but absent from the data is an error.
     */
    public Metadata overriding(Metadata detected, String source) {
        Map<String, ColumnSpec> mine = new LinkedHashMap<>();
        for (ColumnSpec c : columns) mine.put(c.name(), c);
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec d : detected.columns()) {
            ColumnSpec m = mine.remove(d.name());
            out.add(m == null ? d : m);
        }
        if (!mine.isEmpty()) {
            String name = mine.keySet().iterator().next();
            throw new InputException(source, -1, name, null, "metadata names a column the data does not have (columns: "
                    + String.join(", ", detected.names()) + ")");
        }
        return new Metadata(out);
    }

    /** The JSON form, as an object node (used inside model files too). */
    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("ersatzMetadata", JSON_VERSION);
        ArrayNode cols = root.putArray("columns");
        for (ColumnSpec c : columns) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            if (c.format() != null) o.put("format", c.format());
            if (c.pii() != null) o.put("pii", c.pii().name().toLowerCase(Locale.ROOT));
            if (c.minCategoryCount() != null) o.put("minCategoryCount", c.minCategoryCount());
            if (c.keep() != null) {
                ArrayNode k = o.putArray("keep");
                c.keep().forEach(k::add);
            }
        }
        return root;
    }

    /**
     * The JSON text: one column per line, so a person can scan and edit it, and a diff shows which
     * columns changed.
     */
    public String toJson() {
        try {
            StringBuilder sb = new StringBuilder("{\n  \"ersatzMetadata\": ").append(JSON_VERSION).append(",\n  \"columns\": [\n");
            JsonNode cols = toJsonNode().get("columns");
            for (int i = 0; i < cols.size(); i++) {
                sb.append("    {");
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = cols.get(i).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    sb.append(first ? "" : ", ").append(JSON.writeValueAsString(f.getKey())).append(": ")
                            .append(JSON.writeValueAsString(f.getValue()));
                    first = false;
                }
                sb.append(i + 1 < cols.size() ? "},\n" : "}\n");
            }
            return sb.append("  ]\n}\n").toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads metadata JSON from {@code file}; errors name the file, the column and the field. */
    public static Metadata read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "metadata file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read metadata file: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file.toString(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null, null,
                    "not valid JSON: " + e.getOriginalMessage()).withSource(file.toString());
        }
        return fromJsonNode(root, file.toString());
    }

    /** Parses the JSON form; {@code source} names where it came from in error messages. */
    public static Metadata fromJsonNode(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new InputException(source, "metadata must be a JSON object with a \"columns\" array");
        JsonNode version = root.get("ersatzMetadata");
        if (version != null && version.asInt() > JSON_VERSION) {
            throw new InputException(source, "metadata version " + version.asInt() + " is newer than this Ersatz reads (" + JSON_VERSION + ")");
        }
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isArray()) throw new InputException(source, "metadata needs a \"columns\" array");
        List<ColumnSpec> specs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int i = 0;
        for (JsonNode c : cols) {
            i++;
            String name = c.path("name").isTextual() ? c.get("name").asText() : null;
            if (name == null) throw new InputException(source, "column #" + i + " has no \"name\"");
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) throw new InputException(source, -1, name, f, "unknown field (fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
            if (seen.put(name, i) != null) throw new InputException(source, -1, name, null, "column listed twice in metadata");
            ColumnKind kind = parseEnum(ColumnKind.class, c.get("kind"), source, name, "kind");
            if (kind == null) throw new InputException(source, -1, name, null, "no \"kind\" (one of " + ColumnSpec.lower(ColumnKind.values()) + ")");
            PiiType pii = parseEnum(PiiType.class, c.get("pii"), source, name, "pii");
            String format = c.hasNonNull("format") ? c.get("format").asText() : null;
            Integer minCount = null;
            if (c.hasNonNull("minCategoryCount")) {
                if (!c.get("minCategoryCount").canConvertToInt()) {
                    throw new InputException(source, -1, name, c.get("minCategoryCount").asText(), "minCategoryCount must be a whole number");
                }
                minCount = c.get("minCategoryCount").asInt();
            }
            List<String> keep = null;
            if (c.hasNonNull("keep")) {
                keep = new ArrayList<>();
                for (JsonNode k : c.get("keep")) keep.add(k.asText());
            }
            try {
                specs.add(new ColumnSpec(name, kind, format, pii, minCount, keep));
            } catch (InputException e) {
                throw e.withSource(source);
            }
        }
        return new Metadata(specs);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, JsonNode node, String source, String column, String field) {
        if (node == null || node.isNull()) return null;
        String v = node.asText();
        String key = v.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        throw new InputException(source, -1, column, v, "unknown " + field + " (one of " + ColumnSpec.lower(type.getEnumConstants()) + ")");
    }
}
