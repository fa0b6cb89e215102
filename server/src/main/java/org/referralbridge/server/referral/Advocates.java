package org.referralbridge.server.referral;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Advocates extends Repository<Advocate, UUID> {

    Advocate save(Advocate advocate);

    Optional<Advocate> findById(UUID id);

    /** The advocate, locked until the transaction ends, so two successes counted at once both count. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Advocate a where a.id = :id")
    Optional<Advocate> lockById(UUID id);

    Optional<Advocate> findByPatientId(String patientId);

    org.springframework.data.domain.Page<Advocate> findAll(org.springframework.data.domain.Pageable pageable);

    Optional<Advocate> findByReferralCode(String referralCode);

    boolean existsByReferralCode(String referralCode);
}
