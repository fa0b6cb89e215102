package org.referralbridge.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/** Test Coverages built in code: {@code Coverages.coverage("c1").of("Patient/p1").type(SOPT, "2").build()}. */
final class Coverages {

    static final String SOPT = "https://nahdo.org/sopt";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final Coverage coverage = new Coverage();

    private Coverages(String id) {
        coverage.setId(id);
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
    }

    static Coverages coverage(String id) {
        return new Coverages(id);
    }

    Coverages of(String beneficiaryReference) {
        coverage.getBeneficiary().setReference(beneficiaryReference);
        return this;
    }

    Coverages type(String system, String code) {
        coverage.setType(new CodeableConcept(new Coding(system, code, null)));
        return this;
    }

    Coverages payerNamed(String display) {
        coverage.addPayor(new Reference().setDisplay(display));
        return this;
    }

    Coverages payerIdentified(String system, String value) {
        coverage.addPayor(
                new Reference().setIdentifier(new Identifier().setSystem(system).setValue(value)));
        return this;
    }

    /** A payer Organization contained in the Coverage, with the state of its address. */
    Coverages containedPayerIn(String state) {
        Organization payer = new Organization();
        payer.setId("payer");
        payer.addAddress().setState(state);
        coverage.addContained(payer);
        coverage.addPayor(new Reference("#payer"));
        return this;
    }

    Coverages period(String start, String end) {
        coverage.getPeriod().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
        return this;
    }

    Coverage build() {
        return coverage;
    }
}
