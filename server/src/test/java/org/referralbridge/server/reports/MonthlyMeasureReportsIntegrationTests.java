package org.referralbridge.server.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.LogCapture;
import org.referralbridge.server.MovableClock;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The monthly MeasureReports in the EHR, end to end: referrals recorded by the whole ingest pipeline at chosen capture
 * dates in September, October and November 2026; the manual trigger and the scheduled job queue a month's reports on
 * the outbox; the worker writes them into the sandbox EHR, which WireMock stands in front of (passing everything
 * through, and failing the MeasureReport writes when a test says so). Every report in the EHR must hold the figures of
 * {@code GET /api/reports/measure-report} for its month, program and advocate, validate against the conformance
 * package, exist once per identifier, and change in place when late data changes its figures.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs-rewards",
            "referralbridge.practice.state=",
            "referralbridge.reports.metrics-initial-delay=PT1H",
            "referralbridge.reports.measure-report.per-advocate=true"
        })
class MonthlyMeasureReportsIntegrationTests {

    private static final WireMockServer EHR = new WireMockServer(options().dynamicPort());
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BASE = "/sandbox/fhir";

    static {
        EHR.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyMeasureReports reports;

    @Autowired
    MeasureReportProperties properties;

    @Autowired
    DataSource dataSource;

    final ObjectMapper json = new ObjectMapper();

    Ehr sandbox;
    AdminApi api;
    String first;
    String second;
    String secondPatient;

    @DynamicPropertySource
    static void ehrBehindWireMock(DynamicPropertyRegistry registry) {
        registry.add("referralbridge.ehr.base-url", () -> "http://localhost:" + EHR.port() + BASE);
        // the faults are injected on purpose; the breaker has its own test
        registry.add("referralbridge.ehr.circuit-breaker.minimum-calls", () -> "100000");
        registry.add("referralbridge.catch-up.interval", () -> "5s");
    }

    @AfterAll
    static void stopEhr() {
        EHR.stop();
    }

    @BeforeAll
    void seed() {
        EHR.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
        sandbox = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        // at start-up the proxy target was not known yet: register the Subscriptions now
        AdminApi.client(port)
                .post()
                .uri("/api/ehr/subscriptions/check")
                .retrieve()
                .toBodilessEntity();
        String firstPatient = advocate("MonthlyFirst");
        secondPatient = advocate("MonthlySecond");
        first = api.enrol(firstPatient);
        second = api.enrol(secondPatient);
        // September: one qualified (credit), one linked under cash, one linked of the second advocate
        refer("SeptOne", first, null, "2026-09-05T10:00:00Z", 3, "qualified");
        refer("SeptTwo", first, "cash", "2026-09-12T10:00:00Z", -1, "linked");
        refer("SeptThree", second, null, "2026-09-20T10:00:00Z", -1, "linked");
        // October and November: one each, so a month's reports must leave out the others
        refer("OctOne", second, null, "2026-10-03T10:00:00Z", 2, "qualified");
        refer("NovOne", first, "cash", "2026-11-14T10:00:00Z", -1, "linked");
        awaitQueuesIdle();
    }

    @Test
    void aMonthsReportsLandInTheEhrOnceEachWithTheOnDemandFiguresAndChangeInPlaceWithLateData() throws Exception {
        ConformanceValidator validator = Conformance.validator(fhirContext);
        LogCapture logs = new LogCapture();
        logs.attach();
        try {
            HttpResponse<String> answer = trigger("month=2026-09");
            assertThat(answer.statusCode()).isEqualTo(202);
            JsonNode queued = json.readTree(answer.body());
            assertThat(queued.get("system").asText()).isEqualTo(MonthlyMeasureReports.IDENTIFIER_SYSTEM);
            List<String> identifiers = new ArrayList<>();
            queued.get("reports")
                    .forEach(r -> identifiers.add(r.get("identifier").asText()));
            assertThat(identifiers)
                    .containsExactly(
                            "2026-09",
                            "2026-09:program:cash",
                            "2026-09:program:credit",
                            "2026-09:advocate:" + min(first, second),
                            "2026-09:advocate:" + max(first, second));
            awaitQueuesIdle();

            Map<String, MeasureReport> written = new LinkedHashMap<>();
            for (String identifier : identifiers) {
                MeasureReport report = theOne(identifier);
                assertFigures(report, identifier, validator);
                written.put(identifier, report);
            }
            assertThat(populations(written.get("2026-09")))
                    .contains("referrals/initial-population=3", "conversion/numerator=1", "conversion/denominator=3");
            assertThat(populations(written.get("2026-09:program:cash"))).contains("referrals/initial-population=1");
            assertThat(written.get("2026-09:advocate:" + second).getSubject().getReference())
                    .isEqualTo("Patient/" + secondPatient);

            // a second run without new data: nothing new, nothing written again
            assertThat(trigger("month=2026-09").statusCode()).isEqualTo(202);
            awaitQueuesIdle();
            for (String identifier : identifiers) {
                MeasureReport again = theOne(identifier);
                assertThat(again.getIdElement().getIdPart())
                        .isEqualTo(written.get(identifier).getIdElement().getIdPart());
                assertThat(again.getMeta().getVersionId()).as(identifier).isEqualTo("1");
            }

            // late data: a September referral of the second advocate under cash, recorded in December
            refer("SeptLate", second, "cash", "2026-09-25T10:00:00Z", -1, "linked");
            awaitQueuesIdle();
            assertThat(trigger("month=2026-09").statusCode()).isEqualTo(202);
            awaitQueuesIdle();
            Map<String, String> versions = new LinkedHashMap<>();
            for (String identifier : identifiers) {
                MeasureReport updated = theOne(identifier);
                assertThat(updated.getIdElement().getIdPart())
                        .isEqualTo(written.get(identifier).getIdElement().getIdPart());
                assertFigures(updated, identifier, validator);
                versions.put(identifier, updated.getMeta().getVersionId());
            }
            assertThat(versions)
                    .containsEntry("2026-09", "2")
                    .containsEntry("2026-09:program:cash", "2")
                    .containsEntry("2026-09:program:credit", "1")
                    .containsEntry("2026-09:advocate:" + first, "1")
                    .containsEntry("2026-09:advocate:" + second, "2");
            assertThat(populations(theOne("2026-09"))).contains("referrals/initial-population=4");
            assertThat(logs.text()).contains("MeasureReport/").doesNotContain(first, second);
        } finally {
            logs.detach();
        }
    }

    @Test
    void theScheduledJobQueuesThePreviousMonthOnlyWhenWriteMonthlyIsOnAndOnceAcrossInstances() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T02:15:00Z"));
        MonthlyMeasureReportJob off = job(false, clock);
        assertThat(off.run()).isEmpty();
        assertThat(outboxRows("2026-11")).isZero();

        MonthlyMeasureReportJob on = job(true, clock);
        MonthlyMeasureReportJob otherInstance = job(true, clock);
        List<MeasureReportRequested> queued = on.run();
        assertThat(queued)
                .extracting(MeasureReportRequested::identifierValue)
                .containsExactly("2026-11", "2026-11:program:cash", "2026-11:advocate:" + first);
        assertThat(otherInstance.run()).isEmpty();
        awaitQueuesIdle();
        assertThat(outboxRows("2026-11")).isEqualTo(3);
        ConformanceValidator validator = Conformance.validator(fhirContext);
        for (MeasureReportRequested request : queued) {
            assertFigures(theOne(request.identifierValue()), request.identifierValue(), validator);
        }
        assertThat(theOne("2026-11").getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2026-11-01");
        assertThat(theOne("2026-11").getPeriod().getEndElement().getValueAsString())
                .isEqualTo("2026-11-30");
    }

    @Test
    void anEhrThatFailsTheWritesOnlyDelaysThemNothingIsLostOrDoubled() throws Exception {
        String scenario = "MeasureReport writes fail";
        EHR.stubFor(post(urlPathEqualTo(BASE + "/MeasureReport"))
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        EHR.stubFor(post(urlPathEqualTo(BASE + "/MeasureReport"))
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                .willSetStateTo("healthy"));

        assertThat(trigger("month=2026-10").statusCode()).isEqualTo(202);
        awaitQueuesIdle();

        EHR.verify(
                com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(5),
                postRequestedFor(urlPathEqualTo(BASE + "/MeasureReport")));
        ConformanceValidator validator = Conformance.validator(fhirContext);
        for (String identifier : List.of("2026-10", "2026-10:program:credit", "2026-10:advocate:" + second)) {
            assertFigures(theOne(identifier), identifier, validator);
        }
        assertThat(outboxRows("2026-10")).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from outbox where kind = 'measure-report' and resource_id = '2026-10'"
                                + " and status = 'done' and attempts > 1")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox where kind = 'measure-report' and status = 'dead'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aMonthThatIsNotAPastCalendarMonthIsA400NamingIt() throws Exception {
        String thisMonth = YearMonth.now(java.time.ZoneOffset.UTC).toString();
        for (String query : List.of("", "month=2026-13", "month=september", "month=" + thisMonth, "month=2999-01")) {
            HttpResponse<String> answer = trigger(query);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.body())
                    .as(query)
                    .contains("RB-2501", "\"parameter\":\"month\"")
                    .doesNotContain("september");
        }
        HttpResponse<String> program = trigger("month=2026-09&program=%3Cscript%3E");
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(program.body()).contains("\"parameter\":\"program\"");
    }

    @Test
    void oneProgramsTriggerQueuesThatProgramsSummaryAlone() throws Exception {
        HttpResponse<String> answer = trigger("month=2026-09&program=credit");
        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode queued = json.readTree(answer.body());
        assertThat(queued.get("program").asText()).isEqualTo("credit");
        assertThat(queued.get("reports")).hasSize(1);
        assertThat(queued.get("reports").get(0).get("identifier").asText()).isEqualTo("2026-09:program:credit");
        awaitQueuesIdle();
        assertFigures(theOne("2026-09:program:credit"), "2026-09:program:credit", Conformance.validator(fhirContext));
        JsonNode audit = json.readTree(get("/api/audit?action=measure-report.queued"));
        assertThat(audit.get("items").findValuesAsText("outcome")).contains("success");
        assertThat(audit.get("items").toString()).contains("measure-report/2026-09:program:credit");
    }

    /** The EHR's report equals the on-demand endpoint's for its month, program and advocate, and validates. */
    private void assertFigures(MeasureReport report, String identifier, ConformanceValidator validator) {
        ValidationReport validation = validator.validate(report);
        assertThat(validation.errors())
                .as(identifier + ": " + validation.summary())
                .isEmpty();
        assertThat(report.getIdentifierFirstRep().getSystem()).isEqualTo(MonthlyMeasureReports.IDENTIFIER_SYSTEM);
        assertThat(report.getIdentifierFirstRep().getValue()).isEqualTo(identifier);
        String[] parts = identifier.split(":");
        YearMonth month = YearMonth.parse(parts[0]);
        String query = "?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        if (parts.length > 1 && parts[1].equals("program")) {
            query += "&program=" + parts[2];
        }
        if (parts.length > 1 && parts[1].equals("advocate")) {
            query += "&advocate=" + URLEncoder.encode(parts[2], StandardCharsets.UTF_8);
        }
        MeasureReport onDemand = fhirContext
                .newJsonParser()
                .parseResource(MeasureReport.class, get("/api/reports/measure-report" + query));
        assertThat(populations(report)).as(identifier).isEqualTo(populations(onDemand));
        assertThat(report.getMeasure()).isEqualTo(onDemand.getMeasure());
        assertThat(report.getSubject().getReference())
                .as(identifier)
                .isEqualTo(onDemand.getSubject().getReference());
        assertThat(report.getPeriod().getStartElement().getValueAsString())
                .isEqualTo(month.atDay(1).toString());
        assertThat(report.getPeriod().getEndElement().getValueAsString())
                .isEqualTo(month.atEndOfMonth().toString());
    }

