package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A transactions world: the profile it reproduces, its calendar, its population's parameters, and the
 * rate and parameters of every typology and benign look-alike.
 *
 * <p>A scenario file is JSON; every field is optional and falls back to the default listed in
 * {@code README.md} (and in {@link #defaults()}). Unknown fields are errors, so a typo is never
 * silently ignored:
 *
 * <pre>{@code
 * { "ersatzScenario": 1,
 *   "profile": "default",                     // or a profile file from --calibrate (relative to this file)
 *   "start": "2025-01-06T00:00:00Z",          // a Monday; the first step's hour
 *   "population": { "wealthCorrelation": 0.6, "contacts": [3, 15] },
 *   "typologies": { "structuring": { "rate": 48, "threshold": 10000, "deposits": [4, 12] },
 *                   "card_testing": { "rate": 0 } },
 *   "benign": { "micro_burst": { "rate": 400 } } }
 * }</pre>
 */
public final class Scenario {
    /** Format version of scenario files. */
    public static final int FORMAT = 1;

    /** A pattern switched on in this scenario: its rate (cases per 10,000 clients per 30 days) and parameters. */
    public record PatternSpec(Pattern pattern, double rate, Params params) {}

    private final Profile profile;
    private final String profileName;
    private final long startEpochSecond;
    private final Params population;
    private final Map<Pattern, PatternSpec> patterns;

    private Scenario(Profile profile, String profileName, long start, Params population, Map<Pattern, PatternSpec> patterns) {
        this.profile = profile;
        this.profileName = profileName;
        this.startEpochSecond = start;
        this.population = population;
        this.patterns = patterns;
    }

    /** Population defaults (see README for what each means). */
    static Map<String, double[]> populationDefaults() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("activityShape", new double[] {2, 2});          // gamma shape of each client's activity multiplier (CV² 0.5)
        m.put("typeShape", new double[] {4, 4});              // gamma shape of each client's per-type preference
        m.put("wealthCorrelation", new double[] {0.6, 0.6});  // amounts load on wealth as exp(0.6 a): rho_k = 0.6 / log-sd of type k
        m.put("rhythmShape", new double[] {8, 8});            // gamma shape of each client's night and weekend factors
        m.put("contacts", new double[] {3, 15});              // people a client sends money to
        m.put("contactShare", new double[] {0.85, 0.85});     // transfers that go to a contact (others: anyone)
        m.put("favouriteMerchants", new double[] {2, 10});
        m.put("favouriteShare", new double[] {0.7, 0.7});     // payments at a favourite merchant
        m.put("balanceDays", new double[] {3, 30});           // opening balance, in days of the client's own spending
        m.put("merchantsPer1000Clients", new double[] {40, 40});
        m.put("banks", new double[] {8, 8});
        m.put("onlineMerchantShare", new double[] {0.3, 0.3});
        m.put("mulePoolShare", new double[] {0.005, 0.005});       // clients recruited as mules (reused across cases)
        m.put("controlledPoolShare", new double[] {0.03, 0.03});   // clients whose accounts launderers use
        return m;
    }

    /** The default scenario: the default profile, a Monday start, every pattern at its default rate. */
    public static Scenario defaults() {
        Map<Pattern, PatternSpec> m = new EnumMap<>(Pattern.class);
        for (Pattern p : Pattern.values()) m.put(p, new PatternSpec(p, p.defaultRate(), new Params(p.defaults())));
        return new Scenario(Profile.defaultProfile(), "default", Instant.parse("2025-01-06T00:00:00Z").getEpochSecond(),
                new Params(populationDefaults()), m);
    }

    public Profile profile() { return profile; }

    public String profileName() { return profileName; }

    /** The first step's start, in epoch seconds (UTC, on the hour). */
    public long start() { return startEpochSecond; }

    public Params population() { return population; }

    /** Every pattern with its rate and parameters (rate 0 = off). */
    public Map<Pattern, PatternSpec> patterns() { return patterns; }

    /** This scenario with another profile (from {@code --profile} or a calibrated file). */
    public Scenario withProfile(Profile p, String name) {
        return new Scenario(p, name, startEpochSecond, population, patterns);
    }

    /** Reads a scenario file; errors name the file and the field. */
    public static Scenario read(Path file) {
        JsonNode root;
        try {
            root = Profile.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new InputException(file.toString(), "not valid JSON: " + Profile.oneLine(e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        return fromJson(root, file.toString(), dir);
    }

    /** Reads a scenario from JSON; relative profile paths resolve against {@code dir}. */
    public static Scenario fromJson(JsonNode root, String source, Path dir) {
        if (root == null || !root.isObject()) throw new InputException(source, "a scenario is a JSON object");
        check(root, Set.of("ersatzScenario", "description", "profile", "start", "population", "typologies", "benign"), source, "");
        if (root.has("ersatzScenario") && root.get("ersatzScenario").asInt() > FORMAT) {
            throw new InputException(source, "scenario format " + root.get("ersatzScenario").asInt() + " is newer than this Ersatz reads; upgrade Ersatz");
        }
        Scenario d = defaults();
        Profile profile = d.profile;
        String profileName = "default";
        JsonNode p = root.get("profile");
        if (p != null && p.isObject()) {
            profile = Profile.fromJson(p, source + ": profile");
            profileName = "inline";
        } else if (p != null && p.isTextual() && !p.asText().equals("default")) {
            Path f = dir == null ? Path.of(p.asText()) : dir.resolve(p.asText());
            profile = Profile.read(f);
            profileName = p.asText();
        } else if (p != null && !(p.isTextual())) {
            throw new InputException(source, "profile: expected \"default\", a file name or an object");
        }
        long start = d.startEpochSecond;
        if (root.has("start")) {
            try {
                start = Instant.parse(root.get("start").asText()).getEpochSecond();
            } catch (DateTimeParseException e) {
                throw new InputException(source, -1, "start", root.get("start").asText(), "not an ISO instant such as 2025-01-06T00:00:00Z");
            }
            if (start % 3600 != 0) throw new InputException(source, -1, "start", root.get("start").asText(), "must be on the hour");
        }
        Params population = params(root.get("population"), populationDefaults(), source, "population");
        Map<Pattern, PatternSpec> patterns = new EnumMap<>(d.patterns);
        readPatterns(root.get("typologies"), true, patterns, source);
        readPatterns(root.get("benign"), false, patterns, source);
        return new Scenario(profile, profileName, start, population, patterns);
    }

    private static void readPatterns(JsonNode node, boolean labelled, Map<Pattern, PatternSpec> out, String source) {
        String section = labelled ? "typologies" : "benign";
        if (node == null) return;
        if (!node.isObject()) throw new InputException(source, section + ": expected an object of patterns");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Pattern pat = Pattern.byKey(e.getKey());
            if (pat == null || pat.labelled() != labelled) {
                StringBuilder known = new StringBuilder();
                for (Pattern q : Pattern.values()) if (q.labelled() == labelled) known.append(known.length() == 0 ? "" : ", ").append(q.key());
                throw new InputException(source, section + "." + e.getKey() + ": unknown " + (labelled ? "typology" : "benign pattern") + " (known: " + known + ")");
            }
            JsonNode spec = e.getValue();
            String where = section + "." + e.getKey();
            if (!spec.isObject()) throw new InputException(source, where + ": expected an object");
            double rate = pat.defaultRate();
            if (spec.has("rate")) {
                rate = Profile.number(spec, "rate", source, where);
                if (rate < 0) throw new InputException(source, where + ".rate: must not be negative");
            }
            ObjectNode rest = ((ObjectNode) spec).deepCopy();
            rest.remove("rate");
            out.put(pat, new PatternSpec(pat, rate, params(rest, pat.defaults(), source, where)));
        }
    }

    private static void check(JsonNode node, Set<String> allowed, String source, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InputException(source, (where.isEmpty() ? "" : where + ".") + f + ": unknown field (known: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static Params params(JsonNode node, Map<String, double[]> defaults, String source, String where) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : defaults.entrySet()) m.put(e.getKey(), e.getValue().clone());
        if (node == null) return new Params(m);
        if (!node.isObject()) throw new InputException(source, where + ": expected an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = where + "." + e.getKey();
            double[] def = defaults.get(e.getKey());
            if (def == null) {
                throw new InputException(source, path + ": unknown parameter (known: rate, " + String.join(", ", defaults.keySet()) + ")");
            }
            JsonNode v = e.getValue();
            double[] val;
            if (v.isNumber()) {
                val = new double[] {v.asDouble(), v.asDouble()};
            } else if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
                val = new double[] {v.get(0).asDouble(), v.get(1).asDouble()};
                if (val[0] > val[1]) throw new InputException(source, path + ": range [" + val[0] + ", " + val[1] + "] has its low end above its high end");
            } else {
                throw new InputException(source, path + ": expected a number or a [low, high] range, found " + v);
            }
            if (!Double.isFinite(val[0]) || !Double.isFinite(val[1]) || val[0] < 0) {
                throw new InputException(source, path + ": expected non-negative finite numbers");
            }
            m.put(e.getKey(), val);
        }
        return new Params(m);
    }

    /** The scenario, resolved (every default filled in), as JSON: what a manifest records. */
    public ObjectNode toJson() {
        ObjectNode root = Profile.JSON.createObjectNode();
        root.put("ersatzScenario", FORMAT);
        root.put("profile", profileName);
        root.put("start", Instant.ofEpochSecond(startEpochSecond).atOffset(ZoneOffset.UTC).toInstant().toString());
        write(root.putObject("population"), population);
        ObjectNode ty = root.putObject("typologies"), be = root.putObject("benign");
        for (PatternSpec s : patterns.values()) {
            ObjectNode o = (s.pattern().labelled() ? ty : be).putObject(s.pattern().key());
            o.put("rate", s.rate());
            write(o, s.params());
        }
        return root;
    }

    private static void write(ObjectNode o, Params p) {
        for (Map.Entry<String, double[]> e : p.values().entrySet()) {
            double[] v = e.getValue();
            if (v[0] == v[1]) o.put(e.getKey(), v[0]);
            else {
                ArrayNode a = o.putArray(e.getKey());
                a.add(v[0]);
                a.add(v[1]);
            }
        }
    }
}
