package org.referralbridge.server.surveys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The survey answers kept for aggregation ({@code V33__survey_responses.sql}). */
class SurveyResponses {

    /** One kept answer. */
    record Answer(
            UUID tokenId,
            String roundId,
            String patientId,
            Instant answeredAt,
            int recommendScore,
            String rewardPreference,
            Integer experienceScore,
            String experienceComment,
            String suggestions) {}

    private final JdbcClient jdbc;

    SurveyResponses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean answered(UUID tokenId) {
        return jdbc.sql("select count(*) from survey_responses where token_id = ?")
                        .param(tokenId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** @return false when the token was answered before (nothing kept) */
    boolean save(Answer answer) {
        try {
            jdbc.sql("insert into survey_responses (token_id, round_id, patient_id, answered_at, recommend_score,"
                            + " reward_preference, experience_score, experience_comment, suggestions)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            answer.tokenId(),
                            answer.roundId(),
                            answer.patientId(),
                            Timestamp.from(answer.answeredAt()),
                            answer.recommendScore(),
                            answer.rewardPreference(),
                            answer.experienceScore(),
                            answer.experienceComment(),
                            answer.suggestions())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The answers given in {@code [from, to)}, oldest first. */
    List<Answer> between(Instant from, Instant to) {
        return jdbc.sql("select token_id, round_id, patient_id, answered_at, recommend_score, reward_preference,"
                        + " experience_score, experience_comment, suggestions from survey_responses"
                        + " where answered_at >= ? and answered_at < ? order by answered_at, token_id")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new Answer(
                        rs.getObject("token_id", UUID.class),
                        rs.getString("round_id"),
                        rs.getString("patient_id"),
                        rs.getTimestamp("answered_at").toInstant(),
                        rs.getInt("recommend_score"),
                        rs.getString("reward_preference"),
                        (Integer) rs.getObject("experience_score", Integer.class),
                        rs.getString("experience_comment"),
                        rs.getString("suggestions")))
                .list();
    }
}
