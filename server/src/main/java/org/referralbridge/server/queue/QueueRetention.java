package org.referralbridge.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes queue items completed longer ago than the retention ({@code referralbridge.queue.retention}, default 7
 * days), so the tables stay small. Dead letters stay until replayed. A notification redelivered after its item was
 * purged is processed again, which changes nothing: every step is idempotent.
 */
@Component
class QueueRetention {

    private static final Logger log = LoggerFactory.getLogger(QueueRetention.class);

    private final List<WorkQueue> queues;
    private final Clock clock;
    private final Duration retention;

    QueueRetention(List<WorkQueue> queues, Clock clock, QueueProperties properties) {
        this.queues = queues;
        this.clock = clock;
        this.retention = properties.retention();
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT6H")
    void purge() {
        for (WorkQueue queue : queues) {
            int purged = queue.purgeCompleted(clock.instant().minus(retention));
            if (purged > 0) {
                log.info("Purged {} {} item(s) completed more than {} ago", purged, queue.name(), retention);
            }
        }
    }
}
