package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review item as the API lists it: ids and scores, no demographics ({@link ReviewItemDetails} adds what the EHR
 * says of each candidate, for the front desk).
 *
 * @param kind why it waits for staff ({@code REFERRER_NAMED}, {@code POSSIBLE_DUPLICATE})
 * @param kindDescription the kind as staff read it
 * @param duplicateSignals for a possible duplicate, what matched (signal names, never values); else empty
 */
public record ReviewItemView(
        UUID id,
        UUID referralId,
        String referredPatientId,
        ReviewItemStatus status,
        List<ReviewCandidate> candidates,
        Instant createdAt,
        Instant decidedAt,
        String decidedBy,
        String chosenPatientId,
        ReviewItemKind kind,
        String kindDescription,
        List<DuplicateSignal> duplicateSignals) {

    static ReviewItemView of(ReviewItem item) {
        return new ReviewItemView(
                item.id(),
                item.referralId(),
                item.referredPatientId(),
                item.status(),
                item.candidates(),
                item.createdAt(),
                item.decidedAt(),
                item.decidedBy(),
                item.chosenPatientId(),
                item.kind(),
                item.kind().description(),
                item.duplicateSignals());
    }
}
