package org.referralbridge.server.surveys;

import java.util.LinkedHashMap;
import java.util.Map;

/** The hosted form's fields as typed, and their problems in plain words, by field. */
public class SurveyForm {

    static final int MAX_TEXT = 2000;

    private String experience;
    private String experienceComment;
    private String rewardPreference;
    private String suggestions;
    private String recommend;

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        Integer score = integer(recommend);
        if (score == null || score < 0 || score > 10) {
            problems.put("recommend", "Please choose a number from 0 to 10.");
        }
        if (experience != null && !experience.isBlank()) {
            Integer value = integer(experience);
            if (value == null || value < 1 || value > 5) {
                problems.put("experience", "Please choose a number from 1 to 5, or leave it empty.");
            }
        }
        if (rewardPreference != null
                && !rewardPreference.isBlank()
                && !RewardKinds.DISPLAYS.containsKey(rewardPreference)) {
            problems.put("rewardPreference", "Please choose one of the kinds listed, or leave it empty.");
        }
        if (experienceComment != null && experienceComment.length() > MAX_TEXT) {
            problems.put("experienceComment", "Please keep this to " + MAX_TEXT + " characters.");
        }
        if (suggestions != null && suggestions.length() > MAX_TEXT) {
            problems.put("suggestions", "Please keep this to " + MAX_TEXT + " characters.");
        }
        return problems;
    }

    int recommendScore() {
        return integer(recommend);
    }

    Integer experienceScore() {
        return experience == null || experience.isBlank() ? null : integer(experience);
    }

    private static Integer integer(String value) {
        if (value == null || value.isBlank() || value.strip().length() > 2) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String getExperience() {
        return experience;
    }

    public void setExperience(String experience) {
        this.experience = experience;
    }

    public String getExperienceComment() {
        return experienceComment;
    }

    public void setExperienceComment(String experienceComment) {
        this.experienceComment = experienceComment;
    }

    public String getRewardPreference() {
        return rewardPreference;
    }

    public void setRewardPreference(String rewardPreference) {
        this.rewardPreference = rewardPreference;
    }

    public String getSuggestions() {
        return suggestions;
    }

    public void setSuggestions(String suggestions) {
        this.suggestions = suggestions;
    }

    public String getRecommend() {
        return recommend;
    }

    public void setRecommend(String recommend) {
        this.recommend = recommend;
    }
}
