package org.referralbridge.server.referral;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The front desk's decisions on review items: a referrer named by demographics is linked only when staff confirm one
 * candidate, through the same path as any claim that links (history, events, write-back); a rejection leaves the
 * referral unmatched with {@link UnmatchedReason#REJECTED_BY_STAFF}. For a possible duplicate identity, confirming
 * says the referred patient and the advocate are different people (the referral is linked to the advocate); a
 * rejection leaves it unmatched with {@link UnmatchedReason#POSSIBLE_DUPLICATE}.
 */
@Service
public class ReviewDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReviewDecisions.class);

    private final ReviewItems reviewItems;
    private final Referrals referrals;
    private final Advocates advocates;
    private final ReferralManagement referralManagement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReviewDecisions(
            ReviewItems reviewItems,
            Referrals referrals,
            Advocates advocates,
            ReferralManagement referralManagement,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.reviewItems = reviewItems;
        this.referrals = referrals;
        this.advocates = advocates;
        this.referralManagement = referralManagement;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Review items, oldest first: those waiting for staff with {@code OPEN}; all with null.
     */
    public Page<ReviewItemView> reviewItems(ReviewItemStatus status, Pageable page) {
        return transactions.execute(
                tx -> (status == null ? reviewItems.findAll(page) : reviewItems.findByStatus(status, page))
                        .map(ReviewItemView::of));
    }

    /**
     * @throws ReviewItemNotFound when there is no such item
     */
    public ReviewItemView reviewItem(UUID id) {
        return reviewItems.findById(id).map(ReviewItemView::of).orElseThrow(() -> new ReviewItemNotFound(id));
    }

    /**
     * Staff confirm that a candidate is the referrer the patient named: the referral is linked to them and written
     * back as usual. A candidate who is not an advocate yet is enrolled first (confirming says they referred someone).
     *
     * @param patientId the chosen candidate; may be null when the item has exactly one
     * @throws ReviewItemNotFound when there is no such item
     * @throws ReviewItemDecided when the item is no longer open
     * @throws NotACandidate when the patient is not one of the item's candidates, or none was chosen among several
     */
    public ReferralView confirmReview(UUID id, String patientId, String actor) {
        ReviewItem item = reviewItems.findById(id).orElseThrow(() -> new ReviewItemNotFound(id));
        if (item.status() != ReviewItemStatus.OPEN) {
            throw new ReviewItemDecided(id, item.status());
        }
        String chosen = chosenCandidate(item, patientId);
        referralManagement.enrol(chosen);
        return transactions.execute(tx -> {
            ReviewItem locked = reviewItems.lockById(id).orElseThrow(() -> new ReviewItemNotFound(id));
            Referral referral = referrals
                    .lockByReferredPatientId(locked.referredPatientId())
                    .orElseThrow(() -> new IllegalStateException("review item " + id + " has no referral"));
            locked.confirm(chosen, actor, clock.instant());
            Advocate advocate = advocates.findByPatientId(chosen).orElseThrow();
            if (advocate.patientId().equals(referral.referredPatientId())) {
                throw new NotACandidate(id, "the referred patient cannot be their own referrer");
            }
            ReferralClaim claim = referral.asClaim();
            Attribution linked = new Attribution(ReferralStatus.LINKED, advocate, null);
            referralManagement.supersede(referral, claim, linked);
            referralManagement.announce(referral, claim, linked);
            log.info(
                    "Review item {} confirmed: Patient/{} referred Patient/{}",
                    id,
                    chosen,
                    referral.referredPatientId());
            return ReferralView.of(referral);
        });
    }

    /**
     * Staff reject every candidate: the referral stays unmatched, with reason {@code REJECTED_BY_STAFF} (or {@code
     * POSSIBLE_DUPLICATE} for that kind of item), and the same evidence arriving again does not ask again.
     *
     * @throws ReviewItemNotFound when there is no such item
     * @throws ReviewItemDecided when the item is no longer open
     */
    public ReferralView rejectReview(UUID id, String actor) {
        return transactions.execute(tx -> {
            ReviewItem item = reviewItems.lockById(id).orElseThrow(() -> new ReviewItemNotFound(id));
            Referral referral = referrals
                    .lockByReferredPatientId(item.referredPatientId())
                    .orElseThrow(() -> new IllegalStateException("review item " + id + " has no referral"));
            item.reject(actor, clock.instant());
            UnmatchedReason reason = item.kind() == ReviewItemKind.POSSIBLE_DUPLICATE
                    ? UnmatchedReason.POSSIBLE_DUPLICATE
                    : UnmatchedReason.REJECTED_BY_STAFF;
            if (referral.supersedable()) {
                ReferralClaim claim = referral.asClaim();
                referralManagement.supersede(referral, claim, Attribution.unmatched(reason));
                events.publishEvent(new ReferralUnmatched(referral.id(), referral.referredPatientId(), reason));
            }
            log.info("Review item {} rejected for Patient/{}: {}", id, referral.referredPatientId(), reason);
            return ReferralView.of(referral);
        });
    }

    private static String chosenCandidate(ReviewItem item, String patientId) {
        if (patientId == null || patientId.isBlank()) {
            List<ReviewCandidate> candidates = item.candidates();
            if (candidates.size() != 1) {
                throw new NotACandidate(
                        item.id(), "it has " + candidates.size() + " candidates: say which with patientId");
            }
            return candidates.get(0).patientId();
        }
        String id = PatientReference.idOf(patientId).orElse(patientId);
        if (!item.isCandidate(id)) {
            throw new NotACandidate(item.id(), "Patient/" + id + " is not one of its candidates");
        }
        return id;
    }
}
