package dev.ersatz.cli.augment;

import dev.ersatz.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz augment text} and {@code ersatz generate text} end to end, with the bad-input corpus. */
class TextCommandsTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** rt_polarity's first 150 positive and first 150 negative sentences, as a CSV (label,sentence). */
    private Path polarity() throws IOException {
        Path p = Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"), "rt_polarity_sentences", "rt_polarity.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset rt_polarity_sentences not found: skipped");
        List<String> lines = Files.readAllLines(p);
        List<String> neg = lines.stream().filter(l -> l.startsWith("neg,")).limit(150).toList();
        Path out = dir.resolve("rt300.csv");
        Files.write(out, Stream.concat(Stream.concat(Stream.of(lines.get(0)), lines.subList(1, 151).stream()), neg.stream()).toList());
        return out;
    }

    private void assertBadInput(Run r, Path out, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) assertThat(r.err()).contains(f);
        if (out != null) {
            assertThat(out).doesNotExist();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
            }
        }
    }

    @Test
    void augmentText_csv_writesOriginalsAndCopies_sameSeedSameBytesOnAnyThreads() throws IOException {
        Path in = polarity();
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv"), report = dir.resolve("r.json");
        Run r = run("augment", "text", "--in", in.toString(), "--text", "sentence", "--label", "label", "--out", a.toString(),
                "--methods", "eda", "--alpha", "0.1", "--copies", "4", "--seed", "7", "--threads", "1", "--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("300 sentences, 4 copies each").contains("synonym:").contains("words deleted");
        assertThat(Files.readAllLines(a)).hasSize(1 + 300 * 5);
        assertThat(Files.readString(report)).contains("\"synonym\"").contains("\"wordsReplaced\"");
        assertThat(run("augment", "text", "--in", in.toString(), "--text", "sentence", "--label", "label", "--out", b.toString(),
                "--methods", "eda", "--alpha", "0.1", "--copies", "4", "--seed", "7", "--threads", "3").code()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void augmentText_safeModeLabelFilter_drawsAgainAndReportsRejections() throws IOException {
        Path in = polarity();
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv"), report = dir.resolve("r.json");
        Run r = run("augment", "text", "--in", in.toString(), "--text", "sentence", "--label", "label", "--out", a.toString(),
                "--copies", "4", "--seed", "7", "--safe", "--label-filter", "--threads", "1", "--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("safe mode:").containsPattern("label filter \\(margin 0\\.05\\): [1-9][0-9]* drafts rejected");
        assertThat(Files.readAllLines(a)).hasSize(1 + 300 * 5);
        assertThat(Files.readString(report)).contains("\"labelFilter\"").contains("\"draftsRejected\"").contains("\"margin\" : 0.05");
        Run again = run("augment", "text", "--in", in.toString(), "--text", "sentence", "--label", "label", "--out", b.toString(),
                "--copies", "4", "--seed", "7", "--safe", "--label-filter", "0.05", "--threads", "2");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void augmentText_conll_keepsTagsWellFormed() throws IOException {
        Path in = write("ner.conll", "Maria B-PER\nLopez I-PER\nloved O\nthe O\nfilm O\nin O\nNew B-LOC\nYork I-LOC\n. O\n\n");
        Path out = dir.resolve("out.conll");
        Run r = run("augment", "text", "--in", in.toString(), "--format", "conll", "--out", out.toString(),
                "--methods", "insert,delete,swap,split", "--alpha", "0.3", "--copies", "8", "--seed", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String prev = "O";
        int sentences = 0;
        for (String line : Files.readAllLines(out)) {
            if (line.isEmpty()) { sentences++; prev = "O"; continue; }
            String tag = line.split(" ")[1];
            if (tag.startsWith("I-")) assertThat(prev).as(line).isIn("B-" + tag.substring(2), tag);
            prev = tag;
        }
        assertThat(sentences).isEqualTo(9);
    }

    @Test
    void generateText_grammar_writesPerIntentRowsThatAugmentReadsBack() throws IOException {
        // "cancel" has 3 + 3 x 3 = 12 distinct sentences: 10 per intent fits, 20 would be an error.
        Path g = write("intents.json", """
                { "intents": { "book": ["book a table for {people} at {place}", "<please> reserve {place} for {people}"],
                               "cancel": ["cancel my booking at {place}", "<please> cancel {place}"] },
                  "slots": { "people": { "generator": "number", "min": 1, "max": 12 }, "place": ["luigi's", "the blue door", "sushi bar"] },
                  "rules": { "please": ["please", "could you", ""] } }
                """);
        Path csv = dir.resolve("intents.csv"), again = dir.resolve("again.csv"), aug = dir.resolve("aug.csv");
        Run r = run("generate", "text", "--grammar", g.toString(), "--per-intent", "10", "--out", csv.toString(), "--seed", "7");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(21);
        assertThat(lines.get(0)).isEqualTo("text,intent,entities");
        assertThat(run("generate", "text", "--grammar", g.toString(), "--per-intent", "10", "--out", again.toString(), "--seed", "7").code()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(csv));
        Run a = run("augment", "text", "--in", csv.toString(), "--label", "intent", "--out", aug.toString(), "--copies", "2", "--seed", "3");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(Files.readAllLines(aug)).hasSize(1 + 20 * 3);
    }

    @Test
    void badInput_oneLineExit2_noOutputLeft() throws IOException {
        Path out = dir.resolve("out.csv");
        Path good = write("ok.csv", "sentence,label\na fine film,pos\nso dull,neg\n");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "txt", "--out", out.toString()), out,
                "ok.csv: header, column 'txt'", "no such column");
        Path empty = write("empty.csv", "sentence,label\na fine film,pos\n\"\",neg\n");
        assertBadInput(run("augment", "text", "--in", empty.toString(), "--text", "sentence", "--out", out.toString()), out,
                "empty.csv: row 2, column 'sentence'", "empty text");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "sentence,label\nun caf\u00e9 noir,pos\n".getBytes(StandardCharsets.ISO_8859_1));
        assertBadInput(run("augment", "text", "--in", latin1.toString(), "--text", "sentence", "--out", out.toString()), out,
                "latin1.csv: row 1, column 'sentence'", "0xE9 is not valid UTF-8");
        Path conll = write("bad.conll", "John B-PER\nruns X-VERB\n");
        Path outConll = dir.resolve("out.conll");
        assertBadInput(run("augment", "text", "--in", conll.toString(), "--out", outConll.toString()), outConll,
                "bad.conll: row 2, column 'tag', value \"X-VERB\"");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "sentence", "--out", out.toString(), "--methods", "eda,typo"), out,
                "--methods", "unknown method 'typo'");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "sentence", "--out", out.toString(), "--alpha", "2"), out, "alpha");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "sentence", "--out", out.toString(), "--safe"), out, "--label");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "sentence", "--label", "label", "--out", out.toString(),
                "--label-filter"), out, "--label-filter", "give --safe too");
        assertBadInput(run("augment", "text", "--in", good.toString(), "--text", "sentence", "--label", "label", "--out", out.toString(),
                "--safe", "--label-filter", "1.5"), out, "--label-filter", "[0, 1]");
        Path grammar = write("g.json", "{\"intents\": {\"a\": [\"go to {cty}\"]}, \"slots\": {\"city\": [\"x\"]}}");
        assertBadInput(run("generate", "text", "--grammar", grammar.toString(), "--per-intent", "5", "--out", out.toString()), out,
                "g.json: intent 'a', template 1", "slot 'cty' is not defined");
        Path loop = write("loop.json", "{\"intents\": {\"a\": [\"<x>\"]}, \"rules\": {\"x\": [\"more <x>\"]}}");
        assertBadInput(run("generate", "text", "--grammar", loop.toString(), "--per-intent", "5", "--out", out.toString()), out,
                "rule 'x' can never finish");
    }

    @Test
    void badInput_existingOutputIsNotReplacedOnFailure() throws IOException {
        Path out = write("keep.csv", "precious\n");
        Path empty = write("empty.csv", "sentence\n\"\"\n");
        Run r = run("augment", "text", "--in", empty.toString(), "--text", "sentence", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("precious\n");
    }
}
