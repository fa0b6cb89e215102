package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ProfileEvaluatorTests {

    private final ProfileEvaluator evaluator = Fhir.defaultEvaluator();

    @Test
    void refusesAResourceOfTheWrongTypeNamingBothTypes() {
        var encounter = Encounters.encounter("e1").of("Patient/p1").build();

        assertThatThrownBy(() -> evaluator.patientEvidence(encounter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected an R4 Patient but got Encounter/e1");
        assertThatThrownBy(() -> evaluator.coverageFacts(Patients.patient("p1").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected an R4 Coverage but got Patient/p1");
    }

    @Test
    void refusesAResourceWithoutIdWithoutShowingItsContents() {
        var patient = Patients.patient("p1").referredWithCode("ANNA-7").build();
        patient.setId((String) null);

        assertThatThrownBy(() -> evaluator.patientEvidence(patient))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Patient has no id");
    }

    @Test
    void refusesAResourceOfAnotherFhirVersion() {
        var r5Patient = new org.hl7.fhir.r5.model.Patient();
        r5Patient.setId("p5");

        assertThatThrownBy(() -> evaluator.patientEvidence(r5Patient))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected an R4 Patient but got Patient/p5");
    }

    @Test
    void needsAnR4Context() {
        var profile = Fhir.PROFILES.defaultProfile();

        assertThatThrownBy(() -> new ProfileEvaluator(FhirContext.forR5Cached(), profile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("R4");
    }

    @Test
    void reportsAFailingExpressionByPlaceInTheProfileAndResourceIdButNeverItsData() {
        // The engine's own message here would quote the regular expression built from the family name.
        var failing = Fhir.evaluator("""
                formatVersion: 1
                name: failing
                extends: default
                patient:
                  program: "'x'.matches(%resource.name.family.first() + '(')"
                """);
        var patient = Patients.patient("p9").referredWithCode("ANNA-7").build();

        assertThatThrownBy(() -> failing.patientEvidence(patient))
                .isInstanceOf(MappingEvaluationFailed.class)
                .hasMessage("Mapping profile 'test.yaml': the expression at test.yaml:5 patient.program failed on "
                        + "Patient/p9 (PatternSyntaxException)")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Doe-Secret", "Jane", "555-0100"));
    }

    @Test
    void givesTheSameAnswersWhenSharedByManyThreads() throws Exception {
        List<Patient> patients = IntStream.range(0, 400)
                .mapToObj(i -> i % 3 == 0
                        ? Patients.patient("p" + i).build()
                        : Patients.patient("p" + i)
                                .referredWithCode("CODE-" + i)
                                .referrer("Patient/adv-" + i)
                                .capturedDate("2025-01-0" + (1 + i % 9))
                                .build())
                .toList();
        List<Optional<ReferralEvidence>> expected =
                patients.stream().map(evaluator::patientEvidence).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Optional<ReferralEvidence>>>> tasks = IntStream.range(0, 8)
                    .mapToObj(t -> (Callable<List<Optional<ReferralEvidence>>>) () ->
                            patients.stream().map(evaluator::patientEvidence).toList())
                    .toList();
            for (Future<List<Optional<ReferralEvidence>>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).filteredOn(Optional::isPresent).hasSize(266);
    }

    @Test
    void readsOurExtensionOnAPatientParsedFromJson() {
        var json = """
                {"resourceType": "Patient", "id": "referred-by-anna",
                 "extension": [{"url": "https://referralbridge.org/fhir/StructureDefinition/referral-source",
                   "extension": [
                     {"url": "channel", "valueCoding": {
                        "system": "https://referralbridge.org/fhir/CodeSystem/referral-channel", "code": "patient"}},
                     {"url": "referrer", "valueReference": {"reference": "Patient/advocate-anna"}},
                     {"url": "code", "valueString": "ANNA-7Q2K"},
                     {"url": "capturedDate", "valueDateTime": "2025-03-02"}]}]}
                """;
        var patient = Fhir.CONTEXT.newJsonParser().parseResource(Patient.class, json);

        var evidence = evaluator.patientEvidence(patient).orElseThrow();

        assertThat(evidence.patientId()).isEqualTo("referred-by-anna");
        assertThat(evidence.referrerReference()).contains("Patient/advocate-anna");
        assertThat(evidence.referralCode()).contains("ANNA-7Q2K");
        assertThat(evidence.capturedAt())
                .hasValueSatisfying(at -> assertThat(at.toString()).isEqualTo("2025-03-02T00:00Z"));
    }
}
