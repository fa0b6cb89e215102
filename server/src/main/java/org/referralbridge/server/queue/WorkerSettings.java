package org.referralbridge.server.queue;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a {@link QueueWorker} runs; bound from configuration (e.g. {@code referralbridge.ingest.worker.*}).
 *
 * @param threads worker threads in this instance (instances add up: they share the table)
 * @param batchSize items claimed at once per thread
 * @param pollInterval how long an idle worker waits before it looks again (a local enqueue wakes it sooner)
 * @param lease how long a claimed item stays invisible to other workers; longer than the slowest batch
 * @param maxAttempts attempts before an item becomes a dead letter
 * @param backoffBase delay after the first failure; doubles with each further failure
 * @param backoffMax the longest delay between attempts
 */
public record WorkerSettings(
        @Min(1) @DefaultValue("2") int threads,
        @Min(1) @DefaultValue("10") int batchSize,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("2m") Duration lease,
        @Min(1) @DefaultValue("10") int maxAttempts,
        @NotNull @DefaultValue("2s") Duration backoffBase,
        @NotNull @DefaultValue("10m") Duration backoffMax) {

    public WorkerSettings {
        if (threads < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("threads, batch size and max attempts must be at least 1");
        }
    }

    /**
     * Exponential backoff with jitter (a random half of the step is taken off), so instances that failed together
     * do not retry together; a Retry-After the other side sent is honoured as the minimum.
     */
    Duration delayBeforeAttempt(int failedAttempts, Duration retryAfter) {
        long base = Math.max(1, backoffBase.toMillis());
        long step = base << Math.min(Math.max(failedAttempts - 1, 0), 20);
        long capped = Math.min(step, backoffMax.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
