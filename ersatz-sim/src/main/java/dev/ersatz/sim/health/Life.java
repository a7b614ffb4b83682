package dev.ersatz.sim.health;

import dev.ersatz.core.InputException;
import dev.ersatz.sim.engine.Rng;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One patient's life, from birth to death or the end of the simulation: the modules' state machines
 * run over it, and what happens at encounters is recorded.
 *
 * <p><b>Time.</b> Event-driven rather than Synthea's fixed weekly step: a module advances through its
 * states at a given time until one blocks (a Delay not yet over, a Guard not yet true, a wellness
 * Encounter waiting for the next check-up); the life then jumps to the earliest time something can
 * happen. Guards are re-tested weekly, as in Synthea, except a guard on age alone, which wakes exactly
 * at the birthday it waits for.
 *
 * <p><b>Encounters.</b> A built-in schedule of wellness check-ups (yearly to 17, every two years from 18
 * to 49, yearly from 50; Synthea's schedule is similar) records height, weight, BMI and blood pressure.
 * A module waiting at a wellness Encounter joins the next check-up; any other Encounter starts a visit
 * at once. Conditions, medications, observations and procedures are recorded at the module's current
 * encounter. A ConditionOnset with a {@code target_encounter} is active from its onset but recorded
 * (diagnosed) only when the module reaches that encounter, as in Synthea.
 *
 * <p><b>Vital signs</b> come from the patient's own latent scores (height, BMI, blood pressure) and age,
 * unless a module has set them with a VitalSign state: adult height M 175.4 ± 7.6 cm, F 161.7 ± 7.0 cm
 * (NHANES 2015-2018 means), median adult BMI rising from 25 at 20 to 28.5 at 45-65 and easing after
 * 70, log-sd 0.18 (about 40% of adults at 30 or more, as NHANES 2017-2018 reports 42%), systolic blood
 * pressure 112 + 0.15 per year over 18 (+4 for men) ± 8 mmHg in people without hypertension.
 */
final class Life {
    static final double YEAR = 365.25 * 86_400;
    private static final long WEEK = 7 * 86_400L;
    private static final int MAX_STEPS_AT_ONCE = 10_000;

    final long slot;
    final int attempt;
    final String id;
    final long birth, end;
    final String sex, region;
    long death = Long.MAX_VALUE;
    final Rng rng;
    final double zHeight, zBmi, zBp, zDbp;
    private final long seed;
    private long seq;

    final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, ConditionRecord> activeConditions = new HashMap<>();
    private final Map<String, MedicationRecord> activeMedications = new HashMap<>();
    private final Map<String, Double> lastObservation = new HashMap<>();
    private final Map<String, Double> setVitals = new HashMap<>();
    private final Map<String, Map<String, Long>> visited = new HashMap<>();

    final List<EncounterRecord> encounters = new ArrayList<>();
    final List<ConditionRecord> conditions = new ArrayList<>();
    final List<MedicationRecord> medications = new ArrayList<>();
    final List<ObservationRecord> observations = new ArrayList<>();
    final List<ProcedureRecord> procedures = new ArrayList<>();

    /** Something recorded. */
    interface Record {}

    static final class EncounterRecord implements Record {
        final String id;
        final long start;
        long stop;
        final String encounterClass;
        final Code code;
        Code reason;

        EncounterRecord(String id, long start, long stop, String cls, Code code, Code reason) {
            this.id = id;
            this.start = start;
            this.stop = stop;
            this.encounterClass = cls;
            this.code = code;
            this.reason = reason;
        }
    }

    static final class ConditionRecord implements Record {
        String id;
        final Code code;
        final long onset;
        long start = -1;     // recorded (diagnosed) at, -1 while undiagnosed
        long stop = -1;      // -1 = still active
        String encounter;

        ConditionRecord(Code code, long onset) {
            this.code = code;
            this.onset = onset;
        }
    }

    static final class MedicationRecord implements Record {
        final String id, encounter;
        final Code code, reason;
        final long start;
        long stop = -1;

        MedicationRecord(String id, long start, String encounter, Code code, Code reason) {
            this.id = id;
            this.start = start;
            this.encounter = encounter;
            this.code = code;
            this.reason = reason;
        }
    }

    record ObservationRecord(String id, long time, String encounter, String category, Code code, double value, String unit) implements Record {}

    record ProcedureRecord(String id, long start, long stop, String encounter, Code code, Code reason) implements Record {}

    Life(long seed, long slot, int attempt, long birth, long end, String sex, String region, Rng rng) {
        this.seed = seed;
        this.slot = slot;
        this.attempt = attempt;
        this.birth = birth;
        this.end = end;
        this.sex = sex;
        this.region = region;
        this.rng = rng;
        this.zHeight = rng.nextGaussian();
        this.zBmi = rng.nextGaussian();
        this.zBp = rng.nextGaussian();
        this.zDbp = rng.nextGaussian();
        this.id = newId();
    }

    /** A UUID that is a pure function of the seed, the patient's slot and attempt, and a counter. */
    String newId() {
        long k = Rng.key(seed, slot * 64 + attempt, seq++);
        long hi = Rng.mix64(k), lo = Rng.mix64(k ^ 0x5DEE_CE66_DL);
        hi = (hi & ~0xF000L) | 0x4000L;                         // version 4 layout
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;   // IETF variant
        return new java.util.UUID(hi, lo).toString();
    }

    double ageYears(long t) {
        return (t - birth) / YEAR;
    }

    boolean alive() {
        return death == Long.MAX_VALUE || death > end;
    }

    // ---- state the conditions read ----

    boolean hasActiveCondition(Code c) {
        return activeConditions.containsKey(c.key());
    }

    boolean hasActiveMedication(Code c) {
        return activeMedications.containsKey(c.key());
    }

    Double lastObservation(Code c) {
        return lastObservation.get(c.key());
    }

    Long visited(String module, String state) {
        if (module != null) {
            Map<String, Long> m = visited.get(module);
            return m == null ? null : m.get(state);
        }
        Long best = null;
        for (Map<String, Long> m : visited.values()) {
            Long v = m.get(state);
            if (v != null && (best == null || v > best)) best = v;
        }
        return best;
    }

    /** A vital sign at time t: the value a module set, or the patient's own from age and latent scores. */
    double vital(String name, long t) {
        String key = vitalKey(name);
        Double set = setVitals.get(key);
        if (set != null) return set;
        double age = ageYears(t);
        boolean male = sex.equals("M");
        switch (key) {
            case "height": {
                double adult = male ? 175.4 + 7.6 * zHeight : 161.7 + 7.0 * zHeight;
                if (age < 2) return 50 + (adult / 175.4 * 87.5 - 50) * age / 2;
                if (age < 18) return adult / 175.4 * 87.5 + (adult - adult / 175.4 * 87.5) * Math.pow((age - 2) / 16, 0.9);
                return adult;
            }
            case "bmi": {
                double median;
                if (age < 2) median = 16.5;
                else if (age < 18) median = 16.0 + 5.0 * (age - 2) / 16;
                else if (age < 45) median = 25.0 + 3.5 * (age - 18) / 27;
                else if (age < 65) median = 28.5;
                else median = Math.max(26.0, 28.5 - 0.1 * (age - 65));
                return median * Math.exp((age < 18 ? 0.12 : 0.18) * zBmi);
            }
            case "weight": {
                double h = vital("height", t) / 100;
                return vital("bmi", t) * h * h;
            }
            case "systolic": {
                if (age < 18) return 90 + 1.2 * age + 6 * zBp;
                return 112 + 0.15 * (age - 18) + (male ? 4 : 0) + 8 * zBp;
            }
            case "diastolic": {
                if (age < 18) return 55 + 1.0 * age + 5 * zDbp;
                return 72 + 0.05 * (age - 18) + 6 * zDbp + 0.3 * (vital("systolic", t) - 115);
            }
            default:
                return Double.NaN;
        }
    }

    /** Synthea's vital-sign names (and short forms) to keys. */
    static String vitalKey(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace("_", " ").trim();
        return switch (n) {
            case "height", "body height" -> "height";
            case "weight", "body weight" -> "weight";
            case "bmi", "body mass index" -> "bmi";
            case "systolic blood pressure", "systolic" -> "systolic";
            case "diastolic blood pressure", "diastolic" -> "diastolic";
            default -> n;
        };
    }

    // ---- running the modules ----

    /** One module's progress through its states. */
    private final class Run {
        final Module module;
        Module.State current;
        long wake;
        boolean done;
        long delayUntil = -1;
        EncounterRecord encounter;
        final Map<String, List<ConditionRecord>> pending = new HashMap<>();
        final Map<String, ConditionRecord> onsets = new HashMap<>();
        final Map<String, MedicationRecord> orders = new HashMap<>();
        final Map<String, Long> seen;

        Run(Module m) {
            this.module = m;
            this.current = m.initial;
            this.wake = birth;
            this.seen = visited.computeIfAbsent(m.name, k -> new HashMap<>());
        }
    }

    static final Code WELLNESS = new Code(Code.SNOMED, "410620009", "Well child visit (procedure)");
    static final Code CHECK_UP = new Code(Code.SNOMED, "162673000", "General examination of patient (procedure)");
    static final Code HEIGHT = new Code(Code.LOINC, "8302-2", "Body Height");
    static final Code WEIGHT = new Code(Code.LOINC, "29463-7", "Body Weight");
    static final Code BMI = new Code(Code.LOINC, "39156-5", "Body Mass Index");
    static final Code SYSTOLIC = new Code(Code.LOINC, "8480-6", "Systolic Blood Pressure");
    static final Code DIASTOLIC = new Code(Code.LOINC, "8462-4", "Diastolic Blood Pressure");

    /** The check-up schedule: at birth, then yearly to 17, every two years from 18 to 49, yearly from 50. */
    List<Long> wellnessTimes() {
        List<Long> out = new ArrayList<>();
        out.add(birth + 2 * 86_400L);
        for (int age = 1; age < 120; age++) {
            if (age >= 18 && age < 50 && age % 2 == 1) continue;
            long t = birth + (long) (age * YEAR) + (long) rng.uniform(-20, 20) * 86_400L;
            if (t >= end) break;
            out.add(t);
        }
        return out;
    }

    private EncounterRecord wellness(long t) {
        double age = ageYears(t);
        EncounterRecord e = new EncounterRecord(newId(), t, t + 1800, "wellness", age < 18 ? WELLNESS : CHECK_UP, null);
        encounters.add(e);
        observe(e, t, "vital-signs", HEIGHT, round1(vital("height", t)), "cm");
        observe(e, t, "vital-signs", WEIGHT, round1(vital("weight", t)), "kg");
        if (age >= 2) observe(e, t, "vital-signs", BMI, round1(vital("bmi", t)), "kg/m2");
        if (age >= 3) {
            observe(e, t, "vital-signs", SYSTOLIC, Math.round(vital("systolic", t)), "mm[Hg]");
            observe(e, t, "vital-signs", DIASTOLIC, Math.round(vital("diastolic", t)), "mm[Hg]");
        }
        return e;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private void observe(EncounterRecord e, long t, String category, Code code, double value, String unit) {
        observations.add(new ObservationRecord(newId(), t, e == null ? null : e.id, category, code, value, unit));
        lastObservation.put(code.key(), value);
    }

    /** Runs every module over this life. */
    void simulate(List<Module> modules) {
        List<Run> runs = new ArrayList<>(modules.size());
        for (Module m : modules) runs.add(new Run(m));
        List<Long> checkups = wellnessTimes();
        int next = 0;
        long t = birth;
        EncounterRecord checkup = null;
        while (true) {
            if (next < checkups.size() && checkups.get(next) == t) {
                checkup = wellness(t);
                next++;
            } else {
                checkup = null;
            }
            long nextCheckup = next < checkups.size() ? checkups.get(next) : Long.MAX_VALUE;
            for (Run r : runs) {
                if (!r.done && r.wake <= t) advance(r, t, checkup, nextCheckup);
                if (death <= t) break;
            }
            if (death <= t) break;
            long soonest = nextCheckup;
            for (Run r : runs) if (!r.done) soonest = Math.min(soonest, r.wake);
            if (soonest >= end || soonest >= death || soonest == Long.MAX_VALUE) break;
            t = Math.max(t + 1, soonest);
        }
    }

    private void advance(Run r, long t, EncounterRecord checkup, long nextCheckup) {
        for (int steps = 0; steps < MAX_STEPS_AT_ONCE; steps++) {
            Module.State s = r.current;
            r.seen.put(s.name, t);
            if (s instanceof Module.Terminal) {
                r.done = true;
                return;
            }
            if (s instanceof Module.Delay d) {
                if (r.delayUntil < 0) r.delayUntil = t + d.duration.draw(rng);
                if (t < r.delayUntil) {
                    r.wake = r.delayUntil;
                    return;
                }
                r.delayUntil = -1;
            } else if (s instanceof Module.Guard g) {
                if (!g.allow.test(this, t)) {
                    long at = g.allow.ageThreshold(this, t);
                    r.wake = at > t ? at : t + WEEK;
                    return;
                }
            } else if (s instanceof Module.Encounter e) {
                if (e.wellness) {
                    if (checkup == null) {
                        r.wake = nextCheckup;
                        if (nextCheckup == Long.MAX_VALUE) r.done = true;
                        return;
                    }
                    r.encounter = checkup;
                } else {
                    r.encounter = new EncounterRecord(newId(), t, t + 1800, e.encounterClass, e.codes.get(0), reason(r, e.reason));
                    encounters.add(r.encounter);
                }
                List<ConditionRecord> diagnosed = r.pending.remove(e.name);
                if (diagnosed != null) {
                    for (ConditionRecord c : diagnosed) record(c, t, r.encounter);
                    if (r.encounter.reason == null && !diagnosed.isEmpty()) r.encounter.reason = diagnosed.get(0).code;
                }
            } else if (s instanceof Module.EncounterEnd) {
                r.encounter = null;
            } else if (s instanceof Module.SetAttribute a) {
                if (a.value == null) attributes.remove(a.attribute); else attributes.put(a.attribute, a.value);
            } else if (s instanceof Module.ConditionOnset c) {
                ConditionRecord rec = new ConditionRecord(c.codes.get(0), t);
                activeConditions.put(rec.code.key(), rec);
                r.onsets.put(c.name, rec);
                if (c.assignTo != null) attributes.put(c.assignTo, rec);
                if (c.targetEncounter != null) r.pending.computeIfAbsent(c.targetEncounter, k -> new ArrayList<>()).add(rec);
                else record(rec, t, r.encounter);
            } else if (s instanceof Module.ConditionEnd c) {
                ConditionRecord rec = c.conditionOnset != null ? r.onsets.get(c.conditionOnset)
                        : c.referencedByAttribute != null && attributes.get(c.referencedByAttribute) instanceof ConditionRecord x ? x : null;
                if (rec == null) for (Code code : c.codes) if (rec == null) rec = activeConditions.get(code.key());
                if (rec != null && rec.stop < 0) {
                    rec.stop = t;
                    activeConditions.remove(rec.code.key(), rec);
                    for (List<ConditionRecord> p : r.pending.values()) p.remove(rec);
                }
            } else if (s instanceof Module.MedicationOrder m) {
                MedicationRecord rec = new MedicationRecord(newId(), t, r.encounter == null ? null : r.encounter.id, m.codes.get(0), reason(r, m.reason));
                medications.add(rec);
                activeMedications.put(rec.code.key(), rec);
                r.orders.put(m.name, rec);
                if (m.assignTo != null) attributes.put(m.assignTo, rec);
            } else if (s instanceof Module.MedicationEnd m) {
                MedicationRecord rec = m.medicationOrder != null ? r.orders.get(m.medicationOrder)
                        : m.referencedByAttribute != null && attributes.get(m.referencedByAttribute) instanceof MedicationRecord x ? x : null;
                if (rec == null) for (Code code : m.codes) if (rec == null) rec = activeMedications.get(code.key());
                if (rec != null && rec.stop < 0) {
                    rec.stop = t;
                    activeMedications.remove(rec.code.key(), rec);
                }
            } else if (s instanceof Module.Observation o) {
                double v;
                if (o.vitalSign != null) v = vital(o.vitalSign, t);
                else if (o.attribute != null && attributes.get(o.attribute) instanceof Number n) v = n.doubleValue();
                else v = o.low == o.high ? o.low : rng.uniform(o.low, o.high);
                observe(r.encounter, t, o.category, o.codes.get(0), Math.round(v * 10) / 10.0, o.unit);
            } else if (s instanceof Module.VitalSign v) {
                setVitals.put(vitalKey(v.vital), v.low == v.high ? v.low : rng.uniform(v.low, v.high));
            } else if (s instanceof Module.Procedure p) {
                long dur = p.duration == null ? 1800 : p.duration.draw(rng);
                procedures.add(new ProcedureRecord(newId(), t, t + dur, r.encounter == null ? null : r.encounter.id, p.codes.get(0), reason(r, p.reason)));
            } else if (s instanceof Module.Death d) {
                long when = t + (d.delay == null ? 0 : d.delay.draw(rng));
                death = Math.min(death, when);
                if (!d.codes.isEmpty()) attributes.put("cause_of_death", d.codes.get(0).display());
                if (d.transition == null) {
                    r.done = true;
                    return;
                }
            }
            Module.State to = next(s, t);
            if (to == null) {
                r.done = true;
                return;
            }
            r.current = to;
        }
        throw new InputException(r.module.source, "state '" + r.current.name + "': the module went through " + MAX_STEPS_AT_ONCE
                + " states at one moment: it loops without a Delay or a Guard");
    }

    private void record(ConditionRecord c, long t, EncounterRecord e) {
        if (c.start >= 0 || c.stop >= 0) return;
        c.start = t;
        c.id = newId();
        c.encounter = e == null ? null : e.id;
        conditions.add(c);
    }

    private Code reason(Run r, String reason) {
        if (reason == null) return null;
        ConditionRecord c = r.onsets.get(reason);
        if (c == null && attributes.get(reason) instanceof ConditionRecord x) c = x;
        return c == null ? null : c.code;
    }

    private Module.State next(Module.State s, long t) {
        Module.Transition tr = s.transition;
        if (tr == null) return null;
        if (tr instanceof Module.Transition.Direct d) return d.to();
        if (tr instanceof Module.Transition.Distributed d) return d.to()[rng.pick(d.weights())];
        if (tr instanceof Module.Transition.Conditional c) {
            for (int i = 0; i < c.to().length; i++) if (c.conditions()[i] == null || c.conditions()[i].test(this, t)) return c.to()[i];
            return null;
        }
        Module.Transition.Complex c = (Module.Transition.Complex) tr;
        for (int i = 0; i < c.to().length; i++) {
            if (c.conditions()[i] == null || c.conditions()[i].test(this, t)) return c.to()[i][rng.pick(c.weights()[i])];
        }
        return null;
    }
}
