package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/** A dry run shows what a profile makes of a resource, which expression gave which value, and why nothing was found. */
class DryRunTests {

    private static ProfileEvaluator shipped(String name) {
        return new ProfileEvaluator(Fhir.CONTEXT, Fhir.PROFILES.shipped(name));
    }

    @Test
    void tracesWhichExpressionProducedEachValueOfAPatient() {
        var patient = ShippedProfilesTests.sample("vendor-extension", "Patient.json", Patient.class);
        var evaluator = shipped("vendor-extension");

        var run = evaluator.dryRun(patient);

        assertThat(run.resourceType()).isEqualTo("Patient");
        assertThat(run.resourceId()).isEqualTo("5c8e9b2a-7d41-4f0e-9a63-2b1f7e4c9d10");
        assertThat(run.evidence()).isEqualTo(evaluator.patientEvidence(patient));
        assertThat(run.lookups()).singleElement().isInstanceOf(ReferrerLookup.ByDescription.class);
        assertThat(run.trace())
                .filteredOn(step -> step.field().equals("patient.channel"))
                .first()
                .satisfies(step -> {
                    assertThat(step.expression())
                            .isEqualTo(
                                    "extension('http://vendor.example.com/fhir/StructureDefinition/how-heard').value");
                    assertThat(step.location())
                            .startsWith("vendor-extension.yaml:")
                            .endsWith(" patient.channel[0]");
                    assertThat(step.values())
                            .containsExactly(
                                    "http://vendor.example.com/fhir/CodeSystem/how-heard|FRND", "A friend told me");
                });
        assertThat(run.trace())
                .filteredOn(step -> step.field().equals("patient.referralCode"))
                .singleElement()
                .satisfies(step -> {
                    assertThat(step.location()).startsWith("referral-bridge-native.yaml:");
                    assertThat(step.values()).isEmpty();
                });
        assertThat(run.notes()).isEmpty();
    }

    @Test
    void notesAQuestionnaireTheProfileDoesNotRead() {
        var response = QuestionnaireResponses.response("qr1")
                .to("https://clinic.example/Questionnaire/phq-9")
                .by("Patient/p1")
                .build();

        var run = shipped("intake-questionnaire").dryRun(response);

        assertThat(run.evidence()).isEmpty();
        assertThat(run.notes())
                .containsExactly("QuestionnaireResponse of questionnaire https://clinic.example/Questionnaire/phq-9 "
                        + "is not read by this profile; it reads "
                        + "https://referralbridge.org/fhir/Questionnaire/how-did-you-hear");
    }

    @Test
    void notesChannelValuesTheMapDoesNotKnow() {
        var patient = Patients.patient("p2")
                .extension(
                        "http://vendor.example.com/fhir/StructureDefinition/how-heard",
                        new Coding("http://vendor.example.com/fhir/CodeSystem/how-heard", "TV", null))
                .build();

        var run = shipped("vendor-extension").dryRun(patient);

        assertThat(run.evidence().map(ReferralEvidence::channel)).contains(ReferralChannel.OTHER);
        assertThat(run.notes())
                .contains(
                        "Channel values the channelMap does not know: "
                                + "http://vendor.example.com/fhir/CodeSystem/how-heard|TV; the channel is channelDefault (other)")
                .anySatisfy(note -> assertThat(note).startsWith("No referrer lookup"));
    }

    @Test
    void notesAPatientWithoutEvidence() {
        var run = Fhir.defaultEvaluator().dryRun(Patients.patient("p3").build());

        assertThat(run.evidence()).isEmpty();
        assertThat(run.notes())
                .containsExactly("No referral evidence: no referral code, channel or referrer was found");
        assertThat(run.trace()).extracting(TraceStep::field).contains("patient.referralCode", "patient.channel");
    }

    @Test
    void readsEncounterAndCoverageFacts() {
        var encounter = Encounters.encounter("e1").of("Patient/p1").finished().build();
        var coverage = Coverages.coverage("c1").of("Patient/p1").build();
        var evaluator = Fhir.defaultEvaluator();

        var encounterRun = evaluator.dryRun(encounter);
        var coverageRun = evaluator.dryRun(coverage);

        assertThat(encounterRun.encounter()).contains(evaluator.encounterFacts(encounter));
        assertThat(encounterRun.trace())
                .filteredOn(step -> step.field().equals("encounter.status"))
                .singleElement()
                .satisfies(step -> assertThat(step.values()).containsExactly("finished"));
        assertThat(coverageRun.coverage()).contains(evaluator.coverageFacts(coverage));
        assertThat(coverageRun.evidence()).isEmpty();
    }

    @Test
    void notesAResourceTypeProfilesDoNotReadWithoutFailing() {
        var observation = new Observation();
        observation.setId("o1");

        var run = Fhir.defaultEvaluator().dryRun(observation);

        assertThat(run.resourceType()).isEqualTo("Observation");
        assertThat(run.trace()).isEmpty();
        assertThat(run.notes())
                .singleElement()
                .satisfies(note -> assertThat(note).contains("not read"));
    }

    @Test
    void notesAFailingExpressionInsteadOfThrowing() {
        var evaluator = Fhir.evaluator("""
                formatVersion: 1
                name: failing
                extends: default
                patient:
                  program: "'x'.matches(%resource.name.family.first() + '(')"
                """);

        var run = evaluator.dryRun(
                Patients.patient("p4").referredWithCode("ANNA-7").build());

        assertThat(run.evidence()).isEmpty();
        assertThat(run.notes())
                .singleElement()
                .satisfies(note -> assertThat(note)
                        .contains("patient.program")
                        .contains("Patient/p4")
                        .doesNotContain("Doe-Secret"));
        assertThat(run.trace())
                .filteredOn(step -> step.field().equals("patient.referralCode"))
                .singleElement()
                .satisfies(step -> assertThat(step.values()).containsExactly("ANNA-7"));
    }

    @Test
    void changesNothingOnTheResource() {
        var response = ShippedProfilesTests.sample(
                "intake-questionnaire", "QuestionnaireResponse.json", QuestionnaireResponse.class);
        var parser = Fhir.CONTEXT.newJsonParser();
        String before = parser.encodeResourceToString(response);

        var run = shipped("intake-questionnaire").dryRun(response);

        assertThat(run.evidence()).isPresent();
        assertThat(parser.encodeResourceToString(response)).isEqualTo(before);
    }
}
