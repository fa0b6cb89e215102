package org.referralbridge.server.referral;

import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** The history of referrals: every state a later claim superseded. */
interface SupersededReferrals extends Repository<SupersededReferral, UUID> {

    SupersededReferral save(SupersededReferral state);

    List<SupersededReferral> findByReferralIdOrderBySupersededAtAsc(UUID referralId);
}
