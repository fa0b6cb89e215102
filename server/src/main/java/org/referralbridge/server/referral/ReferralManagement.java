package org.referralbridge.server.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.referralbridge.conformance.ReferralCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrols advocates and records referrals. Every change and the events it publishes (which the write-back module
 * turns into outbox rows) commit in one transaction; calls to the EHR happen outside of it.
 */
@Service
public class ReferralManagement {

    private static final Logger log = LoggerFactory.getLogger(ReferralManagement.class);
    private static final int CODE_ATTEMPTS = 10;

    private final Advocates advocates;
    private final Referrals referrals;
    private final SupersededReferrals history;
    private final ReviewItems reviewItems;
    private final Attributions attributions;
    private final ClaimScreening screening;
    private final EhrPatients ehrPatients;
    private final SuccessDefinitions successDefinitions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RandomGenerator random;

    ReferralManagement(
            Advocates advocates,
            Referrals referrals,
            SupersededReferrals history,
            ReviewItems reviewItems,
            Attributions attributions,
            ClaimScreening screening,
            EhrPatients ehrPatients,
            SuccessDefinitions successDefinitions,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.advocates = advocates;
        this.referrals = referrals;
        this.history = history;
        this.reviewItems = reviewItems;
        this.attributions = attributions;
        this.screening = screening;
        this.ehrPatients = ehrPatients;
        this.successDefinitions = successDefinitions;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.random = new java.security.SecureRandom();
    }

    /**
     * Enrols an existing EHR patient as an advocate; enrolling an advocate again returns their enrolment.
     *
     * @throws PatientNotFound when the EHR has no such patient
     */
    public Enrolment enrol(String patientId) {
        Optional<Advocate> existing = advocates.findByPatientId(patientId);
        if (existing.isPresent()) {
            return new Enrolment(AdvocateView.of(existing.get()), false);
        }
        if (!ehrPatients.exists(patientId)) {
            throw new PatientNotFound(patientId);
        }
        try {
            return transactions.execute(status -> {
                Advocate advocate = advocates.save(Advocate.enrol(patientId, unusedCode(), clock.instant()));
                events.publishEvent(new AdvocateEnrolled(
                        advocate.id(), patientId, advocate.code().display(), advocate.enrolledAt()));
                log.info("Enrolled Patient/{} as advocate {}", patientId, advocate.id());
                return new Enrolment(AdvocateView.of(advocate), true);
            });
        } catch (DataIntegrityViolationException raced) {
            // a concurrent request enrolled the same patient first
            return advocates
                    .findByPatientId(patientId)
                    .map(advocate -> new Enrolment(AdvocateView.of(advocate), false))
                    .orElseThrow(() -> raced);
        }
    }

    /**
     * Looks an advocate up by a code as a person typed it.
     *
     * @throws InvalidReferralCode when the text cannot be a referral code
     * @throws AdvocateNotFound when no advocate holds it
     */
    public AdvocateView advocate(String typedCode) {
        ReferralCode code = validCode(typedCode);
        return advocates
                .findByReferralCode(code.value())
                .map(AdvocateView::of)
                .orElseThrow(() -> new AdvocateNotFound(code));
    }

    /**
     * Whom a referral code as a person typed it would link to; reads only.
     *
     * @return the advocate, or why the code links nobody
     */
    public CodeLookup lookUpCode(String typedCode) {
        ReferralCode.Parsed parsed = ReferralCode.parse(typedCode);
        if (parsed instanceof ReferralCode.Parsed.Valid valid) {
            return advocates
                    .findByReferralCode(valid.normalized())
                    .map(advocate -> new CodeLookup(Optional.of(AdvocateView.of(advocate)), null))
                    .orElseGet(() -> new CodeLookup(Optional.empty(), UnmatchedReason.UNKNOWN_CODE));
        }
        return new CodeLookup(
                Optional.empty(),
                parsed instanceof ReferralCode.Parsed.BadCheckCharacter
                        ? UnmatchedReason.BAD_CHECK_CHARACTER
                        : UnmatchedReason.MALFORMED_CODE);
    }

