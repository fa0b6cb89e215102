package org.referralbridge.server.queue;

import io.github.resilience4j.core.IntervalFunction;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a {@link QueueWorker} runs; bound from configuration (e.g. {@code referralbridge.ingest.worker.*}).
 *
 * @param threads worker threads in this instance (instances add up: they share the table)
 * @param batchSize items claimed at once per thread
 * @param pollInterval how long an idle worker waits before it looks again (a local enqueue wakes it sooner)
 * @param lease how long a claimed item stays invisible to other workers; the worker renews it every third of it
 *     while a handler works on the item (and again when it starts each item of a batch), so it only needs to
 *     outlast a pause of the worker between two renewals, not the slowest EHR call
 * @param maxAttempts attempts before an item becomes a dead letter
 * @param backoffBase delay after the first failure (±50 % jitter); doubles with each further failure
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

    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;

    public WorkerSettings {
        if (threads < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("threads, batch size and max attempts must be at least 1");
        }
    }

    /**
     * Exponential backoff with jitter, so instances that failed together do not retry together: resilience4j's
     * {@link IntervalFunction#ofExponentialRandomBackoff} (the delay doubles per failure from {@code backoffBase},
     * is spread by ±50 %, and is capped at {@code backoffMax}); a Retry-After the other side sent is honoured as
     * the minimum.
     */
    Duration delayBeforeAttempt(int failedAttempts, Duration retryAfter) {
        long backoff = IntervalFunction.ofExponentialRandomBackoff(
                        positive(backoffBase), BACKOFF_MULTIPLIER, JITTER, positive(backoffMax))
                .apply(Math.max(1, failedAttempts));
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(backoff, floor));
    }

    private static Duration positive(Duration duration) {
        return duration.toMillis() < 1 ? Duration.ofMillis(1) : duration;
    }
}
