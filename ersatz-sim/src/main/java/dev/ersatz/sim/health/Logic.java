package dev.ersatz.sim.health;

import java.util.List;

/**
 * A condition a module can test: on age, sex, attributes, active conditions and medications, the last
 * observation of a code, a vital sign, a state visited before, the date, and their combinations (the
 * condition types of Synthea's Generic Module Framework).
 */
sealed interface Logic {
    boolean test(Life p, long t);

    /** The earliest time from {@code t} at which this could become true by age alone, or -1 when it depends on more. */
    default long ageThreshold(Life p, long t) {
        return -1;
    }

    record Always(boolean value) implements Logic {
        public boolean test(Life p, long t) { return value; }
    }

    record Age(String operator, double years) implements Logic {
        public boolean test(Life p, long t) {
            return Compare.numbers(p.ageYears(t), operator, years);
        }

        @Override
        public long ageThreshold(Life p, long t) {
            if (!operator.equals(">=") && !operator.equals(">")) return -1;
            long at = p.birth + (long) Math.ceil(years * Life.YEAR) + (operator.equals(">") ? 1 : 0);
            return Math.max(t, at);
        }
    }

    record Gender(String sex) implements Logic {
        public boolean test(Life p, long t) { return p.sex.equals(sex); }
    }

    record Attribute(String attribute, String operator, Object value) implements Logic {
        public boolean test(Life p, long t) {
            Object v = p.attributes.get(attribute);
            return Compare.objects(v, operator, value);
        }
    }

    record Observation(Code code, String referencedByAttribute, String operator, Object value) implements Logic {
        public boolean test(Life p, long t) {
            Double last = code != null ? p.lastObservation(code) : null;
            return Compare.objects(last, operator, value);
        }
    }

    record VitalSign(String vital, String operator, double value) implements Logic {
        public boolean test(Life p, long t) {
            return Compare.numbers(p.vital(vital, t), operator, value);
        }
    }

    record ActiveCondition(List<Code> codes, String conditionOnset, String referencedByAttribute) implements Logic {
        public boolean test(Life p, long t) {
            for (Code c : codes) if (p.hasActiveCondition(c)) return true;
            if (referencedByAttribute != null && p.attributes.get(referencedByAttribute) instanceof Life.ConditionRecord r) return r.stop < 0;
            return false;
        }
    }

    record ActiveMedication(List<Code> codes, String referencedByAttribute) implements Logic {
        public boolean test(Life p, long t) {
            for (Code c : codes) if (p.hasActiveMedication(c)) return true;
            if (referencedByAttribute != null && p.attributes.get(referencedByAttribute) instanceof Life.MedicationRecord r) return r.stop < 0;
            return false;
        }
    }

    record PriorState(String module, String state, double withinYears) implements Logic {
        public boolean test(Life p, long t) {
            Long when = p.visited(module, state);
            if (when == null) return false;
            return withinYears <= 0 || t - when <= withinYears * Life.YEAR;
        }
    }

    record Date(String operator, int year) implements Logic {
        public boolean test(Life p, long t) {
            return Compare.numbers(java.time.Instant.ofEpochSecond(t).atOffset(java.time.ZoneOffset.UTC).getYear(), operator, year);
        }
    }

    record And(List<Logic> all) implements Logic {
        public boolean test(Life p, long t) {
            for (Logic l : all) if (!l.test(p, t)) return false;
            return true;
        }
    }

    record Or(List<Logic> any) implements Logic {
        public boolean test(Life p, long t) {
            for (Logic l : any) if (l.test(p, t)) return true;
            return false;
        }
    }

    record Not(Logic inner) implements Logic {
        public boolean test(Life p, long t) { return !inner.test(p, t); }
    }

    /** Comparisons with Synthea's operators: {@code <, <=, ==, >=, >, !=, is nil, is not nil}. */
    final class Compare {
        private Compare() {}

        static boolean numbers(double a, String op, double b) {
            return switch (op) {
                case "<" -> a < b;
                case "<=" -> a <= b;
                case "==" -> a == b;
                case ">=" -> a >= b;
                case ">" -> a > b;
                case "!=" -> a != b;
                default -> throw new IllegalStateException("operator " + op);
            };
        }

        static boolean objects(Object a, String op, Object b) {
            if (op.equals("is nil")) return a == null;
            if (op.equals("is not nil")) return a != null;
            if (a == null) return op.equals("!=") && b != null;
            if (a instanceof Number x && b instanceof Number y) return numbers(x.doubleValue(), op, y.doubleValue());
            if (a instanceof Life.Record r) a = "record";
            boolean eq = String.valueOf(a).equals(String.valueOf(b));
            return switch (op) {
                case "==" -> eq;
                case "!=" -> !eq;
                default -> false;
            };
        }
    }
}