    /** @param unmatched why the code links nobody, when it does not */
    public record CodeLookup(Optional<AdvocateView> advocate, UnmatchedReason unmatched) {}

    /** Whether the patient's referral already names its referrer (linked or qualified): a later claim changes nothing. */
    public boolean isLinked(String referredPatientId) {
        return referrals
                .findByReferredPatientId(referredPatientId)
                .map(referral -> !referral.supersedable())
                .orElse(false);
    }

    /** Whether a program's success definition applies today: then a referral succeeds by qualifying. */
    public boolean qualificationApplies() {
        return successDefinitions.current().isPresent();
    }

    /** The advocate enrolment of an EHR patient, if they are one; reads only. */
    public Optional<AdvocateView> advocateOfPatient(String patientId) {
        return advocates.findByPatientId(patientId).map(AdvocateView::of);
    }

    /**
     * Records the referral of a new patient from the evidence on their record. First valid referral wins: a linked
     * referral is never replaced, while an unmatched or channel-only one is superseded by a later claim that says
     * something else (the state it replaces is kept in the history), so a corrected code still links the patient.
     * A claim naming an advocate who is the patient themself (the same Patient, linked Patients, a shared identifier)
     * is unmatched, {@code SELF_REFERRAL}; one who may be the patient under another record waits for staff
     * (a {@code POSSIBLE_DUPLICATE} review item); a claim naming another advocate for a referral that already names its
     * referrer is kept as declined, {@code ALREADY_ATTRIBUTED}.
     *
     * @return empty when the claim carries no referral evidence at all
     * @throws EhrPatients.EhrUnreachable when the EHR cannot answer the identity checks now
     */
    public Optional<ReferralRecording> record(ReferralClaim claim) {
        if (!claim.hasEvidence()) {
            return Optional.empty();
        }
        // the EHR is read before the transaction, which holds the referral's lock
        Map<String, IdentityCheck> identities = screening.identities(claim);
        try {
            return Optional.of(transactions.execute(status -> recordInTransaction(claim, identities)));
        } catch (DataIntegrityViolationException raced) {
            // another worker recorded this patient's first referral at the same moment: record against theirs
            return Optional.of(transactions.execute(status -> recordInTransaction(claim, identities)));
        }
    }

    /**
     * A referred patient's Encounter finished, its kind unknown: see {@link #encounterFinished(String,
     * FinishedEncounter)}; under a program with class codes or service lines, it cannot qualify.
     */
    public Optional<ReferralView> encounterFinished(String patientId, String encounterId, Instant finishedAt) {
        return encounterFinished(patientId, new FinishedEncounter(encounterId, finishedAt, null, null));
    }

    /**
     * A referred patient's Encounter finished: the referral keeps the earliest one (for "days to first visit"). Under
     * the program that applies (the one its evidence names, else the default), a linked referral qualifies by its
     * first qualifying Encounter within the program's window; {@link ReferralSettlement} then checks the program's
     * terms and counts it for its advocate. With no program active, a linked referral's first finished Encounter
     * makes it a successful referral, counted once. An Encounter of a patient without a referral changes nothing;
     * recording the referral later looks the Encounters up again.
     *
     * @return the referral, when the patient has one
     */
    public Optional<ReferralView> encounterFinished(String patientId, FinishedEncounter encounter) {
        return transactions.execute(status -> referrals
                .lockByReferredPatientId(patientId)
                .map(referral -> {
                    if (referral.encounterFinished(encounter.encounterId(), encounter.finishedAt())) {
                        log.info("Referred Patient/{} had a finished Encounter/{}", patientId, encounter.encounterId());
                    }
                    Optional<SuccessDefinition> success = successDefinitions.forProgram(referral.programKey());
                    if (success.isPresent()) {
                        // under a program, the success is counted when the referral is settled
                        qualifyIfDue(referral, encounter, success.get());
                    } else {
                        countSuccessIfDue(referral, false);
                    }
                    return ReferralView.of(referral);
                }));
    }

