package org.referralbridge.server.referral;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Referrals extends Repository<Referral, UUID> {

    Referral save(Referral referral);

    Optional<Referral> findById(UUID id);

    Optional<Referral> findByReferredPatientId(String referredPatientId);

    /**
     * The patient's referral, locked until the transaction ends: workers that record a claim or note an Encounter of
     * the same patient at the same moment take turns (a claim that supersedes, a success counted once).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Referral r where r.referredPatientId = :referredPatientId")
    Optional<Referral> lockByReferredPatientId(String referredPatientId);

    Page<Referral> findAll(Pageable pageable);

    Page<Referral> findByStatus(ReferralStatus status, Pageable pageable);

    long countByStatus(ReferralStatus status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Referral r where r.id = :id")
    Optional<Referral> lockById(UUID id);

    /** Qualified referrals whose settlement or rewards are not recorded yet, oldest qualification first. */
    @Query("select r.id from Referral r where r.status = :status and r.rewardedAt is null order by r.qualifiedAt")
    List<UUID> findUnrewarded(ReferralStatus status, Pageable page);

    /** The advocate's successes counted in [from, to], among referrals still in the given status. */
    @Query("select count(r) from Referral r where r.advocateId = :advocateId and r.status = :status"
            + " and r.successCountedAt >= :from and r.successCountedAt <= :to")
    long countSuccesses(UUID advocateId, ReferralStatus status, Instant from, Instant to);
}
