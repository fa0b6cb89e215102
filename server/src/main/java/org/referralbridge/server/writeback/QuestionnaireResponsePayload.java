package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.UUID;
import org.referralbridge.server.surveys.SurveyAnswered;

/**
 * What to write into the EHR for an advocate's survey answer: a QuestionnaireResponse of the program-feedback
 * Questionnaire. The comments are the advocate's words: the handler never logs them.
 */
record QuestionnaireResponsePayload(
        UUID responseId,
        String patientId,
        Instant answeredAt,
        Integer recommendScore,
        Integer experienceScore,
        String experienceComment,
        String rewardPreference,
        String suggestions,
        UUID writeId)
        implements WritePayload {

    static QuestionnaireResponsePayload of(SurveyAnswered event, UUID writeId) {
        return new QuestionnaireResponsePayload(
                event.responseId(),
                event.patientId(),
                event.answeredAt(),
                event.recommendScore(),
                event.experienceScore(),
                event.experienceComment(),
                event.rewardPreference(),
                event.suggestions(),
                writeId);
    }

    @Override
    public void requireComplete() {
        WritePayload.require(responseId, "responseId");
        WritePayload.require(patientId, "patientId");
        WritePayload.require(answeredAt, "answeredAt");
        WritePayload.require(recommendScore, "recommendScore");
        WritePayload.require(writeId, "writeId");
    }
}
