package org.referralbridge.server.queue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Queue metrics for dashboards and alerts: {@code referralbridge.queue.pending}, {@code .oldest.age} (seconds),
 * {@code .dead}, and counters {@code referralbridge.queue.items{outcome=done|retried|dead|lost-claim}} and
 * {@code referralbridge.queue.worker.errors}, each tagged with the queue. Depths come from the database (shared by all instances), read at most every few seconds.
 */
@Component
class QueueMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final List<WorkQueue> queues;
    private final List<QueueWorker> workers;
    private final Clock clock;

    QueueMetrics(List<WorkQueue> queues, List<QueueWorker> workers, Clock clock) {
        this.queues = queues;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (WorkQueue queue : queues) {
            CachedStats stats = new CachedStats(queue, clock);
            gauge(
                    registry,
                    "referralbridge.queue.pending",
                    queue,
                    stats,
                    s -> s.get().pending(),
                    "items waiting");
            gauge(
                    registry,
                    "referralbridge.queue.oldest.age",
                    queue,
                    stats,
                    s -> s.get().oldestPendingAge().toMillis() / 1000.0,
                    "seconds the oldest waiting item has waited");
            gauge(
                    registry,
                    "referralbridge.queue.dead",
                    queue,
                    stats,
                    s -> s.get().dead(),
                    "dead letters");
        }
        for (QueueWorker worker : workers) {
            counter(registry, worker, "done", QueueWorker::doneCount);
            counter(registry, worker, "retried", QueueWorker::retriedCount);
            counter(registry, worker, "dead", QueueWorker::deadCount);
            counter(registry, worker, "lost-claim", QueueWorker::lostClaimCount);
            FunctionCounter.builder("referralbridge.queue.worker.errors", worker, QueueWorker::errorCount)
                    .tag("queue", worker.queueName())
                    .description("Errors (not exceptions) this instance's workers caught and survived")
                    .register(registry);
        }
    }

    private static void gauge(
            MeterRegistry registry,
            String name,
            WorkQueue queue,
            CachedStats stats,
            ToDoubleFunction<CachedStats> value,
            String description) {
        Gauge.builder(name, stats, value)
                .tag("queue", queue.name())
                .description(description)
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry, QueueWorker worker, String outcome, ToDoubleFunction<QueueWorker> count) {
        FunctionCounter.builder("referralbridge.queue.items", worker, count)
                .tag("queue", worker.queueName())
                .tag("outcome", outcome)
                .description("items handled by this instance's workers")
                .register(registry);
    }

    /** One database read serves all three gauges of a scrape. */
    private static final class CachedStats {

        private final WorkQueue queue;
        private final Clock clock;
        private QueueStats stats;
        private Instant readAt = Instant.MIN;

        CachedStats(WorkQueue queue, Clock clock) {
            this.queue = queue;
            this.clock = clock;
        }

        synchronized QueueStats get() {
            Instant now = clock.instant();
            if (stats == null || readAt.plus(FRESH).isBefore(now)) {
                stats = queue.stats();
                readAt = now;
            }
            return stats;
        }
    }
}
