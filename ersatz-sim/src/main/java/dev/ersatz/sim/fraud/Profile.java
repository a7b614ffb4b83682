package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the transactions world reproduces: how many transactions a client makes a day, the share of
 * each type, each type's daily and weekly rhythm, its amount distribution and its share of round
 * amounts.
 *
 * <p>PaySim calibrates from aggregated logs (count, sum, mean and standard deviation per type and
 * hour; Lopez-Rojas et al. 2016); this profile holds the same kind of aggregates, and only aggregates:
 * counts per type, hour of day and day of week, a histogram of amounts on a fixed grid (bins 12% wide,
 * so no exact amount is kept), the share of round amounts, and per hour the count, mean and standard
 * deviation (left out for cells of fewer than {@value #MIN_CELL} transactions, whose mean would come
 * close to revealing one). It never holds a row or an account id.
 *
 * <p>{@link #defaultProfile()} is the profile written by us; {@code --calibrate} writes one learned
 * from a real log ({@link Calibrator}).
 */
public final class Profile {
    /** Format version of profile files. */
    public static final int FORMAT = 1;
    /** Cells with fewer transactions than this keep only their count. */
    public static final int MIN_CELL = 10;

    /** One type's aggregates. */
    public record TypeProfile(double share, double[] hourOfDay, double[] dayOfWeek, double roundShare,
                              AmountDistribution amounts, double[] hourCount, double[] hourMean, double[] hourStd) {
        public TypeProfile {
            if (hourOfDay.length != 24) throw new IllegalArgumentException("hourOfDay needs 24 weights");
            if (dayOfWeek.length != 7) throw new IllegalArgumentException("dayOfWeek needs 7 weights");
        }

        /** The rhythm weight at (hour, day of week, 0 = Monday), normalised to mean 1 over the week. */
        public double rhythm(int hour, int dow) {
            double h = 0, d = 0;
            for (double v : hourOfDay) h += v;
            for (double v : dayOfWeek) d += v;
            return hourOfDay[hour] * dayOfWeek[dow] * 168 / (h * d);
        }
    }

    private final String description;
    private final double perClientDay;
    private final Map<TxType, TypeProfile> types;
    private final ObjectNode source;

    public Profile(String description, double perClientDay, Map<TxType, TypeProfile> types, ObjectNode source) {
        if (!(perClientDay > 0) || Double.isInfinite(perClientDay)) {
            throw new IllegalArgumentException("transactionsPerClientDay must be positive: " + perClientDay);
        }
        this.description = description;
        this.perClientDay = perClientDay;
        this.types = new EnumMap<>(types);
        this.source = source == null ? JSON.createObjectNode() : source;
        double total = 0;
        for (TypeProfile t : types.values()) total += t.share();
        if (!(total > 0)) throw new IllegalArgumentException("a profile needs at least one type with a positive share");
    }

    public String description() { return description; }

    /** Mean transactions per client per day. */
    public double perClientDay() { return perClientDay; }

    /** The type's aggregates, or null when the profile has none of that type. */
    public TypeProfile type(TxType t) { return types.get(t); }

    /** The type's share of all transactions (0 when absent); shares sum to 1. */
    public double share(TxType t) {
        TypeProfile p = types.get(t);
        if (p == null) return 0;
        double total = 0;
        for (TypeProfile q : types.values()) total += q.share();
        return p.share() / total;
    }

    public ObjectNode source() { return source.deepCopy(); }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The default profile, written by us. Volumes are PaySim's scale (20,000 clients over 30 days make
     * about 6 million transactions: 10 per client per day), the mix is PaySim's published one (CASH_OUT
     * 35%, PAYMENT 34%, CASH_IN 22%, TRANSFER 8%, DEBIT 0.7%) with a fifth of the payments moved to
     * cards, and amounts are log-normal in a generic currency, chosen so that cash brought in (CASH_IN)
     * covers what is spent and withdrawn, which keeps balances stationary over a month:
     *
     * <pre>
     * type       share   median  log-sd  round share  rhythm
     * CASH_IN    18.4%   115     1.5     30%          shop hours, Friday and Saturday peak
     * CASH_OUT   26.0%    80     1.0     35%          daytime and evening, Friday peak
     * PAYMENT    27.0%    35     1.1      3%          daytime
     * TRANSFER    8.0%    60     1.4     25%          daytime and evening
     * DEBIT       0.6%   150     1.0     10%          office hours, weekdays
     * CARD       20.0%    28     1.0      1%          daytime and evening, weekend peak
     * </pre>
     *
     * A round amount has two significant figures ending in 0 or 5 (140, 150, 2,500).
     */
    public static Profile defaultProfile() {
        double[] day = {0.15, 0.10, 0.07, 0.06, 0.08, 0.15, 0.40, 0.80, 1.10, 1.30, 1.40, 1.50,
                1.60, 1.50, 1.40, 1.40, 1.50, 1.70, 1.80, 1.60, 1.30, 1.00, 0.60, 0.30};
        double[] shop = {0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.10, 0.60, 1.30, 1.60, 1.70, 1.70,
                1.70, 1.70, 1.70, 1.70, 1.70, 1.60, 1.20, 0.60, 0.30, 0.15, 0.05, 0.03};
        double[] office = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.50, 1.50, 1.90, 2.00, 1.90,
                1.50, 1.80, 1.90, 1.80, 1.50, 0.80, 0.30, 0.10, 0.05, 0.03, 0.02, 0.01};
        double[] evening = {0.30, 0.15, 0.08, 0.05, 0.05, 0.10, 0.30, 0.60, 0.90, 1.00, 1.10, 1.30,
                1.40, 1.30, 1.20, 1.20, 1.40, 1.70, 2.00, 2.00, 1.80, 1.40, 0.90, 0.60};
        double[] flat = {1, 1, 1, 1, 1, 1, 1};
        Map<TxType, TypeProfile> m = new EnumMap<>(TxType.class);
        m.put(TxType.CASH_IN, parametric(0.184, shop, new double[] {0.9, 0.9, 0.9, 0.95, 1.3, 1.25, 0.5}, 0.30, 115, 1.5));
        m.put(TxType.CASH_OUT, parametric(0.260, day, new double[] {0.95, 0.95, 0.95, 1.0, 1.2, 1.1, 0.85}, 0.35, 80, 1.0));
        m.put(TxType.PAYMENT, parametric(0.270, day, flat, 0.03, 35, 1.1));
        m.put(TxType.TRANSFER, parametric(0.080, evening, flat, 0.25, 60, 1.4));
        m.put(TxType.DEBIT, parametric(0.006, office, new double[] {1.2, 1.2, 1.2, 1.2, 1.2, 0.5, 0.5}, 0.10, 150, 1.0));
        m.put(TxType.CARD, parametric(0.200, evening, new double[] {0.9, 0.9, 0.95, 1.0, 1.1, 1.2, 0.95}, 0.01, 28, 1.0));
        ObjectNode src = JSON.createObjectNode();
        src.put("kind", "default");
        return new Profile("Ersatz default profile: PaySim-scale volumes and type mix, log-normal amounts", 10.0, m, src);
    }

    private static TypeProfile parametric(double share, double[] hours, double[] days, double round, double median, double sigma) {
        return new TypeProfile(share, hours.clone(), days.clone(), round, AmountDistribution.lognormal(median, sigma), null, null, null);
    }

    /** Writes the profile as JSON (atomically). */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(toJson()));
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot write: " + e.getMessage());
        }
    }

    /** The profile as a JSON object. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("ersatzProfile", FORMAT);
        root.put("description", description);
        root.put("transactionsPerClientDay", perClientDay);
        root.set("source", source.deepCopy());
        ObjectNode ts = root.putObject("types");
        for (Map.Entry<TxType, TypeProfile> e : types.entrySet()) {
            TypeProfile p = e.getValue();
            ObjectNode t = ts.putObject(e.getKey().name());
            t.put("share", p.share());
            t.put("roundShare", p.roundShare());
            array(t.putArray("hourOfDay"), p.hourOfDay());
            array(t.putArray("dayOfWeek"), p.dayOfWeek());
            ObjectNode a = t.putObject("amountHistogram");
            a.put("firstEdge", p.amounts().firstK());
            a.put("edgesPerDecade", AmountDistribution.STEPS_PER_DECADE);
            array(a.putArray("weights"), p.amounts().weights());
            if (p.hourCount() != null) {
                ObjectNode h = t.putObject("hourly");
                array(h.putArray("count"), p.hourCount());
                array(h.putArray("mean"), p.hourMean());
                array(h.putArray("std"), p.hourStd());
            }
        }
        return root;
    }

    private static void array(ArrayNode a, double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) a.addNull(); else a.add(x);
        }
    }

    /** Reads a profile file; errors name the file and the field. */
    public static Profile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new InputException(file.toString(), "not a valid JSON profile: " + oneLine(e.getMessage()));
        }
        return fromJson(root, file.toString());
    }

    /** Reads a profile from JSON; {@code source} names where it came from in errors. */
    public static Profile fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject() || !root.has("ersatzProfile")) {
            throw new InputException(source, "not an Ersatz profile (no \"ersatzProfile\" field); write one with --calibrate");
        }
        int format = root.get("ersatzProfile").asInt();
        if (format > FORMAT) throw new InputException(source, "profile format " + format + " is newer than this Ersatz reads (" + FORMAT + "); upgrade Ersatz");
        double perDay = number(root, "transactionsPerClientDay", source, "");
        JsonNode ts = root.get("types");
        if (ts == null || !ts.isObject() || ts.isEmpty()) throw new InputException(source, "field 'types' must list at least one transaction type");
        Map<TxType, TypeProfile> m = new EnumMap<>(TxType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = ts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TxType type = TxType.parse(e.getKey());
            String where = "types." + e.getKey();
            if (type == null) throw new InputException(source, where + ": unknown transaction type (known: " + String.join(", ", TxType.labels()) + ")");
            JsonNode t = e.getValue();
            double share = number(t, "share", source, where);
            if (share < 0) throw new InputException(source, where + ".share: must not be negative");
            double[] hours = doubles(t, "hourOfDay", 24, source, where);
            double[] days = doubles(t, "dayOfWeek", 7, source, where);
            double round = t.has("roundShare") ? number(t, "roundShare", source, where) : 0;
            if (round < 0 || round > 1) throw new InputException(source, where + ".roundShare: must lie in [0, 1]");
            JsonNode a = t.get("amountHistogram");
            if (a == null || !a.isObject()) throw new InputException(source, where + ": missing 'amountHistogram'");
            if (a.has("edgesPerDecade") && a.get("edgesPerDecade").asInt() != AmountDistribution.STEPS_PER_DECADE) {
                throw new InputException(source, where + ".amountHistogram.edgesPerDecade: must be " + AmountDistribution.STEPS_PER_DECADE);
            }
            int first = (int) number(a, "firstEdge", source, where + ".amountHistogram");
            double[] w = doubles(a, "weights", -1, source, where + ".amountHistogram");
            AmountDistribution dist;
            try {
                dist = new AmountDistribution(first, w);
            } catch (IllegalArgumentException ex) {
                throw new InputException(source, where + ".amountHistogram: " + ex.getMessage());
            }
            double[] hc = null, hm = null, hs = null;
            JsonNode h = t.get("hourly");
            if (h != null && h.isObject()) {
                hc = doubles(h, "count", 24, source, where + ".hourly");
                hm = doubles(h, "mean", 24, source, where + ".hourly");
                hs = doubles(h, "std", 24, source, where + ".hourly");
            }
            double hsum = 0, dsum = 0;
            for (double v : hours) hsum += v;
            for (double v : days) dsum += v;
            if (share > 0 && (!(hsum > 0) || !(dsum > 0))) throw new InputException(source, where + ": hourOfDay and dayOfWeek need positive weights");
            m.put(type, new TypeProfile(share, hours, days, round, dist, hc, hm, hs));
        }
        ObjectNode src = root.get("source") instanceof ObjectNode o ? o : JSON.createObjectNode();
        try {
            return new Profile(root.path("description").asText(""), perDay, m, src);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, e.getMessage());
        }
    }

    static double number(JsonNode node, String field, String source, String where) {
        JsonNode v = node.get(field);
        String path = where.isEmpty() ? field : where + "." + field;
        if (v == null || !v.isNumber()) throw new InputException(source, path + ": expected a number");
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new InputException(source, path + ": expected a finite number");
        return d;
    }

    static double[] doubles(JsonNode node, String field, int size, String source, String where) {
        JsonNode v = node.get(field);
        String path = where + "." + field;
        if (v == null || !v.isArray()) throw new InputException(source, path + ": expected an array of numbers");
        if (size >= 0 && v.size() != size) throw new InputException(source, path + ": expected " + size + " numbers, found " + v.size());
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = v.get(i);
            if (x.isNull()) out[i] = Double.NaN;
            else if (x.isNumber()) out[i] = x.asDouble();
            else throw new InputException(source, path + "[" + i + "]: expected a number, found " + x);
        }
        return out;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
