package org.referralbridge.server.referral;

/** Why referral evidence could not be attributed to an advocate; shown to staff as is. */
public enum UnmatchedReason {
    /** The code has the wrong length or characters no referral code contains. */
    MALFORMED_CODE("The referral code is not in the form of a referral code."),
    /** The code has the right shape but its check character does not match: most likely a typo. */
    BAD_CHECK_CHARACTER("The referral code's check character does not match: most likely a typo."),
    /** A well-formed code that no advocate holds. */
    UNKNOWN_CODE("No advocate holds this referral code."),
    /** The EHR names a referrer who is not enrolled as an advocate. */
    REFERRER_NOT_ADVOCATE("The referrer recorded in the EHR is not an enrolled advocate."),
    /** The advocate and the referred patient are the same person. */
    SELF_REFERRAL("An advocate cannot refer themselves."),
    /** The patient named the referrer by demographics only; the EHR's candidates wait for a staff decision. */
    AWAITING_REVIEW("The referrer was named by name or other details only: staff must confirm one of the candidates."),
    /** Staff looked at the candidates for a referrer named by demographics and rejected them all. */
    REJECTED_BY_STAFF("Staff rejected every candidate for the referrer the patient named.");

    private final String description;

    UnmatchedReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
