package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Learns a {@link Profile} from a real transaction log: aggregates only, never a row or an account id.
 *
 * <p>What it reads, through the column names given by flags: the type, the amount, the time (an hour
 * step counted from the log's start, as PaySim's {@code step}, or a timestamp) and, to turn counts into
 * a per-client rate, the originating account (counted, never kept). What it writes: the per-client daily
 * rate; per type its share, hour-of-day and day-of-week weights (day weights divided by how many of
 * that weekday the log covers), the share of round amounts, a histogram of amounts on the fixed grid,
 * and per hour the count, mean and standard deviation (mean and deviation only for cells of at least
 * {@value Profile#MIN_CELL}).
 *
 * <p>PaySim calibrated the same way (aggregates per type and step from the real log; Lopez-Rojas et
 * al. 2016); the hour-by-weekday interaction is not kept (the world's rhythm is hour weight times
 * weekday weight).
 */
public final class Calibrator {
    private Calibrator() {}

    /** Which columns hold what, and how to read time and types. */
    public record Columns(String type, String amount, String time, String client, Long clients, Map<String, TxType> typeMap,
                          int stepZeroWeekday) {
        /** PaySim's column names: {@code type, amount, step, nameOrig}; step 0 taken as a Monday 00:00. */
        public static Columns paysim() {
            return new Columns("type", "amount", "step", "nameOrig", null, Map.of(), 0);
        }
    }

    /** Parses {@code PURCHASE=CARD,WITHDRAWAL=CASH_OUT} into a map from log labels to types. */
    public static Map<String, TxType> parseTypeMap(String spec) {
        Map<String, TxType> m = new HashMap<>();
        if (spec == null || spec.isBlank()) return m;
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new InputException("--type-map", -1, null, part, "expected LABEL=TYPE pairs separated by commas");
            TxType t = TxType.parse(part.substring(eq + 1));
            if (t == null) throw new InputException("--type-map", -1, null, part, "unknown type (known: " + String.join(", ", TxType.labels()) + ")");
            m.put(part.substring(0, eq).trim(), t);
        }
        return m;
    }

    /** Reads {@code log} and returns its profile. */
    public static Profile calibrate(Path log, Columns cols) {
        try (LogSource src = new LogSource(log)) {
            return calibrate(src, cols);
        } catch (SQLException e) {
            throw new InputException(log.toString(), "cannot read: " + LogSource.oneLine(e));
        }
    }

    private static Profile calibrate(LogSource src, Columns cols) throws SQLException {
        String type = src.column(cols.type(), "--type-column");
        String amount = src.column(cols.amount(), "--amount-column");
        String time = src.column(cols.time(), "--time-column");
        String client = cols.clients() == null ? src.column(cols.client(), "--client-column (or give --log-clients)") : null;
        String amt = "TRY_CAST(" + amount + " AS DOUBLE)";
        // bad amounts: name the first
        try (ResultSet rs = src.query("SELECT n, v FROM (SELECT row_number() OVER () AS n, " + amount + " AS v FROM log) "
                + "WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL LIMIT 1")) {
            if (rs.next()) throw new InputException(src.name, rs.getLong(1), cols.amount(), rs.getString(2), "not a number");
        }
        // time: integer steps or timestamps
        boolean steps;
        try (ResultSet rs = src.query("SELECT count(*) FILTER (WHERE TRY_CAST(" + time + " AS BIGINT) IS NULL AND " + time + " IS NOT NULL), "
                + "count(*) FILTER (WHERE TRY_CAST(" + time + " AS TIMESTAMP) IS NULL AND " + time + " IS NOT NULL) FROM log")) {
            rs.next();
            steps = rs.getLong(1) == 0;
            if (!steps && rs.getLong(2) > 0) {
                try (ResultSet bad = src.query("SELECT n, v FROM (SELECT row_number() OVER () AS n, " + time + " AS v FROM log) "
                        + "WHERE v IS NOT NULL AND TRY_CAST(v AS TIMESTAMP) IS NULL LIMIT 1")) {
                    bad.next();
                    throw new InputException(src.name, bad.getLong(1), cols.time(), bad.getString(2),
                            "neither an hour step (an integer) nor a timestamp");
                }
            }
        }
        String hour, dow, day;
        if (steps) {
            String s = "TRY_CAST(" + time + " AS BIGINT)";
            hour = "(" + s + " % 24)";
            day = "(" + s + " // 24)";
            dow = "((" + s + " // 24 + " + cols.stepZeroWeekday() + ") % 7)";
        } else {
            String ts = "TRY_CAST(" + time + " AS TIMESTAMP)";
            hour = "hour(" + ts + ")";
            day = "CAST(" + ts + " AS DATE)";
            dow = "(isodow(" + ts + ") - 1)";
        }
        // types present, mapped
        Map<String, TxType> map = new HashMap<>(cols.typeMap());
        TreeSet<String> unknown = new TreeSet<>();
        try (ResultSet rs = src.query("SELECT DISTINCT CAST(" + type + " AS VARCHAR) FROM log WHERE " + type + " IS NOT NULL")) {
            while (rs.next()) {
                String label = rs.getString(1);
                if (map.containsKey(label)) continue;
                TxType t = TxType.parse(label);
                if (t == null) unknown.add(label);
                else map.put(label, t);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InputException(src.name, -1, cols.type(), unknown.first(), "is not a known transaction type (unknown: "
                    + String.join(", ", unknown) + "); map them with --type-map LABEL=TYPE (types: " + String.join(", ", TxType.labels()) + ")");
        }
        String where = " WHERE " + amt + " > 0 AND " + time + " IS NOT NULL AND " + type + " IS NOT NULL";
        long rows, days, clients;
        try (ResultSet rs = src.query("SELECT count(*), count(DISTINCT " + day + ")" + (client == null ? "" : ", count(DISTINCT " + client + ")")
                + " FROM log" + where)) {
            rs.next();
            rows = rs.getLong(1);
            days = rs.getLong(2);
            clients = client == null ? cols.clients() : rs.getLong(3);
        }
        if (rows == 0) throw new InputException(src.name, "no rows with a positive amount, a type and a time");
        if (steps) {
            try (ResultSet rs = src.query("SELECT min(" + day + "), max(" + day + ") FROM log" + where)) {
                rs.next();
                days = rs.getLong(2) - rs.getLong(1) + 1;
            }
        }
        // weekdays covered, to turn weekday counts into weights
        double[] weekdaysCovered = new double[7];
        try (ResultSet rs = src.query("SELECT d, count(*) FROM (SELECT DISTINCT " + day + " AS dd, " + dow + " AS d FROM log" + where + ") GROUP BY d")) {
            while (rs.next()) weekdaysCovered[rs.getInt(1)] = rs.getLong(2);
        }
        Map<String, double[]> hourCount = new HashMap<>(), hourSum = new HashMap<>(), hourSq = new HashMap<>(), dowCount = new HashMap<>();
        Map<String, Long> typeCount = new HashMap<>(), roundCount = new HashMap<>();
        try (ResultSet rs = src.query("SELECT CAST(" + type + " AS VARCHAR), " + hour + ", count(*), sum(" + amt + "), sum(" + amt + " * " + amt + "),"
                + " sum(CASE WHEN abs(" + amt + " - round(" + amt + ")) < 0.005 AND (round(" + amt + ") < 10 OR round(" + amt + ") % pow(10, floor(log10(round("
                + amt + "))) - 1) = 0) THEN 1 ELSE 0 END) FROM log" + where + " GROUP BY 1, 2")) {
            while (rs.next()) {
                String t = rs.getString(1);
                int h = rs.getInt(2);
                hourCount.computeIfAbsent(t, k -> new double[24])[h] += rs.getLong(3);
                hourSum.computeIfAbsent(t, k -> new double[24])[h] += rs.getDouble(4);
                hourSq.computeIfAbsent(t, k -> new double[24])[h] += rs.getDouble(5);
                typeCount.merge(t, rs.getLong(3), Long::sum);
                roundCount.merge(t, rs.getLong(6), Long::sum);
            }
        }
        try (ResultSet rs = src.query("SELECT CAST(" + type + " AS VARCHAR), " + dow + ", count(*) FROM log" + where + " GROUP BY 1, 2")) {
            while (rs.next()) dowCount.computeIfAbsent(rs.getString(1), k -> new double[7])[rs.getInt(2)] += rs.getLong(3);
        }
        Map<String, Map<Integer, Long>> bins = new HashMap<>();
        try (ResultSet rs = src.query("SELECT CAST(" + type + " AS VARCHAR), CAST(floor(log10(" + amt + ") * " + AmountDistribution.STEPS_PER_DECADE
                + " + 1e-9) AS INTEGER), count(*) FROM log" + where + " GROUP BY 1, 2")) {
            while (rs.next()) bins.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(
                    Math.max(AmountDistribution.MIN_K, Math.min(AmountDistribution.MAX_K - 1, rs.getInt(2))), rs.getLong(3), Long::sum);
        }

        // merge labels that map to the same type
        Map<TxType, Profile.TypeProfile> types = new EnumMap<>(TxType.class);
        Map<TxType, double[]> hc = new EnumMap<>(TxType.class), hs = new EnumMap<>(TxType.class), hq = new EnumMap<>(TxType.class), dc = new EnumMap<>(TxType.class);
        Map<TxType, Long> tc = new EnumMap<>(TxType.class), rc = new EnumMap<>(TxType.class);
        Map<TxType, Map<Integer, Long>> tb = new EnumMap<>(TxType.class);
        for (Map.Entry<String, Long> e : typeCount.entrySet()) {
            TxType t = map.get(e.getKey());
            add(hc.computeIfAbsent(t, k -> new double[24]), hourCount.get(e.getKey()));
            add(hs.computeIfAbsent(t, k -> new double[24]), hourSum.get(e.getKey()));
            add(hq.computeIfAbsent(t, k -> new double[24]), hourSq.get(e.getKey()));
            add(dc.computeIfAbsent(t, k -> new double[7]), dowCount.getOrDefault(e.getKey(), new double[7]));
            tc.merge(t, e.getValue(), Long::sum);
            rc.merge(t, roundCount.getOrDefault(e.getKey(), 0L), Long::sum);
            for (Map.Entry<Integer, Long> b : bins.getOrDefault(e.getKey(), Map.of()).entrySet()) {
                tb.computeIfAbsent(t, k -> new HashMap<>()).merge(b.getKey(), b.getValue(), Long::sum);
            }
        }
        for (TxType t : tc.keySet()) {
            long n = tc.get(t);
            double[] counts = hc.get(t), sums = hs.get(t), sq = hq.get(t);
            double[] mean = new double[24], std = new double[24];
            for (int h = 0; h < 24; h++) {
                if (counts[h] >= Profile.MIN_CELL) {
                    mean[h] = sums[h] / counts[h];
                    std[h] = Math.sqrt(Math.max(0, sq[h] / counts[h] - mean[h] * mean[h]));
                } else {
                    mean[h] = Double.NaN;
                    std[h] = Double.NaN;
                }
            }
            double[] dw = dc.get(t).clone();
            double covered = 0, coveredSum = 0;
            for (int d = 0; d < 7; d++) {
                if (weekdaysCovered[d] > 0) {
                    dw[d] /= weekdaysCovered[d];
                    covered++;
                    coveredSum += dw[d];
                }
            }
            // A weekday the log does not cover says nothing about that day: give it the covered days' mean,
            // so a short log's rate per day is kept over a whole week.
            for (int d = 0; d < 7; d++) if (weekdaysCovered[d] == 0) dw[d] = covered > 0 ? coveredSum / covered : 1;
            double dsum = 0;
            for (double v : dw) dsum += v;
            if (dsum == 0) dw = new double[] {1, 1, 1, 1, 1, 1, 1};
            Map<Integer, Long> b = tb.get(t);
            int lo = b.keySet().stream().min(Integer::compare).orElseThrow(), hi = b.keySet().stream().max(Integer::compare).orElseThrow();
            double[] w = new double[hi - lo + 1];
            for (Map.Entry<Integer, Long> e : b.entrySet()) w[e.getKey() - lo] = e.getValue();
            types.put(t, new Profile.TypeProfile((double) n / rows, counts.clone(), dw, (double) rc.get(t) / n,
                    new AmountDistribution(lo, w), counts.clone(), mean, std));
        }
        if (clients <= 0) throw new InputException(src.name, "cannot count clients: give --log-clients");
        double perClientDay = (double) rows / clients / Math.max(1, days);
        ObjectNode source = Profile.JSON.createObjectNode();
        source.put("kind", "calibrated");
        source.put("file", src.file.getFileName().toString());
        source.put("rows", rows);
        source.put("days", days);
        source.put("clients", clients);
        source.put("time", steps ? "hour steps" : "timestamps");
        return new Profile("Calibrated from " + src.file.getFileName() + " (aggregates only)", perClientDay, types, source);
    }

    private static void add(double[] into, double[] v) {
        if (v == null) return;
        for (int i = 0; i < into.length; i++) into[i] += v[i];
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
