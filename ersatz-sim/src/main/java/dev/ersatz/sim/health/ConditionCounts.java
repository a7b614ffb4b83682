package dev.ersatz.sim.health;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The manifest's counts per label for patients: per condition, how many lives had it at some time and
 * how many living patients have it active at the end date. Filled on one thread in slot order.
 */
final class ConditionCounts {
    /** One life's conditions: every code it had, and those active at the end date if it is alive. */
    record Summary(List<Code> ever, List<Code> activeAtEnd) {
        static Summary of(Life p) {
            Set<Code> ever = new LinkedHashSet<>(), active = new LinkedHashSet<>();
            for (Life.ConditionRecord c : p.conditions) {
                ever.add(c.code);
                if (p.alive() && (c.stop < 0 || c.stop > p.end)) active.add(c.code);
            }
            return new Summary(List.copyOf(ever), List.copyOf(active));
        }
    }

    private final Map<String, Code> codes = new TreeMap<>();
    private final Map<String, long[]> counts = new TreeMap<>();

    void add(Summary s) {
        for (Code c : s.ever()) count(c)[0]++;
        for (Code c : s.activeAtEnd()) count(c)[1]++;
    }

    private long[] count(Code c) {
        codes.putIfAbsent(c.key(), c);
        return counts.computeIfAbsent(c.key(), k -> new long[2]);
    }

    /** Per condition key (system|code, sorted): the code and {lives that had it, living with it active}. */
    Map<String, Code> codes() { return codes; }

    long lives(String key) { return counts.get(key)[0]; }

    long livingActive(String key) { return counts.get(key)[1]; }
}
