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

    @Test
    void aLeadWaitsOnTheFrontDesksListUntilMarkedContacted() throws Exception {
        String advocateId = ehr.create(Patients.existing("Leadwell"));
        String code = api.enrol(advocateId);
        browser.open("/r/" + code);
        browser.find(By.id("name")).sendKeys("Cordelia Fenwick-Ames");
        browser.find(By.id("phone")).sendKeys("(555) 010-7788");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("preferredTime"))).selectByValue("evening");
        browser.find(By.id("message")).sendKeys("Please call after five.");
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main h1"), "Thank you");
        FriendLead lead =
                leads.findByAdvocatePatientIdOrderByCreatedAtDesc(advocateId).get(0);

        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk").find(By.linkText("Friend leads")).click();
            browser.waitForText(By.cssSelector("main h1"), "Friend leads");
            browser.assertAccessible().screenshot("front-desk-leads");
            String waitingBefore = browser.find(By.id("waiting-count")).getText();
            String row = rowOf("Cordelia Fenwick-Ames");
            assertThat(row).contains("(555) 010-7788", "Evening", "Please call after five.", code, "Waiting");

            browser.find(By.cssSelector("button[aria-label='Mark the lead of Cordelia Fenwick-Ames as contacted']"))
                    .click();
            browser.waitForText(By.cssSelector("main [role=status]"), "Marked as contacted");
            browser.assertAccessible();
            assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Cordelia Fenwick-Ames");
            assertThat(browser.find(By.id("waiting-count")).getText()).isNotEqualTo(waitingBefore);

            browser.open("/front-desk/leads?state=contacted");
            assertThat(rowOf("Cordelia Fenwick-Ames")).contains("Contacted", "by " + StaffAccounts.FRONT_DESK);
            assertThat(browser.findAll(By.cssSelector("main table button[aria-label^='Mark the lead']")))
                    .isEmpty();

            // not interested after all: closed, the lead leaves the open lists and is not linked later
            browser.find(By.cssSelector("button[aria-label^='Close the lead of Cordelia Fenwick-Ames']"))
                    .click();
            browser.waitForText(By.cssSelector("main [role=status]"), "Closed");
            browser.assertAccessible();
            assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Cordelia Fenwick-Ames");
            browser.open("/front-desk/leads?state=closed");
            assertThat(rowOf("Cordelia Fenwick-Ames")).contains("Closed", "by " + StaffAccounts.FRONT_DESK);
            assertThat(browser.findAll(By.cssSelector("main table button"))).isEmpty();
        } finally {
            browser.signOut();
        }

        // the API says the same, refuses what it cannot do, and the audit trail has the mark (the lead's id only)
        Map<String, Object> closed = frontDesk("/api/leads?state=closed");
        List<Object> ids = ((List<?>) closed.get("items"))
                .stream().map(item -> ((Map<?, ?>) item).get("id")).collect(java.util.stream.Collectors.toList());
        assertThat(ids).contains(lead.id().toString());
        java.net.http.HttpResponse<String> unknown = frontDeskCall("GET", "/api/leads?state=someday");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("RB-3002", "\"parameter\":\"state\"");
        java.util.UUID nobody = java.util.UUID.randomUUID();
        java.net.http.HttpResponse<String> gone = frontDeskCall("POST", "/api/leads/" + nobody + "/contacted");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("RB-3001");
        Map<String, Object> refused = AdminApi.client(port)
                .get()
                .uri("/api/audit?action=lead.contacted&resource=friend-lead/" + nobody)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat((List<?>) refused.get("items"))
                .singleElement()
                .satisfies(item -> assertThat(item.toString()).contains("outcome=failure"));
        java.net.http.HttpResponse<String> again = frontDeskCall("POST", "/api/leads/" + lead.id() + "/contacted");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body())
                .contains("\"contactedBy\":\"" + StaffAccounts.FRONT_DESK + "\"", "\"state\":\"closed\"");
        java.net.http.HttpResponse<String> closedAgain = frontDeskCall("POST", "/api/leads/" + lead.id() + "/closed");
        assertThat(closedAgain.statusCode()).isEqualTo(200);
        assertThat(closedAgain.body()).contains("\"closedBy\":\"" + StaffAccounts.FRONT_DESK + "\"");

        // the friend becomes a patient with the same phone and code: a closed lead is not linked
        Patient friend = Patients.referredWithCode("Fenwick-Ames", code);
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(555) 010-7788");
        String friendId = ehr.create(friend);
        await().atMost(WAIT)
                .until(() -> api.referralOf(friendId) != null
                        && "LINKED".equals(api.referralOf(friendId).get("status")));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> leads.findById(lead.id()).orElseThrow().linkedPatientId() == null);
        Map<String, Object> audit = AdminApi.client(port)
                .get()
                .uri("/api/audit?action=lead.contacted&resource=friend-lead/" + lead.id())
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat((List<?>) audit.get("items"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(item -> assertThat(item.toString())
                        .doesNotContain("Cordelia", "Fenwick", "555")
                        .contains("friend-lead/" + lead.id()));
    }

    /** The text of the leads table's row of this friend. */
    private String rowOf(String name) {
        return browser.findAll(By.cssSelector("#leads tbody tr")).stream()
                .map(org.openqa.selenium.WebElement::getText)
                .filter(text -> text.contains(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + name));
    }

    private Map<String, Object> frontDesk(String path) throws Exception {
        java.net.http.HttpResponse<String> answer = frontDeskCall("GET", path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(answer.body(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    }

    private java.net.http.HttpResponse<String> frontDeskCall(String method, String path) throws Exception {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((StaffAccounts.FRONT_DESK + ":" + StaffAccounts.PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private List<Map<String, Object>> consentsOf(String patientId) {
        return AdminApi.client(port)
                .get()
                .uri("/api/consents?patient={id}", patientId)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }
}
