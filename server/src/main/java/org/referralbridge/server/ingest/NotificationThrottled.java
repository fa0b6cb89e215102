package org.referralbridge.server.ingest;

import org.springframework.http.HttpStatus;

/** A client sent more notifications than its rate limit allows: 429 with {@code Retry-After}. */
class NotificationThrottled extends NotificationRejected {

    private final long retryAfterSeconds;

    NotificationThrottled(long retryAfterSeconds, String limit) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "throttled",
                "too many notifications from this client: the limit is " + limit + "; retry after " + retryAfterSeconds
                        + " s",
                false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
