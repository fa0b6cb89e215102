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
import java.util.List;
import java.util.UUID;

/**
 * A referrer named by demographics only, waiting for staff: the EHR's candidates as ids and scores. Names are never
 * stored here; they are read from the EHR when a front-desk user opens the item.
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
        item.createdAt = now;
        candidates.forEach(candidate -> item.candidates.add(new Candidate(candidate.patientId(), candidate.score())));
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
