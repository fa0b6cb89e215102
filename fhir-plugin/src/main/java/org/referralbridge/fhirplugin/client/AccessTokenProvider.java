package org.referralbridge.fhirplugin.client;

/**
 * Supplies the bearer token for each request, e.g. one obtained and cached by SMART Backend Services. Called on every
 * request, so implementations cache and refresh tokens themselves; must be thread-safe.
 */
@FunctionalInterface
public interface AccessTokenProvider {

    String accessToken();

    /**
     * The EHR answered 401 to a request that carried {@code rejectedToken}: forget it, so that the next {@link
     * #accessToken()} gets a new one. Ignore it when the token is no longer the current one (another caller may
     * have renewed it already). The client asks once more and repeats the request once with a different token.
     */
    default void invalidate(String rejectedToken) {
        // a provider without a cache has nothing to forget
    }
}
