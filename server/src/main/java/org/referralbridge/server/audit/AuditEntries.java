package org.referralbridge.server.audit;

import java.time.Instant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The audit trail. Append-only by construction: this repository offers saving a new entry and queries, nothing that
 * updates or deletes (it extends the bare {@link Repository}, not {@code CrudRepository}), and {@link AuditEntry} is
 * immutable.
 */
interface AuditEntries extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    /** The entries that match every filter given (a null filter matches all), in the page's order. */
    @Query(
            value = "select e from AuditEntry e where (:actor is null or e.actor = :actor)"
                    + " and (:action is null or e.action = :action)"
                    + " and (:resourceId is null or :resourceId member of e.resourceIds)"
                    + " and (cast(:from as Instant) is null or e.recordedAt >= :from)"
                    + " and (cast(:to as Instant) is null or e.recordedAt < :to)"
                    + " and (:succeeded is null or e.succeeded = :succeeded)")
    Page<AuditEntry> search(
            String actor, String action, String resourceId, Instant from, Instant to, Boolean succeeded, Pageable page);
}
