package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The rest of the front desk in a real headless Chromium, against the sandbox EHR: a phoned-in referral with the
 * advocate typeahead, a review item decided side by side, a consent recorded and revoked. Each result is checked
 * through the API as the front-desk user. The EHR connection reads a referrer named by name (front-desk-free-text),
 * so the ingest path itself opens the review item.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.mapping.directory=src/test/resources/mapping-profiles",
            "referralbridge.mapping.profile=front-desk-free-text"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDeskWorkBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REFERRED_BY = "http://clinic.example.org/fhir/StructureDefinition/referred-by";
    private static final String REFERRED_BY_BIRTH_DATE =
            "http://clinic.example.org/fhir/StructureDefinition/referred-by-birth-date";

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    private Browser browser;
    private Ehr ehr;
    private AdminApi admin;
    private RestClient api;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        ehr = new Ehr(fhirContext, port);
        admin = new AdminApi(port);
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", basic(StaffAccounts.FRONT_DESK))
                .build();
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void recordsAPhonedInReferralPickingTheAdvocateFromTheTypeahead() {
        String advocate = ehr.create(Patients.person("Wilhelmina", "Rasmussen", "1966-03-09"));
        String code = admin.enrol(advocate);
        String newcomer = ehr.create(Patients.person("Jonas", "Pettigrew", "1990-07-01"));
        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk").assertAccessible();
            browser.find(By.linkText("Who referred you?")).click();
            browser.waitForText(By.cssSelector("main h1"), "Who referred you?");
            browser.assertAccessible();

            browser.find(By.id("find-name")).sendKeys("Pettigrew");
            browser.find(By.cssSelector("main form[role=search] button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector("table.patients-found tbody"), "Jonas Pettigrew");
            browser.assertAccessible();
            browser.find(By.cssSelector("table.patients-found tbody a")).click();
            browser.waitForText(By.id("patientId-chosen"), "Jonas Pettigrew");
            assertThat(browser.find(By.id("patientId")).getAttribute("value")).isEqualTo(newcomer);

            browser.find(By.id("referrer")).sendKeys("Rasmus");
            browser.waitForText(By.cssSelector("#advocate-matches fieldset"), "Wilhelmina Rasmussen");
            assertThat(browser.find(By.cssSelector("#advocate-matches fieldset"))
                            .getText())
                    .contains(code);
            browser.assertAccessible().screenshot("front-desk-referral");
            browser.find(By.cssSelector("label[for=advocate-0]")).click();
            assertThat(browser.find(By.id("advocate-0")).isSelected()).isTrue();
            browser.find(By.cssSelector("main form.referral-form button[type=submit]"))
                    .click();

            browser.waitForText(By.cssSelector("main h1"), "Referral");
            assertThat(browser.find(By.cssSelector("[role=status]")).getText()).contains(code);
            assertThat(browser.find(By.cssSelector(".referral-status")).getText())
                    .contains("Linked");
            assertThat(browser.find(By.cssSelector("dl.referral-facts")).getText())
                    .contains("Jonas Pettigrew", "Wilhelmina Rasmussen", "An existing patient referred them");
            browser.assertAccessible();
        } finally {
            browser.signOut();
        }

        Map<String, Object> referral = referralOf(newcomer);
        assertThat(referral)
                .containsEntry("status", "LINKED")
                .containsEntry("referrerReference", "Patient/" + advocate)
                .containsEntry("channel", "patient");
    }

    @Test
    void aMistypedCodeOrANameNotPickedIsSaidNextToTheField() {
        String newcomer = ehr.create(Patients.person("Ottilie", "Brandvold", "1988-02-14"));
        String advocate = ehr.create(Patients.person("Ingeborg", "Halvorsen", "1958-10-30"));
        String code = admin.enrol(advocate);
        char check = ReferralCode.checkCharacter("2345678");
        String mistyped = "2345-678" + (check == 'Z' ? 'Y' : 'Z');
        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/referrals/new?patient=" + newcomer);
            browser.find(By.id("referrer")).sendKeys(mistyped);
            browser.find(By.cssSelector("main form.referral-form button[type=submit]"))
                    .click();
            browser.waitForText(By.id("referrer-error"), "check character");
            assertThat(browser.find(By.id("referrer")).getAttribute("value")).isEqualTo(mistyped);
            assertThat(browser.find(By.id("patientId")).getAttribute("value")).isEqualTo(newcomer);
            browser.assertAccessible();
            assertThat(referralOf(newcomer)).isNull();

            // the way without the typeahead: a name submitted comes back with the advocates to pick from
            browser.find(By.id("referrer")).clear();
            browser.driver()
                    .executeScript("document.getElementById('referrer').value = 'Halvorsen';"
                            + " document.querySelector('form.referral-form').submit();");
            browser.waitForText(By.id("referrer-error"), "Pick the advocate");
            assertThat(browser.find(By.cssSelector("#advocate-matches fieldset"))
                            .getText())
                    .contains("Ingeborg Halvorsen", code);
            browser.assertAccessible();
            browser.find(By.cssSelector("label[for=advocate-0]")).click();
            browser.find(By.cssSelector("main form.referral-form button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector(".referral-status"), "Linked");
        } finally {
            browser.signOut();
        }
        assertThat(referralOf(newcomer)).containsEntry("referrerReference", "Patient/" + advocate);
    }

    @Test
    void confirmsAReviewItemWithItsCandidatesSideBySide() {
        String meant = ehr.create(Patients.person("Marisol", "Okonkwo", "1979-05-20"));
        String namesake = ehr.create(Patients.person("Marisol", "Okonkwo", "1994-01-11"));
        String referred = ehr.create(referredBy("Marisol Okonkwo", "1979-05-20"));
        String itemId = (String) await().atMost(WAIT)
                .until(() -> reviewItemOf(referred, "open"), item -> item != null)
                .get("id");

        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/review").assertAccessible();
            browser.find(By.cssSelector("a[href$='/front-desk/review/" + itemId + "']"))
                    .click();
            browser.waitForText(By.cssSelector("main h1"), "who referred them?");
            assertThat(browser.find(By.cssSelector(".breadcrumb [aria-current=page]"))
                            .getText())
                    .isEqualTo(browser.heading());
            String sideBySide = browser.find(By.cssSelector(".review-people")).getText();
            assertThat(sideBySide).contains("The new patient", "Candidate 1", "Candidate 2", meant, namesake);
            assertThat(browser.findAll(By.cssSelector(".review-people section.candidate")))
                    .hasSize(2);
            browser.assertAccessible().screenshot("front-desk-review-item");

            browser.find(By.xpath("//form[input[@name='patientId' and @value='" + meant + "']]//button"))
                    .click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("[role=status]"), "Confirmed");
            assertThat(browser.find(By.cssSelector(".review-status")).getText())
                    .contains("Confirmed", StaffAccounts.FRONT_DESK);
            assertThat(browser.findAll(By.cssSelector(".review-people form"))).isEmpty();
            browser.assertAccessible();
        } finally {
            browser.signOut();
        }

        Map<String, Object> confirmed = reviewItemOf(referred, "confirmed");
        assertThat(confirmed)
                .isNotNull()
                .containsEntry("id", itemId)
                .containsEntry("chosenPatientId", meant)
                .containsEntry("decidedBy", StaffAccounts.FRONT_DESK);
        assertThat(referralOf(referred))
                .containsEntry("status", "LINKED")
                .containsEntry("referrerReference", "Patient/" + meant);
    }

    @Test
    void recordsAnSmsOptInOnlyWithTheWrittenRecordAndRevokesIt() {
        String patient = ehr.create(Patients.person("Theodora", "Quellmalz", "1985-12-02"));
        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/consents").assertAccessible();
            browser.find(By.id("patient")).sendKeys(patient);
            browser.find(By.cssSelector("main form[role=search] button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector("h2.consent-patient"), "Theodora Quellmalz");
            assertThat(browser.find(By.cssSelector("main")).getText()).contains("No consent is on record");
            browser.assertAccessible();

            browser.find(By.cssSelector("label[for=kind-2]")).click();
            assertThat(browser.find(By.id("recognition-0")).isDisplayed())
                    .as("only the chosen kind's fields show")
                    .isFalse();
            browser.find(By.cssSelector("label[for=message-1]")).click();
            browser.find(By.cssSelector("form.consent-form button[type=submit]"))
                    .click();
            browser.waitForText(By.id("messages-error"), "written");
            assertThat(browser.find(By.id("kind-2")).isSelected()).isTrue();
            assertThat(browser.find(By.id("message-1")).isSelected()).isTrue();
            browser.assertAccessible();
            assertThat(consentsOf(patient)).isEmpty();

            browser.find(By.cssSelector("label[for=writtenRecord]")).click();
            browser.find(By.cssSelector("form.consent-form button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector("[role=status]"), "Consent recorded");
            assertThat(browser.find(By.cssSelector("table.consents-current")).getText())
                    .contains("Program messages", "Text message (SMS)", "In force");
            browser.assertAccessible().screenshot("front-desk-consents");
            assertThat(consentsOf(patient))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("kind", "program-messages")
                            .containsEntry("channel", "sms")
                            .containsEntry("status", "active")
                            .containsEntry("writtenRecord", true)
                            .containsEntry("permits", true));

            browser.find(By.cssSelector("table.consents-current form button")).click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("[role=status]"), "Consent revoked");
            assertThat(browser.find(By.cssSelector("table.consents-current")).getText())
                    .contains("Revoked");
            assertThat(browser.find(By.cssSelector("table.consents-history")).getText())
                    .contains("In force");
            assertThat(browser.findAll(By.cssSelector("table.consents-current form")))
                    .isEmpty();
            browser.assertAccessible();
        } finally {
            browser.signOut();
        }
        List<Map<String, Object>> current = consentsOf(patient).stream()
                .filter(row -> row.get("supersededAt") == null)
                .toList();
        assertThat(current)
                .isNotEmpty()
                .allSatisfy(row ->
                        assertThat(row).containsEntry("status", "inactive").containsEntry("permits", false));
    }

    private static Patient referredBy(String name, String birthDate) {
        Patient patient = Patients.existing("Referred");
        patient.addExtension(REFERRED_BY, new StringType(name));
        patient.addExtension(REFERRED_BY_BIRTH_DATE, new DateType(birthDate));
        return patient;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> referralOf(String patientId) {
        Map<String, Object> page = api.get()
                .uri("/api/referrals?size=500")
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(referral -> patientId.equals(referral.get("referredPatientId")))
                        .findFirst()
                        .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reviewItemOf(String patientId, String status) {
        Map<String, Object> page = api.get()
                .uri("/api/review-items?status={status}&size=500", status)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(item -> patientId.equals(item.get("referredPatientId")))
                        .findFirst()
                        .orElse(null);
    }

    private List<Map<String, Object>> consentsOf(String patientId) {
        return api.get()
                .uri("/api/consents?patient={patient}", patientId)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
