package org.referralbridge.fhirplugin.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks OAuth 2.0 to the EHR's authorization server: finds the token endpoint (configured, or from the SMART
 * configuration the EHR publishes) and asks it for an access token with a signed client assertion. Failures become
 * {@link EhrUnavailable} when waiting may help (timeouts, 429, 5xx) and {@link EhrRequestRejected} when it will not
 * (e.g. {@code invalid_client}); their messages carry neither tokens nor assertions nor the server's free text.
 *
 * <p>Why the token request is written here and not taken from the Nimbus OAuth 2.0 SDK ({@code
 * com.nimbusds:oauth2-oidc-sdk}, whose {@code TokenRequest} with {@code ClientCredentialsGrant} and {@code
 * PrivateKeyJWT} does the same), decided for issue 7 item 8:
 *
 * <ul>
 *   <li>What it would replace is small: one form POST of four parameters and the reading of three fields of the
 *       answer. The JWT itself, the part that is easy to get wrong, is built and signed by Nimbus JOSE+JWT (see
 *       {@link ClientAssertions}).
 *   <li>It costs more than it replaces (measured on the Maven Central artifacts of 11.37.2): a 920 KB jar plus
 *       {@code content-type}, {@code lang-tag}, {@code json-smart} with {@code accessors-smart} and ASM. This module
 *       also runs inside the EHR as a HAPI plugin that takes its libraries from the EHR's class path, so each of
 *       those would become a library every host EHR must ship, in a version that fits ours.
 *   <li>It would not shorten the parts that carry our rules: the SDK resolves OAuth and OpenID metadata, not the
 *       SMART configuration ({@code .well-known/smart-configuration}); its HTTP client is {@code
 *       HttpURLConnection}-based, while the EHR calls share the JDK client's timeouts and no-redirect policy; its
 *       parse errors may quote the answer (which holds the token), so each would be wrapped here as now; and the
 *       mapping of 429/5xx with Retry-After to {@link EhrUnavailable} stays ours.
 * </ul>
 *
 * The same holds for Spring Security's OAuth 2.0 client, which builds on that SDK and on Spring, which this module
 * must not need at run time.
 */
final class TokenEndpoint {

    static final String TOKEN_REQUEST = "SMART token request";
    static final String DISCOVERY = "SMART configuration discovery";

    /** SMART's recommended token lifetime, assumed when the server leaves out {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** OAuth error codes are plain words (RFC 6749 section 5.2); anything else might echo what we sent. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final SmartBackendAuth settings;
    private final Supplier<String> ehrBaseUrl;
    private final ClientAssertions assertions;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;
    private volatile URI endpoint;

    TokenEndpoint(
            SmartBackendAuth settings,
            Supplier<String> ehrBaseUrl,
            ClientAssertions assertions,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock) {
        this.settings = settings;
        this.ehrBaseUrl = ehrBaseUrl;
        this.assertions = assertions;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.endpoint = settings.tokenEndpoint();
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Asks for a new access token; every call sends a request (caching is {@link SmartBackendTokens}' job). */
    AccessToken requestToken() {
        URI target = endpoint();
        Instant obtainedAt = clock.instant();
        String form = "grant_type=client_credentials"
                + "&scope=" + encoded(settings.scope())
                + "&client_assertion_type=" + encoded(JWT_BEARER)
                + "&client_assertion=" + encoded(assertions.signedFor(target));
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(target)
                        .timeout(readTimeout)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                        .build(),
                TOKEN_REQUEST);
        if (response.statusCode() != 200) {
            throw failure(TOKEN_REQUEST, response);
        }
        return token(json(response.body(), TOKEN_REQUEST), obtainedAt);
    }

    /** The configured token endpoint, or the one the EHR names in its SMART configuration (looked up once). */
    URI endpoint() {
        URI known = endpoint;
        if (known == null) {
            known = discover();
            endpoint = known;
        }
        return known;
    }

    private URI discover() {
        String base = ehrBaseUrl.get();
        URI configuration = URI.create(base + "/.well-known/smart-configuration");
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(configuration)
                        .timeout(readTimeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                DISCOVERY);
        if (response.statusCode() != 200) {
            throw failure(DISCOVERY, response);
        }
        Object tokenEndpoint = json(response.body(), DISCOVERY).get("token_endpoint");
        if (tokenEndpoint instanceof String value) {
            try {
                URI discovered = URI.create(value);
                if (SmartBackendAuth.isHttpUrl(discovered)) {
                    log.info("SMART token endpoint discovered: {}", discovered);
                    return discovered;
                }
            } catch (IllegalArgumentException notAUri) {
                // reported below
            }
        }
        throw new EhrResponseMalformed(DISCOVERY, "has no absolute http(s) token_endpoint", null);
    }

    private AccessToken token(Map<String, Object> json, Instant obtainedAt) {
        if (!(json.get("access_token") instanceof String value) || value.isBlank()) {
            throw new EhrResponseMalformed(TOKEN_REQUEST, "has no access_token", null);
        }
        Object type = json.get("token_type");
        if (type != null && !"bearer".equalsIgnoreCase(String.valueOf(type))) {
            throw new EhrResponseMalformed(TOKEN_REQUEST, "has a token_type other than bearer", null);
        }
        Duration lifetime = lifetime(json.get("expires_in"));
        log.debug("SMART access token obtained, lifetime {}s, scope {}", lifetime.toSeconds(), json.get("scope"));
        return AccessToken.of(value, obtainedAt, lifetime);
    }

    private static Duration lifetime(Object expiresIn) {
        if (expiresIn == null) {
            return DEFAULT_LIFETIME;
        }
        long seconds;
        try {
            seconds = expiresIn instanceof Number number
                    ? number.longValue()
                    : Long.parseLong(String.valueOf(expiresIn).trim());
        } catch (NumberFormatException notANumber) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new EhrResponseMalformed(TOKEN_REQUEST, "has an expires_in that is not a positive number", null);
        }
        return Duration.ofSeconds(seconds);
    }

    private HttpResponse<String> send(HttpRequest request, String operation) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EhrUnavailable(operation, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EhrUnavailable(operation, 0, null, e);
        }
    }

    private EhrException failure(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            return new EhrUnavailable(
                    operation, status, RetryAfter.parse(retryAfter, clock).orElse(null), null);
        }
        return EhrRequestRejected.authentication(operation, status, errorCode(response.body()));
    }

    /** The OAuth {@code error} code of an error response, never its {@code error_description}. */
    private static String errorCode(String body) {
        try {
            Object error = JSONObjectUtils.parse(body).get("error");
            return error instanceof String code && ERROR_CODE.matcher(code).matches() ? code : "";
        } catch (ParseException | RuntimeException notOAuthJson) {
            return "";
        }
    }

    private static Map<String, Object> json(String body, String operation) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            // No cause: the parser's message may quote the body, and a token response body holds the token.
            throw new EhrResponseMalformed(operation, "is not a JSON object", null);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
