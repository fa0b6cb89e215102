package org.referralbridge.server.surveys;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that keeps an advocate's survey answer, for the write-back module to write it into
 * the EHR as a QuestionnaireResponse of the program-feedback Questionnaire. The comments are the advocate's own
 * words: never log them.
 *
 * @param responseId our id of the answer (the token's id), the QuestionnaireResponse's identifier
 * @param patientId the advocate's EHR patient id
 * @param answeredAt when it was answered
 * @param recommendScore 0 to 10
 * @param experienceScore 1 to 5, or null when not answered
 * @param experienceComment free text, or null
 * @param rewardPreference a referral-reward-kind code, or null
 * @param suggestions free text, or null
 */
public record SurveyAnswered(
        UUID responseId,
        String patientId,
        Instant answeredAt,
        int recommendScore,
        Integer experienceScore,
        String experienceComment,
        String rewardPreference,
        String suggestions) {}
