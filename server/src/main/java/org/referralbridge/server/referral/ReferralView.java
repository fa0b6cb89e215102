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
 * @param programKey the program the referral falls under: the one its evidence named, else the default program when
 *     it was recorded; null when no program was active then
 * @param rejectionReason why a qualified referral earns nothing under its program (status {@code REJECTED}), or null
 * @param settledAt when a qualified referral was settled: rejected, or counted as a success
 * @param rewardedAt when the rewards of a settled referral were recorded
 * @param reversalReason why a qualified referral was reversed (status {@code REVERSED}), or null
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
        String qualificationDescription,
        String programKey,
        RejectionReason rejectionReason,
        String rejectionDescription,
        Instant settledAt,
        Instant rewardedAt,
        ReversalReason reversalReason,
        String reversalDescription,
        Instant reversedAt) {

    static ReferralView of(Referral referral) {
        UnmatchedReason reason = referral.unmatchedReason().orElse(null);
        QualificationNote note = referral.qualificationNote().orElse(null);
        RejectionReason rejection = referral.rejectionReason().orElse(null);
        ReversalReason reversal = referral.reversalReason().orElse(null);
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
                note == null ? null : note.description(),
                referral.programKey(),
                rejection,
                rejection == null ? null : rejection.description(),
                referral.settledAt(),
                referral.rewardedAt(),
                reversal,
                reversal == null ? null : reversal.description(),
                referral.reversedAt());
    }
}
