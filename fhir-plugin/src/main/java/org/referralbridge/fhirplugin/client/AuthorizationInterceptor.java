package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the Authorization header an {@link EhrAuth} calls for to every request, and answers a 401 the only way that
 * can help: with tokens from a provider, it drops the refused token, gets a new one and repeats the request once
 * (HAPI lets a response hook replace the response). A 401 it cannot or need not repeat becomes {@link Unauthorized},
 * which names the problem without any credential.
 */
@Interceptor
final class AuthorizationInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationInterceptor.class);
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final String fixedHeader;
    private final String refusal;
    private final AccessTokenProvider tokens;

    private AuthorizationInterceptor(String fixedHeader, String refusal, AccessTokenProvider tokens) {
        this.fixedHeader = fixedHeader;
        this.refusal = refusal;
        this.tokens = tokens;
    }

    /** For the auth of {@code connection}; for SMART Backend Services this reads the signing key now. */
    static AuthorizationInterceptor forConnection(EhrConnection connection, Clock clock) {
        EhrAuth auth = connection.auth();
        if (auth instanceof EhrAuth.Basic basic) {
            String pair = basic.username() + ":" + basic.password();
            return new AuthorizationInterceptor(
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                    "basic credentials refused",
                    null);
        }
        if (auth instanceof EhrAuth.Bearer bearer) {
            return new AuthorizationInterceptor(
                    BEARER + bearer.token(), "static bearer token refused, and it cannot be renewed", null);
        }
        if (auth instanceof EhrAuth.Tokens provided) {
            return new AuthorizationInterceptor(null, null, provided.provider());
        }
        if (auth instanceof SmartBackendAuth smart) {
            return new AuthorizationInterceptor(null, null, SmartBackendTokens.forConnection(smart, connection, clock));
        }
        return new AuthorizationInterceptor(null, "the EHR requires authentication and none is configured", null);
    }

    @Hook(Pointcut.CLIENT_REQUEST)
    public void authorize(IHttpRequest request) {
        String value = tokens != null ? BEARER + tokens.accessToken() : fixedHeader;
        if (value != null) {
            request.removeHeaders(AUTHORIZATION);
            request.addHeader(AUTHORIZATION, value);
        }
    }

    @Hook(Pointcut.CLIENT_RESPONSE)
    public void renewOnceWhenUnauthorized(IHttpRequest request, ClientResponseContext context) {
        IHttpResponse response = context.getHttpResponse();
        if (response.getStatus() != 401) {
            return;
        }
        response.close();
        if (tokens == null) {
            throw new Unauthorized(refusal);
        }
        String rejected = bearerTokenOf(request);
        tokens.invalidate(rejected);
        String renewed = tokens.accessToken();
        if (renewed.equals(rejected)) {
            throw new Unauthorized("access token refused, and the token provider has no other");
        }
        log.debug("EHR answered 401; repeating the request once with a renewed access token");
        request.removeHeaders(AUTHORIZATION);
        request.addHeader(AUTHORIZATION, BEARER + renewed);
        IHttpResponse repeated = repeat(request);
        if (repeated.getStatus() == 401) {
            repeated.close();
            throw new Unauthorized("a freshly obtained access token was refused too");
        }
        context.setHttpResponse(repeated);
    }

    private static IHttpResponse repeat(IHttpRequest request) {
        try {
            return request.execute();
        } catch (IOException e) {
            // What HAPI itself throws for a failed exchange, so that it reads as unavailable like any other.
            throw new FhirClientConnectionException(e);
        }
    }

    private static String bearerTokenOf(IHttpRequest request) {
        for (Map.Entry<String, List<String>> header : request.getAllHeaders().entrySet()) {
            if (AUTHORIZATION.equalsIgnoreCase(header.getKey())) {
                for (String value : header.getValue()) {
                    if (value.startsWith(BEARER)) {
                        return value.substring(BEARER.length());
                    }
                }
            }
        }
        return "";
    }

    /**
     * Carries a final 401 out of HAPI's client to {@link FailureTranslation}, which names the operation; the reason
     * says what was refused and never quotes a credential.
     */
    static final class Unauthorized extends RuntimeException {

        Unauthorized(String reason) {
            super(reason, null, false, false);
        }
    }
}
