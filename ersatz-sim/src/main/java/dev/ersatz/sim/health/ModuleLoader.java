package dev.ersatz.sim.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads disease modules written as Synthea-style JSON state machines, and checks them before any
 * patient is simulated: an unknown state type, a transition to a state that does not exist,
 * distribution weights that do not sum to 1, an unknown condition type or a missing field is an
 * {@link InputException} naming the file and the state.
 *
 * <p>What is read is the part of Synthea's Generic Module Framework listed in {@link Module}; fields
 * outside it (remarks, Synthea's other options) are ignored. Ersatz adds one top-level field,
 * {@code ersatz_targets}: the prevalences the module declares, with their sources, for
 * {@code simulate validate}.
 */
public final class ModuleLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The built-in modules, in the order they run. */
    public static final List<String> BUILT_IN = List.of("mortality", "type2_diabetes", "hypertension", "asthma", "influenza");

    private ModuleLoader() {}

    /** The built-in modules (from the classpath). */
    public static List<Module> builtIn() {
        List<Module> out = new ArrayList<>();
        for (String n : BUILT_IN) {
            String res = "modules/" + n + ".json";
            try (InputStream in = ModuleLoader.class.getResourceAsStream(res)) {
                if (in == null) throw new IllegalStateException("built-in module missing: " + res);
                out.add(parse(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)), n + ".json"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read built-in module " + res, e);
            }
        }
        return out;
    }

    /**
     * The built-in modules plus every {@code *.json} in {@code dir} (by file name order); a module in
     * {@code dir} with the name of a built-in one replaces it.
     */
    public static List<Module> withDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), Files.exists(dir) ? "is not a directory" : "no such directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) throw new InputException(dir.toString(), "holds no .json modules");
        Map<String, Module> byName = new LinkedHashMap<>();
        for (Module m : builtIn()) byName.put(m.name, m);
        for (Path f : files) {
            Module m = read(f);
            byName.put(m.name, m);
        }
        return List.copyOf(byName.values());
    }

    /** Reads one module file. */
    public static Module read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file.toString(), "not valid JSON: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        return parse(root, file.toString());
    }

    /** Parses a module; {@code source} names it in errors. */
    public static Module parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new InputException(source, "a module is a JSON object");
        String name = root.path("name").asText("");
        if (name.isEmpty()) throw new InputException(source, "the module has no \"name\"");
        JsonNode states = root.get("states");
        if (states == null || !states.isObject() || states.isEmpty()) throw new InputException(source, "the module has no \"states\"");
        Map<String, Module.State> built = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            built.put(e.getKey(), state(e.getKey(), e.getValue(), source));
        }
        Module.State initial = built.values().stream().filter(s -> s instanceof Module.Initial).findFirst()
                .orElseThrow(() -> new InputException(source, "the module has no state of type \"Initial\""));
        if (built.values().stream().filter(s -> s instanceof Module.Initial).count() > 1) {
            throw new InputException(source, "the module has more than one state of type \"Initial\"");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Module.State s = built.get(e.getKey());
            s.transition = transition(e.getKey(), e.getValue(), built, source);
            if (s.transition == null && !(s instanceof Module.Terminal) && !(s instanceof Module.Death)) {
                throw new InputException(source, "state '" + e.getKey() + "': no transition (a " + e.getValue().path("type").asText()
                        + " state needs direct_transition, distributed_transition, conditional_transition or complex_transition)");
            }
        }
        checkReferences(built, states, source);
        return new Module(name, source, built, initial, targets(root.get("ersatz_targets"), source));
    }

    private static void checkReferences(Map<String, Module.State> built, JsonNode states, String source) {
        for (Module.State s : built.values()) {
            String ref = null, what = null;
            if (s instanceof Module.ConditionOnset c && c.targetEncounter != null) { ref = c.targetEncounter; what = "target_encounter"; }
            if (s instanceof Module.ConditionEnd c && c.conditionOnset != null) { ref = c.conditionOnset; what = "condition_onset"; }
            if (s instanceof Module.MedicationEnd m && m.medicationOrder != null) { ref = m.medicationOrder; what = "medication_order"; }
            if (ref != null && !built.containsKey(ref)) {
                throw new InputException(source, "state '" + s.name + "': " + what + " '" + ref + "' is not a state of this module");
            }
            if (s instanceof Module.ConditionOnset c && c.targetEncounter != null && !(built.get(c.targetEncounter) instanceof Module.Encounter)) {
                throw new InputException(source, "state '" + s.name + "': target_encounter '" + c.targetEncounter + "' is not an Encounter state");
            }
        }
    }

    static final List<String> TYPES = List.of("Initial", "Simple", "Terminal", "Delay", "Guard", "SetAttribute", "ConditionOnset",
            "ConditionEnd", "Encounter", "EncounterEnd", "MedicationOrder", "MedicationEnd", "Observation", "VitalSign", "Procedure", "Death");

    private static Module.State state(String name, JsonNode n, String source) {
        if (!n.isObject()) throw new InputException(source, "state '" + name + "': expected an object");
        String type = n.path("type").asText("");
        String where = "state '" + name + "'";
        return switch (type) {
            case "Initial" -> new Module.Initial(name);
            case "Simple" -> new Module.Simple(name);
            case "Terminal" -> new Module.Terminal(name);
            case "Delay" -> new Module.Delay(name, duration(n, source, where, true));
            case "Guard" -> new Module.Guard(name, logic(required(n, "allow", source, where), source, where));
            case "SetAttribute" -> new Module.SetAttribute(name, text(n, "attribute", source, where), value(n.get("value")));
            case "ConditionOnset" -> new Module.ConditionOnset(name, codes(n, source, where, true), n.path("target_encounter").asText(null),
                    n.path("assign_to_attribute").asText(null));
            case "ConditionEnd" -> new Module.ConditionEnd(name, n.path("condition_onset").asText(null),
                    n.path("referenced_by_attribute").asText(null), codes(n, source, where, false));
            case "Encounter" -> {
                boolean wellness = n.path("wellness").asBoolean(false);
                yield new Module.Encounter(name, wellness, n.path("encounter_class").asText(wellness ? "wellness" : "ambulatory"),
                        codes(n, source, where, !wellness), n.path("reason").asText(null));
            }
            case "EncounterEnd" -> new Module.EncounterEnd(name);
            case "MedicationOrder" -> new Module.MedicationOrder(name, codes(n, source, where, true), n.path("reason").asText(null),
                    n.path("assign_to_attribute").asText(null));
            case "MedicationEnd" -> new Module.MedicationEnd(name, n.path("medication_order").asText(null),
                    n.path("referenced_by_attribute").asText(null), codes(n, source, where, false));
            case "Observation" -> {
                double[] v = range(n, source, where, n.has("vital_sign") || n.has("attribute"));
                yield new Module.Observation(name, codes(n, source, where, true), n.path("category").asText("laboratory"),
                        n.path("unit").asText(""), v[0], v[1], n.path("vital_sign").asText(null), n.path("attribute").asText(null));
            }
            case "VitalSign" -> {
                double[] v = range(n, source, where, false);
                yield new Module.VitalSign(name, text(n, "vital_sign", source, where), n.path("unit").asText(""), v[0], v[1]);
            }
            case "Procedure" -> new Module.Procedure(name, codes(n, source, where, true), n.path("reason").asText(null),
                    n.has("duration") ? duration(n.get("duration"), source, where + ".duration", true) : null);
            case "Death" -> new Module.Death(name, codes(n, source, where, false),
                    n.has("range") || n.has("exact") ? duration(n, source, where, true) : null);
            default -> throw new InputException(source, where + ": unknown state type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
        };
    }

    private static JsonNode required(JsonNode n, String field, String source, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new InputException(source, where + ": missing '" + field + "'");
        return v;
    }

    private static String text(JsonNode n, String field, String source, String where) {
        JsonNode v = required(n, field, source, where);
        if (!v.isTextual() || v.asText().isEmpty()) throw new InputException(source, where + ": '" + field + "' must be a non-empty string");
        return v.asText();
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNumber()) return v.asDouble();
        return v.asText();
    }

    private static List<Code> codes(JsonNode n, String source, String where, boolean needed) {
        JsonNode c = n.get("codes");
        if (c == null) {
            if (needed) throw new InputException(source, where + ": missing 'codes'");
            return List.of();
        }
        if (!c.isArray() || (needed && c.isEmpty())) throw new InputException(source, where + ": 'codes' must be a non-empty array");
        List<Code> out = new ArrayList<>();
        for (JsonNode x : c) {
            String sys = x.path("system").asText(""), code = x.path("code").asText(""), display = x.path("display").asText("");
            if (sys.isEmpty() || code.isEmpty()) throw new InputException(source, where + ": each code needs a 'system' and a 'code'");
            out.add(new Code(Code.systemUri(sys), code, display));
        }
        return List.copyOf(out);
    }

    static double seconds(String unit, String source, String where) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "years", "year" -> Life.YEAR;
            case "months", "month" -> Life.YEAR / 12;
            case "weeks", "week" -> 7 * 86_400.0;
            case "days", "day" -> 86_400.0;
            case "hours", "hour" -> 3600.0;
            case "minutes", "minute" -> 60.0;
            case "seconds", "second" -> 1.0;
            default -> throw new InputException(source, where + ": unknown time unit '" + unit + "' (years, months, weeks, days, hours, minutes, seconds)");
        };
    }

    private static Module.Duration duration(JsonNode n, String source, String where, boolean needed) {
        JsonNode exact = n.get("exact"), range = n.get("range");
        if (exact != null) {
            double s = seconds(exact.path("unit").asText("years"), source, where);
            double q = number(exact, "quantity", source, where + ".exact");
            return new Module.Duration(q * s, q * s);
        }
        if (range != null) {
            double s = seconds(range.path("unit").asText("years"), source, where);
            double lo = number(range, "low", source, where + ".range"), hi = number(range, "high", source, where + ".range");
            if (lo > hi || lo < 0) throw new InputException(source, where + ".range: needs 0 <= low <= high");
            return new Module.Duration(lo * s, hi * s);
        }
        if (needed) throw new InputException(source, where + ": needs 'exact' or 'range'");
        return null;
    }

    private static double[] range(JsonNode n, String source, String where, boolean optional) {
        JsonNode exact = n.get("exact"), range = n.get("range");
        if (exact != null) {
            double q = number(exact, "quantity", source, where + ".exact");
            return new double[] {q, q};
        }
        if (range != null) {
            double lo = number(range, "low", source, where + ".range"), hi = number(range, "high", source, where + ".range");
            if (lo > hi) throw new InputException(source, where + ".range: low is above high");
            return new double[] {lo, hi};
        }
        if (optional) return new double[] {Double.NaN, Double.NaN};
        throw new InputException(source, where + ": needs 'exact' or 'range'");
    }

    private static double number(JsonNode n, String field, String source, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) throw new InputException(source, where + ": '" + field + "' must be a number");
        return v.asDouble();
    }

    private static Module.State target(String from, JsonNode t, Map<String, Module.State> states, String source) {
        String name = t.asText("");
        Module.State s = states.get(name);
        if (s == null) throw new InputException(source, "state '" + from + "': transition to '" + name + "', which is not a state of this module");
        return s;
    }

    private static Module.Transition transition(String name, JsonNode n, Map<String, Module.State> states, String source) {
        String where = "state '" + name + "'";
        if (n.has("direct_transition")) return new Module.Transition.Direct(target(name, n.get("direct_transition"), states, source));
        if (n.has("distributed_transition")) {
            JsonNode d = n.get("distributed_transition");
            double[][] w = new double[1][];
            Module.State[][] to = new Module.State[1][];
            distribution(name, d, states, source, where + ": distributed_transition", w, to, 0);
            return new Module.Transition.Distributed(w[0], to[0]);
        }
        if (n.has("conditional_transition")) {
            JsonNode c = n.get("conditional_transition");
            if (!c.isArray() || c.isEmpty()) throw new InputException(source, where + ": conditional_transition must be a non-empty array");
            Logic[] conds = new Logic[c.size()];
            Module.State[] to = new Module.State[c.size()];
            for (int i = 0; i < c.size(); i++) {
                JsonNode x = c.get(i);
                conds[i] = x.has("condition") ? logic(x.get("condition"), source, where) : null;
                to[i] = target(name, x.get("transition"), states, source);
            }
            return new Module.Transition.Conditional(conds, to);
        }
        if (n.has("complex_transition")) {
            JsonNode c = n.get("complex_transition");
            if (!c.isArray() || c.isEmpty()) throw new InputException(source, where + ": complex_transition must be a non-empty array");
            Logic[] conds = new Logic[c.size()];
            double[][] w = new double[c.size()][];
            Module.State[][] to = new Module.State[c.size()][];
            for (int i = 0; i < c.size(); i++) {
                JsonNode x = c.get(i);
                conds[i] = x.has("condition") ? logic(x.get("condition"), source, where) : null;
                if (x.has("transition")) {
                    w[i] = new double[] {1};
                    to[i] = new Module.State[] {target(name, x.get("transition"), states, source)};
                } else {
                    distribution(name, x.get("distributions"), states, source, where + ": complex_transition[" + i + "].distributions", w, to, i);
                }
            }
            return new Module.Transition.Complex(conds, w, to);
        }
        return null;
    }

    private static void distribution(String name, JsonNode d, Map<String, Module.State> states, String source, String where,
                                     double[][] w, Module.State[][] to, int slot) {
        if (d == null || !d.isArray() || d.isEmpty()) throw new InputException(source, where + " must be a non-empty array");
        double[] weights = new double[d.size()];
        Module.State[] targets = new Module.State[d.size()];
        double sum = 0;
        for (int i = 0; i < d.size(); i++) {
            JsonNode x = d.get(i);
            JsonNode dist = x.get("distribution");
            if (dist == null || !dist.isNumber()) throw new InputException(source, where + "[" + i + "]: 'distribution' must be a number");
            weights[i] = dist.asDouble();
            if (weights[i] < 0) throw new InputException(source, where + "[" + i + "]: a weight must not be negative");
            sum += weights[i];
            targets[i] = target(name, x.get("transition"), states, source);
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new InputException(source, where + ": weights sum to " + (Math.round(sum * 1e6) / 1e6) + ", not 1");
        }
        w[slot] = weights;
        to[slot] = targets;
    }

    static final List<String> CONDITIONS = List.of("Age", "Gender", "Attribute", "Observation", "Vital Sign", "Active Condition",
            "Active Medication", "PriorState", "Date", "And", "Or", "Not", "True", "False");

    static Logic logic(JsonNode c, String source, String where) {
        if (c == null || !c.isObject()) throw new InputException(source, where + ": a condition must be an object");
        String type = c.path("condition_type").asText("");
        switch (type) {
            case "True": return new Logic.Always(true);
            case "False": return new Logic.Always(false);
            case "Age": {
                double q = number(c, "quantity", source, where + ": Age condition");
                double unit = seconds(c.path("unit").asText("years"), source, where);
                return new Logic.Age(operator(c, source, where, false), q * unit / Life.YEAR);
            }
            case "Gender": {
                String g = c.path("gender").asText("");
                if (!g.equals("M") && !g.equals("F")) throw new InputException(source, where + ": Gender condition needs \"gender\": \"M\" or \"F\"");
                return new Logic.Gender(g);
            }
            case "Attribute":
                return new Logic.Attribute(text(c, "attribute", source, where), operator(c, source, where, true), value(c.get("value")));
            case "Observation": {
                List<Code> codes = codes(c, source, where, false);
                return new Logic.Observation(codes.isEmpty() ? null : codes.get(0), c.path("referenced_by_attribute").asText(null),
                        operator(c, source, where, true), value(c.get("value")));
            }
            case "Vital Sign":
                return new Logic.VitalSign(text(c, "vital_sign", source, where), operator(c, source, where, false),
                        number(c, "value", source, where + ": Vital Sign condition"));
            case "Active Condition":
                return new Logic.ActiveCondition(codes(c, source, where, false), c.path("condition_onset").asText(null),
                        c.path("referenced_by_attribute").asText(null));
            case "Active Medication":
                return new Logic.ActiveMedication(codes(c, source, where, false), c.path("referenced_by_attribute").asText(null));
            case "PriorState": {
                double within = 0;
                if (c.has("within")) {
                    JsonNode wi = c.get("within");
                    within = number(wi, "quantity", source, where + ": PriorState.within") * seconds(wi.path("unit").asText("years"), source, where) / Life.YEAR;
                }
                return new Logic.PriorState(c.path("module").asText(null), text(c, "name", source, where), within);
            }
            case "Date":
                return new Logic.Date(operator(c, source, where, false), (int) number(c, "year", source, where + ": Date condition"));
            case "And":
            case "Or": {
                JsonNode list = c.get("conditions");
                if (list == null || !list.isArray() || list.isEmpty()) throw new InputException(source, where + ": " + type + " needs a non-empty 'conditions' array");
                List<Logic> parts = new ArrayList<>();
                for (JsonNode x : list) parts.add(logic(x, source, where));
                return type.equals("And") ? new Logic.And(List.copyOf(parts)) : new Logic.Or(List.copyOf(parts));
            }
            case "Not":
                return new Logic.Not(logic(c.get("condition"), source, where));
            default:
                throw new InputException(source, where + ": unknown condition_type '" + type + "' (known: " + String.join(", ", CONDITIONS) + ")");
        }
    }

    private static String operator(JsonNode c, String source, String where, boolean nilAllowed) {
        String op = c.path("operator").asText("");
        List<String> ok = nilAllowed ? List.of("<", "<=", "==", ">=", ">", "!=", "is nil", "is not nil") : List.of("<", "<=", "==", ">=", ">", "!=");
        if (!ok.contains(op)) throw new InputException(source, where + ": operator '" + op + "' is not one of " + String.join(", ", ok));
        return op;
    }

    private static List<Module.Target> targets(JsonNode t, String source) {
        if (t == null) return List.of();
        if (!t.isArray()) throw new InputException(source, "ersatz_targets must be an array");
        List<Module.Target> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            JsonNode x = t.get(i);
            String where = "ersatz_targets[" + i + "]";
            JsonNode c = required(x, "condition", source, where);
            Code code = new Code(Code.systemUri(c.path("system").asText("SNOMED-CT")), text(c, "code", source, where), c.path("display").asText(""));
            String measure = x.path("measure").asText("active");
            if (!measure.equals("active") && !measure.equals("lastYear")) throw new InputException(source, where + ": measure must be 'active' or 'lastYear'");
            JsonNode age = required(x, "age", source, where);
            String sex = x.path("sex").asText("any");
            if (!List.of("M", "F", "any").contains(sex)) throw new InputException(source, where + ": sex must be M, F or any");
            double p = number(x, "prevalence", source, where);
            if (p < 0 || p > 1) throw new InputException(source, where + ": prevalence must lie in [0, 1]");
            out.add(new Module.Target(code, measure, age.get(0).asInt(), age.get(1).asInt(), sex, p, x.path("source").asText("")));
        }
        return List.copyOf(out);
    }
}
