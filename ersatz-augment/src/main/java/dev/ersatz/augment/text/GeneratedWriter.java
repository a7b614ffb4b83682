package dev.ersatz.augment.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Writes generated sentences, atomically, in a format that {@code ersatz augment text} reads back:
 * CSV with columns {@code text,intent,entities} (the slots as a JSON list of {start, end, label}),
 * JSON lines {@code {"text", "intent", "entities"}}, or CoNLL (IOB2 tags, the intent in a
 * {@code # intent = ...} comment before each sentence).
 */
public final class GeneratedWriter {
    private GeneratedWriter() {}

    public static void write(Path out, TextFormat format, List<Generated> rows) {
        switch (format) {
            case CSV -> csv(out, rows);
            case JSONL -> TextFiles.writeAtomically(out, w -> {
                for (Generated g : rows) {
                    ObjectNode o = JsonlCorpus.MAPPER.createObjectNode();
                    o.put("text", g.text());
                    o.put("intent", g.intent());
                    o.set(TextCorpus.ENTITIES, SpansJson.write(g.slots(), false));
                    w.write(JsonlCorpus.MAPPER.writeValueAsString(o));
                    w.write('\n');
                }
            });
            case CONLL -> TextFiles.writeAtomically(out, w -> {
                for (Generated g : rows) {
                    Doc d = g.doc();
                    String[] tags = ConllCorpus.tags(d, ConllCorpus.Scheme.IOB2);
                    w.write("# intent = " + g.intent() + "\n");
                    for (int t = 0; t < d.size(); t++) w.write(d.token(t).text() + " " + tags[t] + "\n");
                    w.write('\n');
                }
            });
        }
    }

    private static void csv(Path out, List<Generated> rows) {
        String[] text = new String[rows.size()], intent = new String[rows.size()], ents = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            text[i] = rows.get(i).text();
            intent[i] = rows.get(i).intent();
            ents[i] = SpansJson.write(rows.get(i).slots(), false).toString();
        }
        List<String> names = List.of("text", "intent", TextCorpus.ENTITIES);
        try (TableSink sink = TableWriter.open(out, names, Collections.nCopies(3, SourceType.STRING), new WriteOptions(',', List.of()))) {
            sink.append(new Table(List.of(new StringColumn("text", text), new StringColumn("intent", intent), new StringColumn(TextCorpus.ENTITIES, ents))));
            sink.commit();
        }
    }
}
