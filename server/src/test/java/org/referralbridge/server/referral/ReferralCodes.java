package org.referralbridge.server.referral;

import org.referralbridge.conformance.ReferralCode;

/** The check character, to build well-formed codes that no advocate holds. */
public final class ReferralCodes {

    private ReferralCodes() {}

    public static char checkCharacter(String payload) {
        return ReferralCode.checkCharacter(payload);
    }
}
