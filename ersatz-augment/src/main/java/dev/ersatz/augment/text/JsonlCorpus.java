package dev.ersatz.augment.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON-lines corpus: one JSON object per line with a text field, an optional label field and an
 * optional {@code entities} field of spans; every other field is copied to each copy, in its order.
 *
 * <p>Rows are lines (blank lines are skipped but counted, so a message names the line in the file).
 * Numbers are kept exactly as written (read as decimals, not doubles). A label that is a number or a
 * boolean stays one in the copies.
 */
final class JsonlCorpus implements TextCorpus {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final List<ObjectNode> records;
    private final String textField;
    private final String labelField;
    private final List<Example> examples;

    private JsonlCorpus(List<ObjectNode> records, String textField, String labelField, List<Example> examples) {
        this.records = records;
        this.textField = textField;
        this.labelField = labelField;
        this.examples = examples;
    }

    static JsonlCorpus read(Path in, String textField, String labelField) {
        String source = in.toString();
        List<String> lines = TextFiles.readLines(in);
        List<ObjectNode> records = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            long row = i + 1;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new InputException(source, row, null, line, "not valid JSON: " + e.getOriginalMessage());
            }
            if (!(node instanceof ObjectNode obj)) throw new InputException(source, row, null, line, "expected a JSON object");
            JsonNode text = obj.get(textField);
            if (text == null) throw new InputException(source, row, textField, null, "no such field (given by --text)");
            if (!text.isTextual()) throw new InputException(source, row, textField, text.toString(), "the text must be a string");
            if (text.asText().isBlank()) throw new InputException(source, row, textField, text.asText(), "empty text");
            String label = null;
            if (labelField != null) {
                JsonNode l = obj.get(labelField);
                if (l == null || l.isNull()) throw new InputException(source, row, labelField, null, "no label (given by --label)");
                if (!l.isValueNode()) throw new InputException(source, row, labelField, l.toString(), "a label must be a string, number or boolean");
                label = l.isTextual() ? l.asText() : l.toString();
                if (label.isEmpty()) throw new InputException(source, row, labelField, "", "empty label");
            }
            List<Span> spans = SpansJson.parse(obj.get(ENTITIES), source, row, ENTITIES);
            Doc doc;
            try {
                doc = Tokenizer.tokenize(text.asText(), spans);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, row, ENTITIES, null, e.getMessage());
            }
            records.add(obj);
            examples.add(new Example(doc, label));
        }
        if (records.isEmpty()) throw new InputException(source, "no records: nothing to augment");
        return new JsonlCorpus(records, textField, labelField, Collections.unmodifiableList(examples));
    }

    @Override
    public List<Example> examples() { return examples; }

    @Override
    public void write(Path out, List<List<Augmented>> copies) {
        TextFiles.writeAtomically(out, w -> {
            for (int r = 0; r < records.size(); r++) {
                ObjectNode original = records.get(r);
                w.write(MAPPER.writeValueAsString(original));
                w.write('\n');
                for (Augmented a : copies.get(r)) {
                    ObjectNode copy = original.deepCopy();
                    copy.put(textField, a.doc().text());
                    if (labelField != null && !a.label().equals(examples.get(r).label())) {
                        copy.set(labelField, labelNode(a.label(), original.get(labelField)));
                    }
                    if (original.has(ENTITIES) && !original.get(ENTITIES).isNull()) {
                        copy.set(ENTITIES, SpansJson.write(a.doc().charSpans(), SpansJson.usesTriples(original.get(ENTITIES))));
                    }
                    w.write(MAPPER.writeValueAsString(copy));
                    w.write('\n');
                }
            }
        });
    }

    /** A flipped label, written as the same JSON type as the original (a number stays a number). */
    private static JsonNode labelNode(String label, JsonNode like) {
        if (like.isTextual()) return SpansJson.MAPPER.getNodeFactory().textNode(label);
        try {
            return MAPPER.readTree(label);
        } catch (JsonProcessingException e) {
            return SpansJson.MAPPER.getNodeFactory().textNode(label);
        }
    }
}
