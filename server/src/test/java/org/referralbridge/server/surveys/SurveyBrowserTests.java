package org.referralbridge.server.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.LogCapture;
import org.referralbridge.server.Patients;
import org.referralbridge.server.staff.Browser;
import org.referralbridge.server.staff.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The program-feedback survey end to end, in a real headless Chromium against the sandbox EHR, with program messages
 * on and a real SMTP server (GreenMail): a program admin sends a round; only the consenting advocate gets the e-mail;
 * its link opens the hosted form, which refuses an answer without the required score next to the field, then takes
 * the answers; the QuestionnaireResponse written to the EHR validates against the conformance package; the results
 * show the answer (JSON and CSV); a second answer, a bad link and an expired link get friendly pages; and the logs
 * never hold the advocates' names, addresses or words.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(
        properties = {
            "referralbridge.messages.enabled=true",
            "referralbridge.messages.from=referrals@example-clinic.org",
            "referralbridge.messages.practice-name=Example Family Dental",
            "referralbridge.messages.postal-address=1 Main Street, Springfield, IL 62701",
            "referralbridge.public-base-url=https://referrals.example-clinic.org/",
            "referralbridge.messages.unsubscribe-secret=test-unsubscribe-secret-of-32-characters-at-least",
            "referralbridge.messages.worker.poll-interval=200ms",
            "referralbridge.surveys.token-secret=" + SurveyBrowserTests.SECRET,
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
class SurveyBrowserTests {

    static final String SECRET = "test-survey-token-secret-of-32-characters-at-least";
    private static final String BASE = "https://referrals.example-clinic.org";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final String EXPERIENCE_WORDS = "Quillfeather explained the card kindly";
    private static final String SUGGESTION_WORDS = "Send a reminder after a month, Zanzibar-style";

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

    private final LogCapture logs = new LogCapture("com.icegreen");
    private Browser browser;
    private Ehr ehr;
    private AdminApi api;
    private RestClient http;
    private String consenting;
    private String silent;
    private String token;

    @BeforeAll
    void start() {
        logs.attach();
        StaffAccounts.addAll(port);
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        try {
            browser.close();
        } finally {
            SMTP.stop();
            logs.detach();
        }
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void aRoundReachesOnlyTheAdvocateWhoAgreedToProgramEmails() {
        consenting = advocate("Wilhelmina", "Surveyhill", "wilhelmina.surveyhill@mail.example.org");
        silent = advocate("Bartholomew", "Surveyhill", "bartholomew.surveyhill@mail.example.org");
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

        Map<String, Object> sent = http.post()
                .uri("/api/surveys/send")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("roundId", "round-2026-12", "patientIds", List.of(consenting, silent)))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat((List<String>) sent.get("queued")).containsExactly(consenting);
        assertThat((List<String>) sent.get("noConsent")).containsExactly(silent);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(mailTo("wilhelmina.surveyhill@mail.example.org"))
                        .singleElement()
                        .satisfies(message -> assertThat(message.getSubject()).contains("referral program")));
        String body = GreenMailUtil.getBody(
                        mailTo("wilhelmina.surveyhill@mail.example.org").get(0))
                .replace("=\r\n", "");
        Matcher link = Pattern.compile(Pattern.quote(BASE) + "/s/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();
        token = link.group(1);

        // the same round again queues nothing new
        Map<String, Object> again = http.post()
                .uri("/api/surveys/send")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("roundId", "round-2026-12", "patientIds", List.of(consenting)))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat((List<String>) again.get("alreadySent")).containsExactly(consenting);
        assertThat(mailTo("bartholomew.surveyhill@mail.example.org")).isEmpty();
    }

    @Test
    @Order(2)
    void theAdvocateAnswersInTheBrowserAndTheAnswerReachesTheEhrAndTheResults() {
        assertThat(token).as("the sending test ran first").isNotNull();
        browser.open("/s/" + token).assertAccessible().screenshot("survey-form");
        assertThat(browser.heading()).isEqualTo("How is the referral program going for you?");
        assertThat(browser.find(By.tagName("main")).getText())
                .doesNotContain("Wilhelmina", "Surveyhill", "wilhelmina.surveyhill");

        // the required score left out: the form again, with the problem next to the field
        browser.find(By.cssSelector("input[name=experience][value='4']")).click();
        browser.find(By.id("experienceComment")).sendKeys(EXPERIENCE_WORDS);
        browser.find(By.cssSelector("button[type=submit]")).click();
        browser.waitForText(By.id("recommend-error"), "Please choose a number from 0 to 10.");
        browser.assertAccessible();
        assertThat(browser.find(By.cssSelector("input[name=experience][value='4']"))
                        .isSelected())
                .isTrue();

        browser.find(By.cssSelector("input[name=rewardPreference][value='service-credit']"))
                .click();
        browser.find(By.id("suggestions")).sendKeys(SUGGESTION_WORDS);
        browser.find(By.cssSelector("input[name=recommend][value='9']")).click();
        browser.find(By.cssSelector("button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main h1"), "Thank you");
        browser.assertAccessible().screenshot("survey-thank-you");

        QuestionnaireResponse written = await().atMost(WAIT).until(() -> responseOf(consenting), r -> r != null);
        assertThat(written.getQuestionnaire()).startsWith(Canonicals.ProgramFeedback.URL);
        assertThat(written.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        assertThat(written.getSubject().getReference()).isEqualTo("Patient/" + consenting);
        assertThat(written.hasAuthored()).isTrue();
        ValidationReport report = Conformance.validator(fhirContext).validate(written);
        assertThat(report.isValid()).as(report.summary()).isTrue();
        assertThat(answer(written, "recommend")).isEqualTo("9");
        assertThat(answer(written, "reward-preference")).isEqualTo("service-credit");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> results = results("?from=" + today + "&to=" + today);
        assertThat(results)
                .containsEntry("responses", 1)
                .containsEntry("promoters", 1)
                .containsEntry("detractors", 0)
                .containsEntry("netPromoterScore", 100.0)
                .containsEntry("recommendMean", 9.0)
                .containsEntry("experienceMean", 4.0);
        assertThat(results.get("rewardPreferences"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("service-credit", 1)
                .containsEntry("cash", 0);
        assertThat(results.get("comments").toString()).contains(EXPERIENCE_WORDS, SUGGESTION_WORDS);
        // a range before the answer holds nothing
        assertThat(results("?from=2020-01-01&to=2020-12-31"))
                .containsEntry("responses", 0)
                .containsEntry("netPromoterScore", null);

        String csv = http.get()
                .uri("/api/surveys/results?from=" + today)
                .accept(MediaType.valueOf("text/csv"))
                .retrieve()
                .body(String.class);
        assertThat(csv)
                .startsWith("section,key,value\r\n")
                .contains("\"figure\",\"netPromoterScore\",\"100.0\"", "\"rewardPreference\",\"service-credit\",\"1\"")
                .contains(SUGGESTION_WORDS);

        // program admins only: the front desk is refused the comments
        int frontDesk = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD))
                .build()
                .get()
                .uri("/api/surveys/results")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(frontDesk).isEqualTo(403);
    }

    @Test
    @Order(3)
    void theProgramManagerSeesTheAnswerOnTheSurveysPageAndSendsANewRound() {
        assertThat(token).as("the answering test ran first").isNotNull();
        browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
        try {
            browser.open("/program").find(By.linkText("Surveys")).click();
            browser.waitForText(By.cssSelector("main h1"), "Surveys");
            browser.assertAccessible().screenshot("program-surveys");
            assertThat(browser.title()).isEqualTo("Surveys · Referral Bridge");
            assertThat(browser.find(By.id("responses")).getText()).isEqualTo("1");
            assertThat(browser.find(By.id("nps")).getText()).isEqualTo("100.0");
            assertThat(browser.find(By.cssSelector("tr[data-kind=service-credit] td"))
                            .getText())
                    .isEqualTo("1");
            assertThat(browser.find(By.cssSelector("table.survey-comments tbody"))
                            .getText())
                    .contains(EXPERIENCE_WORDS, SUGGESTION_WORDS, consenting);

            browser.open("/program/surveys?q=zanzibar");
            assertThat(browser.findAll(By.cssSelector("table.survey-comments tbody tr")))
                    .hasSize(1);
            browser.open("/program/surveys?from=2020-01-01&to=2020-01-31");
            assertThat(browser.find(By.cssSelector("main p.empty")).getText()).contains("No survey answers");
            browser.open("/program/surveys?from=someday").assertAccessible();
            assertThat(browser.find(By.id("from-error")).getText()).contains("YYYY-MM-DD");

            browser.find(By.id("send-round")).click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("[role=status]"), "Survey round sent: ");
            assertThat(browser.find(By.cssSelector("[role=status]")).getText())
                    .contains("e-mail(s) on their way", "without program-messages consent were not asked");
            browser.assertAccessible();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(mailTo("wilhelmina.surveyhill@mail.example.org"))
                            .hasSize(2));
            assertThat(mailTo("bartholomew.surveyhill@mail.example.org")).isEmpty();
        } finally {
            browser.signOut();
        }
    }

    @Test
    @Order(4)
    void aSecondAnswerABadLinkAndAnExpiredLinkGetFriendlyPages() {
        assertThat(token).as("the sending test ran first").isNotNull();
        browser.open("/s/" + token).assertAccessible().screenshot("survey-answered");
        assertThat(browser.heading()).isEqualTo("You have already answered this survey");

        // a second submit of the form (say from a second tab) is refused politely, and nothing more is kept
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("recommend", "2");
        String[] second = RestClient.create("http://localhost:" + port)
                .post()
                .uri("/s/" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((request, response) -> new String[] {
                    Integer.toString(response.getStatusCode().value()),
                    new String(response.getBody().readAllBytes())
                });
        assertThat(second[0]).isEqualTo("409");
        assertThat(second[1]).contains("You have already answered this survey").doesNotContain("Exception");
        assertThat(results("")).containsEntry("responses", 1);

        browser.open("/s/" + token.substring(0, token.length() - 3) + "abc").assertAccessible();
        assertThat(browser.heading()).isEqualTo("We could not find this survey");
        assertThat(status("/s/not-a-token")).isEqualTo(404);

        String expired = new SurveyTokens(SECRET, Duration.ofDays(30), Clock.systemUTC())
                .issue(silent, "round-2026-11", Instant.now().minus(Duration.ofDays(1)));
        browser.open("/s/" + expired).assertAccessible();
        assertThat(browser.heading()).isEqualTo("This survey has closed");
        assertThat(status("/s/" + expired)).isEqualTo(410);
    }

    @Test
    @Order(5)
    void theLogsHoldNoNamesAddressesOrWordsOfTheAdvocates() {
        String logged = logs.text();
        assertThat(logged).contains("Survey round round-2026-12");
        assertThat(logged)
                .doesNotContain(
                        "Wilhelmina",
                        "Bartholomew",
                        "Surveyhill",
                        "surveyhill@mail.example.org",
                        "Quillfeather",
                        "Zanzibar");
    }

    private String advocate(String given, String family, String email) {
        Patient patient = Patients.person(given, family, "1971-03-09");
        patient.getName().get(0).setText(given + " " + family);
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        String id = ehr.create(patient);
        api.enrol(id);
        return id;
    }

    private QuestionnaireResponse responseOf(String patientId) {
        Bundle found = ehr.client()
                .search()
                .forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.SUBJECT.hasId("Patient/" + patientId))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().isEmpty()
                ? null
                : (QuestionnaireResponse) found.getEntry().get(0).getResource();
    }

    private static String answer(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream()
                .filter(item -> item.getLinkId().equals(linkId))
                .map(item -> item.getAnswerFirstRep().getValue())
                .map(value -> value instanceof org.hl7.fhir.r4.model.Coding coding
                        ? coding.getCode()
                        : value.primitiveValue())
                .findFirst()
                .orElse(null);
    }

    private Map<String, Object> results(String query) {
        return http.get()
                .uri("/api/surveys/results" + query)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private int status(String path) {
        return RestClient.create("http://localhost:" + port)
                .get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange((request, response) -> response.getStatusCode().value());
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
