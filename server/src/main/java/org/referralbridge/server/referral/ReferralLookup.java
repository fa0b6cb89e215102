package org.referralbridge.server.referral;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.conformance.ReferralCode;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * Reads for the surfaces that show the program next to a patient (the staff web app's front desk, the CDS Hooks
 * cards): one referral by its id or its referred patient, the review items waiting for staff, and the advocates whose
 * referral code starts with what a person typed so far (the "who referred you?" typeahead). Reads only; ids and codes,
 * no demographics.
 */
@Service
public class ReferralLookup {

    private final Referrals referrals;
    private final Advocates advocates;
    private final AdvocateCodes codes;
    private final ReviewItems reviewItems;

    ReferralLookup(Referrals referrals, Advocates advocates, AdvocateCodes codes, ReviewItems reviewItems) {
        this.referrals = referrals;
        this.advocates = advocates;
        this.codes = codes;
        this.reviewItems = reviewItems;
    }

    /** The referral with this id, if there is one. */
    public Optional<ReferralView> referral(UUID id) {
        return referrals.findById(id).map(ReferralView::of);
    }

    /** The referral of this referred patient (an EHR Patient id), if they have one. */
    public Optional<ReferralView> referralOf(String referredPatientId) {
        return referrals.findByReferredPatientId(referredPatientId).map(ReferralView::of);
    }

    /** The open review item of a referral waiting for staff, if it has one. */
    public Optional<UUID> openReviewItemOf(UUID referralId) {
        return reviewItems.findByReferralIdAndStatus(referralId, ReviewItemStatus.OPEN).stream()
                .map(ReviewItem::id)
                .findFirst();
    }

    /** The open review items about this patient as the referred patient (their referral, or a possible duplicate). */
    public List<ReviewItemView> openReviewItemsAbout(String referredPatientId) {
        return reviewItems.findByReferredPatientIdAndStatus(referredPatientId, ReviewItemStatus.OPEN).stream()
                .map(ReviewItemView::of)
                .toList();
    }

    /** The advocate with this id, if there is one. */
    public Optional<AdvocateView> advocate(UUID advocateId) {
        return advocates.findById(advocateId).map(AdvocateView::of);
    }

    /**
     * Advocates whose referral code starts with the typed text (hyphens, blanks and case ignored), in code order, at
     * most {@code limit}; none for text that cannot start a code.
     */
    public List<AdvocateView> advocatesWithCodeStarting(String typed, int limit) {
        String prefix = typed == null ? "" : ReferralCode.normalize(typed);
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> ReferralCode.ALPHABET.indexOf(c) >= 0)) {
            return List.of();
        }
        return codes
                .findByReferralCodeStartingWithOrderByReferralCodeAsc(prefix, PageRequest.of(0, Math.max(limit, 1)))
                .stream()
                .map(AdvocateView::of)
                .toList();
    }
}
