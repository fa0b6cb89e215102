package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;

/** An EHR that keeps "how did you hear about us" in its own extensions, with its own codes. */
class CustomProfileTests {

    static final String HOW_HEARD = "http://acme-ehr.example/fhir/StructureDefinition/how-heard";
    static final String HOW_HEARD_CODES = "http://acme-ehr.example/codes/how-heard";
    static final String REFERRAL_CODE = "http://acme-ehr.example/fhir/StructureDefinition/referral-code";
    static final String REFERRED_BY = "http://acme-ehr.example/fhir/StructureDefinition/referred-by";

    static final String ACME_PROFILE = """
            formatVersion: 1
            name: acme
            extends: default
            patient:
              referralCode:
                - extension('%1$s').value
                - extension('https://referralbridge.org/fhir/StructureDefinition/referral-source').extension('code').value
              channel:
                - extension('%2$s').value
                - extension('https://referralbridge.org/fhir/StructureDefinition/referral-source').extension('channel').value
              channelMap:
                "%3$s|FR": friend-family
                DR: provider
                FB: social
                "Google search": web
              channelDefault: other
              referrer: extension('%4$s').value
              capturedDate: meta.lastUpdated
            referrerMatching:
              by: [referrer-reference, referral-code]
              referrerTypes: [Patient]
            """.formatted(REFERRAL_CODE, HOW_HEARD, HOW_HEARD_CODES, REFERRED_BY);

    private final ProfileEvaluator acme = Fhir.evaluator(ACME_PROFILE);

