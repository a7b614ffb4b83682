package dev.ersatz.sim.health;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Builds each life as a FHIR R4 transaction Bundle with HAPI FHIR's model classes and encodes it with
 * HAPI's JSON parser: Patient, Encounter, Condition, MedicationRequest, Observation and Procedure
 * resources, each with its deterministic UUID as id and {@code urn:uuid:} full URL, as Synthea writes
 * them. Systolic and diastolic pressures taken together become one blood-pressure panel (LOINC 85354-9)
 * with two components, as in Synthea.
 *
 * <p>HAPI's {@link FhirContext} is costly to create (it scans the model) and thread-safe: one is shared.
 * Parsers are not thread-safe: one per thread.
 */
final class FhirRecords {
    private static volatile FhirContext context;
    // No narratives are written, so none need suppressing; HAPI's setSuppressNarratives would also tag
    // every resource SUBSETTED ("encoded in summary mode"), telling readers the record is incomplete.
    private static final ThreadLocal<IParser> PARSER = ThreadLocal.withInitial(() -> context().newJsonParser());
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    static final Code BP_PANEL = new Code(Code.LOINC, "85354-9", "Blood pressure panel with all children optional");

    private FhirRecords() {}

    static FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (FhirRecords.class) {
                if (context == null) {
                    FhirContext c0 = FhirContext.forR4();
                    // Every reference here is to a resource of the same bundle, by urn:uuid: nothing to contain
                    // and no versions to strip, so the encoder's scan for them (a third of its time) is skipped.
                    c0.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
                    c0.getParserOptions().setStripVersionsFromReferences(false);
                    context = c0;
                }
                c = context;
            }
        }
        return c;
    }

    /** The life's bundle as JSON. */
    static String json(Life p) {
        return PARSER.get().encodeResourceToString(bundle(p));
    }

    static Bundle bundle(Life p) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.TRANSACTION);
        String patientRef = "urn:uuid:" + p.id;
        Patient pt = new Patient();
        pt.setGender(p.sex.equals("M") ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
        pt.setBirthDateElement(new DateType(java.time.LocalDate.ofEpochDay(Math.floorDiv(p.birth, 86_400)).toString()));
        if (!p.alive()) pt.setDeceased(time(p.death));
        pt.addAddress(new Address().setDistrict(p.region).setCountry("US"));
        add(b, p.id, pt);
        Map<String, String> encounterRefs = new HashMap<>();
        for (Life.EncounterRecord e : p.encounters) {
            Encounter en = new Encounter();
            en.setStatus(Encounter.EncounterStatus.FINISHED);
            en.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", actCode(e.encounterClass), e.encounterClass));
            en.addType(concept(e.code));
            en.setSubject(new Reference(patientRef));
            en.setPeriod(new Period().setStartElement(time(e.start)).setEndElement(time(e.stop)));
            if (e.reason != null) en.addReasonCode(concept(e.reason));
            add(b, e.id, en);
            encounterRefs.put(e.id, "urn:uuid:" + e.id);
        }
        for (Life.ConditionRecord c : p.conditions) {
            Condition co = new Condition();
            boolean active = c.stop < 0 || c.stop > p.end;
            co.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                    active ? "active" : "resolved", null)));
            co.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "confirmed", null)));
            co.setCode(concept(c.code));
            co.setSubject(new Reference(patientRef));
            if (c.encounter != null) co.setEncounter(new Reference(encounterRefs.get(c.encounter)));
            co.setOnset(time(c.start));
            co.setRecordedDateElement(time(c.start));
            if (!active) co.setAbatement(time(c.stop));
            add(b, c.id, co);
        }
        for (Life.MedicationRecord m : p.medications) {
            MedicationRequest mr = new MedicationRequest();
            boolean active = m.stop < 0 || m.stop > p.end;
            mr.setStatus(active ? MedicationRequest.MedicationRequestStatus.ACTIVE : MedicationRequest.MedicationRequestStatus.STOPPED);
            mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            mr.setMedication(concept(m.code));
            mr.setSubject(new Reference(patientRef));
            if (m.encounter != null) mr.setEncounter(new Reference(encounterRefs.get(m.encounter)));
            mr.setAuthoredOnElement(time(m.start));
            if (m.reason != null) mr.addReasonCode(concept(m.reason));
            add(b, m.id, mr);
        }
        List<Life.ObservationRecord> obs = p.observations;
        for (int i = 0; i < obs.size(); i++) {
            Life.ObservationRecord o = obs.get(i);
            Observation ob = new Observation();
            ob.setStatus(Observation.ObservationStatus.FINAL);
            ob.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", o.category(), null)));
            ob.setSubject(new Reference(patientRef));
            if (o.encounter() != null) ob.setEncounter(new Reference(encounterRefs.get(o.encounter())));
            ob.setEffective(time(o.time()));
            Life.ObservationRecord next = i + 1 < obs.size() ? obs.get(i + 1) : null;
            if (o.code().equals(Life.SYSTOLIC) && next != null && next.code().equals(Life.DIASTOLIC) && next.time() == o.time()) {
                ob.setCode(concept(BP_PANEL));
                ob.addComponent().setCode(concept(o.code())).setValue(quantity(o.value(), o.unit()));
                ob.addComponent().setCode(concept(next.code())).setValue(quantity(next.value(), next.unit()));
                i++;
            } else {
                ob.setCode(concept(o.code()));
                ob.setValue(quantity(o.value(), o.unit()));
            }
            add(b, o.id(), ob);
        }
        for (Life.ProcedureRecord r : p.procedures) {
            Procedure pr = new Procedure();
            pr.setStatus(Procedure.ProcedureStatus.COMPLETED);
            pr.setCode(concept(r.code()));
            pr.setSubject(new Reference(patientRef));
            if (r.encounter() != null) pr.setEncounter(new Reference(encounterRefs.get(r.encounter())));
            pr.setPerformed(new Period().setStartElement(time(r.start())).setEndElement(time(r.stop())));
            if (r.reason() != null) pr.addReasonCode(concept(r.reason()));
            add(b, r.id(), pr);
        }
        return b;
    }

    private static void add(Bundle b, String id, Resource r) {
        r.setId(id);
        b.addEntry().setFullUrl("urn:uuid:" + id).setResource(r).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(r.getResourceType().name());
    }

    private static CodeableConcept concept(Code c) {
        return new CodeableConcept(new Coding(c.system(), c.code(), c.display())).setText(c.display());
    }

    private static Quantity quantity(double v, String unit) {
        return new Quantity().setValue(v).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit);
    }

    private static DateTimeType time(long epochSecond) {
        return new DateTimeType(new Date(epochSecond * 1000), TemporalPrecisionEnum.SECOND, UTC);
    }

    static String actCode(String cls) {
        return switch (cls) {
            case "emergency" -> "EMER";
            case "inpatient" -> "IMP";
            case "home" -> "HH";
            case "virtual", "telehealth" -> "VR";
            default -> "AMB";
        };
    }
}
