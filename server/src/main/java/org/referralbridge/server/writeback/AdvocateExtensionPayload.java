package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.UUID;

/** What to write onto an advocate's Patient: their referral code and enrolment date. */
record AdvocateExtensionPayload(UUID advocateId, String referralCode, Instant enrolledAt) {}
