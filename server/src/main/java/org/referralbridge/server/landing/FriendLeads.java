package org.referralbridge.server.landing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface FriendLeads extends Repository<FriendLead, UUID> {

    FriendLead save(FriendLead lead);

    Optional<FriendLead> findById(UUID id);

    long count();

    /** Every lead of the advocate, newest first. */
    List<FriendLead> findByAdvocatePatientIdOrderByCreatedAtDesc(String advocatePatientId);

    /** The advocate's open leads, newest first. */
    List<FriendLead> findByAdvocatePatientIdAndStatusOrderByCreatedAtDesc(
            String advocatePatientId, FriendLead.Status status);

    /** Open leads that left one of these emails or phones, newest first. */
    @Query("select l from FriendLead l where l.status = org.referralbridge.server.landing.FriendLead.Status.OPEN"
            + " and (l.email in :emails or l.phoneDigits in :phones) order by l.createdAt desc")
    List<FriendLead> openWithContact(Collection<String> emails, Collection<String> phones);

    /** Leads of the status nobody has called back yet. */
    Page<FriendLead> findByStatusAndContactedAtIsNull(FriendLead.Status status, Pageable page);

    /** Leads of the status staff called back. */
    Page<FriendLead> findByStatusAndContactedAtIsNotNull(FriendLead.Status status, Pageable page);

    Page<FriendLead> findByStatus(FriendLead.Status status, Pageable page);

    Page<FriendLead> findAll(Pageable page);

    long countByStatusAndContactedAtIsNull(FriendLead.Status status);

    @Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from FriendLead l where l.id = :id")
    Optional<FriendLead> lockById(UUID id);
}
