package org.referralbridge.server.referral;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** Advocates by the start of their referral code, for the front desk's typeahead ({@link ReferralLookup}). */
interface AdvocateCodes extends Repository<Advocate, UUID> {

    /** Advocates whose (normalised) code starts with the prefix, in code order. */
    List<Advocate> findByReferralCodeStartingWithOrderByReferralCodeAsc(String prefix, Pageable page);
}
