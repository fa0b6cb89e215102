package org.referralbridge.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A token bucket per client of {@code /fhir/notify} (Bucket4j), so one sender cannot flood the inbox. Checked before
 * the secret, so guessing it is throttled too. The buckets live in a size-capped map (Caffeine): past
 * {@code clients} the least recently seen client's bucket is dropped, which only gives that client a full bucket
 * again. A request that is let through allocates nothing beyond the map lookup: the buckets are synchronized ones,
 * which change their state in place where the lock-free ones copy it on every request.
 */
class NotifyRateLimit {

    private final NotifyProperties.RateLimit settings;
    private final Cache<String, Bucket> buckets;
    private final Function<String, Bucket> newBucket;

    NotifyRateLimit(NotifyProperties.RateLimit settings, TimeMeter time) {
        this.settings = settings;
        Bandwidth bandwidth = Bandwidth.builder()
                .capacity(settings.capacity())
                .refillGreedy(settings.perSecond(), Duration.ofSeconds(1))
                .build();
        this.newBucket = client -> Bucket.builder()
                .addLimit(bandwidth)
                .withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
                .build();
        // an idle bucket refills completely within capacity / perSecond seconds: dropping it after that loses nothing
        long refilledAfter = Math.max(1, (settings.capacity() + settings.perSecond() - 1) / settings.perSecond());
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.clients())
                .expireAfterAccess(refilledAfter + 60, TimeUnit.SECONDS)
                .build();
    }

    /**
     * Takes one token from the client's bucket.
     *
     * @return 0 when the request may go on, else how many whole seconds (at least 1) the client should wait
     */
    long secondsToWait(String client) {
        if (!settings.enabled()) {
            return 0;
        }
        Bucket bucket = buckets.get(client, newBucket);
        if (bucket.tryConsume(1)) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** For the refusal: the limit as configured. */
    String describe() {
        return settings.perSecond() + " per second (bursts of " + settings.capacity()
                + ", referralbridge.notify.rate-limit.*)";
    }
}
