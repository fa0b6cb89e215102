package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The referral of one new patient: linked to an advocate, or unmatched with a reason. */
@Entity
@Table(name = "referral")
class Referral {

    @Id
    private UUID id;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReferralStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "unmatched_reason")
    private UnmatchedReason unmatchedReason;

    @Column(name = "referral_code")
    private String referralCode;

    @Column(name = "advocate_id")
    private UUID advocateId;

    @Column(name = "referrer_reference")
    private String referrerReference;

    private String channel;

    @Column(name = "captured_at")
    private Instant capturedAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "first_encounter_id")
    private String firstEncounterId;

    @Column(name = "first_encounter_at")
    private Instant firstEncounterAt;

    @Version
    private long version;

    protected Referral() {}

    private Referral(ReferralClaim claim, Instant now) {
        this.id = UUID.randomUUID();
        this.referredPatientId = claim.referredPatientId();
        this.referralCode = claim.referralCode();
        this.channel = claim.channel();
        this.capturedAt = claim.capturedAt();
        this.recordedAt = now;
    }

    static Referral linked(ReferralClaim claim, Advocate advocate, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.status = ReferralStatus.LINKED;
        referral.advocateId = advocate.id();
        referral.referrerReference = "Patient/" + advocate.patientId();
        return referral;
    }

    static Referral unmatched(ReferralClaim claim, UnmatchedReason reason, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.status = ReferralStatus.UNMATCHED;
        referral.unmatchedReason = reason;
        referral.referrerReference = claim.referrerReference();
        return referral;
    }

    /**
     * Notes a finished Encounter of the referred patient; the earliest one is kept, whatever order they arrive in.
     *
     * @return whether this Encounter is now the first one
     */
    boolean encounterFinished(String encounterId, Instant finishedAt) {
        if (firstEncounterAt != null && !finishedAt.isBefore(firstEncounterAt)) {
            return false;
        }
        firstEncounterId = encounterId;
        firstEncounterAt = finishedAt;
        return true;
    }

    String firstEncounterId() {
        return firstEncounterId;
    }

    Instant firstEncounterAt() {
        return firstEncounterAt;
    }

    UUID id() {
        return id;
    }

    String referredPatientId() {
        return referredPatientId;
    }

    ReferralStatus status() {
        return status;
    }

    Optional<UnmatchedReason> unmatchedReason() {
        return Optional.ofNullable(unmatchedReason);
    }

    Optional<UUID> advocateId() {
        return Optional.ofNullable(advocateId);
    }

    String referralCode() {
        return referralCode;
    }

    String referrerReference() {
        return referrerReference;
    }

    String channel() {
        return channel;
    }

    Instant capturedAt() {
        return capturedAt;
    }

    Instant recordedAt() {
        return recordedAt;
    }
}
