package org.referralbridge.fhirplugin.client;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Access tokens from SMART Backend Services, cached until shortly before they expire. Callers that find no usable
 * token while another caller is already asking the token endpoint wait for that answer instead of asking again, so
 * a burst of requests costs one token request, and a failing token endpoint fails them all at once.
 *
 * <p>Neither Nimbus JOSE+JWT nor the Nimbus OAuth 2.0 SDK caches tokens; this single-flight cache is the part the
 * SMART client has to add whichever library sends the request.
 */
final class SmartBackendTokens implements AccessTokenProvider {

    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Object lock = new Object();
    private AccessToken cached; // guarded by lock
    private CompletableFuture<AccessToken> inFlight; // guarded by lock

    SmartBackendTokens(TokenEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Wires the token endpoint of a connection; reads the signing key now, so a bad key fails at startup. */
    static SmartBackendTokens forConnection(SmartBackendAuth settings, EhrConnection connection, Clock clock) {
        ClientAssertions assertions = new ClientAssertions(settings, clock);
        return new SmartBackendTokens(
                new TokenEndpoint(
                        settings,
                        connection::currentBaseUrl,
                        assertions,
                        connection.connectTimeout(),
                        connection.readTimeout(),
                        clock),
                clock);
    }

    @Override
    public String accessToken() {
        CompletableFuture<AccessToken> flight;
        boolean leader;
        synchronized (lock) {
            if (cached != null && cached.usableAt(clock.instant())) {
                return cached.value();
            }
            leader = inFlight == null;
            if (leader) {
                inFlight = new CompletableFuture<>();
            }
            flight = inFlight;
        }
        return (leader ? fetch(flight) : awaitOther(flight)).value();
    }

    @Override
    public void invalidate(String rejectedToken) {
        synchronized (lock) {
            if (cached != null && cached.value().equals(rejectedToken)) {
                cached = null;
            }
        }
    }

    private AccessToken fetch(CompletableFuture<AccessToken> flight) {
        try {
            AccessToken fresh = endpoint.requestToken();
            synchronized (lock) {
                cached = fresh;
                inFlight = null;
            }
            flight.complete(fresh);
            return fresh;
        } catch (Throwable failure) {
            synchronized (lock) {
                inFlight = null;
            }
            flight.completeExceptionally(failure);
            throw failure;
        }
    }

    private static AccessToken awaitOther(CompletableFuture<AccessToken> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            // The leader's exception itself: a waiter fails the same named way (EhrUnavailable, EhrRequestRejected).
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
