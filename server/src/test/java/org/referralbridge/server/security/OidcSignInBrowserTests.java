package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.staff.Browser;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production sign-in in a real headless Chromium: {@code referralbridge.security.mode=oidc} with the clinic's
 * identity provider registered as an OIDC client (here {@link TestIdentityProvider} over real HTTP). A page sends the
 * browser to the provider and back (authorization code flow), the staff member's roles come from the ID token's
 * roles claim as a bearer token's do, a page outside them is the 403 page, someone with no role of ours sees only
 * that, and signing out ends the provider's session too. The API keeps taking the provider's bearer tokens.
 */
@IntegrationTest
class OidcSignInBrowserTests {

    private static final TestIdentityProvider IDP = TestIdentityProvider.start();

    @LocalServerPort
    int port;

    private Browser browser;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("referralbridge.security.mode", () -> "oidc");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", IDP::issuer);
        registry.add("spring.security.oauth2.client.provider.clinic.issuer-uri", IDP::issuer);
        registry.add(
                "spring.security.oauth2.client.registration.clinic.client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add(
                "spring.security.oauth2.client.registration.clinic.client-secret",
                () -> TestIdentityProvider.CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.clinic.scope", () -> "openid");
        registry.add("spring.security.oauth2.client.registration.clinic.client-name", () -> "Harbour Clinic");
    }

    @BeforeEach
    void start() {
        browser = Browser.start(port);
    }

    @AfterEach
    void stop() {
        browser.close();
    }

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @Test
    void aPageSignsInThroughTheProviderWithTheRolesOfTheIdTokenAndSigningOutEndsBothSessions() {
        IDP.nextSignIn("dana.front", "front-desk");
        browser.open("/front-desk");
        browser.waitForText(By.cssSelector("main h1"), "Front desk");
        assertThat(browser.driver().getCurrentUrl()).startsWith("http://localhost:" + port + "/front-desk");
        assertThat(browser.find(By.tagName("header")).getText()).contains("Signed in as dana.front");
        browser.assertAccessible();

        browser.open("/program");
        assertThat(browser.find(By.tagName("main")).getText()).contains("This page is not available to you");

        browser.find(By.cssSelector("form.sign-out button")).click();
        browser.waitForText(By.cssSelector("main [role=status]"), "You are signed out.");
        assertThat(IDP.logouts()).contains("http://localhost:" + port + "/login?signed-out");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Sign in with Harbour Clinic");
        assertThat(browser.findAll(By.id("password"))).isEmpty();
        browser.assertAccessible().screenshot("sign-in-oidc");

        // signed out: the next page goes to the provider again, who signs in someone else
        IDP.nextSignIn("morgan.manager", "program-admin");
        browser.open("/program");
        browser.waitForText(By.cssSelector("main h1"), "Program");
        assertThat(browser.find(By.tagName("header")).getText()).contains("Signed in as morgan.manager");
    }

    @Test
    void someoneWithoutAnyOfTheServicesRolesIsSignedInToNothing() {
        IDP.nextSignIn("visitor", "billing-clerk");
        browser.open("/front-desk");
        browser.waitFor(By.tagName("main"));
        assertThat(browser.find(By.tagName("main")).getText()).contains("This page is not available to you");
        assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Find a patient");
    }

    @Test
    void theApiTakesTheProvidersBearerTokensAndNeverAPageSession() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> withToken = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/review-items"))
                        .header("Authorization", "Bearer " + IDP.accessToken("dana.front", "front-desk"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/review-items"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer");
    }
}
