package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral as the API shows it: EHR ids and codes, no demographics.
 *
 * @param successCountedAt when this referral was counted as a successful referral of its advocate, or null
 * @param qualifyingEncounterId the Encounter that qualified it (status {@code QUALIFIED}), or null
 * @param qualifiedAt when it qualified, or null
 * @param qualifiedProgramKey the program under whose success definition it qualified, or null
 * @param qualificationNote why a linked referral with a finished Encounter is not qualified, or null
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
        Instant successCountedAt,
        String qualifyingEncounterId,
        Instant qualifiedAt,
        String qualifiedProgramKey,
        QualificationNote qualificationNote,
        String qualificationDescription) {

    static ReferralView of(Referral referral) {
        UnmatchedReason reason = referral.unmatchedReason().orElse(null);
        QualificationNote note = referral.qualificationNote().orElse(null);
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
                referral.successCountedAt(),
                referral.qualifyingEncounterId(),
                referral.qualifiedAt(),
                referral.qualifiedProgramKey(),
                note,
                note == null ? null : note.description());
    }
}
