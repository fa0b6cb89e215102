package org.referralbridge.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;

/** Test Encounters built in code: {@code Encounters.encounter("e1").of("Patient/p1").finished().build()}. */
final class Encounters {

    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final Encounter encounter = new Encounter();

    private Encounters(String id) {
        encounter.setId(id);
        encounter.setClass_(new Coding(ACT_CODE, "AMB", "ambulatory"));
    }

    static Encounters encounter(String id) {
        return new Encounters(id);
    }

    Encounters of(String subjectReference) {
        encounter.getSubject().setReference(subjectReference);
        return this;
    }

    Encounters finished() {
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        return this;
    }

    Encounters status(Encounter.EncounterStatus status) {
        encounter.setStatus(status);
        return this;
    }

    Encounters classCode(String code) {
        encounter.setClass_(new Coding(ACT_CODE, code, null));
        return this;
    }

    Encounters serviceType(String system, String code) {
        encounter.setServiceType(new CodeableConcept(new Coding(system, code, null)));
        return this;
    }

    Encounters type(String system, String code) {
        encounter.addType(new CodeableConcept(new Coding(system, code, null)));
        return this;
    }

    Encounters period(String start, String end) {
        encounter.getPeriod().setStartElement(new DateTimeType(start));
        if (end != null) {
            encounter.getPeriod().setEndElement(new DateTimeType(end));
        }
        return this;
    }

    Encounter build() {
        return encounter;
    }
}
