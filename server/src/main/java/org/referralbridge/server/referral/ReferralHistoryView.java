package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of a referral before its current state, oldest first: each state a later claim superseded, and each
 * later claim that changed nothing (declined, with its reason). Ids and codes only, no demographics.
 */
public record ReferralHistoryView(UUID referralId, String referredPatientId, List<Entry> entries) {

    /** Whether an entry is a state the referral had, or a claim it declined. */
    public enum Kind {
        /** A state the referral had until a later claim superseded it. */
        SUPERSEDED,
        /** A later claim that changed nothing, e.g. another advocate's code for a referral already linked. */
        DECLINED
    }

    /**
     * @param at when it was superseded, or declined
     * @param status the state the referral had (for {@code SUPERSEDED}); null for {@code DECLINED}
     * @param reason its unmatched reason (for {@code SUPERSEDED}), or why the claim was declined; null when none
     * @param reasonDescription the reason as staff read it; null when none
     * @param advocateId the advocate a declined claim named; null otherwise
     * @param evidenceSource where a declined claim came from ({@code Patient}, {@code QuestionnaireResponse})
     */
    public record Entry(
            Kind kind,
            Instant at,
            ReferralStatus status,
            String reason,
            String reasonDescription,
            String referralCode,
            String referrerReference,
            UUID advocateId,
            String channel,
            Instant capturedAt,
            String evidenceSource) {

        static Entry of(SupersededReferral state) {
            UnmatchedReason reason = state.unmatchedReason();
            return new Entry(
                    Kind.SUPERSEDED,
                    state.supersededAt(),
                    state.status(),
                    reason == null ? null : reason.name(),
                    reason == null ? null : reason.description(),
                    state.referralCode(),
                    state.referrerReference(),
                    null,
                    state.channel(),
                    state.capturedAt(),
                    null);
        }

        static Entry of(DeclinedClaim claim) {
            return new Entry(
                    Kind.DECLINED,
                    claim.declinedAt(),
                    null,
                    claim.reason().name(),
                    claim.reason().description(),
                    claim.referralCode(),
                    claim.referrerReference(),
                    claim.advocateId(),
                    claim.channel(),
                    claim.capturedAt(),
                    claim.evidenceSource());
        }
    }
}
