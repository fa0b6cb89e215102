package org.referralbridge.fhirplugin.client;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token and when to stop using it: a safety margin before it expires, so that it never expires on its way
 * to the EHR. The margin is a tenth of its lifetime, at most {@link #MAX_MARGIN}.
 */
record AccessToken(String value, Instant renewAt) {

    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    /** A token obtained at {@code obtainedAt} (taken before the request was sent) that lives {@code lifetime}. */
    static AccessToken of(String value, Instant obtainedAt, Duration lifetime) {
        Duration tenth = lifetime.dividedBy(10);
        Duration margin = tenth.compareTo(MAX_MARGIN) < 0 ? tenth : MAX_MARGIN;
        return new AccessToken(value, obtainedAt.plus(lifetime).minus(margin));
    }

    boolean usableAt(Instant now) {
        return now.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "AccessToken[value=***, renewAt=" + renewAt + "]";
    }
}
