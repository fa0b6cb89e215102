package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** An intake form with "Who referred you?" and "How did you hear about us?" questions. */
class QuestionnaireEvidenceTests {

    static final String INTAKE = "https://clinic.example/Questionnaire/new-patient-intake";

    private final ProfileEvaluator evaluator = Fhir.evaluator("""
            formatVersion: 1
            name: intake-form
            extends: default
            questionnaireResponse:
              questionnaires: [%s]
              patient: [subject, source]
              referralCode: repeat(item).where(linkId = 'referral-code').answer.value
              referrer: repeat(item).where(linkId = 'referred-by').answer.value
              channel: repeat(item).where(linkId = 'heard-about-us').answer.value
              channelMap:
                friend: friend-family
                doctor: provider
              capturedDate: authored
              method: "'questionnaire'"
            """.formatted(INTAKE));

    @Test
    void readsTheAnswersByLinkIdWithTheSubjectPatient() {
        var response = QuestionnaireResponses.response("qr1")
                .to(INTAKE + "|2.1")
                .by("Patient/p1")
                .authored("2025-05-06T08:00:00Z")
                .answerInGroup("referral", "referral-code", new StringType("ANNA-7"))
                .answer("heard-about-us", new Coding(null, "friend", "A friend"))
                .build();

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        assertThat(evidence.sourceResourceType()).isEqualTo("QuestionnaireResponse");
        assertThat(evidence.sourceResourceId()).isEqualTo("qr1");
        assertThat(evidence.patientId()).isEqualTo("p1");
        assertThat(evidence.referralCode()).contains("ANNA-7");
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.capturedAt()).contains(OffsetDateTime.of(2025, 5, 6, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(evidence.method()).contains("questionnaire");
    }

    @Test
    void readsAReferrerChosenFromAList() {
        var response = QuestionnaireResponses.response("qr2")
                .to(INTAKE)
                .by("Patient/p2")
                .answer("referred-by", new Reference("Patient/adv-3"))
                .build();

        assertThat(evaluator.questionnaireEvidence(response))
                .map(ReferralEvidence::referrerReference)
                .contains(java.util.Optional.of("Patient/adv-3"));
    }

    @Test
    void ignoresResponsesToOtherQuestionnaires() {
        var response = QuestionnaireResponses.response("qr3")
                .to("https://clinic.example/Questionnaire/phq-9")
                .by("Patient/p3")
                .answer("referral-code", new StringType("ANNA-7"))
                .build();

        assertThat(evaluator.questionnaireEvidence(response)).isEmpty();
    }

    @Test
    void givesNothingWhenTheSubjectIsNotAPatient() {
        var response = QuestionnaireResponses.response("qr4")
                .to(INTAKE)
                .by("Group/g1")
                .answer("referral-code", new StringType("ANNA-7"))
                .build();

        assertThat(evaluator.questionnaireEvidence(response)).isEmpty();
    }

    @Test
    void givesNothingWhenNoReferralQuestionWasAnswered() {
        var response = QuestionnaireResponses.response("qr5")
                .to(INTAKE)
                .by("Patient/p5")
                .answer("allergies", new StringType("none"))
                .build();

        assertThat(evaluator.questionnaireEvidence(response)).isEmpty();
    }

    @Test
    void theDefaultProfileReadsNoQuestionnaires() {
        var response = QuestionnaireResponses.response("qr6")
                .to(INTAKE)
                .by("Patient/p6")
                .answer("referral-code", new StringType("ANNA-7"))
                .build();

        assertThat(Fhir.defaultEvaluator().questionnaireEvidence(response)).isEmpty();
    }
}
