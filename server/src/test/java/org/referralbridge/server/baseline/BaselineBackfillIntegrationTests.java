package org.referralbridge.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.TestData;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.referralbridge.server.staff.Browser;
import org.referralbridge.server.staff.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The baseline backfill over the repository's Synthea slice in the sandbox EHR (18 Patients, 384 Encounters):
 * stopped halfway (a page limit for the run, then the stop endpoint) and resumed, it counts every patient once, and
 * the monthly figures equal what this test computes from the ndjson files itself; a run interrupted while RUNNING
 * resumes from its checkpoint.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.baseline.page-size=25",
            "referralbridge.baseline.requests-per-second=10",
            "referralbridge.baseline.launch-date=2000-01-01",
            "referralbridge.baseline.log-every-pages=4",
            "referralbridge.baseline.resume-check=1h"
        })
class BaselineBackfillIntegrationTests {

    private static final int PAGE_SIZE = 25;
    private static final LocalDate LAUNCH = LocalDate.of(2000, 1, 1);
    /** One Patient page, then ceil(384 / 25) Encounter pages. */
    private static final int ALL_PAGES = 1 + (384 + PAGE_SIZE - 1) / PAGE_SIZE;

    private static boolean loaded;
    private static List<Patient> patients;
    private static List<Encounter> encounters;
    private static String referredPatientId;

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    SandboxEhr sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BaselineBackfill backfill;

    RestClient api;

    @BeforeEach
    void seededSandboxAndNoBaselineYet() throws IOException {
        api = AdminApi.client(port);
        if (!loaded) {
            loadSyntheaSlice();
            loaded = true;
        }
        jdbc.sql("delete from baseline_backfill").update();
        jdbc.sql("delete from baseline_patient").update();
        jdbc.sql("delete from baseline_encounter").update();
    }

    @AfterEach
    void notificationsAgain() {
        sandbox.deliverNotificationsOnlyFor(subject -> true);
    }

    @Test
    void stoppedHalfwayAndResumedItCountsEveryPatientOnceAndTheFiguresEqualTheFiles() {
        assertThat(progress()).containsEntry("status", "NOT_STARTED");

        // a run limited to 3 pages: the Patients and two Encounter pages
        Map<String, Object> started = post("/api/baseline/backfill?maxPages=3");
        assertThat(started.get("status")).isEqualTo("RUNNING");
        Map<String, Object> stopped = awaitStatus("STOPPED");
        assertThat(number(stopped, "pages")).isEqualTo(3);
        assertThat(number(stopped, "patientsStored")).isEqualTo(18);
        assertThat(number(stopped, "encountersStored")).isEqualTo(2 * PAGE_SIZE);
        assertThat(stopped.get("method")).isEqualTo("paged-search");
        assertThat(stopped.get("resourceType")).isEqualTo("Encounter");
        assertThat(number(stopped, "total")).isEqualTo(18 + 384);
        assertThat((Double) stopped.get("ratePerSecond")).isPositive();
        assertThat(stopped.get("stoppedAt")).isNotNull();
        assertThat(stopped.get("finishedAt")).isNull();

        // resumed, then stopped through the API after at least one more page
        post("/api/baseline/backfill");
        await().atMost(Duration.ofSeconds(20)).until(() -> number(progress(), "pages") >= 4);
        post("/api/baseline/backfill/stop");
        Map<String, Object> stoppedAgain = awaitStatus("STOPPED");
        assertThat(number(stoppedAgain, "encountersStored")).isBetween(3L * PAGE_SIZE, 383L);

        // resumed to the end: every patient and encounter once, and no page read twice
        post("/api/baseline/backfill");
        Map<String, Object> finished = awaitStatus("FINISHED");
        assertThat(number(finished, "patientsStored")).isEqualTo(18);
        assertThat(number(finished, "encountersStored")).isEqualTo(384);
        assertThat(number(finished, "patientsRead")).isEqualTo(18);
        assertThat(number(finished, "encountersRead")).isEqualTo(384);
        assertThat(number(finished, "pages")).isEqualTo(ALL_PAGES);
        assertThat(finished.get("finishedAt")).isNotNull();
        assertThat(finished.get("etaSeconds")).isNull();
        assertThat(jdbc.sql("select count(distinct patient_id) from baseline_encounter")
                        .query(Long.class)
                        .single())
                .isEqualTo(18);

        // the figures, for three ranges, against the independent computation from the files
        Map<YearMonth, List<String>> expected = newPatientsByMonthFromTheFiles();
        assertFigures(null, null, expected);
        assertFigures(YearMonth.of(1966, 1), YearMonth.of(1969, 12), expected);
        assertFigures(YearMonth.of(1995, 1), YearMonth.of(2018, 12), expected);
        Map<String, Object> all = figures("");
        long counted =
                months(all).stream().mapToLong(m -> number(m, "newPatients")).sum();
        assertThat(counted).as("every patient counted once").isEqualTo(18);

        String csv = api.get()
                .uri("/api/baseline/figures?from=2018-01&to=2018-12")
                .header("Accept", "text/csv")
                .retrieve()
                .body(String.class);
        assertThat(csv)
                .startsWith("month,period,newPatients,referredNewPatients,referralShare\r\n")
                .contains("2018-06,after-launch,1,1,1.0000\r\n")
                .contains("2018-05,after-launch,0,0,\r\n");

        // a finished backfill started again reads everything again and still counts each patient once
        post("/api/baseline/backfill");
        Map<String, Object> again = awaitStatus("FINISHED");
        assertThat(number(again, "patientsStored")).isEqualTo(18);
        assertThat(number(again, "pages")).isEqualTo(ALL_PAGES);
        // throttled: 17 pages at 10 requests per second take at least 1.6 s
        assertThat((Double) again.get("ratePerSecond")).isLessThanOrEqualTo(402 / ((ALL_PAGES - 1) / 10.0));
    }

