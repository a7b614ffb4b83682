package dev.ersatz.sim.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.sim.engine.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine's semantics on small modules. */
class LifeTest {
    static final long END = PatientSimulator.DEFAULT_END.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();

    static Module module(String json) throws Exception {
        return ModuleLoader.parse(new ObjectMapper().readTree(json), "test.json");
    }

    static Life life(long seed, double ageYears, String sex, Module... modules) {
        Life p = new Life(seed, 0, 0, END - (long) (ageYears * Life.YEAR), END, sex, "X", new Rng(seed));
        p.simulate(List.of(modules));
        return p;
    }

    static final String ONSET_AT_40 = """
            {"name": "Late", "states": {
              "Initial": {"type": "Initial", "direct_transition": "Forty"},
              "Forty": {"type": "Guard", "allow": {"condition_type": "Age", "operator": ">=", "quantity": 40, "unit": "years"}, "direct_transition": "Onset"},
              "Onset": {"type": "ConditionOnset", "codes": [{"system": "SNOMED-CT", "code": "1", "display": "X"}], "target_encounter": "Checkup",
                        "direct_transition": "Checkup"},
              "Checkup": {"type": "Encounter", "wellness": true, "direct_transition": "Drug"},
              "Drug": {"type": "MedicationOrder", "codes": [{"system": "RxNorm", "code": "9", "display": "D"}], "reason": "Onset",
                       "assign_to_attribute": "drug", "direct_transition": "Wait"},
              "Wait": {"type": "Delay", "exact": {"quantity": 2, "unit": "years"}, "direct_transition": "Stop"},
              "Stop": {"type": "MedicationEnd", "referenced_by_attribute": "drug", "direct_transition": "Cure"},
              "Cure": {"type": "ConditionEnd", "condition_onset": "Onset", "direct_transition": "Done"},
              "Done": {"type": "Terminal"}}}""";

    @Test
    void guardOnAge_onsetDiagnosedAtNextCheckup_medicationEndsAfterDelay() throws Exception {
        Life p = life(1, 60, "F", module(ONSET_AT_40));
        assertThat(p.conditions).hasSize(1);
        Life.ConditionRecord c = p.conditions.get(0);
        // onset at the 40th birthday; diagnosed at the next check-up (yearly from 50, every two years before): within two years
        assertThat(p.ageYears(c.onset)).isCloseTo(40, org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.start - c.onset).isBetween(0L, (long) (2.2 * Life.YEAR));
        assertThat(p.encounters.stream().anyMatch(e -> e.id.equals(c.encounter) && e.encounterClass.equals("wellness"))).isTrue();
        assertThat(p.medications).hasSize(1);
        Life.MedicationRecord m = p.medications.get(0);
        assertThat(m.start).isEqualTo(c.start);
        assertThat(m.reason).isEqualTo(c.code);
        assertThat(m.stop - m.start).isEqualTo((long) (2 * Life.YEAR));
        assertThat(c.stop).isEqualTo(m.stop);
    }

    @Test
    void tooYoung_nothingHappens() throws Exception {
        Life p = life(1, 39, "F", module(ONSET_AT_40));
        assertThat(p.conditions).isEmpty();
        assertThat(p.medications).isEmpty();
    }

    @Test
    void distributedTransition_frequenciesMatchWeights_conditionalOnGender() throws Exception {
        Module m = module("""
                {"name": "Coin", "states": {
                  "Initial": {"type": "Initial", "conditional_transition": [
                     {"condition": {"condition_type": "Gender", "gender": "M"}, "transition": "Coin"}, {"transition": "Done"}]},
                  "Coin": {"type": "Simple", "distributed_transition": [{"distribution": 0.3, "transition": "Heads"}, {"distribution": 0.7, "transition": "Done"}]},
                  "Heads": {"type": "SetAttribute", "attribute": "heads", "value": true, "direct_transition": "Done"},
                  "Done": {"type": "Terminal"}}}""");
        int heads = 0, n = 4000;
        for (int i = 0; i < n; i++) if (life(i, 30, "M", m).attributes.containsKey("heads")) heads++;
        // binomial sd at n = 4,000: sqrt(0.3 * 0.7 / 4000) = 0.0072; 4 sd
        assertThat(heads / (double) n).isCloseTo(0.3, org.assertj.core.data.Offset.offset(4 * Math.sqrt(0.21 / n)));
        for (int i = 0; i < 100; i++) assertThat(life(i, 30, "F", m).attributes).doesNotContainKey("heads");
    }

    @Test
    void vitalsRecordedAtCheckups_andModulesCanSetThem() throws Exception {
        Module m = module("""
                {"name": "BP", "states": {
                  "Initial": {"type": "Initial", "direct_transition": "Adult"},
                  "Adult": {"type": "Guard", "allow": {"condition_type": "Age", "operator": ">=", "quantity": 50, "unit": "years"}, "direct_transition": "High"},
                  "High": {"type": "VitalSign", "vital_sign": "Systolic Blood Pressure", "unit": "mm[Hg]", "exact": {"quantity": 170}, "direct_transition": "Done"},
                  "Done": {"type": "Terminal"}}}""");
        Life p = life(3, 55, "M", m);
        List<Life.ObservationRecord> sbp = p.observations.stream().filter(o -> o.code().equals(Life.SYSTOLIC)).toList();
        assertThat(sbp).isNotEmpty();
        for (Life.ObservationRecord o : sbp) {
            if (p.ageYears(o.time()) >= 50) assertThat(o.value()).isEqualTo(170);
            else assertThat(o.value()).isLessThan(160);
        }
        assertThat(p.observations.stream().filter(o -> o.code().equals(Life.BMI))).isNotEmpty();
    }

    @Test
    void deathState_endsTheLife() throws Exception {
        Module m = module("""
                {"name": "Doom", "states": {
                  "Initial": {"type": "Initial", "direct_transition": "Wait"},
                  "Wait": {"type": "Delay", "exact": {"quantity": 10, "unit": "years"}, "direct_transition": "Die"},
                  "Die": {"type": "Death"}}}""");
        Life p = life(4, 30, "F", m);
        assertThat(p.alive()).isFalse();
        assertThat(p.ageYears(p.death)).isCloseTo(10, org.assertj.core.data.Offset.offset(0.001));
        assertThat(p.encounters).allMatch(e -> e.start <= p.death);
    }
}
