package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many new rows each class gets: imbalanced-learn's {@code sampling_strategy} for over-samplers.
 *
 * <p>Definitions (imbalanced-learn {@code utils._validation}, over-sampling branch), with N_c the rows
 * of class c and M the largest class count:
 * <ul>
 *   <li>{@code minority}: the smallest class gets M − N_c new rows;</li>
 *   <li>{@code not-majority} (and {@code auto}, its alias): every class except the largest gets M − N_c;</li>
 *   <li>{@code not-minority}: every class except the smallest gets M − N_c;</li>
 *   <li>{@code all}: every class gets M − N_c (the largest gets 0);</li>
 *   <li>a float r in (0, 1] (two classes only): the smaller class gets ⌊r·M − N_c⌋, an error when negative;</li>
 *   <li>{@code "a=2000,b=5000"}: class a is brought to 2,000 rows in all, b to 5,000 (an error below N_c).</li>
 * </ul>
 * The largest and smallest class are found in sorted label order, so ties go to the first label, as
 * {@code max(dict, key=dict.get)} does over imbalanced-learn's {@code np.unique} counts. Classes are
 * resampled in that sorted order too.
 */
public final class SamplingStrategy {
    private enum Kind { MINORITY, NOT_MAJORITY, NOT_MINORITY, ALL, RATIO, COUNTS }

    private final Kind kind;
    private final double ratio;
    private final Map<String, Long> counts;
    private final String text;

    private SamplingStrategy(Kind kind, double ratio, Map<String, Long> counts, String text) {
        this.kind = kind;
        this.ratio = ratio;
        this.counts = counts;
        this.text = text;
    }

    /** imbalanced-learn's default, {@code auto} (= {@code not-majority}). */
    public static SamplingStrategy auto() {
        return new SamplingStrategy(Kind.NOT_MAJORITY, Double.NaN, Map.of(), "auto");
    }

    /** Parses {@code --strategy}: a name, a ratio, or {@code class=count} pairs separated by commas. */
    public static SamplingStrategy parse(String text) {
        if (text == null) return auto();
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-')) {
            case "auto", "not-majority": return new SamplingStrategy(Kind.NOT_MAJORITY, Double.NaN, Map.of(), t);
            case "minority": return new SamplingStrategy(Kind.MINORITY, Double.NaN, Map.of(), t);
            case "not-minority": return new SamplingStrategy(Kind.NOT_MINORITY, Double.NaN, Map.of(), t);
            case "all": return new SamplingStrategy(Kind.ALL, Double.NaN, Map.of(), t);
            case "majority": throw new InputException("--strategy", -1, null, t, "'majority' cannot be used with an over-sampler (it would add rows to the largest class only)");
            default: break;
        }
        if (t.indexOf('=') < 0) {
            double r;
            try {
                r = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new InputException("--strategy", -1, null, t,
                        "not a strategy: use auto, minority, not-majority, not-minority, all, a ratio in (0, 1], or class=count pairs such as \"yes=2000,no=5000\"");
            }
            if (!(r > 0 && r <= 1)) throw new InputException("--strategy", -1, null, t, "a ratio must be in (0, 1]: the smaller class's rows over the larger's after resampling");
            return new SamplingStrategy(Kind.RATIO, r, Map.of(), t);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String part : splitPairs(t)) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) throw new InputException("--strategy", -1, null, part, "write class=count pairs separated by commas, such as \"yes=2000,no=5000\"");
            String label = unquote(part.substring(0, eq).trim());
            String n = part.substring(eq + 1).trim();
            long c;
            try {
                c = Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new InputException("--strategy", -1, null, n, "the count for class '" + label + "' is not a whole number");
            }
            if (c < 0) throw new InputException("--strategy", -1, null, n, "the count for class '" + label + "' cannot be negative");
            if (out.put(label, c) != null) throw new InputException("--strategy", -1, null, label, "class named twice");
        }
        return new SamplingStrategy(Kind.COUNTS, Double.NaN, out, t);
    }

    /** Splits "a=1,b=2" on commas outside double quotes (so a label may hold a comma when quoted). */
    private static List<String> splitPairs(String t) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) { parts.add(cur.toString().trim()); cur.setLength(0); } else cur.append(c);
        }
        if (cur.length() > 0 || !parts.isEmpty()) parts.add(cur.toString().trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * The number of new rows per class for the given class counts, in sorted label order (classes
     * that get none are included with 0 only when the strategy names them).
     */
    public Map<String, Long> newRows(Map<String, Long> classCounts) {
        TreeMap<String, Long> stats = new TreeMap<>(classCounts);
        if (stats.isEmpty()) throw new InputException("--target", "the target column has no present values");
        String majority = null, minority = null;
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            if (majority == null || e.getValue() > stats.get(majority)) majority = e.getKey();
            if (minority == null || e.getValue() < stats.get(minority)) minority = e.getKey();
        }
        long m = stats.get(majority);
        Map<String, Long> out = new LinkedHashMap<>();
        switch (kind) {
            case MINORITY -> out.put(minority, m - stats.get(minority));
            case NOT_MAJORITY -> { for (var e : stats.entrySet()) if (!e.getKey().equals(majority)) out.put(e.getKey(), m - e.getValue()); }
            case NOT_MINORITY -> { for (var e : stats.entrySet()) if (!e.getKey().equals(minority)) out.put(e.getKey(), m - e.getValue()); }
            case ALL -> { for (var e : stats.entrySet()) out.put(e.getKey(), m - e.getValue()); }
            case RATIO -> {
                if (stats.size() != 2) {
                    throw new InputException("--strategy", -1, null, text, "a ratio works for two classes only; the target has "
                            + stats.size() + ": give counts per class instead, such as \"" + example(stats) + "\"");
                }
                for (var e : stats.entrySet()) {
                    if (e.getKey().equals(majority)) continue;
                    long n = (long) Math.floor(ratio * m - e.getValue());
                    if (n < 0) {
                        throw new InputException("--strategy", -1, null, text, "class '" + e.getKey() + "' already has " + e.getValue()
                                + " rows, more than " + ratio + " × " + m + ": over-sampling cannot remove rows; raise the ratio");
                    }
                    out.put(e.getKey(), n);
                }
            }
            case COUNTS -> {
                for (var e : counts.entrySet()) {
                    if (!stats.containsKey(e.getKey())) {
                        throw new InputException("--strategy", -1, null, e.getKey(), "no such class in the target column (classes: " + String.join(", ", stats.keySet()) + ")");
                    }
                }
                for (var e : stats.entrySet()) {
                    Long want = counts.get(e.getKey());
                    if (want == null) continue;
                    if (want < e.getValue()) {
                        throw new InputException("--strategy", -1, null, e.getKey() + "=" + want, "class '" + e.getKey() + "' already has " + e.getValue()
                                + " rows: over-sampling can only add rows (ask for at least " + e.getValue() + ")");
                    }
                    out.put(e.getKey(), want - e.getValue());
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    private static String example(Map<String, Long> stats) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        long max = 0;
        for (long v : stats.values()) max = Math.max(max, v);
        for (String k : stats.keySet()) {
            if (i++ == 2) break;
            if (sb.length() > 0) sb.append(',');
            sb.append(k).append('=').append(max);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