    private void qualifyIfDue(Referral referral, FinishedEncounter encounter, SuccessDefinition success) {
        if (referral.considerForQualification(encounter, success, clock.instant())) {
            events.publishEvent(new ReferralQualified(
                    referral.id(),
                    referral.referredPatientId(),
                    referral.advocateId().orElseThrow(),
                    encounter.encounterId(),
                    success.programKey()));
            log.info(
                    "Referral of Patient/{} qualified by Encounter/{} under program {}",
                    referral.referredPatientId(),
                    encounter.encounterId(),
                    success.programKey());
        } else if (referral.qualificationNote().isPresent() && referral.status() == ReferralStatus.LINKED) {
            log.info(
                    "Referral of Patient/{} not qualified by Encounter/{}: {}",
                    referral.referredPatientId(),
                    encounter.encounterId(),
                    referral.qualificationNote().get());
        }
    }

    /** Enrolled advocates, a page at a time (the front desk's list); reads only. */
    public Page<AdvocateView> advocates(Pageable page) {
        return advocates.findAll(page).map(AdvocateView::of);
    }

    public Page<ReferralView> referrals(ReferralStatus status, Pageable page) {
        Page<Referral> found = status == null ? referrals.findAll(page) : referrals.findByStatus(status, page);
        return found.map(ReferralView::of);
    }

    private ReferralRecording recordInTransaction(ReferralClaim claim, Map<String, IdentityCheck> identities) {
        Optional<Referral> existing = referrals.lockByReferredPatientId(claim.referredPatientId());
        if (existing.isPresent() && !existing.get().supersedable()) {
            screening.declineIfItNamesAnother(existing.get(), claim);
            return new ReferralRecording(ReferralView.of(existing.get()), false);
        }
        Attribution attribution = attributions.attribute(claim, identities);
        if (existing.isPresent()
                && (existing.get().says(attribution.status(), attribution.reason(), claim)
                        || attribution.status() != ReferralStatus.LINKED
                                && existing.get().outranks(claim, attribution.status()))) {
            return new ReferralRecording(ReferralView.of(existing.get()), false);
        }
        Referral referral =
                existing.isPresent() ? supersede(existing.get(), claim, attribution) : create(claim, attribution);
        referral.fallsUnderIfNoneNamed(
                successDefinitions.current().map(SuccessDefinition::programKey).orElse(null));
        announce(referral, claim, attribution);
        return new ReferralRecording(ReferralView.of(referral), true);
    }

    /** Publishes what became of the referral, and opens or closes its review item. */
    void announce(Referral referral, ReferralClaim claim, Attribution attribution) {
        Instant now = clock.instant();
        List<ReviewItem> open = reviewItems.findByReferralIdAndStatus(referral.id(), ReviewItemStatus.OPEN);
        if (referral.status() != ReferralStatus.IN_REVIEW) {
            open.forEach(item -> item.supersede(now));
        }
        switch (referral.status()) {
            case LINKED -> {
                Advocate advocate = attribution.advocate();
                events.publishEvent(new ReferralLinked(
                        referral.id(), claim.referredPatientId(), advocate.id(), advocate.patientId()));
                log.info("Linked Patient/{} to advocate {}", claim.referredPatientId(), advocate.id());
                // under a program, qualification needs the Encounter's kind: ingest looks the Encounters up again
                if (successDefinitions.forProgram(referral.programKey()).isEmpty()) {
                    countSuccessIfDue(referral, false);
                }
            }
            case IN_REVIEW -> {
                open.forEach(item -> item.supersede(now));
                if (attribution.possibleDuplicate()) {
                    ReviewItem item = reviewItems.save(ReviewItem.possibleDuplicate(
                            referral, attribution.advocate().patientId(), attribution.duplicateSignals(), now));
                    log.info(
                            "Referral of Patient/{} waits for staff: it may be advocate {} under another record ({}),"
                                    + " review item {}",
                            claim.referredPatientId(),
                            attribution.advocate().id(),
                            item.duplicateSignals(),
                            item.id());
                } else {
                    ReviewItem item = reviewItems.save(ReviewItem.open(referral, claim.candidates(), now));
                    log.info(
                            "Referral of Patient/{} waits for staff: review item {} with {} candidate(s)",
                            claim.referredPatientId(),
                            item.id(),
                            claim.candidates().size());
                }
            }
            case UNMATCHED -> {
                events.publishEvent(
                        new ReferralUnmatched(referral.id(), claim.referredPatientId(), attribution.reason()));
                log.info("Referral of Patient/{} is unmatched: {}", claim.referredPatientId(), attribution.reason());
            }
            case CHANNEL_ONLY ->
                log.info("Patient/{} was referred by channel {}", claim.referredPatientId(), claim.channel());
            case QUALIFIED, REJECTED, REVERSED ->
                throw new IllegalStateException("a claim never makes a referral " + referral.status());
        }
    }

