package org.referralbridge.server.audit;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes a row for each {@link ChangeMade}, on the publisher's thread (so that the request, and with it the actor, is
 * still at hand). A change published inside a transaction is recorded once the transaction has ended: as published
 * when it committed, as failed when it rolled back, for then it did not take effect whatever it claimed. One published
 * outside a transaction is recorded at once. Each row is written in a transaction of its own: the publisher's has
 * ended by then, or there is none.
 */
@Component
class AuditRecorder {

    private final AuditEntries entries;
    private final CurrentActor actor;
    private final Clock clock;

    AuditRecorder(AuditEntries entries, CurrentActor actor, Clock clock) {
        this.entries = entries;
        this.actor = actor;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordCommitted(ChangeMade change) {
        entries.save(AuditEntry.of(change, actor.current(), clock.instant()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRolledBack(ChangeMade change) {
        ChangeMade failed = new ChangeMade(change.action(), change.resourceIds(), false);
        entries.save(AuditEntry.of(failed, actor.current(), clock.instant()));
    }
}
