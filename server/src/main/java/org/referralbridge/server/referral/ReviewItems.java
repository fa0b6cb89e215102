package org.referralbridge.server.referral;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ReviewItems extends Repository<ReviewItem, UUID> {

    ReviewItem save(ReviewItem item);

    Optional<ReviewItem> findById(UUID id);

    /** The item, locked until the transaction ends: two staff deciding at once take turns, and the second is told. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from ReviewItem i where i.id = :id")
    Optional<ReviewItem> lockById(UUID id);

    List<ReviewItem> findByReferralIdAndStatus(UUID referralId, ReviewItemStatus status);

    List<ReviewItem> findByReferredPatientIdAndStatus(String referredPatientId, ReviewItemStatus status);

    Page<ReviewItem> findAll(Pageable pageable);

    Page<ReviewItem> findByStatus(ReviewItemStatus status, Pageable pageable);
}
