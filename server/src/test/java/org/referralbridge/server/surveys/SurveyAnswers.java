package org.referralbridge.server.surveys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Records an advocate's survey answer through the survey service itself (kept for the results and written back to
 * the EHR, as the hosted form does), for tests outside this package that need an answer to exist without an e-mail
 * round and a browser visit to the form.
 */
public final class SurveyAnswers {

    private SurveyAnswers() {}

    /** An answer of {@code patientId} with this recommend score (0-10), reward preference and suggestion. */
    public static void record(
            ApplicationContext context, String patientId, int recommend, String rewardPreference, String suggestion) {
        SurveyTokens.Claims claims = new SurveyTokens.Claims(
                UUID.randomUUID(),
                patientId,
                "round-" + UUID.randomUUID(),
                Instant.now().plus(30, ChronoUnit.DAYS),
                false);
        SurveyForm form = new SurveyForm();
        form.setRecommend(Integer.toString(recommend));
        form.setRewardPreference(rewardPreference);
        form.setSuggestions(suggestion);
        if (!form.problems().isEmpty()) {
            throw new IllegalArgumentException(
                    "not an answer the form takes: " + form.problems().keySet());
        }
        if (!context.getBean(Surveys.class).answer(claims, form)) {
            throw new IllegalStateException("the survey answer was not kept");
        }
    }
}
