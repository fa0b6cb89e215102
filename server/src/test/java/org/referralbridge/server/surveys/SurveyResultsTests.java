package org.referralbridge.server.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The survey's figures against a computation written here, and the link tokens' checks. */
class SurveyResultsTests {

    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final List<String> KINDS = List.copyOf(RewardKinds.DISPLAYS.keySet());

    @Test
    void theNetPromoterScoreIsPromotersLessDetractorsInPercentOfAllAnswers() {
        int[] scores = {10, 9, 9, 8, 7, 6, 0, 3, 10, 5, 9};
        List<SurveyResponses.Answer> answers = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            answers.add(new SurveyResponses.Answer(
                    UUID.randomUUID(),
                    "r",
                    "p" + i,
                    T.plusSeconds(i),
                    scores[i],
                    i % 2 == 0 ? "service-credit" : null,
                    i < 4 ? i + 1 : null,
                    i == 0 ? "fine" : null,
                    i == 1 ? "more" : null));
        }
        SurveyResults results = SurveyResults.of(T, T.plusSeconds(60), answers, KINDS);

        // 5 promoters (10, 9, 9, 10, 9), 4 detractors (6, 0, 3, 5), 2 passives of 11
        assertThat(results.responses()).isEqualTo(11);
        assertThat(results.promoters()).isEqualTo(5);
        assertThat(results.detractors()).isEqualTo(4);
        assertThat(results.passives()).isEqualTo(2);
        assertThat(results.netPromoterScore()).isEqualTo(Math.round(1000.0 * (5 - 4) / 11) / 10.0);
        assertThat(results.recommendMean()).isEqualTo(Math.round(100.0 * 76 / 11) / 100.0);
        assertThat(results.experienceMean()).isEqualTo(2.5);
        assertThat(results.rewardPreferences())
                .containsEntry("service-credit", 6)
                .containsEntry("cash", 0);
        assertThat(results.comments()).extracting(SurveyResults.Comment::text).containsExactly("fine", "more");
    }

    @Test
    void withoutAnswersTheScoresAreEmptyNotZero() {
        SurveyResults results = SurveyResults.of(T, T, List.of(), KINDS);
        assertThat(results.responses()).isZero();
        assertThat(results.netPromoterScore()).isNull();
        assertThat(results.recommendMean()).isNull();
        assertThat(results.experienceMean()).isNull();
    }

    @Test
    void aTokenNamesItsPatientAndRoundAndATamperedOneIsNotOurs() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        SurveyTokens tokens = new SurveyTokens("a-secret-of-at-least-32-characters-long", Duration.ofDays(30), clock);
        String token = tokens.issue("patient-1", "round-1");

        SurveyTokens.Claims claims = tokens.verify(token).orElseThrow();
        assertThat(claims.patientId()).isEqualTo("patient-1");
        assertThat(claims.roundId()).isEqualTo("round-1");
        assertThat(claims.expired()).isFalse();
        assertThat(claims.tokenId()).isEqualTo(SurveyTokens.tokenId("round-1", "patient-1"));

        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "xx")).isEmpty();
        assertThat(tokens.verify("nonsense")).isEmpty();
        assertThat(new SurveyTokens("another-secret-of-at-least-32-characters", Duration.ofDays(30), clock)
                        .verify(token))
                .isEmpty();
        SurveyTokens later = new SurveyTokens(
                "a-secret-of-at-least-32-characters-long",
                Duration.ofDays(30),
                Clock.fixed(T.plus(Duration.ofDays(31)), ZoneOffset.UTC));
        assertThat(later.verify(token).orElseThrow().expired()).isTrue();
    }
}
