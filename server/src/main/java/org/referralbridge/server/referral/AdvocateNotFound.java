package org.referralbridge.server.referral;

import org.referralbridge.conformance.ReferralCode;

/** No advocate holds a (well-formed) referral code. */
class AdvocateNotFound extends RuntimeException {

    AdvocateNotFound(ReferralCode code) {
        super("No advocate holds referral code " + code.display());
    }
}
