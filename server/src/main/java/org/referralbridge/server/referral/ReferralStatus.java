package org.referralbridge.server.referral;

/** Where a referral stands. */
public enum ReferralStatus {
    /** The new patient is linked to an enrolled advocate; never replaced by a later claim. */
    LINKED,
    /**
     * A linked referral whose first qualifying Encounter (the program's class codes and service lines) finished within
     * the program's window: a successful referral of its advocate. Never replaced by a later claim.
     */
    QUALIFIED,
    /**
     * The patient named a channel (e.g. social media, a campaign) but no referrer or code: a referral by channel,
     * counted in the channel metrics; a later valid referral supersedes it.
     */
    CHANNEL_ONLY,
    /**
     * Referral evidence was found but could not be attributed; {@link UnmatchedReason} says why. A later valid
     * referral supersedes it.
     */
    UNMATCHED,
    /**
     * The patient named the referrer by demographics only (free text, a name and birth date...): the EHR's candidates
     * wait for a front-desk decision on a review item. Confirming links it; rejecting leaves it unmatched
     * ({@link UnmatchedReason#REJECTED_BY_STAFF}); a later valid referral supersedes it.
     */
    IN_REVIEW,
    /**
     * A qualified referral that its program's terms exclude ({@link RejectionReason} says why: staff referrer, existing
     * patient, limit reached...): it earns nothing and counts for nobody. Never replaced by a later claim.
     */
    REJECTED,
    /**
     * A qualified referral whose qualifying Encounter was cancelled or entered in error ({@link ReversalReason}):
     * unissued rewards are voided, issued ones get a recorded correction. Never replaced by a later claim.
     */
    REVERSED;

    /** The status as the API's {@code ?status=} and the design name it, e.g. {@code channel-only}. */
    public String parameterValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
