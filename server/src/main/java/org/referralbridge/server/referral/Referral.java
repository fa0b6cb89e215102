package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The current referral of one new patient: linked to an advocate, channel-only (a channel, no referrer), or unmatched
 * with a reason. First valid referral wins: an unmatched or channel-only referral is superseded by a later claim (the
 * state it replaces goes to the history), a linked one never is.
 */
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

    @Column(name = "evidence_source")
    private String evidenceSource;

    @Column(name = "evidence_rank")
    private Integer evidenceRank;

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

    @Column(name = "success_counted_at")
    private Instant successCountedAt;

    @Version
    private long version;

    protected Referral() {}

    private Referral(ReferralClaim claim, Instant now) {
        this.id = UUID.randomUUID();
        this.referredPatientId = claim.referredPatientId();
        this.recordedAt = now;
    }

    static Referral linked(ReferralClaim claim, Advocate advocate, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.link(claim, advocate);
        return referral;
    }

    static Referral unmatched(ReferralClaim claim, UnmatchedReason reason, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.unmatch(claim, reason);
        return referral;
    }

    static Referral channelOnly(ReferralClaim claim, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.byChannel(claim);
        return referral;
    }

    /** Whether a later claim may take this referral's place: only while no referrer is known. */
    /**
     * Whether a later claim that does not link this referral must leave it as it is: its source ranks below the one
     * that recorded it in the mapping profile's precedence, or staff already rejected the candidates it names.
     */
    boolean outranks(ReferralClaim claim, UnmatchedReason claimReason) {
        if (unmatchedReason == UnmatchedReason.REJECTED_BY_STAFF && claimReason == UnmatchedReason.AWAITING_REVIEW) {
            return true;
        }
        int rank = evidenceRank == null ? 0 : evidenceRank;
        return rank < claim.evidenceRank();
    }

    /** The evidence this referral holds, as a claim, for a staff decision that links it or leaves it unmatched. */
    ReferralClaim asClaim() {
        return new ReferralClaim(
                referredPatientId,
                referralCode,
                referrerReference,
                channel,
                capturedAt,
                evidenceSource,
                evidenceRank == null ? 0 : evidenceRank,
                java.util.List.of());
    }

    boolean supersedable() {
        return status == ReferralStatus.UNMATCHED || status == ReferralStatus.CHANNEL_ONLY;
    }

    /** Whether a claim attributed so says what this referral already does (so recording it changes nothing). */
    boolean says(ReferralStatus status, UnmatchedReason reason, ReferralClaim claim) {
        return this.status == status
                && unmatchedReason == reason
                && Objects.equals(referralCode, claim.referralCode())
                && Objects.equals(channel, claim.channel())
                && Objects.equals(referrerReference, claim.referrerReference());
    }

    /**
     * A later claim names a valid referrer: this referral becomes linked to them.
     *
     * @return the state it replaces, for the history
     * @throws IllegalStateException when a referrer is already known (first valid referral wins)
     */
    SupersededReferral supersedeByLink(ReferralClaim claim, Advocate advocate, Instant now) {
        SupersededReferral replaced = replacedState(now);
        link(claim, advocate);
        return replaced;
    }

    /** Like {@link #supersedeByLink}, for a later claim that is unmatched too, for another reason or code. */
    SupersededReferral supersedeByUnmatched(ReferralClaim claim, UnmatchedReason reason, Instant now) {
        SupersededReferral replaced = replacedState(now);
        unmatch(claim, reason);
        return replaced;
    }

    /** Like {@link #supersedeByLink}, for a later claim that names a channel and nothing else. */
    SupersededReferral supersedeByChannel(ReferralClaim claim, Instant now) {
        SupersededReferral replaced = replacedState(now);
        byChannel(claim);
        return replaced;
    }

    private SupersededReferral replacedState(Instant now) {
        if (!supersedable()) {
            throw new IllegalStateException("a " + status + " referral is never replaced");
        }
        return SupersededReferral.of(this, now);
    }

    private void link(ReferralClaim claim, Advocate advocate) {
        evidence(claim);
        status = ReferralStatus.LINKED;
        unmatchedReason = null;
        advocateId = advocate.id();
        referrerReference = "Patient/" + advocate.patientId();
    }

    private void unmatch(ReferralClaim claim, UnmatchedReason reason) {
        evidence(claim);
        status = ReferralStatus.UNMATCHED;
        unmatchedReason = reason;
        advocateId = null;
        referrerReference = claim.referrerReference();
    }

    private void byChannel(ReferralClaim claim) {
        evidence(claim);
        status = ReferralStatus.CHANNEL_ONLY;
        unmatchedReason = null;
        advocateId = null;
        referrerReference = null;
    }

    private void evidence(ReferralClaim claim) {
        evidenceSource = claim.evidenceSource();
        evidenceRank = claim.evidenceRank();
        referralCode = claim.referralCode();
        channel = claim.channel();
        capturedAt = claim.capturedAt();
    }

    /**
     * Whether this referral is successful and not yet counted on its advocate: linked, with a finished Encounter.
     * (Until the rewards rules define "qualified", a first finished Encounter makes a referral successful.)
     */
    boolean successDue() {
        return status == ReferralStatus.LINKED && firstEncounterAt != null && successCountedAt == null;
    }

    /** Notes that the advocate's count includes this referral, so it is never counted twice. */
    void successCounted(Instant now) {
        if (!successDue()) {
            throw new IllegalStateException("referral " + id + " is not a success waiting to be counted");
        }
        successCountedAt = now;
    }

    Instant successCountedAt() {
        return successCountedAt;
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
