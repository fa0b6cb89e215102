package org.referralbridge.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerSettingsTests {

    private final WorkerSettings settings = new WorkerSettings(
            1, 1, Duration.ofSeconds(1), Duration.ofMinutes(2), 10, Duration.ofSeconds(2), Duration.ofMinutes(10));

    @Test
    void backoffDoublesPerFailureWithinHalfOfItEitherWayAndIsCapped() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration first = settings.delayBeforeAttempt(1, null);
            seen.add(first);
            assertThat(first).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
            assertThat(settings.delayBeforeAttempt(4, null)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(24));
            assertThat(settings.delayBeforeAttempt(30, null)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        }
        assertThat(seen).as("jitter").hasSizeGreaterThan(10);
    }

    @Test
    void aRetryAfterIsTheMinimum() {
        assertThat(settings.delayBeforeAttempt(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }
}
