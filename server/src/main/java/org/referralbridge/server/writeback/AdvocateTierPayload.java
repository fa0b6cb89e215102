package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.UUID;

/**
 * What to write onto an advocate's Patient when they reached a tier: the tier, and the count of successful referrals
 * as of it; code and enrolment date make the whole extension if the EHR has none.
 */
record AdvocateTierPayload(
        UUID advocateId,
        String referralCode,
        Instant enrolledAt,
        Integer successfulReferrals,
        String tier,
        UUID writeId)
        implements WritePayload {

    @Override
    public void requireComplete() {
        WritePayload.require(advocateId, "advocateId");
        WritePayload.require(referralCode, "referralCode");
        WritePayload.require(enrolledAt, "enrolledAt");
        WritePayload.require(successfulReferrals, "successfulReferrals");
        WritePayload.require(tier, "tier");
        if (successfulReferrals < 0) {
            throw new IllegalArgumentException("successfulReferrals is negative");
        }
        if (tier.isBlank()) {
            throw new IllegalArgumentException("tier is blank");
        }
    }
}
