package dev.ersatz.augment.text;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an augmentation run changed, per method: how many copies it made and how many words,
 * characters and labels it changed.
 */
public final class AugmentReport {
    /** The counts kept for each method. */
    public enum Count {
        COPIES("copies"),
        WORDS_REPLACED("words replaced"),
        WORDS_INSERTED("words inserted"),
        WORDS_SWAPPED("words swapped"),
        WORDS_DELETED("words deleted"),
        WORDS_MISSPELT("words misspelt"),
        CHARS_CHANGED("characters changed"),
        WORDS_SPLIT("words split"),
        LABELS_FLIPPED("labels flipped"),
        REJECTED("drafts rejected by the label filter");

        final String text;
        Count(String text) { this.text = text; }
        /** How the count reads in the summary. */
        public String text() { return text; }
    }

    private final Map<Method, long[]> counts = new EnumMap<>(Method.class);
    private long sentences;
    private long unchanged;
    private long protectedWords;
    private long repeatedAfterRejection;
    private Double labelFilterMargin;
    private double alpha;
    private int copiesPerSentence;
    private List<Method> methods = List.of();

    AugmentReport() {}

    void add(Method m, Count c, long n) {
        counts.computeIfAbsent(m, k -> new long[Count.values().length])[c.ordinal()] += n;
    }

    void merge(AugmentReport o) {
        for (Map.Entry<Method, long[]> e : o.counts.entrySet()) {
            long[] mine = counts.computeIfAbsent(e.getKey(), k -> new long[Count.values().length]);
            for (int i = 0; i < mine.length; i++) mine[i] += e.getValue()[i];
        }
        unchanged += o.unchanged;
        repeatedAfterRejection += o.repeatedAfterRejection;
    }

    void setRun(long sentences, double alpha, int copies, List<Method> methods, long protectedWords) {
        this.sentences = sentences;
        this.alpha = alpha;
        this.copiesPerSentence = copies;
        this.methods = List.copyOf(methods);
        this.protectedWords = protectedWords;
    }

    void addUnchanged() { unchanged++; }

    void addRepeatedAfterRejection() { repeatedAfterRejection++; }

    void setLabelFilter(Double margin) { this.labelFilterMargin = margin; }

    /** A count for a method (0 when the method made no copy). */
    public long get(Method m, Count c) {
        long[] a = counts.get(m);
        return a == null ? 0 : a[c.ordinal()];
    }

    /** Input sentences. */
    public long sentences() { return sentences; }
    /** Copies that no method could change (they repeat the original). */
    public long unchanged() { return unchanged; }
    /** The alpha used (given, or EDA's default for the corpus size). */
    public double alpha() { return alpha; }
    /** Copies per sentence (given, or EDA's default). */
    public int copiesPerSentence() { return copiesPerSentence; }
    /** Copies that repeat their sentence because the label filter rejected every draw. */
    public long repeatedAfterRejection() { return repeatedAfterRejection; }
    /** The label filter's margin, {@code null} when it did not run. */
    public Double labelFilterMargin() { return labelFilterMargin; }
    /** Drafts the label filter rejected, over all methods (each was drawn again). */
    public long rejected() {
        long n = 0;
        for (long[] a : counts.values()) n += a[Count.REJECTED.ordinal()];
        return n;
    }
    /** Distinct words protected in safe mode (label-associated), 0 otherwise. */
    public long protectedWords() { return protectedWords; }
    public List<Method> methods() { return methods; }

    /** The report as an ordered map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", sentences);
        m.put("copiesPerSentence", copiesPerSentence);
        m.put("alpha", alpha);
        m.put("unchangedCopies", unchanged);
        m.put("labelAssociatedWordsProtected", protectedWords);
        if (labelFilterMargin != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("margin", labelFilterMargin);
            f.put("draftsRejected", rejected());
            f.put("copiesRepeatingTheirSentence", repeatedAfterRejection);
            m.put("labelFilter", f);
        }
        Map<String, Object> per = new LinkedHashMap<>();
        for (Map.Entry<Method, long[]> e : counts.entrySet()) {
            Map<String, Long> c = new LinkedHashMap<>();
            for (Count k : Count.values()) if (e.getValue()[k.ordinal()] != 0 || k == Count.COPIES) c.put(camel(k), e.getValue()[k.ordinal()]);
            per.put(e.getKey().key(), c);
        }
        m.put("methods", per);
        return m;
    }

    private static String camel(Count k) {
        String[] p = k.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(p[0]);
        for (int i = 1; i < p.length; i++) sb.append(Character.toUpperCase(p[i].charAt(0))).append(p[i].substring(1));
        return sb.toString();
    }

    /** One line per method: {@code synonym: 2000 copies, 3100 words replaced}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Method, long[]> e : counts.entrySet()) {
            sb.append("  ").append(e.getKey().key()).append(": ");
            boolean first = true;
            for (Count k : Count.values()) {
                long v = e.getValue()[k.ordinal()];
                if (v == 0 && k != Count.COPIES) continue;
                if (!first) sb.append(", ");
                sb.append(v).append(' ').append(k.text);
                first = false;
            }
            sb.append('\n');
        }
        if (unchanged > 0) sb.append("  unchanged (no method could edit the sentence): ").append(unchanged).append(" copies\n");
        if (repeatedAfterRejection > 0) {
            sb.append("  repeating their sentence (the label filter rejected every draw): ").append(repeatedAfterRejection).append(" copies\n");
        }
        return sb.toString();
    }
}
