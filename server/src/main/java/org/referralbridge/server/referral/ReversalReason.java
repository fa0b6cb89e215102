package org.referralbridge.server.referral;

/** Why a qualified referral was reversed (status {@link ReferralStatus#REVERSED}); a {@code referral-reason} code. */
public enum ReversalReason {
    /** The Encounter that qualified the referral became cancelled or entered-in-error in the EHR. */
    QUALIFYING_ENCOUNTER_CANCELLED(
            "The Encounter that qualified the referral was cancelled or entered in error in the EHR.");

    private final String description;

    ReversalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
