package dev.ersatz.augment.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity spans as JSON: a list of {@code {"start": 0, "end": 5, "label": "PER"}} objects or
 * {@code [0, 5, "PER"]} triples, offsets in code points (as spaCy writes them).
 */
final class SpansJson {
    private SpansJson() {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses a spans node; {@code null} or JSON null give no spans. */
    static List<Span> parse(JsonNode node, String source, long row, String column) {
        List<Span> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw new InputException(source, row, column, abbreviate(node), "expected a list of entity spans");
        for (JsonNode e : node) {
            JsonNode s, en, l;
            if (e.isObject()) {
                s = e.get("start");
                en = e.get("end");
                l = e.has("label") ? e.get("label") : e.get("type");
            } else if (e.isArray() && e.size() == 3) {
                s = e.get(0);
                en = e.get(1);
                l = e.get(2);
            } else {
                throw new InputException(source, row, column, abbreviate(e), "an entity span is {\"start\": 0, \"end\": 5, \"label\": \"PER\"} or [0, 5, \"PER\"]");
            }
            if (s == null || en == null || l == null || !s.canConvertToInt() || !en.canConvertToInt() || !s.isIntegralNumber()
                    || !en.isIntegralNumber() || !l.isTextual() || l.asText().isEmpty()) {
                throw new InputException(source, row, column, abbreviate(e), "an entity span needs integer start and end and a text label");
            }
            if (s.asInt() < 0 || en.asInt() <= s.asInt()) {
                throw new InputException(source, row, column, abbreviate(e), "an entity span needs 0 <= start < end");
            }
            out.add(new Span(s.asInt(), en.asInt(), l.asText()));
        }
        return out;
    }

    /** Whether a spans node uses triples (so copies are written the same way). */
    static boolean usesTriples(JsonNode node) {
        return node != null && node.isArray() && !node.isEmpty() && node.get(0).isArray();
    }

    static ArrayNode write(List<Span> spans, boolean triples) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Span s : spans) {
            if (triples) {
                a.addArray().add(s.start()).add(s.end()).add(s.label());
            } else {
                ObjectNode o = a.addObject();
                o.put("start", s.start());
                o.put("end", s.end());
                o.put("label", s.label());
            }
        }
        return a;
    }

    static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
