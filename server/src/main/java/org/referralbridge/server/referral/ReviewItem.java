package org.referralbridge.server.referral;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A referral waiting for staff: a referrer named by demographics only (the EHR's candidates as ids and scores), or a
 * possible duplicate identity (the one candidate is the advocate the claim names, who may be the referred patient
 * under another record; which signals matched, never their values). Names are never stored here; they are read from
 * the EHR when a front-desk user opens the item.
 */
@Entity
@Table(name = "review_item")
class ReviewItem {

    @Id
    private UUID id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    private UUID referralId;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReviewItemStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ReviewItemKind kind;

    /** The {@link DuplicateSignal} names of a possible duplicate, comma-separated; null for another kind. */
    @Column(name = "duplicate_signals", updatable = false)
    private String duplicateSignals;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "chosen_patient_id")
    private String chosenPatientId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_candidate", joinColumns = @JoinColumn(name = "review_item_id"))
    @OrderColumn(name = "candidate_index")
    private List<Candidate> candidates = new ArrayList<>();

    @Version
    private long version;

    protected ReviewItem() {}

    static ReviewItem open(Referral referral, List<ReviewCandidate> candidates, Instant now) {
        ReviewItem item = new ReviewItem();
        item.id = UUID.randomUUID();
        item.referralId = referral.id();
        item.referredPatientId = referral.referredPatientId();
        item.status = ReviewItemStatus.OPEN;
        item.kind = ReviewItemKind.REFERRER_NAMED;
        item.createdAt = now;
        candidates.forEach(candidate -> item.candidates.add(new Candidate(candidate.patientId(), candidate.score())));
        return item;
    }

    /**
     * The referred patient may be the advocate (Patient {@code advocatePatientId}) under another record: staff say
     * whether they are different people. The advocate is the one candidate, with the highest score.
     */
    static ReviewItem possibleDuplicate(
            Referral referral, String advocatePatientId, Set<DuplicateSignal> signals, Instant now) {
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("a possible duplicate needs what makes it one");
        }
        ReviewItem item = open(referral, List.of(new ReviewCandidate(advocatePatientId, 100)), now);
        item.kind = ReviewItemKind.POSSIBLE_DUPLICATE;
        item.duplicateSignals = signals.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        return item;
    }

    boolean isCandidate(String patientId) {
        return candidates.stream().anyMatch(candidate -> candidate.patientId.equals(patientId));
    }

    void confirm(String patientId, String actor, Instant now) {
        decide(ReviewItemStatus.CONFIRMED, actor, now);
        chosenPatientId = patientId;
    }

    void reject(String actor, Instant now) {
        decide(ReviewItemStatus.REJECTED, actor, now);
    }

    /** Later evidence linked the referral: nobody needs to decide any more. */
    void supersede(Instant now) {
        decide(ReviewItemStatus.SUPERSEDED, "system", now);
    }

    private void decide(ReviewItemStatus decision, String actor, Instant now) {
        if (status != ReviewItemStatus.OPEN) {
            throw new ReviewItemDecided(id, status);
        }
        status = decision;
        decidedBy = actor;
        decidedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID referralId() {
        return referralId;
    }

    String referredPatientId() {
        return referredPatientId;
    }

    ReviewItemStatus status() {
        return status;
    }

    ReviewItemKind kind() {
        return kind == null ? ReviewItemKind.REFERRER_NAMED : kind;
    }

    /** What makes a possible duplicate one, in a stable order; empty for another kind. */
    List<DuplicateSignal> duplicateSignals() {
        if (duplicateSignals == null || duplicateSignals.isBlank()) {
            return List.of();
        }
        return Arrays.stream(duplicateSignals.split(","))
                .map(DuplicateSignal::valueOf)
                .toList();
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String decidedBy() {
        return decidedBy;
    }

    String chosenPatientId() {
        return chosenPatientId;
    }

    List<ReviewCandidate> candidates() {
        return candidates.stream()
                .map(candidate -> new ReviewCandidate(candidate.patientId, candidate.score))
                .toList();
    }

    @Embeddable
    static class Candidate {

        @Column(name = "patient_id", nullable = false)
        private String patientId;

        @Column(nullable = false)
        private int score;

        protected Candidate() {}

        Candidate(String patientId, int score) {
            this.patientId = patientId;
            this.score = score;
        }
    }
}
