package org.referralbridge.server.referral;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the program knows of one patient, read-only, for the surfaces that show it next to the patient's chart (the
 * CDS Hooks cards): the referral that brought them, the advocate they are, and the review items still waiting for
 * staff. Ids and codes only; the EHR names the people.
 */
@Service
@Transactional(readOnly = true)
public class PatientReferralLookup {

    private final Referrals referrals;
    private final Advocates advocates;
    private final ReviewItems reviewItems;

    PatientReferralLookup(Referrals referrals, Advocates advocates, ReviewItems reviewItems) {
        this.referrals = referrals;
        this.advocates = advocates;
        this.reviewItems = reviewItems;
    }

    /** The referral whose referred patient this is, whatever its status; empty when nobody is recorded as referrer. */
    public Optional<ReferralView> referralOf(String patientId) {
        return referrals.findByReferredPatientId(patientId).map(ReferralView::of);
    }

    /** The patient as an advocate; empty when they are not enrolled. */
    public Optional<AdvocateView> advocateOf(String patientId) {
        return advocates.findByPatientId(patientId).map(AdvocateView::of);
    }

    /** The open review items about this patient as the referred patient (their referral, or a possible duplicate). */
    public List<ReviewItemView> openReviewItems(String patientId) {
        return reviewItems.findByReferredPatientIdAndStatus(patientId, ReviewItemStatus.OPEN).stream()
                .map(ReviewItemView::of)
                .toList();
    }
}
