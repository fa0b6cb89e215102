package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * An advocate's count of successful referrals changed: their record in the EHR should show the new count (the
 * {@code successfulReferrals} part of the {@code referral-advocate} extension). The code and enrolment date travel
 * along so the write-back can put the whole extension in place if the EHR lost it.
 *
 * @param successfulReferrals the count as of this change; a write-back of an older count never replaces a newer one
 */
public record AdvocateSuccessesCounted(
        UUID advocateId, String patientId, String referralCode, Instant enrolledAt, int successfulReferrals) {}
