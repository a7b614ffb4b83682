package dev.ersatz.augment.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.InputException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A grammar of intents for generating labelled sentences, read from JSON.
 *
 * <pre>{@code
 * { "intents": {
 *     "book_flight": { "templates": ["<please> book a flight from {from:city} to {to:city} on {date}"], "count": 300 },
 *     "greet": ["hi", "hello there"] },
 *   "slots": {
 *     "city": ["paris", "new york", "tokyo"],
 *     "date": { "generator": "date", "from": "2025-01-01", "to": "2025-12-31", "format": "MMMM d" } },
 *   "rules": { "please": ["please", "could you", ""] } }
 * }</pre>
 *
 * <p>In a template, {@code {slot}} is a labelled span filled from slot {@code slot};
 * {@code {label:slot}} fills it from {@code slot} but labels the span {@code label} (two cities, one
 * the origin, one the destination); {@code <rule>} expands one of the rule's alternatives, unlabelled,
 * and alternatives may use slots and rules themselves; a backslash makes the next character literal.
 * An intent is a list of templates or an object with {@code templates} and an optional {@code count}
 * (overriding {@code --per-intent}).
 *
 * <p>Slot values are a list of strings, or a generator: {@code name} ({@code "part"}: full, first or
 * last), {@code date} ({@code from}, {@code to} as yyyy-MM-dd, {@code format} a DateTimeFormatter
 * pattern, default yyyy-MM-dd), {@code number} (integers {@code min}..{@code max}, default 1..10) and
 * {@code amount} ({@code min}, {@code max}, {@code decimals} default 2, {@code prefix}, {@code suffix}).
 *
 * <p>Errors name the grammar file and the intent, template, slot or rule: an undefined slot or rule,
 * an empty list, a bad generator option, and a rule that can never finish (every alternative leads
 * back to it), found before anything is generated.
 */
public final class Grammar {
    /** How deep rules may nest before generation takes the shortest way out. */
    static final int MAX_DEPTH = 24;

    sealed interface Part permits Literal, SlotRef, RuleRef {}
    record Literal(String text) implements Part {}
    record SlotRef(String label, String slot) implements Part {}
    record RuleRef(String rule) implements Part {}

    record Template(String source, List<Part> parts) {}
    record Intent(String name, List<Template> templates, Integer count) {}

    /** A slot's value source. */
    interface Values {
        String draw(SplittableRandom rng);
    }

    private final String source;
    final List<Intent> intents;
    final Map<String, Values> slots;
    final Map<String, List<Template>> rules;
    /** For each rule, the fewest nested expansions it needs to finish. */
    final Map<String, Integer> height;

    private Grammar(String source, List<Intent> intents, Map<String, Values> slots, Map<String, List<Template>> rules,
                    Map<String, Integer> height) {
        this.source = source;
        this.intents = intents;
        this.slots = slots;
        this.rules = rules;
        this.height = height;
    }

    public String source() { return source; }

    /** The intent names, in the grammar's order. */
    public List<String> intentNames() {
        List<String> out = new ArrayList<>();
        for (Intent i : intents) out.add(i.name());
        return out;
    }

    /** Reads and checks a grammar file. */
    public static Grammar read(Path file) {
        String source = file.toString();
        String json = String.join("\n", TextFiles.readLines(file));
        return parse(json, source);
    }

