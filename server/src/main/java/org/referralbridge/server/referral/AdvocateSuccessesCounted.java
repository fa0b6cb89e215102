package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * An advocate's count of successful referrals changed: their record in the EHR should show the new count (the
 * {@code successfulReferrals} part of the {@code referral-advocate} extension). The code and enrolment date travel
 * along so the write-back can put the whole extension in place if the EHR lost it.
 *
 * @param successfulReferrals the count as of this change (it drops when a counted referral is reversed); the
 *     write-back writes the advocate's count as it is when it writes, so rows written out of order end on the latest
 * @param cause what lowered the count (e.g. {@code reversal-of:<referral id>}), null when a success raised it: the
 *     write-back queues one row per count and cause, so a replayed event queues nothing and a count reached again
 *     after a reversal is still written
 */
public record AdvocateSuccessesCounted(
        UUID advocateId,
        String patientId,
        String referralCode,
        Instant enrolledAt,
        int successfulReferrals,
        String cause) {

    /** A success raised the count. */
    public AdvocateSuccessesCounted(
            UUID advocateId, String patientId, String referralCode, Instant enrolledAt, int successfulReferrals) {
        this(advocateId, patientId, referralCode, enrolledAt, successfulReferrals, null);
    }
}