    @Test
    void aRunInterruptedWhileRunningResumesFromItsCheckpoint() {
        post("/api/baseline/backfill?maxPages=4");
        awaitStatus("STOPPED");
        String checkpoint = jdbc.sql("select next_page_url from baseline_backfill")
                .query(String.class)
                .single();
        assertThat(checkpoint).as("the next page position is kept").isNotBlank();
        // the instance running it went away mid-run: its row says RUNNING, its lease ran out
        jdbc.sql("update baseline_backfill set status = 'RUNNING', lease_owner = 'a-crashed-instance',"
                        + " lease_until = now() - interval '1 second'")
                .update();
        assertThat(progress()).containsEntry("status", "RUNNING");
        assertThat(post("/api/baseline/backfill/stop").get("status"))
                .as("a stop of a run nobody holds takes effect at once")
                .isEqualTo("STOPPED");
        jdbc.sql("update baseline_backfill set status = 'RUNNING', lease_owner = 'a-crashed-instance',"
                        + " lease_until = now() - interval '1 second', max_pages = null")
                .update();

        backfill.resumeInterrupted();

        Map<String, Object> finished = awaitStatus("FINISHED");
        assertThat(number(finished, "pages")).as("went on from the checkpoint").isEqualTo(ALL_PAGES);
        assertThat(number(finished, "encountersRead")).isEqualTo(384);
        assertThat(number(finished, "patientsStored")).isEqualTo(18);
        assertThat(number(finished, "encountersStored")).isEqualTo(384);
    }

