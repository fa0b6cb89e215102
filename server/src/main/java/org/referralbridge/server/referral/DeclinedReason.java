package org.referralbridge.server.referral;

/** Why a claim was recorded but changed nothing; shown to staff as is (codes of the referral-reason system). */
public enum DeclinedReason {
    /** The referral already names its referrer: the first valid referral wins. */
    ALREADY_ATTRIBUTED("The referred patient was already attributed to an advocate by an earlier valid referral: the"
            + " first valid referral wins.");

    private final String description;

    DeclinedReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
