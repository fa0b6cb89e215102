package org.referralbridge.server.referral;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads what became of a referral before its current state, for staff: superseded states and declined claims. */
@Service
class ReferralHistory {

    private final Referrals referrals;
    private final SupersededReferrals superseded;
    private final DeclinedClaims declined;

    ReferralHistory(Referrals referrals, SupersededReferrals superseded, DeclinedClaims declined) {
        this.referrals = referrals;
        this.superseded = superseded;
        this.declined = declined;
    }

    /**
     * @throws ReferralNotFound when no referral has this id
     */
    @Transactional(readOnly = true)
    ReferralHistoryView of(UUID referralId) {
        Referral referral = referrals.findById(referralId).orElseThrow(() -> new ReferralNotFound(referralId));
        List<ReferralHistoryView.Entry> entries = Stream.concat(
                        superseded.findByReferralIdOrderBySupersededAtAsc(referralId).stream()
                                .map(ReferralHistoryView.Entry::of),
                        declined.findByReferralIdOrderByDeclinedAtAsc(referralId).stream()
                                .map(ReferralHistoryView.Entry::of))
                .sorted(Comparator.comparing(ReferralHistoryView.Entry::at))
                .toList();
        return new ReferralHistoryView(referral.id(), referral.referredPatientId(), entries);
    }
}
