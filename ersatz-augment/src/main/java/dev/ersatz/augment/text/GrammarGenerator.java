package dev.ersatz.augment.text;

import dev.ersatz.core.InputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates labelled sentences from a {@link Grammar}: each intent's count of distinct sentences, with
 * their slot spans.
 *
 * <p>Intents are generated in the grammar's order, each from its own random stream (seed, intent
 * index), choosing a template uniformly, each rule alternative uniformly and each slot value from its
 * source. Below {@link Grammar#MAX_DEPTH} nested rules, expansion takes only the alternatives that
 * finish soonest, so every expansion ends. Whitespace runs become one space and the text is trimmed.
 *
 * <p>Sentences are distinct across the whole output: a sentence that an earlier intent produced is
 * drawn again, so no text carries two intents. When an intent cannot reach its count (the grammar
 * has fewer distinct sentences than asked), that is an error naming the intent and how many it
 * found, rather than a silently shorter or repetitive output.
 */
public final class GrammarGenerator {
    /** Draws allowed per sentence asked before an intent is judged unable to give more. */
    static final int TRIES_PER_SENTENCE = 50;
    /** Draws always allowed, for small counts. */
    static final int MIN_TRIES = 1000;

    private GrammarGenerator() {}

    /**
     * Generates {@code perIntent} sentences per intent (an intent's own {@code count} wins).
     *
     * @throws InputException when an intent has no count and {@code perIntent} is {@code null}, or the
     *                        grammar cannot give an intent enough distinct sentences
     */
    public static List<Generated> generate(Grammar g, Integer perIntent, long seed) {
        List<Generated> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < g.intents.size(); i++) {
            Grammar.Intent intent = g.intents.get(i);
            Integer n = intent.count() != null ? intent.count() : perIntent;
            if (n == null) throw new InputException(g.source(), "intent '" + intent.name() + "' has no \"count\": give --per-intent");
            SplittableRandom rng = Sampling.stream(seed, i, 0x6E4A);
            long maxTries = MIN_TRIES + (long) TRIES_PER_SENTENCE * n;
            int got = 0;
            for (long t = 0; t < maxTries && got < n; t++) {
                Grammar.Template tpl = intent.templates().get(rng.nextInt(intent.templates().size()));
                Generated s = expand(g, intent.name(), tpl, rng);
                if (s.text().isEmpty() || !seen.add(s.text())) continue;
                out.add(s);
                got++;
            }
            if (got < n) {
                throw new InputException(g.source(), "intent '" + intent.name() + "': only " + got + " distinct sentences in " + maxTries
                        + " draws, " + n + " asked; add templates or slot values, or ask for fewer");
            }
        }
        return out;
    }

    private static Generated expand(Grammar g, String intent, Grammar.Template tpl, SplittableRandom rng) {
        StringBuilder sb = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        emit(g, tpl, rng, 0, sb, spans, labels);
        return normalise(sb, spans, labels, intent);
    }

    private static void emit(Grammar g, Grammar.Template tpl, SplittableRandom rng, int depth, StringBuilder sb,
                             List<int[]> spans, List<String> labels) {
        for (Grammar.Part p : tpl.parts()) {
            if (p instanceof Grammar.Literal l) {
                sb.append(l.text());
            } else if (p instanceof Grammar.SlotRef s) {
                String v = g.slots.get(s.slot()).draw(rng);
                spans.add(new int[] {sb.length(), sb.length() + v.length()});
                labels.add(s.label());
                sb.append(v);
            } else if (p instanceof Grammar.RuleRef r) {
                List<Grammar.Template> alts = g.rules.get(r.rule());
                Grammar.Template pick;
                if (depth < Grammar.MAX_DEPTH) {
                    pick = alts.get(rng.nextInt(alts.size()));
                } else {
                    // Deep enough: keep only the alternatives that finish soonest.
                    int best = Integer.MAX_VALUE;
                    for (Grammar.Template a : alts) best = Math.min(best, Grammar.alternativeHeight(a, g.height));
                    List<Grammar.Template> shortest = new ArrayList<>();
                    for (Grammar.Template a : alts) if (Grammar.alternativeHeight(a, g.height) == best) shortest.add(a);
                    pick = shortest.get(rng.nextInt(shortest.size()));
                }
                emit(g, pick, rng, depth + 1, sb, spans, labels);
            }
        }
    }

    /** Collapses whitespace runs to one space and trims, moving the spans with the text; offsets become code points. */
    private static Generated normalise(StringBuilder raw, List<int[]> spans, List<String> labels, String intent) {
        int n = raw.length();
        int[] map = new int[n + 1];
        StringBuilder out = new StringBuilder(n);
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                map[i] = out.length();
                continue;
            }
            if (pendingSpace) { out.append(' '); pendingSpace = false; }
            map[i] = out.length();
            out.append(c);
        }
        map[n] = out.length();
        String text = out.toString();
        List<Span> result = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            int s = map[spans.get(k)[0]];
            int e = spans.get(k)[1] == 0 ? 0 : map[spans.get(k)[1] - 1] + 1;
            // A value's own leading space is outside its span.
            while (s < e && text.charAt(s) == ' ') s++;
            if (e <= s) continue;
            result.add(new Span(text.codePointCount(0, s), text.codePointCount(0, e), labels.get(k)));
        }
        return new Generated(text, intent, result);
    }
}
