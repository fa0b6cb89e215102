package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A state a referral had until a later claim superseded it (e.g. an unknown code the front desk then corrected). */
@Entity
@Table(name = "referral_history")
class SupersededReferral {

    @Id
    private UUID id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    private UUID referralId;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ReferralStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "unmatched_reason", updatable = false)
    private UnmatchedReason unmatchedReason;

    @Column(name = "referral_code", updatable = false)
    private String referralCode;

    @Column(name = "referrer_reference", updatable = false)
    private String referrerReference;

    @Column(updatable = false)
    private String channel;

    @Column(name = "captured_at", updatable = false)
    private Instant capturedAt;

    @Column(name = "superseded_at", nullable = false, updatable = false)
    private Instant supersededAt;

    protected SupersededReferral() {}

    static SupersededReferral of(Referral referral, Instant supersededAt) {
        SupersededReferral state = new SupersededReferral();
        state.id = UUID.randomUUID();
        state.referralId = referral.id();
        state.referredPatientId = referral.referredPatientId();
        state.status = referral.status();
        state.unmatchedReason = referral.unmatchedReason().orElse(null);
        state.referralCode = referral.referralCode();
        state.referrerReference = referral.referrerReference();
        state.channel = referral.channel();
        state.capturedAt = referral.capturedAt();
        state.supersededAt = supersededAt;
        return state;
    }

    UUID referralId() {
        return referralId;
    }

    ReferralStatus status() {
        return status;
    }

    UnmatchedReason unmatchedReason() {
        return unmatchedReason;
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

    Instant supersededAt() {
        return supersededAt;
    }
}
