package org.referralbridge.server.audit;

import java.time.Instant;
import java.util.List;

/** One audit-trail row as the API answers it; {@code outcome} is {@code success} or {@code failure}. */
record AuditEntryView(
        long id,
        Instant recordedAt,
        String actor,
        List<String> roles,
        String address,
        String action,
        List<String> resourceIds,
        String outcome) {

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    static AuditEntryView of(AuditEntry entry) {
        Actor actor = entry.actor();
        return new AuditEntryView(
                entry.id(),
                entry.recordedAt(),
                actor.name(),
                actor.roles(),
                actor.address(),
                entry.action(),
                entry.resourceIds(),
                entry.succeeded() ? SUCCESS : FAILURE);
    }

    boolean succeeded() {
        return SUCCESS.equals(outcome);
    }
}
