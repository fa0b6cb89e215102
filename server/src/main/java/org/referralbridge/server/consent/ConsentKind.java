package org.referralbridge.server.consent;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of consent the program asks for; the codes of the {@code referral-consent-kind} CodeSystem. */
public enum ConsentKind {
    /** The referred patient lets the practice tell the referrer (the consent's actor) that they became a patient. */
    REFERRAL_DISCLOSURE("referral-disclosure"),
    /** An advocate lets the practice name them publicly, on the channels listed (newsletter, social media, office). */
    REFERRER_RECOGNITION("referrer-recognition"),
    /** A patient accepts program messages on one channel (email, SMS); SMS needs a written opt-in. */
    PROGRAM_MESSAGES("program-messages");

    private final String code;

    ConsentKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ConsentKind> ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