    /** Each group's populations and score, in order: {@code referrals/initial-population=3}, ... */
    private static List<String> populations(MeasureReport report) {
        List<String> lines = new ArrayList<>();
        for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
            String code = group.getCode().getCodingFirstRep().getCode();
            for (MeasureReport.MeasureReportGroupPopulationComponent population : group.getPopulation()) {
                lines.add(
                        code + "/" + population.getCode().getCodingFirstRep().getCode() + "=" + population.getCount());
            }
            if (group.hasMeasureScore()) {
                lines.add(code + "/score="
                        + group.getMeasureScore()
                                .getValue()
                                .stripTrailingZeros()
                                .toPlainString());
            }
        }
        return lines;
    }

    /** The one MeasureReport the EHR holds with the identifier (fails on none or two). */
    private MeasureReport theOne(String identifier) {
        Bundle found = sandbox.client()
                .search()
                .forResource(MeasureReport.class)
                .where(MeasureReport.IDENTIFIER
                        .exactly()
                        .systemAndCode(MonthlyMeasureReports.IDENTIFIER_SYSTEM, identifier))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).as(identifier).hasSize(1);
        return (MeasureReport) found.getEntryFirstRep().getResource();
    }

    private long outboxRows(String month) {
        return jdbc.sql("select count(*) from outbox where kind = 'measure-report' and resource_id = ?")
                .param(month)
                .query(Long.class)
                .single();
    }

    private MonthlyMeasureReportJob job(boolean writeMonthly, MovableClock clock) {
        return new MonthlyMeasureReportJob(
                reports,
                new MeasureReportProperties(writeMonthly, properties.cron(), properties.perAdvocate()),
                dataSource,
                clock);
    }

    /** A patient with a finished visit of their own, which the programs require of a referrer. */
    private String advocate(String family) {
        String id = sandbox.create(Patients.existing(family));
        sandbox.client()
                .create()
                .resource(Patients.finishedEncounter(id, "2026-01-10T10:00:00Z"))
                .execute();
        return id;
    }

    /** A patient referred with the code at the captured time, with a finished visit that many days after (or none). */
    private void refer(String family, String code, String program, String captured, int visitDays, String status) {
        Patient patient = Patients.existing(family);
        Extension source = new Extension(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", null));
        source.addExtension(ReferralSource.CODE, new StringType(code));
        if (program != null) {
            source.addExtension(ReferralSource.PROGRAM, new StringType(program));
        }
        source.addExtension(ReferralSource.CAPTURED_DATE, new DateTimeType(captured));
        patient.addExtension(source);
        String id = sandbox.create(patient);
        if (visitDays >= 0) {
            sandbox.client()
                    .create()
                    .resource(Patients.finishedEncounter(
                            id,
                            Instant.parse(captured)
                                    .plus(visitDays, ChronoUnit.DAYS)
                                    .toString()))
                    .execute();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> referral = api.referralOf(id);
            assertThat(referral).isNotNull();
            assertThat(referral.get("status").toString().toLowerCase(java.util.Locale.ROOT))
                    .isEqualTo(status);
        });
    }

    private void awaitQueuesIdle() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private HttpResponse<String> trigger(String query) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/reports/measure-report/ehr?" + query))
                                .header("Authorization", AdminApi.authorization())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) {
        return AdminApi.client(port).get().uri(path).retrieve().body(String.class);
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}
