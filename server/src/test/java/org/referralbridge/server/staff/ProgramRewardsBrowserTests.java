package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The program manager's rewards queue, overview and launch pages in a real headless Chromium, against the sandbox
 * EHR and the real pipeline (notifications, workers, settlement) under a program that asks for each reward's approval,
 * with program messages on and a real SMTP server (GreenMail) for the launch's invitation. The tests run in order: the
 * overview counts what the tests before it created.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs-rewards-lifecycle",
            "referralbridge.messages.enabled=true",
            "referralbridge.messages.from=referrals@example-clinic.org",
            "referralbridge.messages.practice-name=Example Family Dental",
            "referralbridge.messages.postal-address=1 Main Street, Springfield, IL 62701",
            "referralbridge.messages.public-base-url=https://referrals.example-clinic.org/",
            "referralbridge.messages.unsubscribe-secret=test-unsubscribe-secret-of-32-characters-at-least",
            "referralbridge.messages.worker.poll-interval=200ms",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
class ProgramRewardsBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private Ehr ehr;
    private String invitedCode;
    private String withheldCode;
    private AdminApi api;
    private RestClient http;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
        browser = Browser.start(port);
        browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
    }

    @AfterAll
    void stop() {
        try {
            browser.close();
        } finally {
            SMTP.stop();
        }
    }

    @Test
    @Order(1)
    void aProgramManagerFindsARewardAwaitingApprovalSeesItsDecisionAndApprovesIt() {
        Qualified referral = qualifiedReferral("Approve");
        String id = onlyRewardOf(referral.referralId());
        assertThat(reward(id)).containsEntry("status", "awaiting-approval");

        browser.open("/program/rewards").assertAccessible().screenshot("program-rewards");
        assertThat(browser.title()).isEqualTo("Rewards · Referral Bridge");
        assertThat(browser.find(By.id("status")).getAttribute("value")).isEqualTo("awaiting-approval");
        browser.open("/program/rewards?q=" + referral.advocatePatientId());
        assertThat(browser.find(By.cssSelector("main table.rewards tbody")).getText())
                .contains("Patient/" + referral.advocatePatientId(), "credit-10", "awaiting approval");
        browser.find(By.cssSelector("main table.rewards tbody a")).click();
        browser.waitForText(By.cssSelector("main h1"), "Reward");
        assertThat(browser.find(By.id("reward-status")).getText()).isEqualTo("awaiting approval");
        assertThat(browser.find(By.cssSelector("details table")).getAttribute("textContent"))
                .contains("AKS-REFERRED-BENEFICIARY", "42 U.S.C. 1320a-7b(b)");
        assertThat(browser.findAll(By.id("override"))).isEmpty();
        browser.assertAccessible().screenshot("program-reward");

        browser.find(By.id("approve")).click();
        browser.acceptConfirmation();
        browser.waitForText(By.cssSelector("[role=status]"), "Reward approved");
        assertThat(reward(id))
                .containsEntry("status", "approved")
                .containsEntry("approvedBy", StaffAccounts.PROGRAM_ADMIN);
        assertThat(browser.find(By.id("reward-status")).getText()).isEqualTo("approved");
        assertThat(browser.findAll(By.id("approve"))).isEmpty();

        // voiding without a reason is refused next to the field, and nothing changes
        browser.find(By.id("void")).click();
        browser.acceptConfirmation();
        browser.waitForText(By.id("void-reason-error"), "write a reason of 1 to 500 characters");
        browser.assertAccessible();
        assertThat(reward(id)).containsEntry("status", "approved");

        // issuing a reward someone else issued a moment ago is a problem in plain words, and changes nothing
        int issued = http.post()
                .uri("/api/rewards/{id}/issue", id)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(issued).isEqualTo(200);
        browser.find(By.id("issue")).click();
        browser.acceptConfirmation();
        browser.waitForText(By.cssSelector("[role=alert]"), "This reward cannot be issued. It is issued now");
        assertThat(reward(id)).containsEntry("status", "issued").containsEntry("issuedBy", AdminApi.USER);
        assertThat(browser.find(By.cssSelector("main p.empty")).getText()).contains("Nothing more can be done");
        browser.assertAccessible();
    }

    @Test
    @Order(2)
    void theOverviewCountsTheAdvocatesReferralsAndRewardsAwaitingApproval() {
        qualifiedReferral("Overview");

        browser.open("/program/overview").assertAccessible().screenshot("program-overview");
        assertThat(browser.heading()).isEqualTo("Program overview");
        assertThat(browser.find(By.id("enrolled-advocates")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("active-advocates")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("awaiting-approval")).getText()).isEqualTo("1");
        assertThat(browser.find(By.cssSelector("tr[data-status=qualified] td")).getText())
                .isEqualTo("2");
        assertThat(browser.find(By.cssSelector("tr[data-status=linked] td")).getText())
                .isEqualTo("0");
        assertThat(browser.find(By.cssSelector("table.referrals-by-status caption"))
                        .getText())
                .contains("(2 in all)");

        browser.find(By.linkText("rewards awaiting approval")).click();
        browser.waitForText(By.cssSelector("main h1"), "Rewards");
        assertThat(browser.findAll(By.cssSelector("main table.rewards tbody tr")))
                .hasSize(1);
    }

    @Test
    @Order(3)
    void theLaunchEnrolsARecentPatientAndInvitesThemOnlyWithTheirEmailConsent() throws Exception {
        String family = "Launchwood";
        String consenting = patientWithRecentVisit("Ines", family, "ines.launchwood@mail.example.org");
        String silent = patientWithRecentVisit("Otto", family, "otto.launchwood@mail.example.org");
        int consent = http.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "kind",
                        "program-messages",
                        "patientId",
                        consenting,
                        "channels",
                        List.of("email"),
                        "decision",
                        "permit"))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(consent).isEqualTo(201);
        String staff = patientWithRecentVisit("Stan", family, "stan.launchwood@mail.example.org");
        String program = http.post()
                .uri("/api/programs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "key",
                        "staff-list",
                        "name",
                        "Staff exclusions",
                        "start",
                        "2026-01-01",
                        "rewards",
                        List.of(Map.of(
                                "id",
                                "thanks",
                                "items",
                                List.of(Map.of(
                                        "id",
                                        "thank-you",
                                        "kind",
                                        "recognition",
                                        "retailValue",
                                        Map.of("value", 0, "currency", "USD"))))),
                        "eligibility",
                        Map.of("excludedPatients", List.of("Patient/" + staff)),
                        "success",
                        Map.of("withinDays", 60),
                        "holdDays",
                        0,
                        "manualApproval",
                        false))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(program).as("a program whose staff list names Stan").startsWith("201");

        browser.open("/program/launch?days=30&q=" + family).assertAccessible().screenshot("program-launch");
        assertThat(browser.find(By.cssSelector("main table.launch-candidates tbody"))
                        .getText())
                .contains("Ines " + family, "Otto " + family)
                .as("on an active program's staff list")
                .doesNotContain("Stan " + family);
        assertThat(browser.findAll(By.cssSelector("main table.launch-candidates tbody tr")))
                .hasSize(2);

        enrolAndInvite("Ines " + family);
        String notice = browser.find(By.cssSelector("[role=status]")).getText();
        assertThat(notice).contains("Patient/" + consenting + " enrolled", "invitation on its way by e-mail");
        String code = codeIn(notice);
        invitedCode = code;
        assertThat(advocate(code)).containsEntry("patientId", consenting);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(mailTo("ines.launchwood@mail.example.org"))
                        .singleElement()
                        .satisfies(message -> {
                            assertThat(message.getSubject()).contains("referral program");
                            assertThat(GreenMailUtil.getBody(message)).contains(code);
                        }));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(audited("message.sent", "advocate/" + code))
                        .anySatisfy(resource -> assertThat(resource).startsWith("consent/")));
        assertThat(browser.findAll(By.cssSelector("main table.launch-candidates tbody tr")))
                .hasSize(1);

        enrolAndInvite("Otto " + family);
        String withheld = browser.find(By.cssSelector("[role=status]")).getText();
        assertThat(withheld)
                .contains("Patient/" + silent + " enrolled", "no invitation sent: no program-messages consent on file");
        String silentCode = codeIn(withheld);
        withheldCode = silentCode;
        assertThat(advocate(silentCode)).containsEntry("patientId", silent);
        assertThat(audited("message.withheld", "advocate/" + silentCode)).contains("reason/no-channel-consent");
        assertThat(mailTo("otto.launchwood@mail.example.org")).isEmpty();
        assertThat(browser.find(By.cssSelector("main p.empty")).getText()).contains("No patient to invite");
        browser.assertAccessible();

        browser.open("/program/launch?days=0");
        assertThat(browser.find(By.id("days-error")).getText()).contains("from 1 to 3650");
        browser.assertAccessible();
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void aThankYouOnlyDecisionForAReferredBeneficiaryIsOverriddenWithAReason() {
        Qualified referral = qualifiedReferral("Override", true);
        String id = onlyRewardOf(referral.referralId());
        assertThat(reward(id)).containsEntry("status", "blocked").containsEntry("outcome", "thank-you-only");

        browser.open("/program/rewards?status=blocked");
        assertThat(browser.find(By.cssSelector("main table.rewards tbody")).getText())
                .contains("Patient/" + referral.advocatePatientId(), "thank you only");
        browser.open("/program/rewards/" + id);
        assertThat(browser.find(By.cssSelector("table.decision-rules tbody")).getText())
                .contains("AKS-REFERRED-BENEFICIARY", "42 U.S.C. 1320a-7b(b) (federal anti-kickback statute)");
        assertThat(browser.findAll(By.id("approve"))).isEmpty();
        assertThat(browser.findAll(By.id("void"))).isEmpty();

        browser.find(By.id("override")).click();
        browser.acceptConfirmation();
        browser.waitForText(By.id("override-reason-error"), "write a reason");
        browser.assertAccessible();
        assertThat(reward(id)).containsEntry("status", "blocked");

        browser.find(By.id("override-reason")).sendKeys("Compliance officer approved, memo 12");
        browser.find(By.id("override")).click();
        browser.acceptConfirmation();
        browser.waitForText(By.cssSelector("[role=status]"), "Decision overridden");
        assertThat(reward(id))
                .containsEntry("status", "awaiting-approval")
                .containsEntry("outcome", "allow")
                .containsEntry("overriddenBy", StaffAccounts.PROGRAM_ADMIN)
                .containsEntry("overrideReason", "Compliance officer approved, memo 12");
        assertThat((List<Object>) reward(id).get("ruleIds")).contains("OVERRIDE");
        assertThat(browser.find(By.cssSelector("table.decision-rules tbody")).getText())
                .contains("OVERRIDE", "A program admin's override");
        assertThat(browser.findAll(By.id("override"))).isEmpty();
        browser.assertAccessible();
    }

    /** The front desk e-mails the advocates of the launch test their cards: only with consent, once a day. */
    @Test
    @Order(5)
    void theFrontDeskEmailsAnAdvocateTheirCardOnlyWithTheirConsentAndOnceADay() {
        assertThat(invitedCode).as("the launch test ran first").isNotNull();
        browser.signOut().signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/advocates/" + invitedCode + "/card").assertAccessible();
            browser.find(By.id("email-card")).click();
            browser.waitForText(By.cssSelector("[role=status]"), "on its way");
            browser.assertAccessible();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(mailTo("ines.launchwood@mail.example.org"))
                            .hasSize(2)
                            .last()
                            .satisfies(message -> assertThat(
                                            // quoted-printable soft line breaks undone
                                            GreenMailUtil.getBody(message).replace("=\r\n", ""))
                                    .contains(invitedCode, "https://referrals.example-clinic.org/r/" + invitedCode)));

            browser.find(By.id("email-card")).click();
            browser.waitForText(By.cssSelector("[role=status]"), "today already");

            browser.open("/front-desk/advocates/" + withheldCode + "/card");
            browser.find(By.id("email-card")).click();
            browser.waitForText(By.cssSelector("[role=alert]"), "has not agreed to program e-mails");
            browser.assertAccessible();
            assertThat(mailTo("ines.launchwood@mail.example.org")).hasSize(2);
            assertThat(mailTo("otto.launchwood@mail.example.org")).isEmpty();
        } finally {
            browser.signOut().signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
        }
    }

    private void enrolAndInvite(String name) {
        browser.find(By.cssSelector("main table.launch-candidates button[aria-label='Enrol and invite " + name + "']"))
                .click();
        browser.acceptConfirmation();
        browser.waitForText(By.cssSelector("[role=status]"), "referral code");
    }

    private static String codeIn(String notice) {
        Matcher matcher = Pattern.compile("referral code (\\S+);").matcher(notice);
        assertThat(matcher.find()).as(notice).isTrue();
        return matcher.group(1);
    }

    private String patientWithRecentVisit(String given, String family, String email) {
        Patient patient = Patients.person(given, family, "1975-04-12");
        patient.getName().get(0).setText(given + " " + family);
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        String id = ehr.create(patient);
        finishedEncounter(id, Instant.now().minus(10, ChronoUnit.DAYS));
        return id;
    }

    private record Qualified(String referralId, String advocatePatientId) {}

    /** An advocate with a visit of their own refers a friend whose first visit qualifies: one reward, for approval. */
    private Qualified qualifiedReferral(String name) {
        return qualifiedReferral(name, false);
    }

    /** @param referredOnMedicare the referred friend has an active Medicare Coverage: a thank-you only, blocked */
    private Qualified qualifiedReferral(String name, boolean referredOnMedicare) {
        String advocate = ehr.create(Patients.existing(name + "Advocate"));
        finishedEncounter(advocate, Instant.now().minus(30, ChronoUnit.DAYS));
        String code = api.enrol(advocate);
        String referred = ehr.create(Patients.referredWithCode(name + "Referred", code));
        if (referredOnMedicare) {
            Coverage coverage = new Coverage();
            coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
            coverage.setBeneficiary(new Reference("Patient/" + referred));
            coverage.setType(new CodeableConcept(new Coding("https://nahdo.org/sopt", "1", "Medicare")));
            coverage.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2020-01-01"));
            coverage.addPayor().setDisplay("Medicare");
            ehr.client().create().resource(coverage).execute();
        }
        await().atMost(WAIT).until(() -> api.referralOf(referred) != null);
        finishedEncounter(referred, Instant.now().plus(1, ChronoUnit.DAYS));
        await().atMost(WAIT).until(() -> api.referralOf(referred).get("rewardedAt") != null);
        return new Qualified((String) api.referralOf(referred).get("id"), advocate);
    }

    private void finishedEncounter(String patientId, Instant end) {
        Encounter encounter = Patients.finishedEncounter(patientId, end.toString());
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        ehr.client().create().resource(encounter).execute();
    }

    @SuppressWarnings("unchecked")
    private String onlyRewardOf(String referralId) {
        Map<String, Object> page = http.get()
                .uri("/api/rewards?referral={id}", referralId)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).hasSize(1);
        return (String) items.get(0).get("id");
    }

    private Map<String, Object> reward(String id) {
        return http.get()
                .uri("/api/rewards/{id}", id)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private Map<String, Object> advocate(String code) {
        return http.get()
                .uri("/api/advocates/{code}", code)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    /** The resource ids of the audit entries of this action that name {@code resource}. */
    private List<String> audited(String action, String resource) {
        return jdbc.sql("select r.resource_id from audit_entry_resource r join audit_entry e on e.id = r.entry_id"
                        + " where e.action = ? and r.entry_id in"
                        + " (select entry_id from audit_entry_resource where resource_id = ?)")
                .params(action, resource)
                .query(String.class)
                .list();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(recipient -> recipient.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
