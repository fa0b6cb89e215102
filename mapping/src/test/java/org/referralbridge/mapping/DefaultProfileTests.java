package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;

class DefaultProfileTests {

    private final ProfileEvaluator evaluator = Fhir.defaultEvaluator();

    @Test
    void extractsEveryPartOfOurReferralSourceExtension() {
        var patient = Patients.patient("p1")
                .referredWithCode("ANNA-7")
                .referrer("Patient/adv-1")
                .program("spring-2025")
                .capturedDate("2025-03-04T10:15:00-05:00")
                .captureMethod("front-desk")
                .build();

        var evidence = evaluator.patientEvidence(patient);

        assertThat(evidence)
                .contains(new ReferralEvidence(
                        "Patient",
                        "p1",
                        "p1",
                        java.util.Optional.of("ANNA-7"),
                        ReferralChannel.PATIENT,
                        java.util.Optional.of("Patient/adv-1"),
                        java.util.Optional.of("spring-2025"),
                        java.util.Optional.of(OffsetDateTime.of(2025, 3, 4, 10, 15, 0, 0, ZoneOffset.ofHours(-5))),
                        java.util.Optional.of("front-desk")));
    }

    @Test
    void aPatientWithoutReferralEvidenceGivesNothing() {
        assertThat(evaluator.patientEvidence(Patients.patient("p2").build())).isEmpty();
    }

    @Test
    void aChannelAloneIsEvidence() {
        var evidence = evaluator.patientEvidence(
                Patients.patient("p3").referralChannel("social").build());

        assertThat(evidence).hasValueSatisfying(e -> {
            assertThat(e.channel()).isEqualTo(ReferralChannel.SOCIAL);
            assertThat(e.referralCode()).isEmpty();
            assertThat(e.referrerReference()).isEmpty();
        });
    }

    @Test
    void aReferralCodeWithoutChannelGetsTheDefaultChannel() {
        var patient = Patients.patient("p4").build();
        patient.addExtension()
                .setUrl(Canonicals.ReferralSource.URL)
                .addExtension(Canonicals.ReferralSource.CODE, new org.hl7.fhir.r4.model.StringType("  BOB-2 "));

        var evidence = evaluator.patientEvidence(patient);

        assertThat(evidence).hasValueSatisfying(e -> {
            assertThat(e.referralCode()).contains("BOB-2");
            assertThat(e.channel()).isEqualTo(ReferralChannel.OTHER);
        });
    }

    @Test
    void writesBackToOurOwnExtensionsAndNoFlag() {
        var writeBack = Fhir.PROFILES.defaultProfile().writeBack();

        assertThat(writeBack.referralSource())
                .contains(new WriteBackTargets.ReferralSourceTarget(
                        Canonicals.ReferralSource.URL, Canonicals.ReferralSource.REFERRER));
        assertThat(writeBack.advocateExtensionUrl()).contains(Canonicals.ReferralAdvocate.URL);
        assertThat(writeBack.flag()).isEmpty();
    }

    @Test
    void matchesReferrersByReferralCode() {
        var matching = Fhir.PROFILES.defaultProfile().referrerMatching();

        assertThat(matching.order()).containsExactly(ReferrerMatching.Strategy.REFERRAL_CODE);
        assertThat(matching.referrerTypes())
                .containsExactlyInAnyOrder("Patient", "RelatedPerson", "Practitioner", "Organization");
    }

    @Test
    void readsPatientButNotQuestionnaireEvidence() {
        var profile = Fhir.PROFILES.defaultProfile();

        assertThat(profile.name()).isEqualTo("referral-bridge-native");
        assertThat(profile.readsPatientEvidence()).isTrue();
        assertThat(profile.readsQuestionnaireEvidence()).isFalse();
    }
}