    private Referral create(ReferralClaim claim, Attribution attribution) {
        Instant now = clock.instant();
        return referrals.save(
                switch (attribution.status()) {
                    case LINKED -> Referral.linked(claim, attribution.advocate(), now);
                    case UNMATCHED -> Referral.unmatched(claim, attribution.reason(), now);
                    case CHANNEL_ONLY -> Referral.channelOnly(claim, now);
                    case IN_REVIEW -> Referral.inReview(claim, now);
                    case QUALIFIED, REJECTED, REVERSED ->
                        throw new IllegalStateException("a claim never makes a referral " + attribution.status());
                });
    }

    Referral supersede(Referral referral, ReferralClaim claim, Attribution attribution) {
        Instant now = clock.instant();
        SupersededReferral replaced = switch (attribution.status()) {
            case LINKED -> referral.supersedeByLink(claim, attribution.advocate(), now);
            case UNMATCHED -> referral.supersedeByUnmatched(claim, attribution.reason(), now);
            case CHANNEL_ONLY -> referral.supersedeByChannel(claim, now);
            case IN_REVIEW -> referral.supersedeByReview(claim, now);
            case QUALIFIED, REJECTED, REVERSED ->
                throw new IllegalStateException("a claim never makes a referral " + attribution.status());
        };
        history.save(replaced);
        log.info(
                "Referral of Patient/{} was {}, a later claim supersedes it",
                claim.referredPatientId(),
                replaced.status());
        return referral;
    }

    /**
     * Counts a successful referral (qualified under a program; else linked with a finished Encounter) on its advocate,
     * once, and tells the EHR the new count. The advocate is locked meanwhile, so successes of two referred patients
     * counted at once both count.
     */
    private void countSuccessIfDue(Referral referral, boolean underProgram) {
        if (!referral.successDue(underProgram)) {
            return;
        }
        Advocate advocate = advocates
                .lockById(referral.advocateId().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("referral " + referral.id() + " has no advocate"));
        int count = advocate.countSuccess();
        referral.successCounted(underProgram, clock.instant());
        events.publishEvent(new AdvocateSuccessesCounted(
                advocate.id(), advocate.patientId(), advocate.code().display(), advocate.enrolledAt(), count));
        log.info("Advocate {} has {} successful referral(s)", advocate.id(), count);
    }

    private ReferralCode unusedCode() {
        for (int i = 0; i < CODE_ATTEMPTS; i++) {
            ReferralCode candidate = ReferralCode.generate(random);
            if (!advocates.existsByReferralCode(candidate.value())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no unused referral code found in " + CODE_ATTEMPTS + " attempts");
    }

    private static ReferralCode validCode(String typedCode) {
        ReferralCode.Parsed parsed = ReferralCode.parse(typedCode);
        if (parsed instanceof ReferralCode.Parsed.Valid valid) {
            return valid.code();
        }
        throw new InvalidReferralCode(
                parsed instanceof ReferralCode.Parsed.BadCheckCharacter
                        ? UnmatchedReason.BAD_CHECK_CHARACTER
                        : UnmatchedReason.MALFORMED_CODE);
    }
}
