package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.referralbridge.conformance.ReferralCode;

/** A patient enrolled to refer others, with the referral code they hand out. */
@Entity
@Table(name = "advocate")
class Advocate {

    @Id
    private UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    private String patientId;

    @Column(name = "referral_code", nullable = false, updatable = false)
    private String referralCode;

    @Column(name = "enrolled_at", nullable = false, updatable = false)
    private Instant enrolledAt;

    @Column(name = "successful_referrals", nullable = false)
    private int successfulReferrals;

    @Version
    private long version;

    protected Advocate() {}

    private Advocate(String patientId, ReferralCode code, Instant enrolledAt) {
        this.id = UUID.randomUUID();
        this.patientId = patientId;
        this.referralCode = code.value();
        this.enrolledAt = enrolledAt;
    }

    static Advocate enrol(String patientId, ReferralCode code, Instant now) {
        return new Advocate(patientId, code, now);
    }

    UUID id() {
        return id;
    }

    String patientId() {
        return patientId;
    }

    ReferralCode code() {
        return new ReferralCode(referralCode);
    }

    Instant enrolledAt() {
        return enrolledAt;
    }

    /** How many of the patients they referred became successful referrals. */
    int successfulReferrals() {
        return successfulReferrals;
    }

    /**
     * One more patient they referred became a successful referral; the caller makes sure each referral counts once.
     *
     * @return the new count
     */
    int countSuccess() {
        return ++successfulReferrals;
    }

    /**
     * A successful referral of theirs was reversed (its qualifying Encounter withdrawn): it no longer counts; the
     * caller makes sure each reversal uncounts once.
     *
     * @return the new count
     */
    int uncountSuccess() {
        successfulReferrals = Math.max(0, successfulReferrals - 1);
        return successfulReferrals;
    }
}
