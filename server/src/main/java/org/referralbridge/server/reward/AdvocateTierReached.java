package org.referralbridge.server.reward;

import java.time.Instant;
import java.util.UUID;

/**
 * An advocate reached a tier of a tiered program: their record in the EHR should show it (the {@code tier} part of
 * the {@code referral-advocate} extension). Code and enrolment date travel along, as with the success count, so the
 * whole extension can be put back if the EHR lost it.
 *
 * @param tier what staff read, e.g. {@code friends-and-family: 3 in 2026}
 * @param successfulReferrals the advocate's successful referrals as of this tier
 */
public record AdvocateTierReached(
        UUID advocateId,
        String patientId,
        String referralCode,
        Instant enrolledAt,
        int successfulReferrals,
        String tier) {}
