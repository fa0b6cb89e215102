package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotifyRateLimitTests {

    /** Time that moves only when the test says so. */
    static final class ManualTime implements TimeMeter {

        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    private final ManualTime time = new ManualTime();

    @Test
    void letsABurstUpToTheCapacityThroughThenAsksToWaitWholeSeconds() {
        NotifyRateLimit limit = new NotifyRateLimit(new NotifyProperties.RateLimit(true, 2, 4, 100), time);

        for (int i = 0; i < 4; i++) {
            assertThat(limit.secondsToWait("10.0.0.1")).isZero();
        }
        assertThat(limit.secondsToWait("10.0.0.1")).isEqualTo(1);

        time.advanceMillis(499);
        assertThat(limit.secondsToWait("10.0.0.1")).isEqualTo(1);
        time.advanceMillis(1);
        assertThat(limit.secondsToWait("10.0.0.1")).isZero();
    }

    @Test
    void roundsAWaitUpToTheNextWholeSecond() {
        NotifyRateLimit limit = new NotifyRateLimit(new NotifyProperties.RateLimit(true, 1, 1, 100), time);
        assertThat(limit.secondsToWait("client")).isZero();

        time.advanceMillis(1);
        assertThat(limit.secondsToWait("client")).isEqualTo(1);
        time.advanceMillis(999);
        assertThat(limit.secondsToWait("client")).isZero();
        assertThat(limit.secondsToWait("client")).isEqualTo(1);
    }

    @Test
    void eachClientHasABucketOfItsOwn() {
        NotifyRateLimit limit = new NotifyRateLimit(new NotifyProperties.RateLimit(true, 1, 2, 100), time);

        assertThat(limit.secondsToWait("a")).isZero();
        assertThat(limit.secondsToWait("a")).isZero();
        assertThat(limit.secondsToWait("a")).isPositive();

        assertThat(limit.secondsToWait("b")).isZero();
        assertThat(limit.secondsToWait("b")).isZero();
    }

    @Test
    void disabledLetsEverythingThrough() {
        NotifyRateLimit limit = new NotifyRateLimit(new NotifyProperties.RateLimit(false, 1, 1, 100), time);

        for (int i = 0; i < 50; i++) {
            assertThat(limit.secondsToWait("a")).isZero();
        }
    }

    @Test
    void describesTheLimitAndWhereItIsSet() {
        NotifyRateLimit limit = new NotifyRateLimit(new NotifyProperties.RateLimit(true, 5000, 10000, 100), time);

        assertThat(limit.describe()).isEqualTo("5000 per second (bursts of 10000, referralbridge.notify.rate-limit.*)");
    }
}
