package org.referralbridge.server.referral;

/** A typed referral code that cannot be a referral code; the reason says how. */
class InvalidReferralCode extends RuntimeException {

    private final UnmatchedReason reason;

    InvalidReferralCode(UnmatchedReason reason) {
        super(reason.description());
        this.reason = reason;
    }

    UnmatchedReason reason() {
        return reason;
    }
}
