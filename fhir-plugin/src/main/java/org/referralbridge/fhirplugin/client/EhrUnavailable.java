package org.referralbridge.fhirplugin.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The EHR could not be reached or said it cannot serve now (timeout, refused or reset connection, 5xx, 429). Worth
 * retrying later, after {@link #retryAfter()} when the EHR said so.
 */
public final class EhrUnavailable extends EhrException {

    private final int status;
    private final Duration retryAfter;

    EhrUnavailable(String operation, int status, Duration retryAfter, Throwable cause) {
        super(describe(operation, status, retryAfter), cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the EHR answered with, or 0 when no HTTP answer arrived. */
    public int status() {
        return status;
    }

    /** How long the EHR asked us to wait (its Retry-After header), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String describe(String operation, int status, Duration retryAfter) {
        String what = status == 0 ? "no HTTP response" : "HTTP " + status;
        String wait = retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + "s";
        return "EHR unavailable for " + operation + ": " + what + wait;
    }
}
