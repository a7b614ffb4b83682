package dev.ersatz.augment.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CSV corpus: one sentence per row in a text column, an optional label column, an optional
 * {@code entities} column of JSON spans; other columns are copied to every copy of their row.
 *
 * <p>Only an empty cell is missing here (not {@code NA} or {@code null}, which are words in a text),
 * and an empty text or label is an error naming its row.
 */
final class CsvCorpus implements TextCorpus {
    private final ReadResult data;
    private final int textCol;
    private final int labelCol;
    private final int entitiesCol;
    private final boolean[] triples;
    private final List<Example> examples;

    private CsvCorpus(ReadResult data, int textCol, int labelCol, int entitiesCol, boolean[] triples, List<Example> examples) {
        this.data = data;
        this.textCol = textCol;
        this.labelCol = labelCol;
        this.entitiesCol = entitiesCol;
        this.triples = triples;
        this.examples = examples;
    }

    static CsvCorpus read(Path in, String textField, String labelField) {
        ReadResult data = TableReader.read(in.toString(), ReadOptions.defaults().withMissingMarkers(List.of("")));
        String source = data.source();
        Table t = data.table();
        int textCol = column(t, source, textField, "--text");
        int labelCol = labelField == null ? -1 : column(t, source, labelField, "--label");
        if (labelCol == textCol) throw new InputException(source, 0, labelField, null, "the label column cannot also be the text column");
        int entitiesCol = t.indexOf(ENTITIES);
        if (entitiesCol == textCol || entitiesCol == labelCol) entitiesCol = -1;
        if (t.rowCount() == 0) throw new InputException(source, "has a header but no rows: nothing to augment");
        List<Example> examples = new ArrayList<>(t.rowCount());
        boolean[] triples = new boolean[t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            String text = t.text(r, textCol);
            if (text == null || text.isBlank()) throw new InputException(source, r + 1, textField, text == null ? "" : text, "empty text");
            String label = null;
            if (labelCol >= 0) {
                label = t.text(r, labelCol);
                if (label == null) throw new InputException(source, r + 1, labelField, "", "empty label");
            }
            List<Span> spans = List.of();
            if (entitiesCol >= 0 && t.text(r, entitiesCol) != null) {
                JsonNode node;
                try {
                    node = SpansJson.MAPPER.readTree(t.text(r, entitiesCol));
                } catch (JsonProcessingException e) {
                    throw new InputException(source, r + 1, ENTITIES, t.text(r, entitiesCol), "not JSON: " + e.getOriginalMessage());
                }
                spans = SpansJson.parse(node, source, r + 1, ENTITIES);
                triples[r] = SpansJson.usesTriples(node);
            }
            Doc doc;
            try {
                doc = Tokenizer.tokenize(text, spans);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, r + 1, ENTITIES, t.text(r, entitiesCol), e.getMessage());
            }
            examples.add(new Example(doc, label));
        }
        return new CsvCorpus(data, textCol, labelCol, entitiesCol, triples, Collections.unmodifiableList(examples));
    }

    private static int column(Table t, String source, String name, String flag) {
        int i = t.indexOf(name);
        if (i < 0) {
            throw new InputException(source, 0, name, null, "no such column (given by " + flag + "; columns: " + String.join(", ", t.names()) + ")");
        }
        return i;
    }

    @Override
    public List<Example> examples() { return examples; }

    @Override
    public void write(Path out, List<List<Augmented>> copies) {
        Table t = data.table();
        int rows = 0;
        for (int r = 0; r < t.rowCount(); r++) rows += 1 + copies.get(r).size();
        List<StringColumn> cols = new ArrayList<>();
        List<SourceType> types = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            String[] v = new String[rows];
            int o = 0;
            for (int r = 0; r < t.rowCount(); r++) {
                v[o++] = t.text(r, c);
                for (Augmented a : copies.get(r)) v[o++] = cell(t, r, c, a);
            }
            cols.add(new StringColumn(t.names().get(c), v));
            types.add(SourceType.STRING);
        }
        char delimiter = data.delimiter() == null ? ',' : data.delimiter();
        try (TableSink sink = TableWriter.open(out, t.names(), types, new WriteOptions(delimiter, List.of()))) {
            sink.append(new Table(cols));
            sink.commit();
        }
    }

    private String cell(Table t, int r, int c, Augmented a) {
        if (c == textCol) return a.doc().text();
        if (c == labelCol) return a.label();
        if (c == entitiesCol && t.text(r, c) != null) return SpansJson.write(a.doc().charSpans(), triples[r]).toString();
        return t.text(r, c);
    }
}
