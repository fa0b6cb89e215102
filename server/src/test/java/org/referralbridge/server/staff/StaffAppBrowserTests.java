package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.referralbridge.server.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff app's frame in a real headless Chromium: sign-in, each role's sections, the 403 page, sign-out, and the
 * accessibility of each section's start page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAppBrowserTests {

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void aPageAsksForSignInFirstAndLeadsBackToIt() {
        browser.open("/front-desk");

        assertThat(browser.title()).isEqualTo("Sign in · Referral Bridge");
        browser.assertAccessible().screenshot("sign-in");

        browser.find(By.id("username")).sendKeys(StaffAccounts.FRONT_DESK);
        browser.find(By.id("password")).sendKeys(StaffAccounts.PASSWORD);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main h1"), "Front desk");
        assertThat(URI.create(browser.driver().getCurrentUrl()).getPath()).isEqualTo("/front-desk");
        browser.signOut();
    }

    @Test
    void aWrongPasswordIsToldInPlainWords() {
        browser.open("/login");
        browser.find(By.id("username")).sendKeys(StaffAccounts.FRONT_DESK);
        browser.find(By.id("password")).sendKeys("not-the-password");
        browser.find(By.cssSelector("main form button[type=submit]")).click();

        assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText())
                .contains("That user name and password do not match");
        browser.assertAccessible();
    }

    @Test
    void eachRoleSeesItsOwnSectionsOnly() {
        assertSections(StaffAccounts.FRONT_DESK, List.of("Front desk"));
        assertSections(StaffAccounts.PROGRAM_ADMIN, List.of("Program"));
        assertSections(StaffAccounts.CLINIC_IT, List.of("Clinic IT"));
        assertSections(StaffAccounts.AUDITOR, List.of());
    }

    @Test
    void eachSectionStartPageIsAccessible() {
        browser.signIn("admin", "test-admin-password");
        try {
            assertSections(List.of("Front desk", "Program", "Clinic IT"));
            browser.assertAccessible().screenshot("home");
            assertThat(browser.driver().executeScript("return typeof htmx"))
                    .as("htmx is served from its webjar and runs under the Content-Security-Policy")
                    .isEqualTo("object");
            for (String path : List.of("/front-desk", "/program", "/it")) {
                browser.open(path).assertAccessible();
                assertThat(browser.find(By.cssSelector(".breadcrumb [aria-current=page]"))
                                .getText())
                        .isEqualTo(browser.heading());
            }
        } finally {
            browser.signOut();
        }
    }

    @Test
    void aWrongRoleGetsTheForbiddenPageNotABrokenOne() throws Exception {
        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/it");
            assertThat(browser.heading()).isEqualTo("This page is not available to you");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/it");
            browser.assertAccessible().screenshot("forbidden");
        } finally {
            browser.signOut();
        }

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/program"))
                                .header("Accept", "text/html")
                                .header("Authorization", basic(StaffAccounts.FRONT_DESK))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("This page is not available to you").doesNotContain("Exception");
    }

    @Test
    void aMistypedAddressInASectionGetsThePageNotFound() {
        browser.signIn(StaffAccounts.CLINIC_IT, StaffAccounts.PASSWORD);
        try {
            browser.open("/it/no-such-page");
            assertThat(browser.heading()).isEqualTo("Not found");
            assertThat(browser.find(By.cssSelector("main [role=alert]")).getText())
                    .startsWith("There is no page at this address");
            browser.assertAccessible();
        } finally {
            browser.signOut();
        }
    }

    @Test
    void signingOutNeedsTheFormsTokenAndEndsTheSession() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
                                .header("Accept", "text/html")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);

        browser.signIn(StaffAccounts.CLINIC_IT, StaffAccounts.PASSWORD);
        browser.signOut();
        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).isEqualTo("You are signed out.");
        browser.open("/it");
        assertThat(browser.title()).isEqualTo("Sign in · Referral Bridge");
    }

    private void assertSections(String user, List<String> sections) {
        browser.signIn(user, StaffAccounts.PASSWORD);
        try {
            assertSections(sections);
        } finally {
            browser.signOut();
        }
    }

    private void assertSections(List<String> sections) {
        assertThat(browser.findAll(By.cssSelector("header nav a")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactlyElementsOf(sections);
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
