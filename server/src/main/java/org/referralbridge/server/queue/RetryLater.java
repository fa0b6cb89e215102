package org.referralbridge.server.queue;

import java.time.Duration;

/** A transient failure; the item is retried, not before {@code after} when the other side said so (Retry-After). */
public class RetryLater extends RuntimeException {

    private final Duration after;

    public RetryLater(String message, Duration after, Throwable cause) {
        super(message, cause);
        this.after = after;
    }

    /** The earliest retry the other side asked for; null when it did not say. */
    public Duration after() {
        return after;
    }
}
