package dev.ersatz.augment.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The words most associated with each label of a corpus, for safe mode.
 *
 * <p>Association is the log-odds ratio with a Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008,
 * "Fightin' Words", eq. 16, 18-20): for word {@code w} and label {@code c} against all other labels
 * {@code r}, with counts {@code y}, totals {@code n} and a flat prior of {@value #PRIOR} per word
 * ({@code a0} = {@value #PRIOR} x vocabulary size),
 * <pre>
 *   d  = log((y_wc + a) / (n_c + a0 - y_wc - a)) - log((y_wr + a) / (n_r + a0 - y_wr - a))
 *   z  = d / sqrt(1 / (y_wc + a) + 1 / (y_wr + a))
 * </pre>
 * A word is associated with {@code c} when {@code z >= } {@value #Z_THRESHOLD} (one-sided 2.5%,
 * the usual 5% two-sided cut). The variance term keeps rare words out: a word seen five times in one
 * class and never in the other has z = 0.6, one seen 20 times against 5 has z = 2.8.
 */
public final class LabelWords {
    /** The z-score from which a word counts as associated with a label. */
    public static final double Z_THRESHOLD = 1.96;
    /** The flat Dirichlet prior per word (the usual default of the method's implementations). */
    public static final double PRIOR = 0.01;

    private final Map<String, Set<String>> byLabel;
    private final Set<String> all;

    private LabelWords(Map<String, Set<String>> byLabel) {
        this.byLabel = byLabel;
        Set<String> a = new HashSet<>();
        for (Set<String> s : byLabel.values()) a.addAll(s);
        this.all = a;
    }

    /** Associated words of each label in {@code examples} (word tokens, lower case; unlabelled examples ignored). */
    public static LabelWords of(List<Example> examples) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Long> labelSize = new TreeMap<>();
        long corpus = 0;
        for (Example e : examples) {
            if (e.label() == null) continue;
            Map<String, Integer> c = counts.computeIfAbsent(e.label(), k -> new HashMap<>());
            for (Token t : e.doc().tokens()) {
                if (!t.isWord()) continue;
                String w = t.text().toLowerCase(Locale.ROOT);
                c.merge(w, 1, Integer::sum);
                total.merge(w, 1, Integer::sum);
                labelSize.merge(e.label(), 1L, Long::sum);
                corpus++;
            }
        }
        Map<String, Set<String>> out = new TreeMap<>();
        if (counts.size() < 2) {
            // One label: nothing to tell it from.
            for (String label : counts.keySet()) out.put(label, Set.of());
            return new LabelWords(out);
        }
        double a0 = PRIOR * total.size();
        for (Map.Entry<String, Map<String, Integer>> lc : counts.entrySet()) {
            String label = lc.getKey();
            double nc = labelSize.get(label);
            double nr = corpus - nc;
            Set<String> words = new HashSet<>();
            for (Map.Entry<String, Integer> wt : total.entrySet()) {
                double aw = PRIOR;
                double yc = lc.getValue().getOrDefault(wt.getKey(), 0);
                double yr = wt.getValue() - yc;
                double d = Math.log((yc + aw) / (nc + a0 - yc - aw)) - Math.log((yr + aw) / (nr + a0 - yr - aw));
                double z = d / Math.sqrt(1 / (yc + aw) + 1 / (yr + aw));
                if (z >= Z_THRESHOLD) words.add(wt.getKey());
            }
            out.put(label, Set.copyOf(words));
        }
        return new LabelWords(out);
    }

    /** The words associated with {@code label} (empty for an unknown label). */
    public Set<String> of(String label) {
        return byLabel.getOrDefault(label, Set.of());
    }

    /** The words associated with any label. */
    public Set<String> all() { return all; }

    /** Whether {@code lower} is associated with a label other than {@code label}. */
    boolean associatedWithOther(String lower, String label) {
        for (Map.Entry<String, Set<String>> e : byLabel.entrySet()) {
            if (!e.getKey().equals(label) && e.getValue().contains(lower)) return true;
        }
        return false;
    }

    /** The labels, sorted. */
    public Set<String> labels() { return byLabel.keySet(); }
}
