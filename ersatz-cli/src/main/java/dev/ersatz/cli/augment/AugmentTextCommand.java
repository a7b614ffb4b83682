package dev.ersatz.cli.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ersatz.augment.text.AugmentOptions;
import dev.ersatz.augment.text.Method;
import dev.ersatz.augment.text.TextAugmenter;
import dev.ersatz.augment.text.TextCorpus;
import dev.ersatz.augment.text.TextFiles;
import dev.ersatz.augment.text.TextFormat;
import dev.ersatz.cli.CliProgress;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ersatz augment text}: EDA, antonyms and character noise on a CSV, JSON-lines or CoNLL corpus. */
@Command(name = "text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write each sentence and augmented copies of it (EDA word edits, antonyms, character noise),",
                "keeping sentence labels and entity spans aligned. Same input, options and seed: same bytes."})
public final class AugmentTextCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Input corpus: .csv/.tsv, .jsonl, or .conll.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, in the input's format: each record, then its copies.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or conll (default: from the input's extension).")
    String format;

    @Option(names = "--text", paramLabel = "NAME", defaultValue = "text", description = "The text column (CSV) or field (JSON lines) (default: ${DEFAULT-VALUE}).")
    String text;

    @Option(names = "--label", paramLabel = "NAME", description = "The label column or field, kept on each copy (flipped by antonym copies of a two-class set).")
    String label;

    @Option(names = "--methods", paramLabel = "LIST", defaultValue = "eda",
            description = "Comma-separated: eda (= synonym,insert,swap,delete), synonym, insert, swap, delete, antonym, keyboard, ocr, char, split (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--alpha", paramLabel = "A", description = "Share of words changed per copy (default: EDA's, 0.05 below 3,162 sentences, else 0.1).")
    Double alpha;

    @Option(names = "--copies", paramLabel = "N", description = "Augmented copies per sentence (default: EDA's, 16 below 1,000 sentences, 8 below 3,162, else 4).")
    Integer copies;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--char-rate", paramLabel = "R", defaultValue = "0.1", description = "Share of a misspelt word's characters changed by keyboard, ocr and char (default: ${DEFAULT-VALUE}).")
    double charRate;

    @Option(names = "--protect", paramLabel = "WORDS", split = ",",
            description = "Words never replaced, deleted, swapped or misspelt (comma-separated; @FILE for one per line), besides negations.")
    List<String> protect = new ArrayList<>();

    @Option(names = "--safe", description = "Also protect the words most associated with each label in the input, and never insert one of another label's.")
    boolean safe;

    @Option(names = "--label-filter", paramLabel = "MARGIN", arity = "0..1", fallbackValue = "0.05",
            description = {"Safe mode's label-consistency filter: train a quick classifier (maximum entropy on word 1-2-grams) on the input",
                    "and draw again any copy that lowers its probability of the sentence's label by more than MARGIN",
                    "(default 0.05), or that it no longer predicts the label for. Needs --safe."})
    Double labelFilter;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). The output does not depend on it.")
    Integer threads;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write what each method changed as JSON.")
    Path report;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        TextFormat fmt = format(in, format, "--in");
        TextFormat outFmt = TextFormat.of(out);
        if (outFmt != null && outFmt != fmt) {
            throw new InputException(out.toString(), "the output is written in the input's format (" + fmt.name().toLowerCase(Locale.ROOT)
                    + "); give it a matching extension");
        }
        List<Method> m;
        try {
            m = Method.parseList(methods);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, -1, "--methods", methods, e.getMessage());
        }
        if (safe && label == null) throw new InputException(null, -1, "--safe", null, "safe mode needs the labels: give --label");
        if (labelFilter != null && !safe) {
            throw new InputException(null, -1, "--label-filter", null, "the label filter is part of safe mode: give --safe too");
        }
        if (labelFilter != null && !(labelFilter >= 0 && labelFilter <= 1)) {
            throw new InputException(null, -1, "--label-filter", String.valueOf(labelFilter), "the margin is a drop of probability, in [0, 1]");
        }
        AugmentOptions options;
        try {
            options = new AugmentOptions(m, alpha, copies, charRate, seed, protectedWords(), safe,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, labelFilter);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, -1, null, null, "bad option: " + e.getMessage());
        }
        AtomicFiles.checkParent(out);
        if (report != null) AtomicFiles.checkParent(report);

        long t0 = System.nanoTime();
        TextCorpus corpus = TextCorpus.read(in, fmt, text, label);
        TextAugmenter.Result result;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            result = new TextAugmenter(options).augment(corpus.examples(), progress);
        }
        corpus.write(out, result.copies());
        if (report != null) {
            byte[] json = writeJson(result.report().toMap());
            AtomicFiles.write(report, json);
        }
        long t1 = System.nanoTime();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d sentences, %d copies each (alpha %.3g): %d rows written to %s in %.2f s%n",
                result.report().sentences(), result.report().copiesPerSentence(), result.report().alpha(),
                result.report().sentences() * (1 + result.report().copiesPerSentence()), out, (t1 - t0) / 1e9);
        if (safe) o.printf(Locale.ROOT, "  safe mode: %d label-associated words protected%n", result.report().protectedWords());
        if (result.report().labelFilterMargin() != null) {
            o.printf(Locale.ROOT, "  label filter (margin %s): %d drafts rejected and drawn again, %d copies repeat their sentence%n",
                    result.report().labelFilterMargin(), result.report().rejected(), result.report().repeatedAfterRejection());
        } else if (labelFilter != null) {
            o.printf(Locale.ROOT, "  label filter: not run (the input has fewer than two labels)%n");
        }
        o.print(result.report().summary());
        o.flush();
        return 0;
    }

    private Set<String> protectedWords() {
        Set<String> words = new LinkedHashSet<>();
        for (String p : protect) {
            if (p.startsWith("@")) {
                for (String line : TextFiles.readLines(Path.of(p.substring(1)))) {
                    String w = line.strip();
                    if (!w.isEmpty() && !w.startsWith("#")) words.add(w);
                }
            } else if (!p.isBlank()) {
                words.add(p.strip());
            }
        }
        return words;
    }

    static TextFormat format(Path file, String given, String flag) {
        if (given != null) {
            try {
                return TextFormat.parse(given);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, -1, "--format", given, e.getMessage());
            }
        }
        TextFormat f = TextFormat.of(file);
        if (f == null) {
            throw new InputException(file.toString(), "cannot tell the format from the extension (" + flag
                    + "): use .csv, .tsv, .jsonl or .conll, or give --format");
        }
        return f;
    }

    static byte[] writeJson(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
