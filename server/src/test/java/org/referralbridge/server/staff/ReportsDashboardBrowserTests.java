package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The program manager's reports dashboard in a real headless Chromium over referrals made through the sandbox EHR
 * this month (two with an advocate's code, one of them visited, and one by a campaign only): its charts render, its
 * tables hold exactly what {@code /api/reports} answers for the same range, and its CSV links answer CSV.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs-rewards",
            "referralbridge.reports.metrics-initial-delay=PT1H"
        })
class ReportsDashboardBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private RestClient http;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        Ehr ehr = new Ehr(fhirContext, port);
        AdminApi api = new AdminApi(port);
        http = AdminApi.client(port);
        String advocate = ehr.create(Patients.person("Ada", "Dashboard", "1980-02-03"));
        ehr.client()
                .create()
                .resource(Patients.finishedEncounter(advocate, "2025-06-01T10:00:00Z"))
                .execute();
        String code = api.enrol(advocate);
        List<String> referred = new ArrayList<>();
        String visited = ehr.create(Patients.referredWithCode("Charted", code));
        referred.add(visited);
        ehr.client()
                .create()
                .resource(Patients.finishedEncounter(visited, Instant.now().toString()))
                .execute();
        referred.add(ehr.create(Patients.referredWithCode("Tabled", code)));
        Patient campaign = Patients.existing("Campaigned");
        Extension source = campaign.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "campaign", "Campaign"));
        referred.add(ehr.create(campaign));
        for (String id : referred) {
            await().atMost(WAIT).until(() -> api.referralOf(id) != null);
        }
        await().atMost(WAIT).until(() -> api.referralOf(visited).get("firstEncounterAt") != null);
        // the pipeline has settled (qualification, rewards): the page and the API read the same state
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
        browser = Browser.start(port);
        browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theDashboardDrawsThreeChartsOverTablesHoldingTheApisNumbersWithCsvLinks() throws Exception {
        browser.open("/program");
        browser.find(By.linkText("Reports")).click();
        browser.waitFor(By.id("status-chart"));
        assertThat(browser.title()).isEqualTo("Reports · Referral Bridge");
        for (String chart : List.of("status-chart", "channel-chart", "conversion-chart")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Boolean.TRUE.equals(browser.driver()
                            .executeScript(
                                    "var e = document.getElementById(arguments[0]);"
                                            + " var c = e && e.querySelector('canvas');"
                                            + " return !!(window.echarts && echarts.getInstanceByDom(e) && c && c.width > 0);",
                                    chart)));
            WebElement element = browser.find(By.id(chart));
            assertThat(element.getAttribute("role")).isEqualTo("img");
            assertThat(element.getAttribute("aria-label")).isNotBlank();
        }
        String from = browser.find(By.id("from")).getAttribute("value");
        String to = browser.find(By.id("to")).getAttribute("value");
        assertThat(from).endsWith("-01");
        String range = "?from=" + from + "&to=" + to;

        List<String> byStatus = apiRows("/api/reports/referrals-by-status" + range, "status", "referrals");
        assertThat(table("status-table")).isEqualTo(byStatus);
        assertThat(byStatus.stream()
                        .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
                        .sum())
                .isGreaterThanOrEqualTo(3);
        List<String> byChannel = apiRows("/api/reports/referrals-by-channel" + range, "channel", "referrals");
        assertThat(table("channel-table")).isEqualTo(byChannel).anyMatch(line -> line.startsWith("campaign "));
        List<String> conversion =
                apiRows("/api/reports/conversion" + range, "program", "referred", "qualified").stream()
                        .map(line -> line.startsWith("all ") ? "All programs" + line.substring(3) : line)
                        .toList();
        assertThat(table("conversion-table").stream()
                        .map(line -> line.substring(0, line.lastIndexOf(' ')))
                        .toList())
                .isEqualTo(conversion);
        assertThat(browser.find(By.id("status-chart")).getAttribute("aria-label"))
                .contains(byStatus.get(0));
        browser.assertAccessible().screenshot("program-reports");

        String href = browser.find(By.id("status-csv")).getAttribute("href");
        assertThat(href).contains("format=csv").contains("from=" + from);
        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Authorization", AdminApi.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("status,referrals");
        assertThat(lines.subList(1, lines.size()).stream()
                        .map(line -> line.replace(',', ' '))
                        .toList())
                .isEqualTo(byStatus);
        // the link works for the signed-in manager too: the session, not only Basic auth, opens the CSV
        Object sessionCsv = browser.driver()
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin'})"
                                + ".then(function (r) { return r.text().then(function (t) {"
                                + " done(r.status + ' ' + r.headers.get('Content-Type') + ' ' + t); }); })"
                                + ".catch(function (e) { done('failed ' + e); });",
                        href);
        assertThat(sessionCsv.toString()).startsWith("200 text/csv").contains("status,referrals");
        assertThat(browser.find(By.id("conversion-csv")).getAttribute("href")).contains("/api/reports/conversion");
        assertThat(browser.find(By.id("channel-csv")).getAttribute("href"))
                .contains("/api/reports/referrals-by-channel");
    }

    @Test
    void aRangeWithoutReferralsSaysSoAndABadDateIsExplainedNextToItsField() throws IOException {
        browser.open("/program/reports?from=2020-01-01&to=2020-01-31");
        assertThat(browser.find(By.id("report-range")).getText())
                .isEqualTo("0 referrals made from 2020-01-01 to 2020-01-31, all programs.");
        assertThat(browser.find(By.cssSelector("main p.empty")).getText()).contains("No referrals were made");
        browser.assertAccessible();
        browser.open("/program/reports?from=2020-02-01&to=2020-01-01");
        assertThat(browser.find(By.id("to-error")).getText()).isEqualTo("To must be the same day as from or later.");
        assertThat(browser.findAll(By.id("status-table"))).isEmpty();
        browser.assertAccessible();
    }

    /** Each table row as "label value value…" (th, then its td texts). */
    private List<String> table(String id) {
        return browser.findAll(By.cssSelector("#" + id + " tbody tr")).stream()
                .map(tr -> {
                    StringBuilder line =
                            new StringBuilder(tr.findElement(By.tagName("th")).getText());
                    for (WebElement td : tr.findElements(By.tagName("td"))) {
                        line.append(' ').append(td.getText());
                    }
                    return line.toString();
                })
                .toList();
    }

    private List<String> apiRows(String path, String... fields) {
        Map<String, Object> answer =
                http.get().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.get("rows");
        return rows.stream()
                .map(row -> {
                    StringBuilder line = new StringBuilder();
                    for (String field : fields) {
                        line.append(line.isEmpty() ? "" : " ").append(row.get(field));
                    }
                    return line.toString();
                })
                .toList();
    }
}
