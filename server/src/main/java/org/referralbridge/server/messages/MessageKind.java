package org.referralbridge.server.messages;

import java.util.Arrays;
import java.util.Optional;

/**
 * The program's messages; the codes of the {@code referral-message-kind} CodeSystem and the names of their
 * templates.
 */
public enum MessageKind {
    /** To a referrer whose referral succeeded, when the program gives no reward item (thank-you only, or blocked). */
    REFERRER_THANK_YOU("referrer-thank-you"),
    /** To a referrer who earned a reward item (allowed, or reduced to a substitute). */
    REWARD_EARNED("reward-earned"),
    /** To a new patient linked to the advocate who referred them. */
    WELCOME("welcome"),
    /** News of the program, sent by a program admin to the patients listed. */
    PROGRAM_UPDATE("program-update"),
    /**
     * To an existing patient a program admin enrolled as an advocate from the launch page: the program, their referral
     * code and how to share it; no clinical details.
     */
    INVITATION("invitation"),
    /**
     * To an advocate with program-messages consent: the program-feedback survey, as a link to the practice's hosted
     * form ({@code /s/<token>}); sent by a program admin through {@link SurveyInvitations}.
     */
    SURVEY("survey");

    private final String code;

    MessageKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MessageKind> ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
