package org.referralbridge.server.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a referral after it qualified under a program: it is settled once, either rejected by the
 * program's terms or counted as a successful referral of its advocate; the rewards it earns are then recorded (by the
 * reward module, under the advocate's lock); and it is reversed when its qualifying Encounter is cancelled. The
 * program's rules themselves live elsewhere: this class only keeps the referral's state consistent.
 */
@Service
public class ReferralSettlement {

    private static final Logger log = LoggerFactory.getLogger(ReferralSettlement.class);

    private final Referrals referrals;
    private final Advocates advocates;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReferralSettlement(
            Referrals referrals,
            Advocates advocates,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.referrals = referrals;
        this.advocates = advocates;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * A referral as settlement sees it: ids, codes and times, no demographics.
     *
     * @param programKey the program the evidence named, or null (the default applies)
     * @param qualifiedProgramKey the program whose success definition qualified it
     * @param referredAt when the referral was made (evidence time, else when recorded)
     * @param capturedAt the evidence's own time, or null
     * @param referredAdvocateSince when the referred patient enrolled as an advocate themselves, or null
     */
    public record Case(
            UUID referralId,
            ReferralStatus status,
            String referredPatientId,
            UUID advocateId,
            String advocatePatientId,
            String advocateCode,
            Instant advocateEnrolledAt,
            String programKey,
            String qualifiedProgramKey,
            Instant referredAt,
            Instant capturedAt,
            Instant qualifiedAt,
            String qualifyingEncounterId,
            Instant settledAt,
            Instant successCountedAt,
            Instant rewardedAt,
            Instant referredAdvocateSince) {

        /** Qualified and not yet settled: its program's terms are still to be checked. */
        public boolean awaitsSettlement() {
            return status == ReferralStatus.QUALIFIED && settledAt == null;
        }

        /** Settled as a success, its rewards not recorded yet. */
        public boolean awaitsRewards() {
            return status == ReferralStatus.QUALIFIED && settledAt != null && rewardedAt == null;
        }
    }

    public Optional<Case> caseOf(UUID referralId) {
        return transactions.execute(status -> referrals.findById(referralId).map(this::caseOf));
    }

    /** Qualified referrals whose settlement or rewards are still to be recorded, oldest first. */
    public List<UUID> awaiting(int max) {
        return transactions.execute(
                status -> referrals.findUnrewarded(ReferralStatus.QUALIFIED, PageRequest.of(0, max)));
    }

    /**
     * Rejects an unsettled qualified referral under its program's terms; a referral settled meanwhile (another worker)
     * stays as that worker left it.
     */
    public Optional<Case> reject(UUID referralId, RejectionReason reason) {
        return transactions.execute(status -> referrals.lockById(referralId).map(referral -> {
            if (referral.status() == ReferralStatus.QUALIFIED && referral.settledAt() == null) {
                referral.reject(reason, clock.instant());
                log.info("Referral {} of Patient/{} rejected: {}", referralId, referral.referredPatientId(), reason);
            }
            return caseOf(referral);
        }));
    }

    /**
     * Settles an unsettled qualified referral as a successful referral of its advocate, counted on them once (the
     * advocate is locked meanwhile) and told to the EHR.
     */
    public Optional<Case> settleAsSuccess(UUID referralId) {
        return transactions.execute(status -> referrals.lockById(referralId).map(referral -> {
            if (referral.status() == ReferralStatus.QUALIFIED && referral.settledAt() == null) {
                Advocate advocate = lockedAdvocate(referral);
                int count = advocate.countSuccess();
                referral.settleAsSuccess(clock.instant());
                events.publishEvent(new AdvocateSuccessesCounted(
                        advocate.id(), advocate.patientId(), advocate.code().display(), advocate.enrolledAt(), count));
                log.info(
                        "Referral {} settled: advocate {} has {} successful referral(s)",
                        referralId,
                        advocate.id(),
                        count);
            }
            return caseOf(referral);
        }));
    }

    /**
     * Runs {@code recording} for a settled referral whose rewards are not recorded yet, in one transaction holding the
     * referral's and its advocate's locks, so that two workers never record rewards of one advocate at once (the
     * yearly caps count what the other recorded); then notes the referral rewarded. Nothing runs for a referral
     * rewarded already, reversed or rejected.
     *
     * @return whether {@code recording} ran
     */
    public boolean recordRewards(UUID referralId, Consumer<Case> recording) {
        return Boolean.TRUE.equals(transactions.execute(status -> referrals
                .lockById(referralId)
                .map(referral -> {
                    if (!caseOf(referral).awaitsRewards()) {
                        return false;
                    }
                    lockedAdvocate(referral);
                    recording.accept(caseOf(referral));
                    referral.rewarded(clock.instant());
                    return true;
                })
                .orElse(false)));
    }

    /** The advocate's successes counted in [from, to] among referrals still qualified (not reversed). */
    public long successesOf(UUID advocateId, Instant from, Instant to) {
        return transactions.execute(status -> referrals.countSuccesses(advocateId, ReferralStatus.QUALIFIED, from, to));
    }

    /**
     * An Encounter of the patient was cancelled or entered in error: a referral it qualified is reversed.
     *
     * @return the patient's referral, when they have one
     */
    public Optional<Case> encounterWithdrawn(String patientId, String encounterId) {
        return transactions.execute(status -> referrals
                .lockByReferredPatientId(patientId)
                .map(referral -> {
                    if (referral.reverseIfQualifiedBy(encounterId, clock.instant())) {
                        log.info(
                                "Referral {} of Patient/{} reversed: its qualifying Encounter/{} was withdrawn",
                                referral.id(),
                                patientId,
                                encounterId);
                        uncountOnAdvocate(referral);
                    }
                    return caseOf(referral);
                }));
    }

    /** A reversed referral that counted as a success counts no more: the advocate's count drops, and the EHR's. */
    private void uncountOnAdvocate(Referral referral) {
        if (referral.successCountedAt() == null || referral.advocateId().isEmpty()) {
            return;
        }
        Advocate advocate = lockedAdvocate(referral);
        int count = advocate.uncountSuccess();
        events.publishEvent(new AdvocateSuccessesCounted(
                advocate.id(),
                advocate.patientId(),
                advocate.code().display(),
                advocate.enrolledAt(),
                count,
                "reversal-of:" + referral.id()));
        log.info("Advocate {} has {} successful referral(s) after the reversal", advocate.id(), count);
    }

    private Advocate lockedAdvocate(Referral referral) {
        return advocates
                .lockById(referral.advocateId().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("referral " + referral.id() + " has no advocate"));
    }

    private Case caseOf(Referral referral) {
        Advocate advocate = referral.advocateId().flatMap(advocates::findById).orElse(null);
        Instant referredAdvocateSince = advocates
                .findByPatientId(referral.referredPatientId())
                .map(Advocate::enrolledAt)
                .orElse(null);
        return new Case(
                referral.id(),
                referral.status(),
                referral.referredPatientId(),
                advocate == null ? null : advocate.id(),
                advocate == null ? null : advocate.patientId(),
                advocate == null ? null : advocate.code().display(),
                advocate == null ? null : advocate.enrolledAt(),
                referral.programKey(),
                referral.qualifiedProgramKey(),
                referral.referredAt(),
                referral.capturedAt(),
                referral.qualifiedAt(),
                referral.qualifyingEncounterId(),
                referral.settledAt(),
                referral.successCountedAt(),
                referral.rewardedAt(),
                referredAdvocateSince);
    }
}
