package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

/** The security headers on every kind of answer, and CORS closed unless origins are configured. */
@IntegrationTest
class SecurityHeadersIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        Map<String, HttpResponse<String>> answers = Map.of(
                "api, signed in", send("GET", "/api/referrals", true, null),
                "api, anonymous", send("GET", "/api/referrals", false, null),
                "api, no such URL", send("GET", "/api/nothing-here", true, null),
                "notification without secret", send("POST", "/fhir/notify", false, ""),
                "sandbox EHR", send("GET", "/sandbox/fhir/metadata", false, null),
                "health", send("GET", "/actuator/health", false, null),
                "refused by Tomcat (%2F)", send("GET", "/api/advocates/a%2Fb", true, null));

        answers.forEach((what, answer) -> {
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(what)
                    .hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("Cache-Control"))
                    .as(what)
                    .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
        });
        assertThat(answers.get("refused by Tomcat (%2F)").statusCode()).isEqualTo(400);
    }

    @Test
    void aBrowserOnAnotherOriginIsNotLetIn() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> simple = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals"))
                        .header("Origin", "https://elsewhere.example")
                        .header("Authorization", AdminApi.authorization())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void configuredOriginsMayCallTheApiAndNothingElse() {
        SecurityProperties properties = new SecurityProperties(
                SecurityProperties.Mode.LOCAL,
                null,
                10,
                new SecurityProperties.Oidc("roles", "preferred_username"),
                List.of("https://staff.example.org"),
                "default-src 'self'");

        CorsConfiguration api = SecurityConfiguration.cors(properties, List.of())
                .getCorsConfiguration(new MockHttpServletRequest("GET", "/api/referrals"));
        CorsConfiguration notify = SecurityConfiguration.cors(properties, List.of("*"))
                .getCorsConfiguration(new MockHttpServletRequest("POST", "/fhir/notify"));
        CorsConfiguration cds = SecurityConfiguration.cors(properties, List.of("https://*.cds-hooks.org"))
                .getCorsConfiguration(new MockHttpServletRequest("POST", "/cds-services/referral-bridge-patient-view"));

        assertThat(api.checkOrigin("https://staff.example.org")).isEqualTo("https://staff.example.org");
        assertThat(api.checkOrigin("https://elsewhere.example")).isNull();
        assertThat(notify).isNull();
        assertThat(cds.checkOrigin("https://sandbox.cds-hooks.org")).isEqualTo("https://sandbox.cds-hooks.org");
        assertThat(cds.checkOrigin("https://elsewhere.example")).isNull();
        assertThat(cds.getAllowCredentials()).isFalse();
        assertThat(SecurityConfiguration.cors(properties, List.of())
                        .getCorsConfiguration(new MockHttpServletRequest("GET", "/cds-services")))
                .isNull();
    }

    @Test
    void aBrowserBasedCdsClientMayCallTheCdsServiceFromAnyOriginByDefaultWithoutCookies() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/cds-services/referral-bridge-patient-view"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://sandbox.cds-hooks.org")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cds-services"))
                        .header("Origin", "https://sandbox.cds-hooks.org")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://sandbox.cds-hooks.org");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://sandbox.cds-hooks.org");
    }

    private HttpResponse<String> send(String method, String path, boolean signedIn, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (signedIn) {
            request.header("Authorization", AdminApi.authorization());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
