package org.referralbridge.server.queue;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code queues} in /actuator/health: DEGRADED (still serving, answered with 200) when a queue has dead letters
 * or its oldest item has waited over ten minutes, so operators look before patients notice.
 */
@Component("queuesHealthIndicator")
class QueueHealth extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED");
    private static final Duration TOO_OLD = Duration.ofMinutes(10);

    private final List<WorkQueue> queues;

    QueueHealth(List<WorkQueue> queues) {
        this.queues = queues;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean degraded = false;
        for (WorkQueue queue : queues) {
            QueueStats stats = queue.stats();
            builder.withDetail(queue.name(), stats);
            degraded |= stats.dead() > 0 || stats.oldestPendingAge().compareTo(TOO_OLD) > 0;
        }
        builder.status(degraded ? DEGRADED : Status.UP);
    }
}
