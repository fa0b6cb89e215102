package org.referralbridge.server.messages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a template may show, and nothing else: a template naming any other field fails to render (and an
 * override fails the startup check). Never appointments, clinical or coverage details.
 *
 * @param recipientFirstName the recipient's first name as the EHR has it
 * @param friendName the referred friend's first name, or "a friend you referred" (see {@link MessagePolicy})
 * @param rewardDescription the reward item's description from the program; null when there is none
 * @param updateText a program update's text, as the program admin wrote it; null for other messages
 * @param referralCode an invitation's referral code, the recipient's own; null for other messages
 * @param friendLink the link to the practice's page for friends with that code ({@code <public base URL>/r/<code>});
 *     null for other messages
 * @param surveyLink a survey's link to the hosted form; null for other messages
 */
record TemplateFields(
        String recipientFirstName,
        String friendName,
        String rewardDescription,
        String practiceName,
        String optOutUrl,
        String postalAddress,
        String updateText,
        String referralCode,
        String friendLink,
        String surveyLink) {

    /** The fields of a message that carries no survey link. */
    TemplateFields(
            String recipientFirstName,
            String friendName,
            String rewardDescription,
            String practiceName,
            String optOutUrl,
            String postalAddress,
            String updateText,
            String referralCode,
            String friendLink) {
        this(
                recipientFirstName,
                friendName,
                rewardDescription,
                practiceName,
                optOutUrl,
                postalAddress,
                updateText,
                referralCode,
                friendLink,
                null);
    }

    /** The fields of a message that carries no referral code. */
    TemplateFields(
            String recipientFirstName,
            String friendName,
            String rewardDescription,
            String practiceName,
            String optOutUrl,
            String postalAddress,
            String updateText) {
        this(
                recipientFirstName,
                friendName,
                rewardDescription,
                practiceName,
                optOutUrl,
                postalAddress,
                updateText,
                null,
                null,
                null);
    }

    /** The fields by the names the templates use; a missing value is an empty string, so sections test it. */
    Map<String, Object> asContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("recipientFirstName", blank(recipientFirstName));
        context.put("friendName", blank(friendName));
        context.put("rewardDescription", blank(rewardDescription));
        context.put("practiceName", blank(practiceName));
        context.put("optOutUrl", blank(optOutUrl));
        context.put("postalAddress", blank(postalAddress));
        context.put("updateText", blank(updateText));
        context.put("referralCode", blank(referralCode));
        context.put("friendLink", blank(friendLink));
        context.put("surveyLink", blank(surveyLink));
        return context;
    }

    /** Values for checking a template once at startup. */
    static TemplateFields sample() {
        return new TemplateFields(
                "Sam",
                MessagePolicy.UNNAMED_FRIEND,
                "a $25 service credit",
                "Practice",
                "https://x/o",
                "1 Main St",
                "",
                "ABCD-2345",
                "https://x/r/ABCD-2345",
                "https://x/s/token");
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
