package org.referralbridge.server.surveys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey's figures over a period: the recommend score as a Net Promoter Score (the percentage of promoters,
 * 9-10, minus that of detractors, 0-6, rounded to one decimal) and as a mean, the count of each reward preference,
 * the mean enrolment experience (1-5) and the comments, newest last. Means and NPS are null without answers.
 */
public record SurveyResults(
        Instant from,
        Instant to,
        int responses,
        int promoters,
        int passives,
        int detractors,
        Double netPromoterScore,
        Double recommendMean,
        Map<String, Integer> rewardPreferences,
        Double experienceMean,
        List<Comment> comments) {

    /** An advocate's words: on enrolment ({@code experience}) or their suggestions ({@code suggestions}). */
    public record Comment(Instant answeredAt, String patientId, String item, String text) {}

    static SurveyResults of(Instant from, Instant to, List<SurveyResponses.Answer> answers, List<String> rewardKinds) {
        int promoters = 0;
        int detractors = 0;
        long recommendSum = 0;
        long experienceSum = 0;
        int experienceCount = 0;
        Map<String, Integer> preferences = new LinkedHashMap<>();
        for (String kind : rewardKinds) {
            preferences.put(kind, 0);
        }
        List<Comment> comments = new java.util.ArrayList<>();
        for (SurveyResponses.Answer answer : answers) {
            int score = answer.recommendScore();
            recommendSum += score;
            if (score >= 9) {
                promoters++;
            } else if (score <= 6) {
                detractors++;
            }
            if (answer.experienceScore() != null) {
                experienceSum += answer.experienceScore();
                experienceCount++;
            }
            if (answer.rewardPreference() != null) {
                preferences.merge(answer.rewardPreference(), 1, Integer::sum);
            }
            if (answer.experienceComment() != null) {
                comments.add(
                        new Comment(answer.answeredAt(), answer.patientId(), "experience", answer.experienceComment()));
            }
            if (answer.suggestions() != null) {
                comments.add(new Comment(answer.answeredAt(), answer.patientId(), "suggestions", answer.suggestions()));
            }
        }
        int n = answers.size();
        Double nps = n == 0 ? null : round1(100.0 * (promoters - detractors) / n);
        Double mean = n == 0 ? null : round2((double) recommendSum / n);
        Double experience = experienceCount == 0 ? null : round2((double) experienceSum / experienceCount);
        return new SurveyResults(
                from,
                to,
                n,
                promoters,
                n - promoters - detractors,
                detractors,
                nps,
                mean,
                preferences,
                experience,
                List.copyOf(comments));
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
