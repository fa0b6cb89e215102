package org.referralbridge.server.queue;

import java.util.List;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What clinic IT's pages do with the durable queues: each queue's numbers, its dead letters a page at a time with a
 * search, and replaying one, audited exactly as the API's replay ({@code dead-letter.replayed} naming
 * {@code <queue>/<id>}, failed when it was no dead letter).
 */
@Component
public class QueueOperations {

    /** The most dead letters one page shows. */
    public static final int MAX_PAGE_SIZE = 100;

    private final List<WorkQueue> queues;
    private final ApplicationEventPublisher events;

    QueueOperations(List<WorkQueue> queues, ApplicationEventPublisher events) {
        this.queues = queues;
        this.events = events;
    }

    /** Each queue's pending, oldest pending and dead counts, in the order of the queue beans. */
    public List<QueueStats> stats() {
        return queues.stream().map(WorkQueue::stats).toList();
    }

    /**
     * @param search a kind (or part of one, any case), an item id, or the id of the resource an item is about; blank
     *     for every dead letter
     * @throws QueueNotFound for a name no queue has
     */
    public DeadLetterPage deadLetters(String queue, String search, int page, int size) {
        WorkQueue named = named(queue);
        String wanted = search == null ? "" : search.strip();
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        long total = named.countDeadLetters(wanted);
        int number = Math.max(page, 0);
        List<DeadLetterRow> items = named.deadLetters(wanted, (long) number * pageSize, pageSize);
        return new DeadLetterPage(named.name(), wanted, items, number, pageSize, total);
    }

    /**
     * Puts a dead letter back on its queue with a fresh attempt count, and records who did it.
     *
     * @return false when the item is no dead letter (pending, done, or no item at all): nothing changed
     * @throws QueueNotFound for a name no queue has
     */
    public boolean replay(String queue, long id) {
        return replay(named(queue), id);
    }

    boolean replay(WorkQueue queue, long id) {
        boolean replayed = queue.replay(id);
        events.publishEvent(
                new ChangeMade(AuditAction.DEAD_LETTER_REPLAYED, List.of(queue.name() + "/" + id), replayed));
        return replayed;
    }

    private WorkQueue named(String name) {
        return queues.stream()
                .filter(queue -> queue.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new QueueNotFound(
                        String.valueOf(name),
                        queues.stream().map(WorkQueue::name).toList()));
    }
}
