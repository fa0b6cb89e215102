package org.referralbridge.server.landing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How many forms each client address sent in the last window (in memory, per instance): the landing page's
 * protection against one machine flooding the practice with leads. The oldest addresses are forgotten first when many
 * are tracked, so the map stays bounded.
 */
@Component
class SubmitRateLimit {

    private static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    SubmitRateLimit(LandingProperties properties, Clock clock) {
        this.limit = properties.rateLimit();
        this.window = properties.rateWindow();
        this.clock = clock;
    }

    /** Counts one form from the address. @return whether it is within the limit */
    synchronized boolean tryAcquire(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = sent.computeIfAbsent(address, key -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Whole seconds until the address may send again (for {@code Retry-After}). */
    synchronized long retryAfterSeconds(String address) {
        Deque<Instant> times = sent.get(address);
        if (times == null || times.isEmpty()) {
            return 1;
        }
        Duration wait = Duration.between(clock.instant(), times.peekFirst().plus(window));
        return Math.max(1, wait.toSeconds() + 1);
    }
}
