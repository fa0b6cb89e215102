package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
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
import org.referralbridge.server.surveys.SurveyAnswers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The program manager's reports dashboard in a real headless Chromium over referrals made through the sandbox EHR
 * this month (two with the code of an advocate who agreed to be recognised, one of them visited; one with the code of
 * an advocate who did not, under program {@code cash}, visited; one by a campaign only), a new-patient baseline
 * stored as the backfill stores it, and a survey answer recorded through the survey service: every chart renders,
 * every table holds exactly what the API answers for the same range and program, every CSV link answers the same
 * numbers as CSV, the program filter changes the figures, and axe-core finds nothing.
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

    @Autowired
    ApplicationContext context;

    private static final String SUGGESTION = "More flyers at the Quillby front desk, please";

    private Browser browser;
    private RestClient http;
    private String recognised;

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
        recognised = advocate;
        recognition(advocate);
        String unnamed = ehr.create(Patients.person("Bo", "Unrecognised", "1975-04-05"));
        ehr.client()
                .create()
                .resource(Patients.finishedEncounter(unnamed, "2025-06-02T10:00:00Z"))
                .execute();
        String unnamedCode = api.enrol(unnamed);
        List<String> referred = new ArrayList<>();
        // captured before the visit ends (so the days to the first visit count it), and still today
        Instant now = Instant.now();
        Instant startOfToday =
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        String captured = (now.minus(Duration.ofHours(2)).isBefore(startOfToday)
                        ? startOfToday
                        : now.minus(Duration.ofHours(2)))
                .toString();
        Patient charted = Patients.referredWithCode("Charted", code);
        charted.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.CAPTURED_DATE, new org.hl7.fhir.r4.model.DateTimeType(captured));
        String visited = ehr.create(charted);
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
        Patient cash = Patients.referredWithCode("Cashed", unnamedCode);
        cash.setGender(AdministrativeGender.FEMALE);
        cash.setBirthDateElement(new DateType("1990-05-06"));
        cash.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME).setPostalCode("02139");
        cash.getExtensionByUrl(ReferralSource.URL).addExtension(ReferralSource.PROGRAM, new StringType("cash"));
        cash.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.CAPTURED_DATE, new org.hl7.fhir.r4.model.DateTimeType(captured));
        String cashed = ehr.create(cash);
        referred.add(cashed);
        ehr.client()
                .create()
                .resource(Patients.finishedEncounter(cashed, Instant.now().toString()))
                .execute();
        // the visited patient's appointment was booked half an hour after the referral was captured
        org.hl7.fhir.r4.model.Appointment booked = new org.hl7.fhir.r4.model.Appointment();
        booked.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        booked.setCreated(java.util.Date.from(Instant.parse(captured).plus(Duration.ofMinutes(30))));
        booked.addParticipant()
                .setActor(new org.hl7.fhir.r4.model.Reference("Patient/" + visited))
                .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
        ehr.client().create().resource(booked).execute();
        for (String id : referred) {
            await().atMost(WAIT).until(() -> api.referralOf(id) != null);
        }
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from appointment_booking")
                                .query(Long.class)
                                .single()
                        == 1);
        await().atMost(WAIT).until(() -> api.referralOf(visited).get("firstEncounterAt") != null);
        await().atMost(WAIT)
                .until(() -> "QUALIFIED"
                        .equalsIgnoreCase(String.valueOf(api.referralOf(cashed).get("status"))));
        // the baseline as the backfill stores it: two new patients in the two months before launch (2020-01-01, the
        // programs' start), and the visited referred patient, new this month
        baselineVisit("baseline-one", "2019-11-10T09:00:00Z");
        baselineVisit("baseline-two", "2019-12-05T09:00:00Z");
        baselineVisit(visited, Instant.now().toString());
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

        List<String> byStatus = apiLines("/api/reports/referrals-by-status" + range, "status", "referrals");
        assertThat(table("status-table")).isEqualTo(byStatus);
        assertThat(byStatus.stream()
                        .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
                        .sum())
                .isGreaterThanOrEqualTo(3);
        List<String> byChannel = apiLines("/api/reports/referrals-by-channel" + range, "channel", "referrals");
        assertThat(table("channel-table")).isEqualTo(byChannel).anyMatch(line -> line.startsWith("campaign "));
        List<String> conversion =
                apiLines("/api/reports/conversion" + range, "program", "referred", "qualified").stream()
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

    @Test
    void everySectionsTableHoldsTheApisNumbersForTheRangeAndItsCsvLinkTheSameNumbers() throws Exception {
        browser.open("/program/reports");
        browser.waitFor(By.id("key-table"));
        String from = browser.find(By.id("from")).getAttribute("value");
        String to = browser.find(By.id("to")).getAttribute("value");
        String range = "?from=" + from + "&to=" + to;
        everyChartIsDrawnAndLabelled();

        // key figures: the summary's and the new-patient baseline's
        Map<String, String> summaryCsv = keyValues(csvOf("summary-csv", "metric,value"));
        Map<String, String> newPatientsCsv = keyValues(csvOf("new-patients-csv", "metric,value"));
        Map<String, Object> summary = json("/api/reports/summary" + range);
        Map<String, Object> newPatients = figure("/api/reports/new-patients" + range);
        Map<String, String> keyTable = numbers("key-table");
        assertThat(keyTable).hasSize(14);
        for (WebElement row : browser.findAll(By.cssSelector("#key-table tbody tr"))) {
            String metric = row.getAttribute("data-metric");
            String source = row.getAttribute("data-source");
            if (source.equals("summary")) {
                assertThat(keyTable.get(metric)).as(metric).isEqualTo(norm(summaryCsv.get(metric)));
            } else {
                assertThat(keyTable.get(metric)).as(metric).isEqualTo(norm(newPatientsCsv.get(metric)));
                assertThat(keyTable.get(metric)).as(metric).isEqualTo(norm(newPatients.get(camel(metric))));
            }
        }
        assertThat(keyTable.get("referrals"))
                .isEqualTo(norm(summary.get("referrals")))
                .isEqualTo("4");
        Map<?, ?> advocates = (Map<?, ?>) summary.get("activeAdvocates");
        assertThat(keyTable.get("enrolled-advocates")).isEqualTo(norm(advocates.get("enrolled")));
        assertThat(keyTable.get("referring-advocates")).isEqualTo(norm(advocates.get("referring")));
        assertThat(keyTable.get("qualified")).isEqualTo(norm(((Map<?, ?>) summary.get("conversion")).get("qualified")));
        // the baseline: one new patient a month before launch; this month the visited referred patient, referred
        assertThat(keyTable.get("monthly-before-launch")).isEqualTo("1");
        assertThat(keyTable.get("referred-new-patients")).isEqualTo("1");
        assertThat(keyTable.get("referral-share")).isEqualTo("1");

        // days to the first visit
        Map<String, Object> visit = figure("/api/reports/time-to-visit" + range);
        List<List<String>> visitCsv = csvOf("visit-csv", "visits,median-days,p90-days");
        Map<String, String> visitTable = numbers("visit-table");
        assertThat(visitTable.keySet())
                .containsExactly(
                        "visits",
                        "median-days",
                        "p90-days",
                        "appointments",
                        "median-days-to-appointment",
                        "p90-days-to-appointment");
        Map<String, Object> booking = figure("/api/reports/time-to-appointment" + range);
        List<List<String>> bookingCsv = csvOf("appointment-csv", "appointments,median-days,p90-days");
        assertThat(visitTable.get("appointments"))
                .isEqualTo(norm(booking.get("appointments")))
                .isEqualTo("1");
        assertThat(visitTable.get("median-days-to-appointment"))
                .isEqualTo(norm(booking.get("medianDays")))
                .isEqualTo("0.02");
        assertThat(visitTable.get("p90-days-to-appointment")).isEqualTo(norm(booking.get("p90Days")));
        assertThat(List.of(
                        visitTable.get("appointments"),
                        visitTable.get("median-days-to-appointment"),
                        visitTable.get("p90-days-to-appointment")))
                .isEqualTo(bookingCsv.get(0));
        assertThat(visitTable.get("visits"))
                .isEqualTo(norm(visit.get("visits")))
                .isEqualTo("2");
        assertThat(visitTable.get("median-days")).isEqualTo(norm(visit.get("medianDays")));
        assertThat(visitTable.get("p90-days")).isEqualTo(norm(visit.get("p90Days")));
        assertThat(List.of(visitTable.get("visits"), visitTable.get("median-days"), visitTable.get("p90-days")))
                .isEqualTo(visitCsv.get(0));

        // by patient segment: three tables, one per dimension, the API's rows in its order
        List<List<String>> segments = new ArrayList<>();
        for (String dimension : List.of("age-band", "sex", "postal-prefix")) {
            for (List<String> row : cells("segment-" + dimension + "-table")) {
                List<String> line = new ArrayList<>();
                line.add(dimension);
                line.addAll(row);
                segments.add(line);
            }
        }
        List<List<String>> bySegment =
                apiRows("/api/reports/by-segment" + range, "dimension", "value", "referred", "qualified");
        assertThat(segments)
                .isEqualTo(bySegment)
                .isEqualTo(csvOf("segment-csv", "dimension,value,referred,qualified"))
                .contains(List.of("sex", "female", "1", "1"), List.of("postal-prefix", "021", "1", "1"));

        // by advocate
        List<List<String>> byAdvocate =
                apiRows("/api/reports/by-advocate" + range, "referralCode", "referred", "qualified");
        assertThat(cells("advocate-table"))
                .isEqualTo(byAdvocate)
                .isEqualTo(csvOf("advocate-csv", "referral-code,referred,qualified"))
                .hasSize(2);

        // top advocates: named only with recognition consent, exactly as the API names them
        List<List<String>> top =
                apiRows("/api/reports/top-advocates" + range, "rank", "name", "referralCode", "qualified", "referred");
        assertThat(cells("top-table"))
                .isEqualTo(top)
                .isEqualTo(csvOf("top-csv", "rank,name,referral-code,qualified,referred"));
        assertThat(top.get(0).get(1)).isEqualTo("Ada Dashboard");
        assertThat(top.get(1)).containsExactly("2", "an advocate", "", "1", "1");
        assertThat(browser.driver().getPageSource()).doesNotContain("Unrecognised");

        // by incentive
        List<List<String>> byIncentive =
                apiRows("/api/reports/by-incentive" + range, "itemId", "itemKind", "rewards", "cost");
        assertThat(cells("incentive-table"))
                .isEqualTo(byIncentive)
                .isEqualTo(csvOf("incentive-csv", "item,kind,rewards,cost"))
                .anyMatch(row -> row.get(0).equals("cash-50") && row.get(3).equals("50"));

        // reward cost
        Map<String, Object> cost = figure("/api/reports/reward-cost" + range);
        List<List<String>> costCsv = csvOf(
                "cost-csv",
                "cost,currency,acquired-patients,qualified-referrals,cost-per-acquired-patient,cost-per-qualified-referral");
        Map<String, String> costTable = numbers("cost-table");
        List<String> costHeader = List.of(
                "cost",
                "currency",
                "acquired-patients",
                "qualified-referrals",
                "cost-per-acquired-patient",
                "cost-per-qualified-referral");
        for (String metric : costTable.keySet()) {
            assertThat(costTable.get(metric)).as(metric).isEqualTo(norm(cost.get(camel(metric))));
            assertThat(costTable.get(metric))
                    .as(metric)
                    .isEqualTo(costCsv.get(0).get(costHeader.indexOf(metric)));
        }
        assertThat(costTable).hasSize(5);
        assertThat(new BigDecimal(costTable.get("cost"))).isGreaterThanOrEqualTo(new BigDecimal("50"));
        assertThat(keyTable.get("reward-cost")).isEqualTo(costTable.get("cost"));

        // survey results: as /api/surveys/results for the same days
        Map<String, Object> survey = json("/api/surveys/results" + range);
        Map<String, String> npsTable = numbers("nps-table");
        assertThat(npsTable.keySet())
                .containsExactly(
                        "responses", "promoters", "passives", "detractors", "netPromoterScore", "recommendMean");
        List<List<String>> surveyCsv = csvOf("survey-csv", "section,key,value");
        Map<String, String> figures = new LinkedHashMap<>();
        Map<String, String> preferences = new LinkedHashMap<>();
        for (List<String> row : surveyCsv) {
            if (row.get(0).equals("figure")) {
                figures.put(row.get(1), row.get(2));
            } else if (row.get(0).equals("rewardPreference")) {
                preferences.put(row.get(1), row.get(2));
            }
        }
        for (String metric : npsTable.keySet()) {
            assertThat(npsTable.get(metric)).as(metric).isEqualTo(norm(survey.get(metric)));
            assertThat(npsTable.get(metric)).as(metric).isEqualTo(figures.get(metric));
        }
        Map<String, String> preferenceTable = new LinkedHashMap<>();
        for (List<String> row : cells("preference-table")) {
            preferenceTable.put(row.get(0), row.get(1));
        }
        Map<String, String> apiPreferences = new LinkedHashMap<>();
        ((Map<?, ?>) survey.get("rewardPreferences")).forEach((k, v) -> apiPreferences.put(k.toString(), norm(v)));
        assertThat(preferenceTable).isEqualTo(apiPreferences).isEqualTo(preferences);
    }

    @Test
    void theProgramFilterNamesEachProgramAndChangesTheFigures() throws Exception {
        browser.open("/program/reports");
        browser.waitFor(By.id("key-table"));
        List<String> options = browser.findAll(By.cssSelector("#program option")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(options).contains("All programs", "Cash (cash)", "Direct service credit (credit)");
        String from = browser.find(By.id("from")).getAttribute("value");
        String to = browser.find(By.id("to")).getAttribute("value");
        String all = numbers("key-table").get("referrals");

        new org.openqa.selenium.support.ui.Select(browser.find(By.id("program"))).selectByValue("cash");
        browser.find(By.cssSelector("form[role=search] button[type=submit]")).click();
        browser.waitForText(By.id("report-range"), "program cash");
        String range = "?from=" + from + "&to=" + to + "&program=cash";
        Map<String, String> cash = numbers("key-table");
        assertThat(cash.get("referrals"))
                .isEqualTo(norm(json("/api/reports/summary" + range).get("referrals")))
                .isEqualTo("1")
                .isNotEqualTo(all);
        assertThat(cells("conversion-table").stream()
                        .map(row -> row.subList(0, 3))
                        .toList())
                .isEqualTo(List.of(List.of("All programs", "1", "1"), List.of("cash", "1", "1")));
        assertThat(cells("advocate-table"))
                .isEqualTo(apiRows("/api/reports/by-advocate" + range, "referralCode", "referred", "qualified"))
                .hasSize(1);
        assertThat(cells("top-table"))
                .isEqualTo(apiRows(
                        "/api/reports/top-advocates" + range, "rank", "name", "referralCode", "qualified", "referred"))
                .containsExactly(List.of("1", "an advocate", "", "1", "1"));
        assertThat(browser.find(By.id("summary-csv")).getAttribute("href")).contains("program=cash");
        assertThat(csvOf("advocate-csv", "referral-code,referred,qualified")).hasSize(1);
        assertThat(browser.find(By.cssSelector("#program option:checked")).getText())
                .isEqualTo("Cash (cash)");
        everyChartIsDrawnAndLabelled();
        browser.assertAccessible();
    }

    @Test
    void aSurveyAnswerShowsInTheNpsThePreferencesAndTheComments() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int before = ((Number) json("/api/surveys/results?from=" + today + "&to=" + today)
                        .get("responses"))
                .intValue();
        SurveyAnswers.record(context, recognised, 10, "cash", SUGGESTION + " " + UUID.randomUUID());
        Map<String, Object> survey = json("/api/surveys/results?from=" + today + "&to=" + today);
        assertThat(survey.get("responses")).isEqualTo(before + 1);

        browser.open("/program/reports?from=" + today + "&to=" + today);
        browser.waitFor(By.id("nps-chart"));
        everyChartIsDrawnAndLabelled();
        Map<String, String> nps = numbers("nps-table");
        assertThat(nps.get("responses")).isEqualTo(Integer.toString(before + 1));
        assertThat(nps.get("promoters")).isEqualTo(norm(survey.get("promoters")));
        assertThat(nps.get("netPromoterScore")).isEqualTo(norm(survey.get("netPromoterScore")));
        assertThat(browser.find(By.id("nps-chart")).getAttribute("aria-label"))
                .contains(survey.get("promoters") + " promoters")
                .contains("Net Promoter Score " + survey.get("netPromoterScore"));
        List<?> comments = (List<?>) survey.get("comments");
        String newest =
                ((Map<?, ?>) comments.get(comments.size() - 1)).get("text").toString();
        assertThat(cells("comments-table").get(0)).endsWith("Suggestions", newest);
        assertThat(browser.find(By.id("survey-csv")).getAttribute("href")).contains("/api/surveys/results");
        assertThat(csvOf("survey-csv", "section,key,value"))
                .contains(List.of("figure", "netPromoterScore", nps.get("netPromoterScore")));
        assertThat(csvOf("survey-csv", "section,key,value").stream().map(row -> row.get(2)))
                .contains(newest);
        browser.driver().executeScript("document.getElementById('survey-heading').scrollIntoView();");
        browser.assertAccessible().screenshot("program-reports-survey");
    }

    /** Every chart of the page has drawn its canvas, and is an image with a label. */
    private void everyChartIsDrawnAndLabelled() {
        List<WebElement> charts = browser.findAll(By.cssSelector("[data-chart]"));
        assertThat(charts).isNotEmpty();
        for (WebElement element : charts) {
            String id = element.getAttribute("id");
            await(id)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Boolean.TRUE.equals(browser.driver()
                            .executeScript(
                                    "var e = document.getElementById(arguments[0]);"
                                            + " var c = e && e.querySelector('canvas');"
                                            + " return !!(window.echarts && echarts.getInstanceByDom(e) && c && c.width > 0);",
                                    id)));
            assertThat(element.getAttribute("role")).as(id).isEqualTo("img");
            assertThat(element.getAttribute("aria-label")).as(id).isNotBlank().doesNotContain("null");
        }
    }

    /** A figure table's rows (data-metric) and their numbers (data-number, normalised; empty when there is none). */
    private Map<String, String> numbers(String id) {
        Map<String, String> numbers = new LinkedHashMap<>();
        for (WebElement row : browser.findAll(By.cssSelector("#" + id + " tbody tr"))) {
            String number = row.findElement(By.tagName("td")).getAttribute("data-number");
            numbers.put(row.getAttribute("data-metric"), norm(number));
        }
        return numbers;
    }

    /** Each table row's cells, header cell first, numbers normalised. */
    private List<List<String>> cells(String id) {
        return browser.findAll(By.cssSelector("#" + id + " tbody tr")).stream()
                .map(tr -> {
                    List<String> row = new ArrayList<>();
                    row.add(norm(tr.findElement(By.tagName("th")).getText()));
                    for (WebElement td : tr.findElements(By.tagName("td"))) {
                        row.add(norm(td.getText()));
                    }
                    return row;
                })
                .toList();
    }

    /**
     * The CSV the link {@code linkId} leads to, as the signed-in manager's browser gets it: 200, text/csv, the
     * expected header; its rows, numbers normalised.
     */
    private List<List<String>> csvOf(String linkId, String header) throws Exception {
        String href = browser.find(By.id(linkId)).getAttribute("href");
        assertThat(href).as(linkId).contains("format=csv");
        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Authorization", AdminApi.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(linkId).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse(""))
                .as(linkId)
                .startsWith("text/csv");
        List<List<String>> rows = parseCsv(csv.body());
        assertThat(String.join(",", rows.get(0))).as(linkId).isEqualTo(header);
        return rows.subList(1, rows.size()).stream()
                .map(row -> row.stream().map(ReportsDashboardBrowserTests::norm).toList())
                .toList();
    }

    /** RFC 4180: fields separated by commas, quoted ones with doubled quotes, lines ended by CRLF. */
    private static List<List<String>> parseCsv(String text) {
        assertThat(text).endsWith("\r\n");
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    private static Map<String, String> keyValues(List<List<String>> rows) {
        Map<String, String> values = new LinkedHashMap<>();
        for (List<String> row : rows) {
            values.put(row.get(0), row.get(1));
        }
        return values;
    }

    /** A number in any of its spellings (50, 50.0, 50.00) as one; null as empty; any other text as it is. */
    static String norm(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString().strip();
        if (text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return text;
    }

    private static String camel(String metric) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : metric.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private Map<String, Object> json(String path) {
        return http.get()
                .uri(path)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> figure(String path) {
        return (Map<String, Object>) json(path).get("figure");
    }

    /** The API's rows, the fields named, normalised (null as empty). */
    private List<List<String>> apiRows(String path, String... fields) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json(path).get("rows");
        return rows.stream()
                .map(row -> {
                    List<String> line = new ArrayList<>();
                    for (String field : fields) {
                        line.add(norm(row.get(field)));
                    }
                    return line;
                })
                .toList();
    }

    private void recognition(String patientId) {
        http.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "kind",
                        "referrer-recognition",
                        "patientId",
                        patientId,
                        "channels",
                        List.of("newsletter"),
                        "decision",
                        "permit"))
                .retrieve()
                .toBodilessEntity();
    }

    /** A patient and their finished visit as the baseline backfill stores them (ids and times only). */
    private void baselineVisit(String patientId, String finished) {
        jdbc.sql("insert into baseline_patient (patient_id, read_at) values (?, now())")
                .param(patientId)
                .update();
        jdbc.sql("insert into baseline_encounter (encounter_id, patient_id, status, started_at, ended_at, read_at)"
                        + " values (?, ?, 'finished', ?, ?, now())")
                .params(
                        "baseline-" + UUID.randomUUID(),
                        patientId,
                        java.sql.Timestamp.from(Instant.parse(finished)),
                        java.sql.Timestamp.from(Instant.parse(finished)))
                .update();
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

    private List<String> apiLines(String path, String... fields) {
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
