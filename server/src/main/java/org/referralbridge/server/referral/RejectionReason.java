package org.referralbridge.server.referral;

/**
 * Why a qualified referral earns nothing under its program's terms (status {@link ReferralStatus#REJECTED}); shown
 * to staff as is. The codes are those of the package's {@code referral-reason} CodeSystem.
 */
public enum RejectionReason {
    /** The referrer is on the program's staff exclusion list (a Patient id or an identifier). */
    REFERRER_IS_STAFF("The referrer is on the program's staff exclusion list."),
    /** The program requires the referrer to be an existing patient with a finished Encounter; they have none. */
    REFERRER_NOT_ELIGIBLE("The referrer has no finished Encounter, which the program requires of referrers."),
    /** The referred patient was a patient before the referral: a finished Encounter before it, or an advocate. */
    EXISTING_PATIENT("The referred patient was already a patient of the practice before the referral."),
    /** The program the referral falls under was not active on the day it qualified. */
    PROGRAM_INACTIVE("The referral's program was not active on the day the referral qualified."),
    /** The referrer already earned the most rewards the program allows in the period. */
    LIMIT_REACHED("The referrer already earned the most rewards the program allows in the period.");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
