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
 * with a reason; a linked one becomes qualified when its first qualifying Encounter finishes within its program's
 * window. First valid referral wins: an unmatched or channel-only referral is superseded by a later claim (the state it
 * replaces goes to the history), a linked or qualified one never is.
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

    @Column(name = "qualifying_encounter_id")
    private String qualifyingEncounterId;

    @Column(name = "qualified_at")
    private Instant qualifiedAt;

    @Column(name = "qualified_program_key")
    private String qualifiedProgramKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "qualification_note")
    private QualificationNote qualificationNote;

    @Column(name = "program_key")
    private String programKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    private RejectionReason rejectionReason;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "rewarded_at")
    private Instant rewardedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "reversal_reason")
    private ReversalReason reversalReason;

    @Column(name = "reversed_at")
    private Instant reversedAt;

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

    static Referral inReview(ReferralClaim claim, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.inReview(claim);
        return referral;
    }

    static Referral channelOnly(ReferralClaim claim, Instant now) {
        Referral referral = new Referral(claim, now);
        referral.byChannel(claim);
        return referral;
    }

    /**
     * Whether a later claim that does not link this referral must leave it as it is: its source ranks below the one
     * that recorded it in the mapping profile's precedence, or staff already rejected the candidates it names.
     */
    boolean outranks(ReferralClaim claim, ReferralStatus claimStatus) {
        if ((unmatchedReason == UnmatchedReason.REJECTED_BY_STAFF
                        || unmatchedReason == UnmatchedReason.POSSIBLE_DUPLICATE)
                && claimStatus == ReferralStatus.IN_REVIEW) {
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
                java.util.List.of(),
                programKey,
                null);
    }

    /** Whether a later claim may take this referral's place: only while no referrer is known (not linked, qualified). */
    boolean supersedable() {
        return status == ReferralStatus.UNMATCHED
                || status == ReferralStatus.CHANNEL_ONLY
                || status == ReferralStatus.IN_REVIEW;
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

    /** Like {@link #supersedeByLink}, for a later claim that names the referrer by demographics only. */
    SupersededReferral supersedeByReview(ReferralClaim claim, Instant now) {
        SupersededReferral replaced = replacedState(now);
        inReview(claim);
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

    private void inReview(ReferralClaim claim) {
        evidence(claim);
        status = ReferralStatus.IN_REVIEW;
        unmatchedReason = null;
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
        programKey = claim.programKey();
    }

    /**
     * Whether this referral is successful and not yet counted on its advocate. Under a program: qualified. With no
     * program active: linked, with a finished Encounter (what made a referral successful before programs existed).
     */
    boolean successDue(boolean underProgram) {
        if (successCountedAt != null) {
            return false;
        }
        return underProgram
                ? status == ReferralStatus.QUALIFIED
                : status == ReferralStatus.LINKED && firstEncounterAt != null;
    }

    /** Notes that the advocate's count includes this referral, so it is never counted twice. */
    void successCounted(boolean underProgram, Instant now) {
        if (!successDue(underProgram)) {
            throw new IllegalStateException("referral " + id + " is not a success waiting to be counted");
        }
        successCountedAt = now;
    }

    /**
     * Considers a finished Encounter of the referred patient for qualification under the program's success
     * definition: a linked referral qualifies when the Encounter is of a qualifying kind and finished within the
     * window counted from the referral (its captured time, else when it was recorded). A qualifying kind that finished
     * too late leaves it linked, noted {@link QualificationNote#QUALIFICATION_WINDOW_EXPIRED}.
     *
     * @return whether this Encounter qualified the referral
     */
    boolean considerForQualification(FinishedEncounter encounter, SuccessDefinition success, Instant now) {
        if (status != ReferralStatus.LINKED || !success.qualifyingKind(encounter)) {
            return false;
        }
        if (!success.withinWindow(referredAt(), encounter.finishedAt())) {
            qualificationNote = QualificationNote.QUALIFICATION_WINDOW_EXPIRED;
            return false;
        }
        status = ReferralStatus.QUALIFIED;
        qualificationNote = null;
        qualifyingEncounterId = encounter.encounterId();
        qualifiedProgramKey = success.programKey();
        qualifiedAt = now;
        return true;
    }

    /**
     * Settles a qualified referral that its program's terms exclude: it earns nothing and counts for nobody.
     *
     * @throws IllegalStateException unless it is qualified and not settled yet
     */
    void reject(RejectionReason reason, Instant now) {
        requireUnsettledQualified();
        status = ReferralStatus.REJECTED;
        rejectionReason = java.util.Objects.requireNonNull(reason, "reason");
        settledAt = now;
    }

    /**
     * Settles a qualified referral as a successful referral of its advocate (counted on them by the caller).
     *
     * @throws IllegalStateException unless it is qualified and not settled yet
     */
    void settleAsSuccess(Instant now) {
        requireUnsettledQualified();
        settledAt = now;
        successCountedAt = now;
    }

    /** Notes that the rewards this settled referral earns are recorded (whether it earned any), once. */
    boolean rewarded(Instant now) {
        if (rewardedAt != null) {
            return false;
        }
        rewardedAt = now;
        return true;
    }

    /**
     * Reverses a qualified referral whose qualifying Encounter was cancelled or entered in error.
     *
     * @return whether it was reversed now (false: another Encounter, or not qualified)
     */
    boolean reverseIfQualifiedBy(String encounterId, Instant now) {
        if (status != ReferralStatus.QUALIFIED || !encounterId.equals(qualifyingEncounterId)) {
            return false;
        }
        status = ReferralStatus.REVERSED;
        reversalReason = ReversalReason.QUALIFYING_ENCOUNTER_CANCELLED;
        reversedAt = now;
        return true;
    }

    private void requireUnsettledQualified() {
        if (status != ReferralStatus.QUALIFIED || settledAt != null) {
            throw new IllegalStateException("referral " + id + " is " + status + (settledAt != null ? ", settled" : "")
                    + ": only an unsettled qualified referral is settled");
        }
    }

    String programKey() {
        return programKey;
    }

    /**
     * Records the program the referral falls under when its evidence names none: the default program at the time it
     * is recorded, so that a later change of the default does not move it.
     */
    void fallsUnderIfNoneNamed(String defaultProgramKey) {
        if (programKey == null) {
            programKey = defaultProgramKey;
        }
    }

    Optional<RejectionReason> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }

    Instant settledAt() {
        return settledAt;
    }

    Instant rewardedAt() {
        return rewardedAt;
    }

    Optional<ReversalReason> reversalReason() {
        return Optional.ofNullable(reversalReason);
    }

    Instant reversedAt() {
        return reversedAt;
    }

    /** When the referral was made, for its qualification window: the evidence's time, else when it was recorded. */
    Instant referredAt() {
        return capturedAt != null ? capturedAt : recordedAt;
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

    String qualifyingEncounterId() {
        return qualifyingEncounterId;
    }

    Instant qualifiedAt() {
        return qualifiedAt;
    }

    String qualifiedProgramKey() {
        return qualifiedProgramKey;
    }

    Optional<QualificationNote> qualificationNote() {
        return Optional.ofNullable(qualificationNote);
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
