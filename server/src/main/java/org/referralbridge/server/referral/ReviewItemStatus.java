package org.referralbridge.server.referral;

/** Where a review item stands; only an {@code OPEN} one can be decided. */
public enum ReviewItemStatus {
    /** Waiting for a front-desk decision. */
    OPEN,
    /** Staff confirmed one candidate: the referral is linked to them. */
    CONFIRMED,
    /** Staff rejected every candidate: the referral stays unmatched, {@code REJECTED_BY_STAFF} (a possible duplicate: {@code POSSIBLE_DUPLICATE}). */
    REJECTED,
    /** Later evidence linked the referral before anyone decided (e.g. the patient gave a referral code). */
    SUPERSEDED
}
