package org.referralbridge.fhirplugin.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Settings for talking to one EHR. The base URL is a supplier because it may only be known once a web server has
 * started (e.g. the built-in sandbox EHR on a random port); it is read on each call.
 *
 * @param baseUrl the EHR's FHIR base URL, e.g. {@code https://ehr.example/fhir}
 * @param auth how to authenticate
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for data on an open connection
 * @param maxVersionConflictRetries how often a version-checked update re-reads and re-applies its change after a
 *     version conflict before giving up with {@link EhrVersionConflict}
 */
public record EhrConnection(
        Supplier<String> baseUrl,
        EhrAuth auth,
        Duration connectTimeout,
        Duration readTimeout,
        int maxVersionConflictRetries) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_VERSION_CONFLICT_RETRIES = 3;

    public EhrConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (maxVersionConflictRetries < 0) {
            throw new IllegalArgumentException("maxVersionConflictRetries must be >= 0");
        }
    }

    /** A connection without auth and with default timeouts and retries. */
    public static EhrConnection to(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return to(() -> baseUrl);
    }

    /** Like {@link #to(String)}, for a base URL known only later. */
    public static EhrConnection to(Supplier<String> baseUrl) {
        return new EhrConnection(
                baseUrl,
                EhrAuth.none(),
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_VERSION_CONFLICT_RETRIES);
    }

    public EhrConnection withAuth(EhrAuth auth) {
        return new EhrConnection(baseUrl, auth, connectTimeout, readTimeout, maxVersionConflictRetries);
    }

    public EhrConnection withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new EhrConnection(baseUrl, auth, connectTimeout, readTimeout, maxVersionConflictRetries);
    }

    public EhrConnection withMaxVersionConflictRetries(int retries) {
        return new EhrConnection(baseUrl, auth, connectTimeout, readTimeout, retries);
    }

    /** The base URL as of now, without a trailing slash. */
    String currentBaseUrl() {
        String url = baseUrl.get();
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("EHR base URL is not known yet");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
