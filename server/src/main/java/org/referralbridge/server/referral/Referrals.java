package org.referralbridge.server.referral;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface Referrals extends Repository<Referral, UUID> {

    Referral save(Referral referral);

    Optional<Referral> findByReferredPatientId(String referredPatientId);

    Page<Referral> findAll(Pageable pageable);

    Page<Referral> findByStatus(ReferralStatus status, Pageable pageable);

    long countByStatus(ReferralStatus status);
}
