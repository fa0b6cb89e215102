package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ProgramFeedback;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;

/** A survey answer, as the QuestionnaireResponse the service writes, validates against the Questionnaire. */
class QuestionnaireResponsesTests {

    private static final ConformanceValidator validator = Conformance.validator(FhirContext.forR4Cached());

    @Test
    void aFullAnswerValidatesAndNamesIdsOnlyInItsNarrative() {
        QuestionnaireResponse response = QuestionnaireResponses.of(payload(4, "in-kind", "A comment", "An idea", 3));

        ValidationReport report = validator.validate(response);
        assertThat(report.isValid()).as(report.summary()).isTrue();
        assertThat(response.getIdentifier().getSystem()).isEqualTo(ProgramFeedback.RESPONSE_IDENTIFIER_SYSTEM);
        assertThat(response.getItem()).hasSize(5);
        assertThat(response.getText().getDivAsString()).contains("Patient/p-7").doesNotContain("A comment", "idea");
    }

    @Test
    void anAnswerWithTheRequiredScoreAloneValidates() {
        QuestionnaireResponse response = QuestionnaireResponses.of(payload(null, null, null, null, 0));

        ValidationReport report = validator.validate(response);
        assertThat(report.isValid()).as(report.summary()).isTrue();
        assertThat(response.getItem())
                .singleElement()
                .satisfies(item -> assertThat(item.getLinkId()).isEqualTo(ProgramFeedback.RECOMMEND));
    }

    private static QuestionnaireResponsePayload payload(
            Integer experience, String reward, String comment, String suggestions, int recommend) {
        return new QuestionnaireResponsePayload(
                UUID.randomUUID(),
                "p-7",
                Instant.parse("2026-12-03T10:15:00Z"),
                recommend,
                experience,
                comment,
                reward,
                suggestions,
                UUID.randomUUID());
    }
}
