package org.referralbridge.server.audit;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Immutable;

/**
 * One row of the audit trail: a change, who made it, from where, when, and whether it took effect. Immutable once
 * made (Hibernate never writes an update for it, there is no setter), and {@link AuditEntries} can only add rows:
 * the trail is append-only.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "actor", nullable = false, updatable = false)
    private String actor;

    @Column(name = "actor_roles", nullable = false, updatable = false)
    private String actorRoles;

    @Column(name = "address", updatable = false)
    private String address;

    @Column(name = "action", nullable = false, updatable = false)
    private String action;

    @Column(name = "succeeded", nullable = false, updatable = false)
    private boolean succeeded;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "audit_entry_resource", joinColumns = @JoinColumn(name = "entry_id"))
    @OrderColumn(name = "resource_index")
    @Column(name = "resource_id", nullable = false)
    @BatchSize(size = 500)
    private List<String> resourceIds = new ArrayList<>();

    protected AuditEntry() {}

    private AuditEntry(ChangeMade change, Actor actor, Instant recordedAt) {
        this.recordedAt = recordedAt;
        this.actor = actor.name();
        this.actorRoles = String.join(",", actor.roles());
        this.address = actor.address();
        this.action = change.action().code();
        this.succeeded = change.succeeded();
        this.resourceIds = new ArrayList<>(change.resourceIds());
    }

    static AuditEntry of(ChangeMade change, Actor actor, Instant recordedAt) {
        return new AuditEntry(change, actor, recordedAt);
    }

    Long id() {
        return id;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    Actor actor() {
        List<String> roles = actorRoles.isEmpty() ? List.of() : Arrays.asList(actorRoles.split(","));
        return new Actor(actor, roles, address);
    }

    String action() {
        return action;
    }

    boolean succeeded() {
        return succeeded;
    }

    List<String> resourceIds() {
        return List.copyOf(resourceIds);
    }
}
