package dev.ersatz.sim.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, for each module target, how many living patients of its age band and sex there are and how
 * many of them have the condition (active at the end, or begun in the last year): the numbers the
 * validator compares with the targets. Fed one patient at a time, so it works as well on records read
 * back from files as on lives in memory.
 */
final class Prevalence {
    final List<Module.Target> targets;
    final long[] denominators, numerators;
    private final Map<String, Integer> byCode = new HashMap<>();

    Prevalence(List<Module.Target> targets) {
        this.targets = List.copyOf(targets);
        this.denominators = new long[targets.size()];
        this.numerators = new long[targets.size()];
    }

    /**
     * Adds one patient: its sex, age (whole years) at the end date, and the code keys of conditions it
     * has active at the end and of conditions that began within the last year.
     */
    void add(String sex, int age, java.util.Set<String> activeAtEnd, java.util.Set<String> lastYear) {
        for (int i = 0; i < targets.size(); i++) {
            Module.Target t = targets.get(i);
            if (age < t.ageLow() || age > t.ageHigh()) continue;
            if (!t.sex().equals("any") && !t.sex().equals(sex)) continue;
            denominators[i]++;
            java.util.Set<String> codes = t.measure().equals("lastYear") ? lastYear : activeAtEnd;
            if (codes.contains(t.condition().key())) numerators[i]++;
        }
    }

    /** Adds a simulated life (only the living count). */
    void add(Life p) {
        if (!p.alive()) return;
        java.util.Set<String> active = new java.util.HashSet<>(), recent = new java.util.HashSet<>();
        long yearAgo = p.end - (long) Life.YEAR;
        for (Life.ConditionRecord c : p.conditions) {
            if (c.start <= p.end && (c.stop < 0 || c.stop > p.end)) active.add(c.code.key());
            if (c.start > yearAgo && c.start <= p.end) recent.add(c.code.key());
        }
        add(p.sex, ageAt(p.birth, p.end), active, recent);
    }

    static int ageAt(long birth, long end) {
        java.time.LocalDate b = java.time.LocalDate.ofEpochDay(Math.floorDiv(birth, 86_400));
        java.time.LocalDate e = java.time.LocalDate.ofEpochDay(Math.floorDiv(end, 86_400));
        return java.time.Period.between(b, e).getYears();
    }

    double observed(int i) {
        return denominators[i] == 0 ? Double.NaN : (double) numerators[i] / denominators[i];
    }
}
