package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The referrer named by identifier or described by a person, unmapped channels, and evidence precedence. */
class ReferrerEvidenceTests {

    private static final String FORM = "https://clinic.example/Questionnaire/intake";
    private static final String MEMBER_IDS = "https://clinic.example/sid/member";

    private final ProfileEvaluator evaluator = Fhir.evaluator("""
            formatVersion: 1
            name: referrer-details
            extends: default
            precedence: [QuestionnaireResponse, Patient]
            patient:
              referrerIdentifier: extension('http://ehr.example/referrer-member').value
              referrerIdentifierSystem: %s
            questionnaireResponse:
              patient: subject
              channel: repeat(item).where(linkId = 'heard').answer.value
              channelMap:
                FR: friend-family
              referrerName: repeat(item).where(linkId = 'who').answer.value
              referrerGiven: repeat(item).where(linkId = 'who-given').answer.value
              referrerFamily: repeat(item).where(linkId = 'who-family').answer.value
              referrerBirthDate: repeat(item).where(linkId = 'who-birth').answer.value
              referrerPhone: repeat(item).where(linkId = 'who-phone').answer.value
              referrerEmail: repeat(item).where(linkId = 'who-email').answer.value
            referrerMatching:
              by: [referrer-identifier, referrer-name, referral-code]
            """.formatted(MEMBER_IDS));

    @Test
    void readsAnIdentifierWithItsOwnSystem() {
        var patient = Patients.patient("p1")
                .extension(
                        "http://ehr.example/referrer-member",
                        new Identifier().setSystem("urn:oid:1.2.3").setValue(" M-42 "))
                .build();

        var evidence = evaluator.patientEvidence(patient).orElseThrow();

        assertThat(evidence.referrerIdentifier()).contains(new ReferrerIdentifier("urn:oid:1.2.3", "M-42"));
        assertThat(evaluator.profile().referrerMatching().lookupsFor(evidence))
                .containsExactly(new ReferrerLookup.ByIdentifier("urn:oid:1.2.3", "M-42"));
    }

    @Test
    void givesAPlainTextIdentifierTheProfilesSystem() {
        var patient = Patients.patient("p2")
                .extension("http://ehr.example/referrer-member", new StringType("M-7"))
                .build();

        assertThat(evaluator.patientEvidence(patient).orElseThrow().referrerIdentifier())
                .contains(new ReferrerIdentifier(MEMBER_IDS, "M-7"));
    }

    @Test
    void readsAFreeTextReferrerAsEvidenceOnItsOwn() {
        var response = QuestionnaireResponses.response("qr1")
                .to(FORM)
                .by("Patient/p3")
                .answer("who", new StringType("Ana Rivera"))
                .answer("who-birth", new DateType("1984-03-09"))
                .answer("who-phone", new StringType("555-0142"))
                .build();

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        var description = evidence.referrerDescription().orElseThrow();
        assertThat(description.text()).contains("Ana Rivera");
        assertThat(description.birthDate()).contains(LocalDate.of(1984, 3, 9));
        assertThat(description.phone()).contains("555-0142");
        assertThat(description.given()).isEmpty();
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.OTHER);
        assertThat(evaluator.profile().referrerMatching().lookupsFor(evidence))
                .containsExactly(new ReferrerLookup.ByDescription(description));
    }

    @Test
    void aDescriptionPrintsWhichFieldsArePresentButNoValue() {
        var description = new ReferrerDescription(
                Optional.of("Ana Rivera"),
                Optional.empty(),
                Optional.of("Rivera"),
                Optional.of(LocalDate.of(1984, 3, 9)),
                Optional.empty(),
                Optional.of("ana@example.org"));

        assertThat(description.toString())
                .isEqualTo("ReferrerDescription[text, family, birthDate, email]")
                .doesNotContain("Ana")
                .doesNotContain("1984")
                .doesNotContain("example.org");
        assertThat(new ReferralEvidence(
                                "Patient",
                                "p1",
                                "p1",
                                Optional.empty(),
                                ReferralChannel.OTHER,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(description),
                                List.of())
                        .toString())
                .doesNotContain("Rivera");
    }

    @Test
    void aContactDetailWithoutANameIsEvidenceButNoNameLookup() {
        var response = QuestionnaireResponses.response("qr2")
                .to(FORM)
                .by("Patient/p4")
                .answer("who-email", new StringType("someone@example.org"))
                .build();

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        assertThat(evidence.referrerDescription().map(ReferrerDescription::presentFields))
                .contains(List.of("email"));
        assertThat(evaluator.profile().referrerMatching().lookupsFor(evidence)).isEmpty();
    }

    @Test
    void reportsChannelValuesTheMapDoesNotKnow() {
        var response = QuestionnaireResponses.response("qr3")
                .to(FORM)
                .by("Patient/p5")
                .answer("heard", new Coding("http://ehr.example/how-heard", "RADIO", "Radio"))
                .build();

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        assertThat(evidence.channel()).isEqualTo(ReferralChannel.OTHER);
        assertThat(evidence.unmappedChannels()).containsExactly(new Datum("http://ehr.example/how-heard", "RADIO"));
    }

    @Test
    void reportsNoUnmappedValueWhenTheMapKnowsOne() {
        var response = QuestionnaireResponses.response("qr4")
                .to(FORM)
                .by("Patient/p6")
                .answer("heard", new Coding("http://ehr.example/how-heard", "FR", "Friend"))
                .build();

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.unmappedChannels()).isEmpty();
    }

    @Test
    void ranksEvidenceSourcesInTheProfilesPrecedence() {
        var profile = evaluator.profile();

        assertThat(profile.precedence()).containsExactly("QuestionnaireResponse", "Patient");
        assertThat(profile.rank("QuestionnaireResponse")).isZero();
        assertThat(profile.rank("Patient")).isEqualTo(1);
        assertThatThrownBy(() -> profile.rank("Encounter")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ranksPatientFirstByDefaultAndCompletesAPartialList() {
        assertThat(Fhir.PROFILES.defaultProfile().precedence()).containsExactly("Patient", "QuestionnaireResponse");
        var partial = Fhir.PROFILES.load(
                "formatVersion: 1\nname: qr-first\nextends: default\nprecedence: [QuestionnaireResponse]\n", "p.yaml");
        assertThat(partial.precedence()).containsExactly("QuestionnaireResponse", "Patient");
    }

    @Test
    void evidenceWithoutReferrerDetailsKeepsTheShortConstructor() {
        var evidence = new ReferralEvidence(
                "Patient",
                "p1",
                "p1",
                Optional.of("ANNA-7"),
                ReferralChannel.PATIENT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(evidence.referrerIdentifier()).isEmpty();
        assertThat(evidence.referrerDescription()).isEmpty();
        assertThat(evidence.unmappedChannels()).isEmpty();
    }
}
