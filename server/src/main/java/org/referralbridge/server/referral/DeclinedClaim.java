package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A later claim that changed nothing, kept for staff: e.g. another advocate's code for a referral already linked
 * (first valid referral wins). Ids and codes only.
 */
@Entity
@Table(name = "declined_claim")
class DeclinedClaim {

    @Id
    private UUID id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    private UUID referralId;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DeclinedReason reason;

    @Column(name = "advocate_id", updatable = false)
    private UUID advocateId;

    @Column(name = "referral_code", updatable = false)
    private String referralCode;

    @Column(name = "referrer_reference", updatable = false)
    private String referrerReference;

    @Column(updatable = false)
    private String channel;

    @Column(name = "evidence_source", updatable = false)
    private String evidenceSource;

    @Column(name = "captured_at", updatable = false)
    private Instant capturedAt;

    @Column(name = "declined_at", nullable = false, updatable = false)
    private Instant declinedAt;

    protected DeclinedClaim() {}

    /** A claim naming {@code named} for a referral already attributed to another advocate. */
    static DeclinedClaim alreadyAttributed(Referral referral, ReferralClaim claim, Advocate named, Instant now) {
        DeclinedClaim declined = new DeclinedClaim();
        declined.id = UUID.randomUUID();
        declined.referralId = referral.id();
        declined.referredPatientId = referral.referredPatientId();
        declined.reason = DeclinedReason.ALREADY_ATTRIBUTED;
        declined.advocateId = named.id();
        declined.referralCode = claim.referralCode();
        declined.referrerReference = "Patient/" + named.patientId();
        declined.channel = claim.channel();
        declined.evidenceSource = claim.evidenceSource();
        declined.capturedAt = claim.capturedAt();
        declined.declinedAt = now;
        return declined;
    }

    /** Whether the two say the same (the same claim arriving again is kept once). */
    boolean sameAs(DeclinedClaim other) {
        return reason == other.reason
                && Objects.equals(advocateId, other.advocateId)
                && Objects.equals(referralCode, other.referralCode)
                && Objects.equals(channel, other.channel)
                && Objects.equals(evidenceSource, other.evidenceSource);
    }

    DeclinedReason reason() {
        return reason;
    }

    UUID advocateId() {
        return advocateId;
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

    String evidenceSource() {
        return evidenceSource;
    }

    Instant capturedAt() {
        return capturedAt;
    }

    Instant declinedAt() {
        return declinedAt;
    }
}