    /** Parses and checks a grammar; {@code source} names it in errors. */
    public static Grammar parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException(source, e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null, null,
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new InputException(source, "a grammar is a JSON object with \"intents\", \"slots\" and \"rules\"");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("intents") && !f.equals("slots") && !f.equals("rules")) {
                throw new InputException(source, "unknown key \"" + f + "\"; a grammar has \"intents\", \"slots\" and \"rules\"");
            }
        }
        Map<String, Values> slots = new LinkedHashMap<>();
        JsonNode s = root.path("slots");
        if (!s.isMissingNode() && !s.isObject()) throw new InputException(source, "\"slots\" must be an object of slot name to values");
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            slots.put(e.getKey(), values(e.getKey(), e.getValue(), source));
        }
        Map<String, List<Template>> rules = new LinkedHashMap<>();
        JsonNode r = root.path("rules");
        if (!r.isMissingNode() && !r.isObject()) throw new InputException(source, "\"rules\" must be an object of rule name to alternatives");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "rule '" + e.getKey() + "'";
            rules.put(e.getKey(), templates(e.getValue(), where, source, true));
        }
        JsonNode in = root.path("intents");
        if (!in.isObject() || in.isEmpty()) throw new InputException(source, "\"intents\" must be a non-empty object of intent name to templates");
        List<Intent> intents = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "intent '" + e.getKey() + "'";
            JsonNode v = e.getValue();
            Integer count = null;
            JsonNode tl = v;
            if (v.isObject()) {
                tl = v.path("templates");
                if (v.has("count")) {
                    if (!v.get("count").canConvertToInt() || !v.get("count").isIntegralNumber() || v.get("count").asInt() < 0) {
                        throw new InputException(source, where + ": \"count\" must be a non-negative integer, got " + v.get("count"));
                    }
                    count = v.get("count").asInt();
                }
            }
            intents.add(new Intent(e.getKey(), templates(tl, where, source, false), count));
        }
        // Every reference must be defined.
        for (Intent i : intents) {
            for (int k = 0; k < i.templates().size(); k++) {
                check(i.templates().get(k), "intent '" + i.name() + "', template " + (k + 1), slots, rules, source);
            }
        }
        for (Map.Entry<String, List<Template>> e : rules.entrySet()) {
            for (int k = 0; k < e.getValue().size(); k++) {
                check(e.getValue().get(k), "rule '" + e.getKey() + "', alternative " + (k + 1), slots, rules, source);
            }
        }
        return new Grammar(source, List.copyOf(intents), slots, rules, heights(rules, source));
    }

    private static List<Template> templates(JsonNode node, String where, String source, boolean allowEmpty) {
        if (!node.isArray() || node.isEmpty()) throw new InputException(source, where + ": needs a non-empty list of templates");
        List<Template> out = new ArrayList<>();
        int k = 0;
        for (JsonNode t : node) {
            k++;
            if (!t.isTextual()) throw new InputException(source, where + ", template " + k + ": a template is a string, got " + t);
            if (!allowEmpty && t.asText().isBlank()) throw new InputException(source, where + ", template " + k + ": is empty");
            out.add(new Template(t.asText(), parseTemplate(t.asText(), where + ", template " + k, source)));
        }
        return List.copyOf(out);
    }

    static List<Part> parseTemplate(String t, String where, String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) { lit.append(t.charAt(++i)); continue; }
            if (c == '{' || c == '<') {
                char close = c == '{' ? '}' : '>';
                int end = t.indexOf(close, i + 1);
                if (end < 0) throw new InputException(source, where + " (\"" + t + "\"): '" + c + "' at position " + (i + 1) + " is never closed");
                String name = t.substring(i + 1, end).strip();
                if (name.isEmpty()) throw new InputException(source, where + " (\"" + t + "\"): empty " + (c == '{' ? "slot" : "rule") + " name");
                if (lit.length() > 0) { parts.add(new Literal(lit.toString())); lit.setLength(0); }
                if (c == '{') {
                    int colon = name.indexOf(':');
                    parts.add(colon < 0 ? new SlotRef(name, name) : new SlotRef(name.substring(0, colon).strip(), name.substring(colon + 1).strip()));
                } else {
                    parts.add(new RuleRef(name));
                }
                i = end;
                continue;
            }
            lit.append(c);
        }
        if (lit.length() > 0) parts.add(new Literal(lit.toString()));
        return List.copyOf(parts);
    }

    private static void check(Template t, String where, Map<String, Values> slots, Map<String, List<Template>> rules, String source) {
        for (Part p : t.parts()) {
            if (p instanceof SlotRef s && !slots.containsKey(s.slot())) {
                throw new InputException(source, where + " (\"" + t.source() + "\"): slot '" + s.slot() + "' is not defined (slots: "
                        + (slots.isEmpty() ? "none" : String.join(", ", slots.keySet())) + ")");
            }
            if (p instanceof SlotRef s && s.label().isEmpty()) throw new InputException(source, where + " (\"" + t.source() + "\"): empty slot label");
            if (p instanceof RuleRef r && !rules.containsKey(r.rule())) {
                throw new InputException(source, where + " (\"" + t.source() + "\"): rule '" + r.rule() + "' is not defined (rules: "
                        + (rules.isEmpty() ? "none" : String.join(", ", rules.keySet())) + ")");
            }
        }
    }

    /** Least fixpoint of height(rule) = 1 + min over alternatives of max height of the rules it uses. */
    private static Map<String, Integer> heights(Map<String, List<Template>> rules, String source) {
        Map<String, Integer> h = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, List<Template>> e : rules.entrySet()) {
                int best = Integer.MAX_VALUE;
                for (Template t : e.getValue()) best = Math.min(best, alternativeHeight(t, h));
                if (best != Integer.MAX_VALUE && !Integer.valueOf(best).equals(h.get(e.getKey()))) {
                    if (h.containsKey(e.getKey()) && h.get(e.getKey()) <= best) continue;
                    h.put(e.getKey(), best);
                    changed = true;
                }
            }
        }
        for (Map.Entry<String, List<Template>> e : rules.entrySet()) {
            if (!h.containsKey(e.getKey())) {
                TreeSet<String> uses = new TreeSet<>();
                for (Template t : e.getValue()) for (Part p : t.parts()) if (p instanceof RuleRef r && !h.containsKey(r.rule())) uses.add(r.rule());
                throw new InputException(source, "rule '" + e.getKey() + "' can never finish: every alternative uses a rule that never finishes ("
                        + String.join(", ", uses) + "); give it an alternative without them");
            }
        }
        return h;
    }

    static int alternativeHeight(Template t, Map<String, Integer> h) {
        int worst = 1;
        for (Part p : t.parts()) {
            if (p instanceof RuleRef r) {
                Integer x = h.get(r.rule());
                if (x == null) return Integer.MAX_VALUE;
                worst = Math.max(worst, x + 1);
            }
        }
        return worst;
    }

    private static Values values(String name, JsonNode v, String source) {
        String where = "slot '" + name + "'";
        if (v.isArray()) {
            if (v.isEmpty()) throw new InputException(source, where + ": the list of values is empty");
            List<String> vals = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isTextual() && !x.isNumber()) throw new InputException(source, where + ": a value must be a string, got " + x);
                if (x.asText().isBlank()) throw new InputException(source, where + ": a value is empty");
                vals.add(x.asText().strip());
            }
            String[] a = vals.toArray(new String[0]);
            return rng -> a[rng.nextInt(a.length)];
        }
        if (!v.isObject() || !v.has("generator")) {
            throw new InputException(source, where + ": give a list of values or {\"generator\": \"name|date|number|amount\", ...}");
        }
        String gen = v.get("generator").asText();
        switch (gen) {
            case "name": {
                String part = v.path("part").asText("full");
                if (!part.equals("full") && !part.equals("first") && !part.equals("last")) {
                    throw new InputException(source, where + ": \"part\" must be full, first or last, got \"" + part + "\"");
                }
                return Names.values(part);
            }
            case "date": {
                LocalDate from = date(v, "from", "2024-01-01", where, source);
                LocalDate to = date(v, "to", "2025-12-31", where, source);
                if (to.isBefore(from)) throw new InputException(source, where + ": \"to\" " + to + " is before \"from\" " + from);
                DateTimeFormatter f;
                String pattern = v.path("format").asText("yyyy-MM-dd");
                try {
                    f = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
                    f.format(from);
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw new InputException(source, where + ": bad date format \"" + pattern + "\": " + e.getMessage());
                }
                long days = to.toEpochDay() - from.toEpochDay() + 1;
                return rng -> f.format(from.plusDays(rng.nextLong(days)));
            }
            case "number": {
                long min = integer(v, "min", 1, where, source), max = integer(v, "max", 10, where, source);
                if (max < min) throw new InputException(source, where + ": \"max\" " + max + " is below \"min\" " + min);
                return rng -> Long.toString(min + rng.nextLong(max - min + 1));
            }
            case "amount": {
                double min = number(v, "min", 1, where, source), max = number(v, "max", 100, where, source);
                long decimals = integer(v, "decimals", 2, where, source);
                if (max < min) throw new InputException(source, where + ": \"max\" " + max + " is below \"min\" " + min);
                if (decimals < 0 || decimals > 6) throw new InputException(source, where + ": \"decimals\" must be 0 to 6, got " + decimals);
                String prefix = v.path("prefix").asText(""), suffix = v.path("suffix").asText("");
                return rng -> prefix + BigDecimal.valueOf(min + rng.nextDouble() * (max - min)).setScale((int) decimals, RoundingMode.HALF_EVEN).toPlainString() + suffix;
            }
            default:
                throw new InputException(source, where + ": unknown generator \"" + gen + "\"; generators: name, date, number, amount");
        }
    }

    private static LocalDate date(JsonNode v, String key, String dflt, String where, String source) {
        String s = v.path(key).asText(dflt);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InputException(source, where + ": \"" + key + "\" must be a date as yyyy-MM-dd, got \"" + s + "\"");
        }
    }

    private static long integer(JsonNode v, String key, long dflt, String where, String source) {
        if (!v.has(key)) return dflt;
        if (!v.get(key).isIntegralNumber()) throw new InputException(source, where + ": \"" + key + "\" must be an integer, got " + v.get(key));
        return v.get(key).asLong();
    }

    private static double number(JsonNode v, String key, double dflt, String where, String source) {
        if (!v.has(key)) return dflt;
        if (!v.get(key).isNumber()) throw new InputException(source, where + ": \"" + key + "\" must be a number, got " + v.get(key));
        return v.get(key).asDouble();
    }
}
