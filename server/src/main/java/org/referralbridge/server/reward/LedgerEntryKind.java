package org.referralbridge.server.reward;

/** What a ledger row records. A void or a correction refers to the {@link #EARNED} entry it changes. */
public enum LedgerEntryKind {
    /** A reward earned for one referral under one reward rule (or tier) of a program: at most one per pair. */
    EARNED,
    /** The earned reward is taken back (the referral was reversed, staff voided it): it counts for nothing. */
    VOIDED,
    /** The earned reward is replaced by another item or value; the latest correction is what counts. */
    CORRECTION
}
