package org.referralbridge.server.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.staff.Browser;
import org.referralbridge.server.staff.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The friend's way in a real headless Chromium: the link, the program's terms, the form (first with problems, then
 * right), the thank-you page; then the friend appears in the sandbox EHR with the code and the referral and the lead
 * link. The form's minimum fill time is 0 here, so the test need not wait; the front desk's card shows the share texts.
 */
@IntegrationTest(
        args = {
            "--referralbridge.landing.min-fill-time=0s",
            "--referralbridge.landing.practice-name=Harbour Dental",
            "--referralbridge.landing.terms=Referring a friend never changes the care you receive.",
            "--referralbridge.programs.directory=src/test/resources/programs"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    FriendLeads leads;

    private Browser browser;
    private Ehr ehr;
    private AdminApi api;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void aFriendOpensTheLinkSendsTheFormAndIsLinkedWhenTheyBecomeAPatient() {
        String advocateId = ehr.create(Patients.person("Bartholomew", "Wexley", "1958-03-04"));
        String code = api.enrol(advocateId);

        browser.open("/r/" + code).assertAccessible().screenshot("landing-page");
        assertThat(browser.heading()).isEqualTo("Welcome to Harbour Dental");
        String page = browser.find(By.tagName("main")).getText();
        assertThat(page)
                .contains("Friends and family", "Thank you for recommending us")
                .contains("Referring a friend never changes the care you receive.")
                .doesNotContain("Wexley", "Bartholomew", "1958");

        // sent empty: each problem next to its field, the page still accessible
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main [role=alert]"), "Enter your name.");
        assertThat(browser.find(By.id("name-error")).getText()).isEqualTo("Enter your name.");
        browser.assertAccessible();

        browser.find(By.id("name")).sendKeys("Philippa Quartermain");
        browser.find(By.id("email")).sendKeys("philippa@example.org");
        browser.find(By.cssSelector("label[for^=consentDisclosure]")).click();
        browser.find(By.cssSelector("label[for^=consentEmail]")).click();
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main h1"), "Thank you");
        assertThat(browser.find(By.tagName("main")).getText())
                .isEqualTo("Thank you\nThank you. The practice will contact you.");
        browser.assertAccessible();

        Patient friend = Patients.referredWithCode("Quartermain", code);
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("philippa@example.org");
        String friendId = ehr.create(friend);

        await().atMost(WAIT)
                .until(() -> api.referralOf(friendId) != null
                        && "LINKED".equals(api.referralOf(friendId).get("status")));
        await().atMost(WAIT).until(() -> consentsOf(friendId).size() == 2);
        assertThat(consentsOf(friendId))
                .extracting(consent -> consent.get("kind"))
                .containsExactlyInAnyOrder("referral-disclosure", "program-messages");
        assertThat(leads.findByAdvocatePatientIdOrderByCreatedAtDesc(advocateId))
                .singleElement()
                .satisfies(lead -> assertThat(lead.linkedPatientId()).isEqualTo(friendId));
    }

    @Test
    void aMistypedCodeSuggestsTheRightOneAndTheCardCarriesTheShareTexts() {
        String code = api.enrol(ehr.create(Patients.existing("Sharewell")));
        String mistyped = "0" + code.substring(1);

        browser.open("/r/" + mistyped).assertAccessible().screenshot("landing-unknown-code");
        assertThat(browser.heading()).isEqualTo("We could not find that code");
        browser.find(By.linkText(code)).click();
        browser.waitForText(By.cssSelector("main h1"), "Welcome to Harbour Dental");

        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/advocates/" + code + "/card").assertAccessible();
            assertThat(browser.find(By.id("share-link")).getDomProperty("value"))
                    .endsWith("/r/" + code);
            assertThat(browser.find(By.id("share-sms")).getDomProperty("value"))
                    .startsWith("I'm a patient at Harbour Dental and recommend them. Use my code " + code)
                    .endsWith("/r/" + code);
            assertThat(browser.find(By.id("share-email")).getDomProperty("value"))
                    .contains(code, "/r/" + code);
        } finally {
            browser.signOut();
        }
    }

    private List<Map<String, Object>> consentsOf(String patientId) {
        return AdminApi.client(port)
                .get()
                .uri("/api/consents?patient={id}", patientId)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }
}
