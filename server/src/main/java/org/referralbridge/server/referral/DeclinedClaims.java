package org.referralbridge.server.referral;

import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Claims that changed nothing, kept for staff (e.g. {@link DeclinedReason#ALREADY_ATTRIBUTED}). */
interface DeclinedClaims extends Repository<DeclinedClaim, UUID> {

    DeclinedClaim save(DeclinedClaim claim);

    List<DeclinedClaim> findByReferralIdOrderByDeclinedAtAsc(UUID referralId);
}
