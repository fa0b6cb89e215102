package org.referralbridge.fhirplugin.client;

/**
 * Supplies the bearer token for each request, e.g. one obtained and cached by SMART Backend Services. Called on every
 * request, so implementations cache and refresh tokens themselves; must be thread-safe.
 */
@FunctionalInterface
public interface AccessTokenProvider {

    String accessToken();
}
