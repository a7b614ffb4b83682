package dev.ersatz.augment.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV, JSON lines and CoNLL: read, augment, write, read back with every span aligned. */
class CorpusFormatsTest {
    @TempDir Path dir;

    private static final String CONLL_IOB1 = String.join("\n",
            "-DOCSTART- -X- -X- O",
            "",
            "Maria NNP B-NP I-PER",
            "Lopez NNP I-NP I-PER",
            "flew VBD B-VP O",
            "from IN B-PP O",
            "New NNP B-NP I-LOC",
            "York NNP I-NP I-LOC",
            "to TO B-PP O",
            "the DT B-NP O",
            "annual JJ I-NP O",
            "Lisbon NNP I-NP I-MISC",
            "Film NNP I-NP I-MISC",
            "Festival NNP I-NP I-MISC",
            "yesterday NN B-NP O",
            ". . O O",
            "",
            "Acme NNP B-NP I-ORG",
            "Corp NNP I-NP I-ORG",
            "Globex NNP I-NP B-ORG",
            "said VBD B-VP O",
            "profits NNS B-NP O",
            "rose VBD B-VP O",
            "sharply RB B-ADVP O",
            ". . O O",
            "");

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void conll_iob1_augmentedAndReadBack_keepsSchemeColumnsAndEntities() throws IOException {
        Path in = write("ner.conll", CONLL_IOB1);
        ConllCorpus corpus = ConllCorpus.read(in);
        assertThat(corpus.scheme()).isEqualTo(ConllCorpus.Scheme.IOB1);
        assertThat(corpus.examples()).hasSize(2);
        // B-ORG after I-ORG starts a second, adjacent entity of the same type.
        assertThat(corpus.examples().get(1).doc().tokenSpans()).containsExactly(new Span(0, 2, "ORG"), new Span(2, 3, "ORG"));

        AugmentOptions o = AugmentOptions.eda().withMethods(List.of(Method.values())).withAlpha(0.3).withCopies(20).withSeed(1);
        TextAugmenter.Result r = new TextAugmenter(o).augment(corpus.examples());
        Path out = dir.resolve("out.conll");
        corpus.write(out, r.copies());

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("-DOCSTART- -X- -X- O");
        for (String l : lines) if (!l.isBlank()) assertThat(l.split(" ")).hasSize(4);
        ConllCorpus back = ConllCorpus.read(out);
        assertThat(back.scheme()).isEqualTo(ConllCorpus.Scheme.IOB1);
        assertThat(back.examples()).hasSize(2 * 21);
        for (int i = 0; i < back.examples().size(); i++) {
            Doc original = corpus.examples().get(i / 21).doc();
            Doc copy = back.examples().get(i).doc();
            assertThat(labels(copy.tokenSpans())).containsExactlyInAnyOrderElementsOf(labels(original.tokenSpans()));
        }
        // The written copies are the augmented documents, entities and all.
        for (int k = 0; k < 20; k++) assertThat(back.examples().get(1 + k).doc().tokenSpans()).isEqualTo(r.copies().get(0).get(k).doc().tokenSpans());
    }

    private static List<String> labels(List<Span> spans) {
        List<String> out = new ArrayList<>();
        for (Span s : spans) out.add(s.label());
        return out;
    }

    @Test
    void conll_bioesAndIob2_roundTripUnchanged() throws IOException {
        String bioes = "John\tS-PER\nvisited\tO\nSan\tB-LOC\nJose\tI-LOC\nCity\tE-LOC\n\n";
        Path in = write("b.conll", bioes);
        ConllCorpus c = ConllCorpus.read(in);
        assertThat(c.scheme()).isEqualTo(ConllCorpus.Scheme.BIOES);
        Path out = dir.resolve("b2.conll");
        c.write(out, List.of(List.of()));
        assertThat(Files.readString(out)).isEqualTo(bioes);
        String iob2 = "John B-PER\nSmith I-PER\nruns O\n\n";
        ConllCorpus c2 = ConllCorpus.read(write("c.conll", iob2));
        assertThat(c2.scheme()).isEqualTo(ConllCorpus.Scheme.IOB2);
        Path out2 = dir.resolve("c2.conll");
        c2.write(out2, List.of(List.of()));
        assertThat(Files.readString(out2)).isEqualTo(iob2);
    }

    @Test
    void conll_badLines_nameFileLineAndValue() throws IOException {
        Path bad = write("bad.conll", "John B-PER\nran X-VERB\n");
        assertThatThrownBy(() -> ConllCorpus.read(bad)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.conll: row 2, column 'tag', value \"X-VERB\"");
        Path one = write("one.conll", "John B-PER\nran\n");
        assertThatThrownBy(() -> ConllCorpus.read(one)).hasMessageContaining("row 2").hasMessageContaining("a token and a tag");
        Path dangling = write("d.conll", "John B-PER\nSmith E-PER\nruns I-PER\n");
        assertThatThrownBy(() -> ConllCorpus.read(dangling)).hasMessageContaining("row 3").hasMessageContaining("continues no entity");
    }

