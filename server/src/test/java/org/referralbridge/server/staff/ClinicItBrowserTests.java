package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.QueueWorker;
import org.referralbridge.server.queue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** Clinic IT's pages in a real headless Chromium, against the sandbox EHR and the real queues. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicItBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A kind the inbox has no handler for: its worker gives the item up at once, as a dead letter. */
    private static final String UNKNOWN_KIND = "it-page-test";

    /** The package's own example of a referred Patient (conformance module), with a referral-source extension. */
    private static final String REFERRED_EXAMPLE = "/fhir/package/example/Patient-referred-by-anna.json";

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    @Qualifier("inbox")
    WorkQueue inbox;

    @Autowired
    @Qualifier("inboxWorker")
    QueueWorker inboxWorker;

    private Browser browser;
    private RestClient api;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(StaffAccounts.CLINIC_IT, StaffAccounts.PASSWORD))
                .build();
        browser = Browser.start(port);
        browser.signIn(StaffAccounts.CLINIC_IT, StaffAccounts.PASSWORD);
    }

    @AfterAll
    void stop() {
        try {
            browser.signOut();
        } finally {
            browser.close();
        }
    }

    @Test
    void theStartPageLeadsToEachPage() {
        browser.open("/it").assertAccessible();
        assertThat(browser.findAll(By.cssSelector("main .cards a")).stream()
                        .map(link -> link.getText())
                        .toList())
                .containsExactly("EHR connection", "Queues", "Mapping profiles");
        browser.find(By.linkText("EHR connection")).click();
        browser.waitForText(By.cssSelector("main h1"), "EHR connection");
        assertThat(browser.find(By.cssSelector(".breadcrumb")).getText()).contains("Clinic IT");
    }

    @Test
    void replaysADeadLetterAndTheApiSeesItPendingAgain() {
        // the real worker and handler: the inbox's handler knows no such kind and fails for good
        inbox.enqueue(new NewWorkItem(UNKNOWN_KIND, null, null, null, null, "it-test-" + UUID.randomUUID(), null));
        long id = await().atMost(WAIT).until(this::deadLetterOfTheTest, Objects::nonNull);
        inboxWorker.stop(); // so the replayed item stays pending while the API is asked
        try {
            browser.open("/it/queues").assertAccessible().screenshot("it-queues");
            assertThat(browser.find(By.cssSelector("tr[data-queue=inbox]")).getText())
                    .contains("inbox");
            browser.find(By.cssSelector("tr[data-queue=inbox] a")).click();
            browser.waitForText(By.cssSelector("main h1"), "Dead letters of inbox");

            browser.find(By.id("q")).sendKeys("no-such-kind");
            browser.find(By.cssSelector("main form[role=search] button[type=submit]"))
                    .click();
            browser.waitForText(By.cssSelector("main .empty"), "No dead letter matches that search");
            browser.assertAccessible();

            browser.find(By.id("q")).clear();
            browser.find(By.id("q")).sendKeys(UNKNOWN_KIND);
            browser.find(By.cssSelector("main form[role=search] button[type=submit]"))
                    .click();
            By row = By.cssSelector("table.dead-letters tr[data-id='" + id + "']");
            browser.waitFor(row);
            assertThat(browser.find(row).getText()).contains(UNKNOWN_KIND).contains("unknown inbox item kind");
            browser.assertAccessible().screenshot("it-dead-letters");

            browser.find(By.cssSelector("table.dead-letters tr[data-id='" + id + "'] button"))
                    .click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("main [role=status]"), "is back on the inbox queue");
            assertThat(browser.find(By.cssSelector("main [role=status]")).getText())
                    .contains("Dead letter " + id);
            assertThat(browser.findAll(row)).isEmpty();
            browser.assertAccessible();

            assertThat(deadLetterIds()).doesNotContain(id);
            List<Map<String, Object>> queues =
                    api.get().uri("/api/queues").retrieve().body(new ParameterizedTypeReference<>() {});
            assertThat(queues)
                    .filteredOn(queue -> "inbox".equals(queue.get("queue")))
                    .singleElement()
                    .satisfies(queue -> assertThat(((Number) queue.get("pending")).longValue())
                            .isPositive());
            Map<String, Object> audit = AdminApi.client(port)
                    .get()
                    .uri("/api/audit?action=dead-letter.replayed&resource=inbox/" + id)
                    .retrieve()
                    .body(new ParameterizedTypeReference<>() {});
            assertThat(audit.get("items").toString()).contains("actor=" + StaffAccounts.CLINIC_IT);
        } finally {
            inboxWorker.start();
        }
    }

    @Test
    void pagesAndSearchesTheDeadLettersOfAQueue() {
        String kind = "it-page-many";
        for (int i = 0; i < ClinicItQueuePages.PAGE_SIZE + 1; i++) {
            inbox.enqueue(new NewWorkItem(kind, null, null, null, null, "it-test-" + UUID.randomUUID(), null));
        }
        await().atMost(WAIT).until(() -> deadLettersOfKind(kind).size() == ClinicItQueuePages.PAGE_SIZE + 1);

        browser.open("/it/queues/inbox/dead?q=" + kind).assertAccessible();
        By rows = By.cssSelector("table.dead-letters tbody tr");
        assertThat(browser.findAll(rows)).hasSize(ClinicItQueuePages.PAGE_SIZE);
        assertThat(browser.find(By.cssSelector("main .pagination")).getText()).contains("Page 1 of 2");
        browser.find(By.linkText("Next")).click();
        browser.waitForText(By.cssSelector("main .pagination"), "Page 2 of 2");
        assertThat(browser.findAll(rows)).hasSize(1);
        String id = browser.find(rows).getAttribute("data-id");
        browser.assertAccessible();

        browser.open("/it/queues/inbox/dead?q=" + id);
        assertThat(browser.findAll(rows))
                .singleElement()
                .satisfies(row -> assertThat(row.getAttribute("data-id")).isEqualTo(id));

        browser.open("/it/queues/no-such-queue/dead");
        assertThat(browser.heading()).isEqualTo("Not found");
        assertThat(browser.find(By.cssSelector("main [role=alert]")).getText())
                .contains("There is no queue named no-such-queue")
                .contains("inbox");
        browser.assertAccessible();
    }

    @Test
    void dryRunsAProfileOnAPastedPatientAndNamesWhatIsWrongWithBadJson() throws IOException {
        String advocate = new Ehr(fhirContext, port).create(Patients.existing("ItDryRunAdvocate"));
        String code = new AdminApi(port).enrol(advocate);
        String patient = example().replace("ANNA-7Q2K", code);

        browser.open("/it/mapping").assertAccessible();
        assertThat(browser.find(By.cssSelector("main table")).getText())
                .contains("referral-bridge-native")
                .contains("in use by the EHR connection");
        browser.open("/it/mapping/dry-run").assertAccessible();
        paste("json", patient);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitFor(By.id("report"));
        String report = browser.find(By.id("report")).getText();
        assertThat(report).contains("Patient/referred-by-anna").contains(code).contains("patient.referralCode");
        assertThat(browser.find(By.cssSelector("#report table.attributions")).getText())
                .contains("referral-code advocate Patient/" + advocate);
        browser.assertAccessible().screenshot("it-mapping-dry-run");

        assertRefused("{\"resourceType\": \"Patient\", \"id\": \"a\",\n \"id\": \"b\"}", "the key \"id\" twice");
        browser.assertAccessible();
        assertRefused("{\"resourceType\": \"Patient\",\n \"id\" \"a\"}", "not valid JSON at line 2");
        assertRefused("{\"resourceType\": \"Patience\"}", "\"Patience\" is no FHIR R4 resource type");
    }

    @Test
    void showsAProfilesYamlAndEveryLocatedProblemOfABrokenOne() {
        browser.open("/it/mapping/profiles/referral-bridge-native").assertAccessible();
        assertThat(browser.find(By.cssSelector("pre.yaml")).getText()).contains("formatVersion");

        browser.open("/it/mapping/validate").assertAccessible();
        paste("yaml", """
                formatVersion: 1
                name: broken
                patient:
                  referralCode: "extension('x').value.("
                referrerMatching:
                  by: [referral-code, telepathy]
                """);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitFor(By.id("problems"));
        List<String> rows = browser.findAll(By.cssSelector("#problems tbody tr")).stream()
                .map(tr -> tr.getText())
                .toList();
        assertThat(rows).anySatisfy(text -> assertThat(text).startsWith("4 ").contains("patient.referralCode"));
        assertThat(rows).anySatisfy(text -> assertThat(text).startsWith("6 ").contains("telepathy"));
        assertThat(browser.find(By.id("yaml-error")).getText()).contains("problems");
        assertThat(browser.find(By.id("yaml")).getAttribute("value")).contains("telepathy");
        browser.assertAccessible();
    }

    @Test
    void showsTheSandboxConnectionTheClosedBreakerAndTheLastCatchUp() throws Exception {
        // an empty rest-hook notification asks for a catch-up at once
        assertThat(new Notifications(port).posted(null).statusCode()).isEqualTo(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.open("/it/connection");
            assertThat(browser.findAll(By.id("catch-up"))).isNotEmpty();
        });

        assertThat(browser.find(By.id("ehr-base-url")).getText())
                .isEqualTo("http://localhost:" + port + "/sandbox/fhir");
        assertThat(browser.find(By.id("breaker-state")).getText()).isEqualTo("Closed");
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("Patient?");
        assertThat(browser.find(By.id("catch-up")).getText()).contains("Patient");
        browser.assertAccessible().screenshot("it-connection");

        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.cssSelector("main [role=status]"), "Subscriptions exist on the EHR and are on");
        browser.assertAccessible();
    }

    private void paste(String field, String text) {
        browser.driver().executeScript("document.getElementById(arguments[0]).value = arguments[1];", field, text);
    }

    private void assertRefused(String json, String expected) {
        paste("json", json);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForText(By.id("json-error"), expected);
        assertThat(browser.findAll(By.id("report"))).isEmpty();
        assertThat(browser.find(By.id("json")).getAttribute("aria-invalid")).isEqualTo("true");
    }

    private static String example() throws IOException {
        try (InputStream in = ClinicItBrowserTests.class.getResourceAsStream(REFERRED_EXAMPLE)) {
            assertThat(in).as(REFERRED_EXAMPLE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Long deadLetterOfTheTest() {
        return deadLettersOfKind(UNKNOWN_KIND).stream()
                .reduce((first, second) -> second)
                .orElse(null);
    }

    private List<Long> deadLettersOfKind(String kind) {
        List<Map<String, Object>> letters = api.get()
                .uri("/api/queues/inbox/dead-letters?limit=1000")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return letters.stream()
                .filter(letter -> kind.equals(letter.get("kind")))
                .map(letter -> ((Number) letter.get("id")).longValue())
                .toList();
    }

    private List<Long> deadLetterIds() {
        List<Map<String, Object>> letters = api.get()
                .uri("/api/queues/inbox/dead-letters?limit=1000")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return letters.stream()
                .map(letter -> ((Number) letter.get("id")).longValue())
                .toList();
    }
}