    @Test
    void oneRunAtATime() {
        jdbc.sql("insert into baseline_backfill (id, status, method, resource_type, started_at, updated_at,"
                        + " lease_owner, lease_until) values (1, 'RUNNING', 'paged-search', 'Patient', now(), now(),"
                        + " 'another-instance', now() + interval '1 minute')")
                .update();
        int status = api.post()
                .uri("/api/baseline/backfill")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).as("another instance holds the lease").isEqualTo(409);
    }

    @Test
    void theStaffPageStartsAndStopsTheBackfillAndShowsTheMonths() {
        StaffAccounts.addAll(port);
        try (Browser browser = Browser.start(port)) {
            browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
            browser.open("/program/baseline");
            assertThat(browser.title()).startsWith("Baseline");
            assertThat(browser.find(By.id("backfill-status")).getText()).isEqualTo("Not started");
            assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("No new patients");
            browser.assertAccessible();

            // a run that stops itself after two pages, as if stopped halfway, then resumed from the page
            backfill.start(2);
            awaitStatus("STOPPED");
            browser.open("/program/baseline");
            assertThat(browser.find(By.id("backfill-status")).getText()).isEqualTo("Stopped");
            browser.find(By.xpath("//button[normalize-space()='Resume the backfill']"))
                    .click();
            browser.waitForText(By.cssSelector(".notice.success"), "goes on from where it stopped");
            browser.waitForText(By.id("backfill-status"), "Finished");
            assertThat(browser.find(By.id("backfill-stored")).getText()).isEqualTo("18 patients, 384 visits");
            browser.open("/program/baseline");
            List<WebElement> rows = browser.findAll(By.cssSelector("table.baseline-months tbody tr"));
            assertThat(rows).hasSize(24);
            assertThat(browser.find(By.id("before-launch")).getText()).isNotEqualTo("—");
            browser.assertAccessible().screenshot("program-baseline");

            browser.open("/program/baseline?from=2018-01&to=2018-12");
            assertThat(browser.findAll(By.cssSelector("table.baseline-months tbody tr")))
                    .hasSize(12)
                    .anySatisfy(row -> assertThat(row.getText()).isEqualTo("2018-06 After launch 1 1 100.0%"));
            browser.open("/program/baseline?from=2018-13");
            assertThat(browser.find(By.id("from-error")).getText()).contains("YYYY-MM");
            browser.assertAccessible();

            // stop, with a confirmation, a run that another instance holds: it is asked to stop after its page
            jdbc.sql("update baseline_backfill set status = 'RUNNING', lease_owner = 'another-instance',"
                            + " lease_until = now() + interval '1 minute'")
                    .update();
            browser.open("/program/baseline");
            assertThat(browser.find(By.id("backfill-status")).getText()).isEqualTo("Running");
            browser.assertAccessible();
            browser.find(By.xpath("//button[normalize-space()='Stop the backfill']"))
                    .click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector(".notice.success"), "stops after the page");
            browser.waitForText(By.id("backfill-status"), "stopping after this page");
            assertThat(progress()).containsEntry("stopRequested", true);
        }
    }

    private void assertFigures(YearMonth from, YearMonth to, Map<YearMonth, List<String>> expected) {
        Map<String, Object> figures = figures("?from=" + from + "&to=" + to);
        YearMonth first = from != null ? from : expected.keySet().iterator().next();
        YearMonth last = to != null ? to : YearMonth.now(ZoneOffset.UTC);
        List<Map<String, Object>> months = months(figures);
        assertThat(months).hasSize((int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1));
        long beforeSum = 0;
        long beforeMonths = 0;
        long afterSum = 0;
        long afterMonths = 0;
        long afterReferred = 0;
        for (Map<String, Object> month : months) {
            YearMonth which = YearMonth.parse((String) month.get("month"));
            List<String> newPatients = expected.getOrDefault(which, List.of());
            boolean after = !which.isBefore(YearMonth.from(LAUNCH));
            long referred = after && newPatients.contains(referredPatientId) ? 1 : 0;
            assertThat(month.get("afterLaunch")).as(which + " after launch").isEqualTo(after);
            assertThat(number(month, "newPatients")).as(which + " new patients").isEqualTo(newPatients.size());
            assertThat(number(month, "referredNewPatients"))
                    .as(which + " referred")
                    .isEqualTo(referred);
            if (after && !newPatients.isEmpty()) {
                assertThat((Double) month.get("referralShare")).isEqualTo((double) referred / newPatients.size());
            } else {
                assertThat(month.get("referralShare")).isNull();
            }
            if (after) {
                afterSum += newPatients.size();
                afterMonths++;
                afterReferred += referred;
            } else {
                beforeSum += newPatients.size();
                beforeMonths++;
            }
        }
        assertThat(figures.get("launchDate")).isEqualTo(LAUNCH.toString());
        assertThat(figures.get("monthlyNewPatientsBeforeLaunch"))
                .isEqualTo(beforeMonths == 0 ? null : (double) beforeSum / beforeMonths);
        assertThat(figures.get("monthlyNewPatientsAfterLaunch"))
                .isEqualTo(afterMonths == 0 ? null : (double) afterSum / afterMonths);
        assertThat(figures.get("referralShareAfterLaunch"))
                .isEqualTo(afterSum == 0 ? null : (double) afterReferred / afterSum);
    }

    /** From the ndjson files alone: each patient in the month (UTC) of their earliest finished Encounter's start. */
    private static Map<YearMonth, List<String>> newPatientsByMonthFromTheFiles() {
        Map<String, java.time.Instant> firstVisit = new HashMap<>();
        for (Encounter encounter : encounters) {
            if (encounter.getStatus() != Encounter.EncounterStatus.FINISHED) {
                continue;
            }
            String patient = encounter.getSubject().getReference().replace("Patient/", "");
            java.time.Instant start = encounter.getPeriod().getStart().toInstant();
            firstVisit.merge(patient, start, (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<YearMonth, List<String>> byMonth = new TreeMap<>();
        firstVisit.forEach((patient, start) -> byMonth.computeIfAbsent(
                        YearMonth.from(start.atZone(ZoneOffset.UTC)), m -> new ArrayList<>())
                .add(patient));
        return byMonth;
    }

    /**
     * The Synthea slice into the sandbox with the Synthea ids (Encounter subjects rewritten from urn:uuid: to
     * Patient/), without notifications; then one patient whose first visit is after launch is referred by another
     * with a referral code, through the real pipeline, so the referral share has something to count.
     */
    private void loadSyntheaSlice() throws IOException {
        sandbox.deliverNotificationsOnlyFor(subject -> false);
        Ehr ehr = new Ehr(fhirContext, port);
        patients = read("synthea-r4/patients.ndjson.gz", Patient.class);
        encounters = read("synthea-r4/encounters.ndjson.gz", Encounter.class);
        for (Patient patient : patients) {
            ehr.client().update().resource(patient).execute();
        }
        for (Encounter encounter : encounters) {
            String subject = encounter.getSubject().getReference().replace("urn:uuid:", "");
            encounter.setSubject(new Reference("Patient/" + subject));
            ehr.client().update().resource(encounter).execute();
        }
        Map<YearMonth, List<String>> byMonth = newPatientsByMonthFromTheFiles();
        String advocate = byMonth.get(YearMonth.of(1966, 3)).get(0);
        referredPatientId = byMonth.get(YearMonth.of(2018, 6)).get(0);
        sandbox.deliverNotificationsOnlyFor(subject -> true);
        String code = new AdminApi(port).enrol(advocate);
        Patient referred = ehr.patient(referredPatientId);
        ehr.client()
                .update()
                .resource(Patients.withReferralCode(referred, code))
                .execute();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> referral = new AdminApi(port).referralOf(referredPatientId);
            assertThat(referral).isNotNull();
            assertThat(Set.of("linked", "qualified", "LINKED", "QUALIFIED")).contains((String) referral.get("status"));
        });
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> List<T> read(String file, Class<T> type)
            throws IOException {
        IParser parser = fhirContext.newJsonParser();
        List<T> resources = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TestData.path(file))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    resources.add(parser.parseResource(type, line));
                }
            }
        }
        return resources;
    }

    private Map<String, Object> awaitStatus(String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(progress().get("status")));
        return progress();
    }

    private Map<String, Object> progress() {
        return api.get().uri("/api/baseline/backfill").retrieve().body(new ParameterizedTypeReference<>() {});
    }

    private Map<String, Object> figures(String query) {
        return api.get()
                .uri("/api/baseline/figures" + query.replace("null", ""))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    private Map<String, Object> post(String path) {
        return api.post().uri(path).retrieve().body(new ParameterizedTypeReference<>() {});
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> months(Map<String, Object> figures) {
        return (List<Map<String, Object>>) figures.get("months");
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