    @Test
    void jsonl_entities_movedWithTheirWords_otherFieldsKept() throws IOException {
        Path in = write("d.jsonl", "{\"id\": 7, \"text\": \"🎬 Maria Lopez loved the new film in Lisbon\", \"label\": 1, "
                + "\"entities\": [[2, 13, \"PER\"], [36, 42, \"LOC\"]], \"score\": 0.10}\n\n"
                + "{\"id\": 8, \"text\": \"A dull, tired film\", \"label\": 0, \"entities\": [], \"score\": 1e-3}\n");
        TextCorpus c = TextCorpus.read(in, TextFormat.JSONL, "text", "label");
        AugmentOptions o = AugmentOptions.eda().withMethods(List.of(Method.values())).withAlpha(0.3).withCopies(10).withSeed(3);
        TextAugmenter.Result r = new TextAugmenter(o).augment(c.examples());
        Path out = dir.resolve("o.jsonl");
        c.write(out, r.copies());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(22);
        assertThat(lines.get(0)).isEqualTo("{\"id\":7,\"text\":\"🎬 Maria Lopez loved the new film in Lisbon\",\"label\":1,"
                + "\"entities\":[[2,13,\"PER\"],[36,42,\"LOC\"]],\"score\":0.10}");
        ObjectMapper m = new ObjectMapper();
        for (int i = 1; i <= 10; i++) {
            JsonNode n = m.readTree(lines.get(i));
            assertThat(n.get("id").asInt()).isEqualTo(7);
            String text = n.get("text").asText();
            assertThat(n.get("entities")).hasSize(2);
            for (JsonNode e : n.get("entities")) {
                assertThat(e.isArray()).isTrue();
                int s = text.offsetByCodePoints(0, e.get(0).asInt()), en = text.offsetByCodePoints(0, e.get(1).asInt());
                String span = text.substring(s, en);
                // Entities keep their words, maybe misspelt or split, never joined by an inserted word.
                assertThat(span.replace(" ", "").length()).isBetween(4, 12);
            }
            assertThat(n.get("label").isInt()).isTrue();
        }
        assertThat(m.readTree(lines.get(11)).get("score").asDouble()).isEqualTo(0.001);
    }

    @Test
    void jsonl_badLines_nameLineAndField() throws IOException {
        Path notJson = write("a.jsonl", "{\"text\": \"ok\"}\n{\"text\": oops}\n");
        assertThatThrownBy(() -> TextCorpus.read(notJson, TextFormat.JSONL, "text", null)).hasMessageContaining("a.jsonl: row 2").hasMessageContaining("not valid JSON");
        Path noText = write("b.jsonl", "{\"body\": \"ok\"}\n");
        assertThatThrownBy(() -> TextCorpus.read(noText, TextFormat.JSONL, "text", null)).hasMessageContaining("row 1, column 'text'").hasMessageContaining("no such field");
        Path badSpan = write("c.jsonl", "{\"text\": \"abc\", \"entities\": [[0, 9, \"X\"]]}\n");
        assertThatThrownBy(() -> TextCorpus.read(badSpan, TextFormat.JSONL, "text", null)).hasMessageContaining("row 1, column 'entities'").hasMessageContaining("ends after the text");
        Path latin1 = dir.resolve("d.jsonl");
        Files.write(latin1, "{\"text\": \"ok\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TextCorpus.read(latin1, TextFormat.JSONL, "text", null)).hasMessageContaining("d.jsonl: row 2").hasMessageContaining("0xE9 is not valid UTF-8");
    }

    @Test
    void csv_textAndLabelColumns_otherColumnsCopied_badInputNamed() throws IOException {
        Path in = write("r.csv", "id,sentence,label,note\n1,\"a good , warm film\",pos,NA\n2,a dull film,neg,\n");
        TextCorpus c = TextCorpus.read(in, TextFormat.CSV, "sentence", "label");
        TextAugmenter.Result r = new TextAugmenter(AugmentOptions.eda().withCopies(2).withSeed(1)).augment(c.examples());
        Path out = dir.resolve("o.csv");
        c.write(out, r.copies());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("id,sentence,label,note");
        assertThat(lines.get(1)).isEqualTo("1,\"a good , warm film\",pos,NA");
        assertThat(lines.get(2)).startsWith("1,").endsWith(",pos,NA");
        assertThat(lines.get(5)).startsWith("2,").endsWith(",neg,");

        Path empty = write("e.csv", "sentence,label\nfine,pos\n\"\",neg\n");
        assertThatThrownBy(() -> TextCorpus.read(empty, TextFormat.CSV, "sentence", "label")).hasMessageContaining("e.csv: row 2, column 'sentence'").hasMessageContaining("empty text");
        assertThatThrownBy(() -> TextCorpus.read(in, TextFormat.CSV, "text", null)).hasMessageContaining("header, column 'text'").hasMessageContaining("no such column");
    }
}
