package dev.ersatz.sim.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stress scenario declared in JSON: shocks on given days and a calm/stressed regime chain.
 *
 * <pre>{@code
 * {
 *   "events": [
 *     {"type": "crash", "day": 20, "size": 0.20, "assets": ["DAX"]},
 *     {"type": "volSpike", "day": 60, "factor": 3, "days": 10}
 *   ],
 *   "regimes": {
 *     "states": [{"name": "calm", "volScale": 0.8}, {"name": "stressed", "volScale": 2.0, "drift": -0.001}],
 *     "transition": [[0.99, 0.01], [0.05, 0.95]],
 *     "start": "calm"
 *   }
 * }
 * }</pre>
 *
 * <p>Semantics (days count from 1, the first simulated day):
 * <ul>
 *   <li>{@code crash}: the price falls by {@code size} (0.2 = 20%) on {@code day}: ln(1 − size) is
 *       added to that day's log return of the named assets (all when {@code assets} is absent). The
 *       fall enters the model's state like any shock, so a GARCH or Heston model's volatility jumps
 *       after it and decays at the fitted persistence.</li>
 *   <li>{@code volSpike}: the standardised shocks of the named assets (all when {@code assets} is
 *       absent) are multiplied by {@code factor} for {@code days} days (default 1) from {@code day};
 *       models with volatility feedback carry the spike on after it ends.</li>
 *   <li>{@code regimes}: a Markov chain over named states, each with a shock multiplier
 *       {@code volScale} (default 1) and an added daily log drift {@code drift} (default 0); row i of
 *       {@code transition} gives the probabilities of tomorrow's state given state i today. One
 *       state with no transition holds for the whole horizon (a fixed stressed regime).</li>
 * </ul>
 * Bad values are {@link InputException}s naming the file, the field and the value.
 */
public record Scenario(List<Event> events, List<Regime> regimes, double[][] transition, int startRegime) {

    /** One shock: a crash of {@code size} or a volatility multiplier {@code factor} for {@code days} days. */
    public record Event(String type, int day, double size, double factor, int days, List<String> assets) {}

    /** One regime state. */
    public record Regime(String name, double volScale, double drift) {}

    /** No shocks, no regimes. */
    public static final Scenario NONE = new Scenario(List.of(), List.of(), null, 0);

    public Scenario {
        events = List.copyOf(events);
        regimes = List.copyOf(regimes);
    }

    /** Whether the scenario changes nothing. */
    public boolean isEmpty() {
        return events.isEmpty() && regimes.isEmpty();
    }