    @Test
    void mapsTheEhrsLocalChannelCodeToOurs() {
        var patient = Patients.patient("p1")
                .extension(HOW_HEARD, new Coding(HOW_HEARD_CODES, "FR", "A friend"))
                .extension(REFERRAL_CODE, new StringType("ANNA-7"))
                .build();

        var evidence = acme.patientEvidence(patient).orElseThrow();

        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.referralCode()).contains("ANNA-7");
    }

    @Test
    void mapsABareCodeWhateverItsSystemAndIgnoresCase() {
        var patient = Patients.patient("p2")
                .extension(HOW_HEARD, new Coding("http://elsewhere.example", "dr", null))
                .build();

        assertThat(acme.patientEvidence(patient)).map(ReferralEvidence::channel).contains(ReferralChannel.PROVIDER);
    }

    @Test
    void mapsFreeTextFromACodeableConcept() {
        var patient = Patients.patient("p3")
                .extension(HOW_HEARD, new CodeableConcept().setText("google SEARCH "))
                .build();

        assertThat(acme.patientEvidence(patient)).map(ReferralEvidence::channel).contains(ReferralChannel.WEB);
    }

    @Test
    void anUnmappedLocalCodeGetsTheDefaultChannel() {
        var patient = Patients.patient("p4")
                .extension(HOW_HEARD, new Coding(HOW_HEARD_CODES, "RADIO", null))
                .build();

        assertThat(acme.patientEvidence(patient)).map(ReferralEvidence::channel).contains(ReferralChannel.OTHER);
    }

    @Test
    void fallsBackToTheNextAlternativeWhenTheFirstFindsNothing() {
        var patient = Patients.patient("p5").referredWithCode("OURS-1").build();

        var evidence = acme.patientEvidence(patient).orElseThrow();

        assertThat(evidence.referralCode()).contains("OURS-1");
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.PATIENT);
    }

    @Test
    void readsTheReferrerTheEhrAlreadyNamesAndMatchesByItFirst() {
        var patient = Patients.patient("p6")
                .extension(REFERRED_BY, new Reference("https://ehr.acme.example/fhir/Patient/adv-9/_history/3"))
                .extension(REFERRAL_CODE, new StringType("ANNA-7"))
                .build();

        var evidence = acme.patientEvidence(patient).orElseThrow();

        assertThat(evidence.referrerReference()).contains("Patient/adv-9");
        assertThat(acme.profile().referrerMatching().lookupsFor(evidence))
                .containsExactly(
                        new ReferrerLookup.ByReference("Patient/adv-9"), new ReferrerLookup.ByReferralCode("ANNA-7"));
    }

    @Test
    void leavesOutAReferrerOfATypeTheProfileDoesNotAccept() {
        var patient = Patients.patient("p7")
                .extension(REFERRED_BY, new Reference("Practitioner/dr-1"))
                .build();

        var evidence = acme.patientEvidence(patient).orElseThrow();

        assertThat(evidence.referrerReference()).contains("Practitioner/dr-1");
        assertThat(acme.profile().referrerMatching().lookupsFor(evidence)).isEmpty();
    }

    @Test
    void inheritsEncounterCoverageAndWriteBackFromTheDefault() {
        var profile = acme.profile();
        var encounter = Encounters.encounter("e1").of("Patient/p1").finished().build();

        assertThat(acme.encounterFacts(encounter).patientId()).contains("p1");
        assertThat(profile.writeBack()).isEqualTo(Fhir.PROFILES.defaultProfile().writeBack());
        assertThat(profile.name()).isEqualTo("acme");
    }

    @Test
    void replacesADefaultCodeMapAndListsAsAWhole() {
        var evaluator = Fhir.evaluator("""
                formatVersion: 1
                name: medicaid-only
                extends: default
                coverage:
                  federalPrograms:
                    medicaid: ["http://acme-ehr.example/payer-class|MCD"]
                """);

        var medicare = Coverages.coverage("c1")
                .of("Patient/p1")
                .type(Coverages.SOPT, "1")
                .build();
        var medicaid = Coverages.coverage("c2")
                .of("Patient/p1")
                .type("http://acme-ehr.example/payer-class", "MCD")
                .build();

        // The medicaid list replaced the default's; the other programs' lists are still inherited.
        assertThat(evaluator.coverageFacts(medicare).federalPrograms()).containsExactly(FederalProgram.MEDICARE);
        assertThat(evaluator.coverageFacts(medicaid).federalPrograms()).containsExactly(FederalProgram.MEDICAID);
    }

    @Test
    void canTurnOnAnAdminFlagAndTurnOffTheAdvocateWriteBack() {
        var profile = Fhir.PROFILES.load("""
                formatVersion: 1
                name: flagged
                extends: default
                writeBack:
                  advocate:
                    enabled: false
                  flag:
                    enabled: true
                    text: Referral program member
                    code: "http://acme-ehr.example/flags|REFERRAL"
                """, "flagged.yaml");

        assertThat(profile.writeBack().advocateExtensionUrl()).isEmpty();
        assertThat(profile.writeBack().referralSource())
                .map(t -> t.extensionUrl())
                .contains(Canonicals.ReferralSource.URL);
        assertThat(profile.writeBack().flag())
                .contains(new WriteBackTargets.FlagTarget(
                        "Referral program member",
                        java.util.Optional.of("http://acme-ehr.example/flags"),
                        java.util.Optional.of("REFERRAL")));
    }

    @Test
    void aStandaloneProfileWritesEverythingItselfAndGetsTheDefaultMatchingAndWriteBack() {
        var standalone = Fhir.evaluator("""
                formatVersion: 1
                name: forms-only
                questionnaireResponse:
                  patient: subject
                  referralCode: item.where(linkId = 'code').answer.value
                encounter:
                  patient: subject.reference
                  status: status
                coverage:
                  beneficiary: beneficiary
                  payerCodes: type.coding
                  federalPrograms:
                    medicare: ["https://nahdo.org/sopt|1*"]
                """);
        var referred = Patients.patient("p1").referredWithCode("ANNA-7").build();
        var encounter = Encounters.encounter("e1")
                .of("Patient/p1")
                .finished()
                .classCode("IMP")
                .build();

        assertThat(standalone.profile().readsPatientEvidence()).isFalse();
        assertThat(standalone.patientEvidence(referred))
                .as("no patient section")
                .isEmpty();
        assertThat(standalone.encounterFacts(encounter).classCode())
                .as("no classCode field")
                .isEmpty();
        assertThat(standalone.encounterFacts(encounter).status()).contains("finished");
        assertThat(standalone.profile().referrerMatching())
                .isEqualTo(Fhir.PROFILES.defaultProfile().referrerMatching());
        assertThat(standalone.profile().writeBack())
                .isEqualTo(Fhir.PROFILES.defaultProfile().writeBack());
    }
}
