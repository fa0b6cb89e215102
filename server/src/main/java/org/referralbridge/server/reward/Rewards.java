package org.referralbridge.server.reward;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Rewards extends Repository<Reward, UUID>, JpaSpecificationExecutor<Reward> {

    Reward save(Reward reward);

    Reward saveAndFlush(Reward reward);

    Optional<Reward> findById(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reward r where r.id = :id")
    Optional<Reward> lockById(UUID id);

    List<Reward> findByReferralIdOrderByEarnedAtAscRuleIdAsc(UUID referralId);

    /** The rewards of these referrals, by referral, then as earned. */
    List<Reward> findByReferralIdInOrderByReferralIdAscEarnedAtAscRuleIdAsc(Collection<UUID> referralIds);

    boolean existsByReferralIdAndRuleId(UUID referralId, String ruleId);

    /** Held rewards whose hold has passed, oldest first. */
    @Query("select r.id from Reward r where r.status = :status and r.holdUntil <= :now order by r.holdUntil")
    List<UUID> findDueHolds(RewardStatus status, Instant now, Pageable page);

    /** Rewards of the referrer under the program earned in [from, now], in the given statuses. */
    @Query("select count(r) from Reward r where r.referrerPatientId = :referrer and r.programKey = :program"
            + " and r.earnedAt >= :from and r.status in :statuses")
    long countOf(String referrer, String program, Instant from, Collection<RewardStatus> statuses);

    /** Whether the referrer earned the rule (a tier) under the program since {@code from}, in the given statuses. */
    @Query("select count(r) > 0 from Reward r where r.referrerPatientId = :referrer and r.programKey = :program"
            + " and r.ruleId = :ruleId and r.earnedAt >= :from and r.status in :statuses")
    boolean earnedSince(
            String referrer, String program, String ruleId, Instant from, Collection<RewardStatus> statuses);

    Page<Reward> findAll(Specification<Reward> filter, Pageable page);
}
