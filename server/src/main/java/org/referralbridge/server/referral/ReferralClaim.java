package org.referralbridge.server.referral;

import java.time.Instant;

/**
 * Referral evidence found on a new patient's record, as the ingest module read it from the EHR.
 *
 * @param referredPatientId the new patient's id in the EHR
 * @param referralCode the code as the patient gave it, or null
 * @param referrerReference a referrer the EHR already names (e.g. {@code Patient/7}), or null
 * @param channel our referral-channel code, or null
 * @param capturedAt when the front desk or form captured it, or null
 */
public record ReferralClaim(
        String referredPatientId, String referralCode, String referrerReference, String channel, Instant capturedAt) {

    public ReferralClaim {
        if (referredPatientId == null || referredPatientId.isBlank()) {
            throw new IllegalArgumentException("a referral claim needs the referred patient's id");
        }
    }

    /** A code, a referrer, or at least a channel (a referral by channel, e.g. "I found you on Instagram"). */
    boolean hasEvidence() {
        return hasCode() || hasReferrer() || channel != null && !channel.isBlank();
    }

    boolean hasCode() {
        return referralCode != null && !referralCode.isBlank();
    }

    boolean hasReferrer() {
        return referrerReference != null && !referrerReference.isBlank();
    }
}
