package org.referralbridge.fhirplugin.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The token side of SMART Backend Services against a WireMock authorization server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartBackendTokensIntegrationTests {

    static final String TOKEN_PATH = "/auth/token";
    private static final String DISCOVERY_PATH = "/fhir/.well-known/smart-configuration";

    private final WireMockServer auth = new WireMockServer(options().dynamicPort());
    private KeyPair key;
    private Path pem;
    private MutableClock clock;

    @BeforeAll
    void start(@TempDir Path dir) {
        auth.start();
        key = TestKeys.rsa();
        pem = TestKeys.pkcs8Pem(dir, key.getPrivate());
    }

    @AfterAll
    void stop() {
        auth.stop();
    }

    @BeforeEach
    void reset() {
        auth.resetAll();
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void asksForClientCredentialsWithTheScopesAndAnAssertionTheRegisteredKeyVerifies() throws Exception {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("t1", 300)));
        SmartBackendTokens tokens = tokens(settings().withScopes(Set.of("system/Patient.rs")));

        assertThat(tokens.accessToken()).isEqualTo("t1");

        LoggedRequest request = onlyTokenRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(request);
        assertThat(form)
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "system/Patient.rs")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .doesNotContainKeys("client_id", "client_secret");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic())))
                .isTrue();
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("key-1");
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("bridge-client");
        assertThat(claims.getSubject()).isEqualTo("bridge-client");
        assertThat(claims.getAudience()).containsExactly(tokenEndpoint().toString());
        assertThat(Duration.between(clock.instant(), claims.getExpirationTime().toInstant()))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void reusesATokenUntilATenthOfItsLifetimeIsLeftThenRenewsIt() {
        stubTokensInTurn("t1", "t2");
        SmartBackendTokens tokens = tokens(settings());

        assertThat(tokens.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(269));
        assertThat(tokens.accessToken()).isEqualTo("t1");
        auth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.accessToken()).isEqualTo("t2");
        assertThat(tokens.accessToken()).isEqualTo("t2");
        auth.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void renewsALongLivedTokenAMinuteBeforeItExpires() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .inScenario("long")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("long-1", 3600))
                .willSetStateTo("renewed"));
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .inScenario("long")
                .whenScenarioStateIs("renewed")
                .willReturn(token("long-2", 3600)));
        SmartBackendTokens tokens = tokens(settings());

        assertThat(tokens.accessToken()).isEqualTo("long-1");
        clock.advance(Duration.ofSeconds(3539));
        assertThat(tokens.accessToken()).isEqualTo("long-1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.accessToken()).isEqualTo("long-2");
    }

    @Test
    void assumesFiveMinutesWhenTheServerLeavesOutExpiresIn() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"t1\",\"token_type\":\"Bearer\"}")));
        SmartBackendTokens tokens = tokens(settings());

        tokens.accessToken();
        clock.advance(Duration.ofSeconds(269));
        tokens.accessToken();
        auth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        clock.advance(Duration.ofSeconds(2));
        tokens.accessToken();
        auth.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void eightCallersAskingAtOnceShareOneTokenRequest() throws Exception {
        auth.stubFor(
                post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("shared", 300).withFixedDelay(400)));
        SmartBackendTokens tokens = tokens(settings());

        List<Object> results = atOnce(8, tokens::accessToken);

        assertThat(results).hasSize(8).containsOnly("shared");
        auth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void callersWaitingOnAFailingTokenRequestAllFailWithItsError() throws Exception {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse().withStatus(503).withFixedDelay(400)));
        SmartBackendTokens tokens = tokens(settings());

        List<Object> results = atOnce(8, tokens::accessToken);

        assertThat(results)
                .hasSize(8)
                .allSatisfy(result -> assertThat(result)
                        .isInstanceOfSatisfying(
                                EhrUnavailable.class,
                                unavailable -> assertThat(unavailable.status()).isEqualTo(503)));
        auth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void dropsARefusedTokenOnlyWhileItIsStillTheCurrentOne() {
        stubTokensInTurn("t1", "t2");
        SmartBackendTokens tokens = tokens(settings());
        assertThat(tokens.accessToken()).isEqualTo("t1");

        tokens.invalidate("an-older-token");
        assertThat(tokens.accessToken()).isEqualTo("t1");

        tokens.invalidate("t1");
        assertThat(tokens.accessToken()).isEqualTo("t2");
        auth.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void discoversTheTokenEndpointFromTheSmartConfigurationOnce() throws Exception {
        auth.stubFor(get(urlPathEqualTo(DISCOVERY_PATH))
                .willReturn(okJson("{\"token_endpoint\":\"" + tokenEndpoint() + "\","
                        + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]}")));
        stubTokensInTurn("t1", "t2");
        SmartBackendTokens tokens = tokens(settings().withTokenEndpoint(null));

        assertThat(tokens.accessToken()).isEqualTo("t1");
        tokens.invalidate("t1");
        assertThat(tokens.accessToken()).isEqualTo("t2");

        auth.verify(1, getRequestedFor(urlPathEqualTo(DISCOVERY_PATH)));
        SignedJWT assertion = SignedJWT.parse(form(onlyTokenRequests().get(0)).get("client_assertion"));
        assertThat(assertion.getJWTClaimsSet().getAudience())
                .containsExactly(tokenEndpoint().toString());
    }

    @Test
    void anEhrWithoutSmartConfigurationIsRejected() {
        auth.stubFor(get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(aResponse().withStatus(404)));
        SmartBackendTokens tokens = tokens(settings().withTokenEndpoint(null));

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(
                        EhrRequestRejected.class,
                        rejected -> assertThat(rejected.status()).isEqualTo(404))
                .hasMessage("EHR rejected SMART configuration discovery: HTTP 404");
    }

    @Test
    void aSmartConfigurationWithoutTokenEndpointIsMalformed() {
        auth.stubFor(get(urlPathEqualTo(DISCOVERY_PATH))
                .willReturn(okJson("{\"authorization_endpoint\":\"https://auth.example/authorize\"}")));
        SmartBackendTokens tokens = tokens(settings().withTokenEndpoint(null));

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(EhrResponseMalformed.class)
                .hasMessage("EHR response to SMART configuration discovery has no absolute http(s) token_endpoint");
    }

    @Test
    void anInvalidClientIsRejectedWithTheOAuthErrorCodeButNotTheDescription() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\","
                                + "\"error_description\":\"no key kid=key-1 for client bridge-client\"}")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(EhrRequestRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(400);
                    assertThat(rejected.diagnostics()).isEqualTo("invalid_client");
                    assertThat(rejected.isAuthenticationFailure()).isTrue();
                })
                .hasMessage("EHR rejected SMART token request: HTTP 400 (invalid_client)");
    }

    @Test
    void anErrorCodeThatIsNoPlainWordIsLeftOut() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"bad assertion eyJhbGciOi\"}")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(EhrRequestRejected.class)
                .hasMessage("EHR rejected SMART token request: HTTP 401");
    }

    @Test
    void anUnavailableTokenEndpointIsUnavailableWithTheDelayItAskedFor() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "20")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(503);
                    assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(20));
                })
                .hasMessage("EHR unavailable for SMART token request: HTTP 503, retry after 20s");
    }

    @Test
    void aSlowTokenEndpointIsUnavailable() {
        auth.stubFor(
                post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("late", 300).withFixedDelay(1_500)));
        SmartBackendTokens tokens = SmartBackendTokens.forConnection(
                settings(),
                EhrConnection.to(auth.baseUrl() + "/fhir").withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)),
                clock);

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(
                        EhrUnavailable.class,
                        unavailable -> assertThat(unavailable.status()).isZero())
                .hasMessage("EHR unavailable for SMART token request: no HTTP response");
    }

    @Test
    void aTokenResponseWithoutAccessTokenIsMalformedAndQuotesNothingOfIt() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"token\":\"s3cret-token\",\"token_type\":\"bearer\"}")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(EhrResponseMalformed.class)
                .hasMessage("EHR response to SMART token request has no access_token")
                .hasNoCause();
    }

    @Test
    void aTokenThatIsNotABearerTokenIsMalformed() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"t1\",\"token_type\":\"DPoP\",\"expires_in\":300}")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(EhrResponseMalformed.class)
                .hasMessage("EHR response to SMART token request has a token_type other than bearer");
    }

    @Test
    void aTokenResponseThatIsNotJsonIsMalformedAndQuotesNothingOfIt() {
        auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse().withStatus(200).withBody("access_token=s3cret-token")));
        SmartBackendTokens tokens = tokens(settings());

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(EhrResponseMalformed.class)
                .hasMessage("EHR response to SMART token request is not a JSON object")
                .hasNoCause();
    }

    private SmartBackendAuth settings() {
        return EhrAuth.smartBackend("bridge-client", KeySource.pemFile(pem), "key-1")
                .withTokenEndpoint(tokenEndpoint());
    }

    private URI tokenEndpoint() {
        return URI.create(auth.baseUrl() + TOKEN_PATH);
    }

    private SmartBackendTokens tokens(SmartBackendAuth settings) {
        return SmartBackendTokens.forConnection(settings, EhrConnection.to(auth.baseUrl() + "/fhir"), clock);
    }

    private void stubTokensInTurn(String... values) {
        String state = Scenario.STARTED;
        for (int i = 0; i < values.length; i++) {
            String next = "token " + (i + 2);
            auth.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                    .inScenario("tokens")
                    .whenScenarioStateIs(state)
                    .willReturn(token(values[i], 300))
                    .willSetStateTo(next));
            state = next;
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value, long expiresIn) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                + ",\"scope\":\"system/Patient.rs\"}");
    }

    private LoggedRequest onlyTokenRequest() {
        List<LoggedRequest> requests = onlyTokenRequests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private List<LoggedRequest> onlyTokenRequests() {
        return auth.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int equals = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** Runs {@code call} on that many threads released at the same moment; each result or failure, in order. */
    static List<Object> atOnce(int threads, java.util.function.Supplier<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return call.get();
                    } catch (RuntimeException failure) {
                        return failure;
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
