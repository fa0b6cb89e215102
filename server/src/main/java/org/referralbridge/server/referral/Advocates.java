package org.referralbridge.server.referral;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface Advocates extends Repository<Advocate, UUID> {

    Advocate save(Advocate advocate);

    Optional<Advocate> findById(UUID id);

    Optional<Advocate> findByPatientId(String patientId);

    Optional<Advocate> findByReferralCode(String referralCode);

    boolean existsByReferralCode(String referralCode);
}
