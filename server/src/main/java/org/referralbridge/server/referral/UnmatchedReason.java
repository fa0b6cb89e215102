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
    /**
     * The advocate and the referred patient are the same person: the same Patient, Patients linked through
     * Patient.link, or Patients sharing an identifier.
     */
    SELF_REFERRAL("An advocate cannot refer themselves (the same Patient, linked Patients, or a shared identifier)."),
    /** Staff looked at the candidates for a referrer named by demographics and rejected them all. */
    REJECTED_BY_STAFF("Staff rejected every candidate for the referrer the patient named."),
    /**
     * The referred patient may be the advocate under another record (the same family name and birth date, phone or
     * email), and staff rejected the referral.
     */
    POSSIBLE_DUPLICATE("The referred patient may be the advocate under another record (same family name and birth"
            + " date, phone or email): staff rejected the referral.");

    private final String description;

    UnmatchedReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
