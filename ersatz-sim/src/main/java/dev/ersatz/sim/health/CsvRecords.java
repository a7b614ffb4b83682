package dev.ersatz.sim.health;

import dev.ersatz.sim.engine.Field;
import dev.ersatz.sim.engine.RowSink;

import java.util.List;

/**
 * Writes lives as Synthea-style CSV tables: patients, encounters, conditions, medications,
 * observations and procedures, one row per record, patients in slot order.
 */
final class CsvRecords implements AutoCloseable {
    static final List<String> TABLES = List.of("patients", "encounters", "conditions", "medications", "observations", "procedures");
    private static final Field.Type S = Field.Type.STRING, T = Field.Type.TIMESTAMP, D = Field.Type.DATE;

    static final List<Field> PATIENTS = fields("Id", S, "BIRTHDATE", D, "DEATHDATE", D, "GENDER", S, "REGION", S);
    static final List<Field> ENCOUNTERS = fields("Id", S, "START", T, "STOP", T, "PATIENT", S, "ENCOUNTERCLASS", S, "CODE", S,
            "DESCRIPTION", S, "REASONCODE", S, "REASONDESCRIPTION", S);
    static final List<Field> CONDITIONS = fields("START", D, "STOP", D, "PATIENT", S, "ENCOUNTER", S, "SYSTEM", S, "CODE", S, "DESCRIPTION", S);
    static final List<Field> MEDICATIONS = fields("START", T, "STOP", T, "PATIENT", S, "ENCOUNTER", S, "CODE", S, "DESCRIPTION", S,
            "REASONCODE", S, "REASONDESCRIPTION", S);
    static final List<Field> OBSERVATIONS = fields("DATE", T, "PATIENT", S, "ENCOUNTER", S, "CATEGORY", S, "CODE", S, "DESCRIPTION", S,
            "VALUE", Field.Type.DOUBLE, "UNITS", S, "TYPE", S);
    static final List<Field> PROCEDURES = fields("START", T, "STOP", T, "PATIENT", S, "ENCOUNTER", S, "SYSTEM", S, "CODE", S,
            "DESCRIPTION", S, "REASONCODE", S, "REASONDESCRIPTION", S);

    private static List<Field> fields(Object... nt) {
        Field[] f = new Field[nt.length / 2];
        for (int i = 0; i < f.length; i++) f[i] = Field.of((String) nt[2 * i], (Field.Type) nt[2 * i + 1]);
        return List.of(f);
    }

    private final RowSink patients, encounters, conditions, medications, observations, procedures;
    final long[] rows = new long[6];

    CsvRecords(OutputDirectory dir) {
        patients = RowSink.open(dir.resolve("patients.csv"), PATIENTS);
        encounters = RowSink.open(dir.resolve("encounters.csv"), ENCOUNTERS);
        conditions = RowSink.open(dir.resolve("conditions.csv"), CONDITIONS);
        medications = RowSink.open(dir.resolve("medications.csv"), MEDICATIONS);
        observations = RowSink.open(dir.resolve("observations.csv"), OBSERVATIONS);
        procedures = RowSink.open(dir.resolve("procedures.csv"), PROCEDURES);
    }

    void write(Life p) {
        patients.putString(p.id);
        patients.putDate(Math.floorDiv(p.birth, 86_400));
        if (p.alive()) patients.putNull(); else patients.putDate(Math.floorDiv(p.death, 86_400));
        patients.putString(p.sex);
        patients.putString(p.region);
        patients.endRow();
        rows[0]++;
        for (Life.EncounterRecord e : p.encounters) {
            encounters.putString(e.id);
            encounters.putTimestamp(e.start);
            encounters.putTimestamp(e.stop);
            encounters.putString(p.id);
            encounters.putString(e.encounterClass);
            encounters.putString(e.code.code());
            encounters.putString(e.code.display());
            encounters.putString(e.reason == null ? null : e.reason.code());
            encounters.putString(e.reason == null ? null : e.reason.display());
            encounters.endRow();
            rows[1]++;
        }
        for (Life.ConditionRecord c : p.conditions) {
            conditions.putDate(Math.floorDiv(c.start, 86_400));
            if (c.stop < 0 || c.stop > p.end) conditions.putNull(); else conditions.putDate(Math.floorDiv(c.stop, 86_400));
            conditions.putString(p.id);
            conditions.putString(c.encounter);
            conditions.putString(c.code.systemName());
            conditions.putString(c.code.code());
            conditions.putString(c.code.display());
            conditions.endRow();
            rows[2]++;
        }
        for (Life.MedicationRecord m : p.medications) {
            medications.putTimestamp(m.start);
            if (m.stop < 0 || m.stop > p.end) medications.putNull(); else medications.putTimestamp(m.stop);
            medications.putString(p.id);
            medications.putString(m.encounter);
            medications.putString(m.code.code());
            medications.putString(m.code.display());
            medications.putString(m.reason == null ? null : m.reason.code());
            medications.putString(m.reason == null ? null : m.reason.display());
            medications.endRow();
            rows[3]++;
        }
        for (Life.ObservationRecord o : p.observations) {
            observations.putTimestamp(o.time());
            observations.putString(p.id);
            observations.putString(o.encounter());
            observations.putString(o.category());
            observations.putString(o.code().code());
            observations.putString(o.code().display());
            observations.putDouble(o.value());
            observations.putString(o.unit());
            observations.putString("numeric");
            observations.endRow();
            rows[4]++;
        }
        for (Life.ProcedureRecord r : p.procedures) {
            procedures.putTimestamp(r.start());
            procedures.putTimestamp(r.stop());
            procedures.putString(p.id);
            procedures.putString(r.encounter());
            procedures.putString(r.code().systemName());
            procedures.putString(r.code().code());
            procedures.putString(r.code().display());
            procedures.putString(r.reason() == null ? null : r.reason().code());
            procedures.putString(r.reason() == null ? null : r.reason().display());
            procedures.endRow();
            rows[5]++;
        }
    }

    void commit() {
        for (RowSink s : List.of(patients, encounters, conditions, medications, observations, procedures)) s.commit();
    }

    @Override
    public void close() {
        for (RowSink s : List.of(patients, encounters, conditions, medications, observations, procedures)) s.close();
    }
}
