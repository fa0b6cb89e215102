package org.referralbridge.server.referral;

/** Where a referral stands. */
public enum ReferralStatus {
    /** The new patient is linked to an enrolled advocate. */
    LINKED,
    /** Referral evidence was found but could not be attributed; {@link UnmatchedReason} says why. */
    UNMATCHED
}
