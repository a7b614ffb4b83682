package dev.ersatz.sim.health;

import java.util.List;
import java.util.Map;

/**
 * A disease module: a state machine read from a Synthea-style JSON file, with the prevalence targets it
 * declares for validation.
 *
 * <p>State types (Synthea's Generic Module Framework): Initial, Simple, Terminal, Delay, Guard,
 * SetAttribute, ConditionOnset, ConditionEnd, Encounter, EncounterEnd, MedicationOrder, MedicationEnd,
 * Observation, VitalSign, Procedure, Death. Transitions: direct, distributed, conditional and complex.
 */
public final class Module {
    final String name;
    final String source;
    final Map<String, State> states;
    final State initial;
    final List<Target> targets;

    Module(String name, String source, Map<String, State> states, State initial, List<Target> targets) {
        this.name = name;
        this.source = source;
        this.states = states;
        this.initial = initial;
        this.targets = targets;
    }

    public String name() { return name; }

    public String source() { return source; }

    public List<Target> targets() { return targets; }

    public int stateCount() { return states.size(); }

    /**
     * A prevalence a module promises, for validation: the share of living patients in an age band (and
     * sex) who have the condition at the end of the simulation ({@code active}) or had an onset of it in
     * its last year ({@code lastYear}), with the source of the figure.
     */
    public record Target(Code condition, String measure, int ageLow, int ageHigh, String sex, double prevalence, String source) {}

    /** How a state leaves: one of the four transition kinds. */
    sealed interface Transition {
        record Direct(State to) implements Transition {}

        record Distributed(double[] weights, State[] to) implements Transition {}

        record Conditional(Logic[] conditions, State[] to) implements Transition {}

        /** Per condition (null = always), a distribution over targets. */
        record Complex(Logic[] conditions, double[][] weights, State[][] to) implements Transition {}
    }

    /** The states. Mutable fields are resolved references, set once by the loader. */
    abstract static class State {
        final String name;
        Transition transition;

        State(String name) {
            this.name = name;
        }
    }

    static final class Initial extends State { Initial(String n) { super(n); } }

    static final class Simple extends State { Simple(String n) { super(n); } }

    static final class Terminal extends State { Terminal(String n) { super(n); } }

    /** A duration: exact seconds, or a uniform range of seconds. */
    record Duration(double low, double high) {
        long draw(dev.ersatz.sim.engine.Rng rng) {
            return Math.round(low == high ? low : rng.uniform(low, high));
        }
    }

    static final class Delay extends State {
        final Duration duration;

        Delay(String n, Duration d) {
            super(n);
            this.duration = d;
        }
    }

    static final class Guard extends State {
        final Logic allow;

        Guard(String n, Logic allow) {
            super(n);
            this.allow = allow;
        }
    }

    static final class SetAttribute extends State {
        final String attribute;
        final Object value;

        SetAttribute(String n, String attribute, Object value) {
            super(n);
            this.attribute = attribute;
            this.value = value;
        }
    }

    static final class ConditionOnset extends State {
        final List<Code> codes;
        final String targetEncounter;
        final String assignTo;

        ConditionOnset(String n, List<Code> codes, String targetEncounter, String assignTo) {
            super(n);
            this.codes = codes;
            this.targetEncounter = targetEncounter;
            this.assignTo = assignTo;
        }
    }

    static final class ConditionEnd extends State {
        final String conditionOnset, referencedByAttribute;
        final List<Code> codes;

        ConditionEnd(String n, String onset, String attr, List<Code> codes) {
            super(n);
            this.conditionOnset = onset;
            this.referencedByAttribute = attr;
            this.codes = codes;
        }
    }

    static final class Encounter extends State {
        final boolean wellness;
        final String encounterClass;
        final List<Code> codes;
        final String reason;

        Encounter(String n, boolean wellness, String cls, List<Code> codes, String reason) {
            super(n);
            this.wellness = wellness;
            this.encounterClass = cls;
            this.codes = codes;
            this.reason = reason;
        }
    }

    static final class EncounterEnd extends State { EncounterEnd(String n) { super(n); } }

    static final class MedicationOrder extends State {
        final List<Code> codes;
        final String reason, assignTo;

        MedicationOrder(String n, List<Code> codes, String reason, String assignTo) {
            super(n);
            this.codes = codes;
            this.reason = reason;
            this.assignTo = assignTo;
        }
    }

    static final class MedicationEnd extends State {
        final String medicationOrder, referencedByAttribute;
        final List<Code> codes;

        MedicationEnd(String n, String order, String attr, List<Code> codes) {
            super(n);
            this.medicationOrder = order;
            this.referencedByAttribute = attr;
            this.codes = codes;
        }
    }

    static final class Observation extends State {
        final List<Code> codes;
        final String category, unit, vitalSign, attribute;
        final double low, high;

        Observation(String n, List<Code> codes, String category, String unit, double low, double high, String vitalSign, String attribute) {
            super(n);
            this.codes = codes;
            this.category = category;
            this.unit = unit;
            this.low = low;
            this.high = high;
            this.vitalSign = vitalSign;
            this.attribute = attribute;
        }
    }

    static final class VitalSign extends State {
        final String vital, unit;
        final double low, high;

        VitalSign(String n, String vital, String unit, double low, double high) {
            super(n);
            this.vital = vital;
            this.unit = unit;
            this.low = low;
            this.high = high;
        }
    }

    static final class Procedure extends State {
        final List<Code> codes;
        final String reason;
        final Duration duration;

        Procedure(String n, List<Code> codes, String reason, Duration duration) {
            super(n);
            this.codes = codes;
            this.reason = reason;
            this.duration = duration;
        }
    }

    static final class Death extends State {
        final List<Code> codes;
        final Duration delay;

        Death(String n, List<Code> codes, Duration delay) {
            super(n);
            this.codes = codes;
            this.delay = delay;
        }
    }
}
