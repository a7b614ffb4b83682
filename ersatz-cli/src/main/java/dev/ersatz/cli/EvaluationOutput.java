package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.eval.Evaluation;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes an evaluation's report and JSON (atomically) and prints its summary. */
final class EvaluationOutput {
    private EvaluationOutput() {}

    /** Checks, before any work, that the report and JSON paths can be written and look like what they are. */
    static void check(Path report, Path json) {
        if (report != null) {
            AtomicFiles.checkParent(report);
            String n = report.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!n.endsWith(".html") && !n.endsWith(".htm")) {
                throw new InputException("--report", -1, null, report.toString(), "the report is an HTML file: give a name ending in .html");
            }
        }
        if (json != null) {
            AtomicFiles.checkParent(json);
            if (!json.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new InputException("--json", -1, null, json.toString(), "give a name ending in .json");
            }
        }
    }

    static void write(Evaluation e, Path report, Path json) {
        if (json != null) AtomicFiles.write(json, e.toJson());
        if (report != null) AtomicFiles.write(report, e.toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /** The summary scores and the verdicts, for the terminal. */
    static void print(Evaluation e, PrintWriter out, Path report, Path json) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Double> s : e.summary().entrySet()) {
            if (Double.isNaN(s.getValue())) continue;
            if (line.length() > 0) line.append("  ");
            line.append(s.getKey()).append(' ').append(String.format(Locale.ROOT, "%.3f", s.getValue()));
        }
        out.println(line);
        e.verdicts().forEach((k, v) -> out.println(k + ": " + v));
        if (report != null) out.println("report: " + report);
        if (json != null) out.println("scores: " + json);
        out.flush();
    }
}
