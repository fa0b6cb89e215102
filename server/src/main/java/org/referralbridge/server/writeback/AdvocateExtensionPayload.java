package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.UUID;

/** What to write onto an advocate's Patient: their referral code and enrolment date. */
record AdvocateExtensionPayload(UUID advocateId, String referralCode, Instant enrolledAt, UUID writeId)
        implements WritePayload {

    @Override
    public void requireComplete() {
        WritePayload.require(advocateId, "advocateId");
        WritePayload.require(referralCode, "referralCode");
        WritePayload.require(enrolledAt, "enrolledAt");
    }
}
