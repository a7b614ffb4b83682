package dev.ersatz.sim.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A validation report: named checks that pass or fail, each with the measured value, its target and
 * the tolerance (and where the tolerance comes from), plus tables; written as JSON and as a
 * self-contained HTML page.
 */
public final class Report {
    /** One check: {@code value} against {@code target} within {@code tolerance}; {@code why} says where the tolerance comes from. */
    public record Check(String section, String name, boolean pass, String value, String target, String tolerance, String why) {}

    /** A table: a title, column names and rows of cells. */
    public record Table(String title, List<String> columns, List<List<String>> rows, String note) {}

    private final String title;
    private final String subject;
    private final List<Check> checks = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String title, String subject) {
        this.title = title;
        this.subject = subject;
    }

    public void check(String section, String name, boolean pass, String value, String target, String tolerance, String why) {
        checks.add(new Check(section, name, pass, value, target, tolerance, why));
    }

    public void table(String tableTitle, List<String> columns, List<List<String>> rows, String note) {
        tables.add(new Table(tableTitle, List.copyOf(columns), List.copyOf(rows), note));
    }

    public void note(String text) {
        notes.add(text);
    }

    public List<Check> checks() { return checks; }

    public List<Table> tables() { return tables; }

    /** Whether every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(Check::pass);
    }

    public long failures() {
        return checks.stream().filter(c -> !c.pass()).count();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title);
        root.put("subject", subject);
        root.put("passed", passed());
        root.put("checks", checks.size());
        root.put("failures", failures());
        ArrayNode cs = root.putArray("results");
        for (Check c : checks) {
            ObjectNode o = cs.addObject();
            o.put("section", c.section());
            o.put("check", c.name());
            o.put("pass", c.pass());
            o.put("value", c.value());
            o.put("target", c.target());
            o.put("tolerance", c.tolerance());
            o.put("why", c.why());
        }
        ArrayNode ts = root.putArray("tables");
        for (Table t : tables) {
            ObjectNode o = ts.addObject();
            o.put("title", t.title());
            ArrayNode cols = o.putArray("columns");
            t.columns().forEach(cols::add);
            ArrayNode rows = o.putArray("rows");
            for (List<String> r : t.rows()) {
                ArrayNode a = rows.addArray();
                r.forEach(a::add);
            }
            if (t.note() != null) o.put("note", t.note());
        }
        ArrayNode ns = root.putArray("notes");
        notes.forEach(ns::add);
        return root;
    }

    public String toHtml() {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append("th{background:#f3f3f3}.pass{color:#176f2c;font-weight:bold}.fail{color:#b00020;font-weight:bold}")
                .append(".why{color:#666;font-size:12px}h2{margin-top:2em}</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1><p>").append(esc(subject)).append("</p>");
        h.append("<p class=\"").append(passed() ? "pass\">All " + checks.size() + " checks pass" : "fail\">" + failures() + " of " + checks.size() + " checks fail")
                .append("</p>");
        String section = null;
        for (Check c : checks) {
            if (!c.section().equals(section)) {
                if (section != null) h.append("</table>");
                section = c.section();
                h.append("<h2>").append(esc(section)).append("</h2><table><tr><th>check</th><th>result</th><th>value</th><th>target</th><th>tolerance</th><th>why this tolerance</th></tr>");
            }
            h.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"").append(c.pass() ? "pass\">pass" : "fail\">FAIL")
                    .append("</td><td>").append(esc(c.value())).append("</td><td>").append(esc(c.target())).append("</td><td>")
                    .append(esc(c.tolerance())).append("</td><td class=\"why\">").append(esc(c.why())).append("</td></tr>");
        }
        if (section != null) h.append("</table>");
        for (Table t : tables) {
            h.append("<h2>").append(esc(t.title())).append("</h2><table><tr>");
            for (String c : t.columns()) h.append("<th>").append(esc(c)).append("</th>");
            h.append("</tr>");
            for (List<String> r : t.rows()) {
                h.append("<tr>");
                for (String c : r) h.append("<td>").append(esc(c)).append("</td>");
                h.append("</tr>");
            }
            h.append("</table>");
            if (t.note() != null) h.append("<p class=\"why\">").append(esc(t.note())).append("</p>");
        }
        for (String n : notes) h.append("<p class=\"why\">").append(esc(n)).append("</p>");
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes the JSON and the HTML (atomically). */
    public void write(java.nio.file.Path json, java.nio.file.Path html) {
        try {
            AtomicFiles.write(json, JSON.writeValueAsBytes(toJson()));
        } catch (IOException e) {
            throw new InputException(json.toString(), "cannot write: " + e.getMessage());
        }
        AtomicFiles.write(html, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /** A one-line summary per failed check, and a count, for the console. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Check c : checks) {
            sb.append(String.format(Locale.ROOT, "%-4s %-28s %-44s %s (target %s, tolerance %s)%n", c.pass() ? "ok" : "FAIL",
                    c.section(), c.name(), c.value(), c.target(), c.tolerance()));
        }
        sb.append(passed() ? "all " + checks.size() + " checks pass" : failures() + " of " + checks.size() + " checks fail");
        return sb.toString();
    }
}
