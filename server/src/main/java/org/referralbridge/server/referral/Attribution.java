package org.referralbridge.server.referral;

/**
 * Who gets the credit for a claim: the status it gives the referral, the advocate when it links one, the reason
 * when it cannot.
 */
record Attribution(ReferralStatus status, Advocate advocate, UnmatchedReason reason) {

    static final Attribution CHANNEL_ONLY = new Attribution(ReferralStatus.CHANNEL_ONLY, null, null);
    static final Attribution IN_REVIEW = new Attribution(ReferralStatus.IN_REVIEW, null, null);

    static Attribution unmatched(UnmatchedReason reason) {
        return new Attribution(ReferralStatus.UNMATCHED, null, reason);
    }
}
