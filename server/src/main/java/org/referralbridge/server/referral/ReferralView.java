package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral as the API shows it: EHR ids and codes, no demographics.
 *
 * @param successCountedAt when this referral was counted as a successful referral of its advocate, or null
 */
public record ReferralView(
        UUID id,
        String referredPatientId,
        ReferralStatus status,
        UnmatchedReason unmatchedReason,
        String unmatchedDescription,
        String referralCode,
        String referrerReference,
        UUID advocateId,
        String channel,
        Instant capturedAt,
        Instant recordedAt,
        String firstEncounterId,
        Instant firstEncounterAt,
        Instant successCountedAt) {

    static ReferralView of(Referral referral) {
        UnmatchedReason reason = referral.unmatchedReason().orElse(null);
        return new ReferralView(
                referral.id(),
                referral.referredPatientId(),
                referral.status(),
                reason,
                reason == null ? null : reason.description(),
                referral.referralCode(),
                referral.referrerReference(),
                referral.advocateId().orElse(null),
                referral.channel(),
                referral.capturedAt(),
                referral.recordedAt(),
                referral.firstEncounterId(),
                referral.firstEncounterAt(),
                referral.successCountedAt());
    }
}