    /** Reads a scenario file. */
    public static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "scenario file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read scenario file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses scenario JSON; {@code source} names it in errors. */
    public static Scenario parse(String json, String source) {
        JsonNode root;
        try {
            root = ModelFile.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException(source, "scenario is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new InputException(source, "a scenario is a JSON object with \"events\" and/or \"regimes\"");
        List<Event> events = new ArrayList<>();
        JsonNode ev = root.path("events");
        for (int i = 0; i < ev.size(); i++) {
            JsonNode e = ev.get(i);
            String where = "events[" + i + "]";
            String type = e.path("type").asText("");
            int day = intField(e, "day", where, source, 1);
            List<String> assets = new ArrayList<>();
            for (JsonNode a : e.path("assets")) assets.add(a.asText());
            switch (type) {
                case "crash" -> {
                    double size = numField(e, "size", where, source);
                    if (!(size > 0 && size < 1)) throw new InputException(source, -1, where + ".size", String.valueOf(size), "a crash size is a fraction in (0, 1), e.g. 0.2 for -20%");
                    events.add(new Event(type, day, size, 1, 1, assets));
                }
                case "volSpike" -> {
                    double factor = numField(e, "factor", where, source);
                    if (!(factor > 0)) throw new InputException(source, -1, where + ".factor", String.valueOf(factor), "a volatility factor must be positive");
                    int days = e.has("days") ? intField(e, "days", where, source, 1) : 1;
                    events.add(new Event(type, day, 0, factor, days, assets));
                }
                default -> throw new InputException(source, -1, where + ".type", type, "unknown event type (types: crash, volSpike)");
            }
        }
        List<Regime> regimes = new ArrayList<>();
        double[][] transition = null;
        int start = 0;
        JsonNode rg = root.path("regimes");
        if (!rg.isMissingNode()) {
            JsonNode states = rg.path("states");
            if (states.size() == 0) throw new InputException(source, -1, "regimes.states", null, "list at least one state");
            for (int i = 0; i < states.size(); i++) {
                JsonNode s = states.get(i);
                double vs = s.path("volScale").asDouble(1);
                if (!(vs > 0)) throw new InputException(source, -1, "regimes.states[" + i + "].volScale", s.path("volScale").asText(), "must be positive");
                regimes.add(new Regime(s.path("name").asText("state" + i), vs, s.path("drift").asDouble(0)));
            }
            int k = regimes.size();
            JsonNode tr = rg.path("transition");
            if (k > 1 || !tr.isMissingNode()) {
                if (tr.size() != k) throw new InputException(source, -1, "regimes.transition", null, "needs one row per state (" + k + ")");
                transition = new double[k][k];
                for (int i = 0; i < k; i++) {
                    if (tr.get(i).size() != k) throw new InputException(source, -1, "regimes.transition[" + i + "]", tr.get(i).toString(), "needs " + k + " probabilities");
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        double p = tr.get(i).get(j).asDouble(-1);
                        if (!(p >= 0 && p <= 1)) throw new InputException(source, -1, "regimes.transition[" + i + "][" + j + "]", tr.get(i).get(j).asText(), "a probability is in [0, 1]");
                        transition[i][j] = p;
                        sum += p;
                    }
                    if (Math.abs(sum - 1) > 1e-6) throw new InputException(source, -1, "regimes.transition[" + i + "]", tr.get(i).toString(), "probabilities must sum to 1");
                }
            }
            String startName = rg.path("start").asText(regimes.get(0).name());
            start = -1;
            for (int i = 0; i < k; i++) if (regimes.get(i).name().equals(startName)) start = i;
            if (start < 0) throw new InputException(source, -1, "regimes.start", startName, "not one of the states");
        }
        return new Scenario(events, regimes, transition, start);
    }

    private static int intField(JsonNode e, String field, String where, String source, int min) {
        JsonNode v = e.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
            throw new InputException(source, -1, where + "." + field, v == null ? null : v.asText(), "needs an integer ≥ " + min);
        }
        return v.asInt();
    }

    private static double numField(JsonNode e, String field, String where, String source) {
        JsonNode v = e.get(field);
        if (v == null || !v.isNumber()) throw new InputException(source, -1, where + "." + field, v == null ? null : v.asText(), "needs a number");
        return v.asDouble();
    }

    /** Checks that events fall inside the horizon and name known assets. */
    public void check(int days, List<String> assets, String source) {
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.day() > days) throw new InputException(source, -1, "events[" + i + "].day", String.valueOf(e.day()), "after the last simulated day (" + days + ")");
            for (String a : e.assets()) {
                if (!assets.contains(a)) throw new InputException(source, -1, "events[" + i + "].assets", a, "not an asset of the model (" + String.join(", ", assets) + ")");
            }
        }
    }

    /** The per-day shock multipliers of the volatility spikes, [asset][day − 1] (all assets when an event names none). */
    double[][] spikeScale(int days, List<String> assets) {
        double[][] s = new double[assets.size()][days];
        for (double[] row : s) java.util.Arrays.fill(row, 1);
        for (Event e : events) {
            if (!e.type().equals("volSpike")) continue;
            for (int a = 0; a < assets.size(); a++) {
                if (!e.assets().isEmpty() && !e.assets().contains(assets.get(a))) continue;
                for (int t = e.day() - 1; t < Math.min(days, e.day() - 1 + e.days()); t++) s[a][t] *= e.factor();
            }
        }
        return s;
    }

    /** The per-day log-return jumps of the crashes, [asset][day − 1]. */
    double[][] jumps(int days, List<String> assets) {
        double[][] j = new double[assets.size()][days];
        for (Event e : events) {
            if (!e.type().equals("crash")) continue;
            for (int a = 0; a < assets.size(); a++) {
                if (e.assets().isEmpty() || e.assets().contains(assets.get(a))) j[a][e.day() - 1] += Math.log1p(-e.size());
            }
        }
        return j;
    }
}
