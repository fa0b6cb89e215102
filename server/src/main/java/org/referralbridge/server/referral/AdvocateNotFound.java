package org.referralbridge.server.referral;

/** No advocate holds a (well-formed) referral code. */
class AdvocateNotFound extends RuntimeException {

    AdvocateNotFound(ReferralCode code) {
        super("No advocate holds referral code " + code.display());
    }
}
