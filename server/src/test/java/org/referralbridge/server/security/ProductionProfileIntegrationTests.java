package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.web.Roles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code postgres} profile as production runs it: sign-in with bearer tokens of an identity provider (here a key
 * pair made for the test, its public key in a file, as {@code ...jwt.public-key-location} takes it), no sandbox EHR,
 * an EHR somewhere else (here an address nothing answers, which this test never needs).
 */
@IntegrationTest
@ActiveProfiles({"test", "postgres"})
class ProductionProfileIntegrationTests {

    private static final RSAKey PROVIDER = key("provider");
    private static final RSAKey STRANGER = key("stranger");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) throws IOException, JOSEException {
        Path publicKey = Files.createTempFile("provider", ".pem");
        publicKey.toFile().deleteOnExit();
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(PROVIDER.toRSAPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
        registry.add("referralbridge.sandbox.enabled", () -> "false");
        registry.add("referralbridge.ehr.base-url", () -> "http://127.0.0.1:9/fhir");
    }

    @Test
    void theSandboxDoesNotExist() throws Exception {
        assertThat(get("/sandbox/fhir/metadata", null).statusCode()).isEqualTo(404);
        assertThat(get("/sandbox/fhir/Patient", token(PROVIDER, List.of(Roles.CLINIC_IT), 300))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anonymousCallsToTheApiAreRefusedWithABearerChallenge() throws Exception {
        for (String path : List.of("/api/referrals", "/api/queues", "/api/users", "/api/nothing-here")) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(answer.body()).as(path).contains("\"code\":\"RB-1006\"");
        }
    }

    @Test
    void healthShowsItsStatusAlone() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);

        assertThat(health.body()).contains("\"status\"").doesNotContain("components", "queues", "db");
        assertThat(get("/actuator/health", token(PROVIDER, List.of(Roles.CLINIC_IT), 300))
                        .body())
                .contains("\"components\"");
    }

    @Test
    void rolesComeFromTheTokensRolesClaim() throws Exception {
        String frontDesk = token(PROVIDER, List.of(Roles.FRONT_DESK, "tea-maker"), 300);
        String auditor = token(PROVIDER, List.of(Roles.AUDITOR), 300);

        assertThat(get("/api/referrals", frontDesk).statusCode()).isEqualTo(200);
        assertThat(get("/api/queues", frontDesk).statusCode()).isEqualTo(403);
        assertThat(get("/api/queues", auditor).statusCode()).isEqualTo(200);
        assertThat(get("/api/queues", token(PROVIDER, List.of("tea-maker"), 300))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void expiredForeignOrMalformedTokensAreRefused() throws Exception {
        assertThat(get("/api/referrals", token(PROVIDER, List.of(Roles.FRONT_DESK), -300))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/api/referrals", token(STRANGER, List.of(Roles.FRONT_DESK), 300))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> garbage = get("/api/referrals", "not.a.token");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).contains("RB-1006").doesNotContain("Exception", "Jwt");
    }

    @Test
    void thereIsNoLocalUserStore() throws Exception {
        HttpResponse<String> users = get("/api/users", token(PROVIDER, List.of(Roles.PROGRAM_ADMIN), 300));
        HttpResponse<String> basic = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals"))
                        .header("Authorization", "Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(users.statusCode()).isEqualTo(404);
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token as the provider signs it, valid for {@code seconds} from now (negative: expired that long ago). */
    private static String token(RSAKey key, List<String> roles, long seconds) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("8f14e45f")
                        .claim("preferred_username", "desk-1")
                        .claim("roles", roles)
                        .issueTime(Date.from(now.minusSeconds(Math.abs(seconds) + 60)))
                        .expirationTime(Date.from(now.plusSeconds(seconds)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
