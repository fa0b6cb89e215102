package org.referralbridge.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a referred patient heard about the practice: the codes of the {@code referral-channel} CodeSystem
 * ({@link org.referralbridge.conformance.Canonicals#REFERRAL_CHANNEL_CODE_SYSTEM}).
 */
public enum ReferralChannel {
    /** An existing patient (an advocate) referred them. */
    PATIENT("patient"),
    FRIEND_FAMILY("friend-family"),
    /** A health professional recommended the practice (a marketing mention, not a clinical ServiceRequest). */
    PROVIDER("provider"),
    CAMPAIGN("campaign"),
    WEB("web"),
    SOCIAL("social"),
    EVENT("event"),
    OTHER("other");

    private final String code;

    ReferralChannel(String code) {
        this.code = code;
    }

    /** The code as it appears in the CodeSystem and in mapping profiles. */
    public String code() {
        return code;
    }

    /** The channel with this code, ignoring case and surrounding blanks; empty for anything else. */
    public static Optional<ReferralChannel> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.code.equals(wanted)).findFirst();
    }
}
