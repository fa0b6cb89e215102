package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The front desk's pages in a real headless Chromium, against the sandbox EHR. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDeskBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    private Browser browser;
    private Ehr ehr;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        ehr = new Ehr(fhirContext, port);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void enrolsAPatientFoundByNameAndPrintsTheirCard() throws Exception {
        ehr.create(Patients.person("Odile", "Quintrell", "1971-06-15"));
        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/patients").assertAccessible();
            browser.find(By.id("name")).sendKeys("Quintrell");
            browser.find(By.cssSelector("main form[role=search] button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector("main table tbody td"), "Odile Quintrell");
            browser.assertAccessible().screenshot("front-desk-patients");

            browser.find(By.cssSelector("main table tbody form button")).click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("main h1"), "Advocate card");
            String code = browser.find(By.cssSelector(".referral-code")).getText();
            assertThat(code).isNotBlank();
            assertThat(browser.find(By.cssSelector("[role=status]")).getText()).contains(code);
            Object width = browser.driver()
                    .executeScript("var img = document.querySelector('img.qr');"
                            + " return img.complete ? img.naturalWidth : -1;");
            assertThat(((Number) width).intValue()).isPositive();
            browser.assertAccessible().screenshot("front-desk-card");

            HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port + "/front-desk/advocates/" + code + "/card.pdf"))
                                    .header("Authorization", basic(StaffAccounts.FRONT_DESK))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");

            browser.open("/front-desk/advocates").assertAccessible();
            assertThat(browser.find(By.cssSelector("main table")).getText()).contains(code);
            browser.open("/front-desk/advocates?q=" + code).assertAccessible();
            browser.find(By.linkText(code)).click();
            browser.waitForText(By.cssSelector("main h1"), "Advocate card");
        } finally {
            browser.signOut();
        }
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
