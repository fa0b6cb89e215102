package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/** The audit-event profile refuses what the service must never export: each test breaks the example in one place. */
class AuditEventProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsTheFhirPluginsDisclosureDecisionAsItIs() {
        AuditEvent disclosed = Conformance.pkg().example(AuditEvent.class, "referrer-disclosed");

        ValidationReport report = validator.validate(disclosed);

        assertThat(report.isValid()).as(report.summary()).isTrue();
        assertThat(disclosed.getSubtypeFirstRep().getCode()).isEqualTo("referrer.disclosed");
    }

    @Test
    void rejectsAnActionTheCodeSystemDoesNotName() {
        AuditEvent event = example();
        event.getSubtypeFirstRep().setCode("patient.renamed");

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue ->
                        assertThat(issue.message()).contains(Canonicals.ReferralBridgeAuditEvent.ACTION_VALUE_SET));
    }

    @Test
    void rejectsAnEventWithoutSubtype() {
        AuditEvent event = example();
        event.getSubtype().clear();

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("AuditEvent.subtype"));
    }

    @Test
    void rejectsARoleThatIsNotOneOfTheFour() {
        AuditEvent event = example();
        event.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().setCode("superuser");

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(Canonicals.ROLE_VALUE_SET));
    }

    @Test
    void rejectsAnAgentThatDidNotRequestTheChange() {
        AuditEvent event = example();
        event.getAgentFirstRep().setRequestor(false);

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("requestor"));
    }

    @Test
    void rejectsAnEventWithoutAgentOrOutcome() {
        AuditEvent event = example();
        event.getAgent().clear();
        event.setOutcome(null);

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("AuditEvent.agent"))
                .anySatisfy(issue -> assertThat(issue.message()).contains("AuditEvent.outcome"));
    }

    @Test
    void rejectsAnotherTypeThanRestAndAnotherObserver() {
        AuditEvent event = example();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"));
        event.getSource().getObserver().setDisplay("Some EHR");

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("type"))
                .anySatisfy(issue -> assertThat(issue.location()).contains("observer"));
    }

    @Test
    void rejectsAnEntityThatNamesNothing() {
        AuditEvent event = example();
        event.getEntityFirstRep()
                .setWhat(null)
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));

        assertThat(validator.validate(event).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("AuditEvent.entity.what"));
    }

    private static AuditEvent example() {
        return Conformance.pkg().example(AuditEvent.class, "advocate-enrolled");
    }
}
