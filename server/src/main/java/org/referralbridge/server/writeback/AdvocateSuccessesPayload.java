package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.UUID;

/**
 * What to write onto an advocate's Patient when their count of successful referrals changed; code and enrolment
 * date make the whole extension if the EHR has none.
 */
record AdvocateSuccessesPayload(
        UUID advocateId, String referralCode, Instant enrolledAt, Integer successfulReferrals, UUID writeId)
        implements WritePayload {

    @Override
    public void requireComplete() {
        WritePayload.require(advocateId, "advocateId");
        WritePayload.require(referralCode, "referralCode");
        WritePayload.require(enrolledAt, "enrolledAt");
        WritePayload.require(successfulReferrals, "successfulReferrals");
        if (successfulReferrals < 0) {
            throw new IllegalArgumentException("successfulReferrals is negative");
        }
    }
}
