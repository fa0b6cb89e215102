package org.referralbridge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
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
import org.referralbridge.server.Patients;
import org.referralbridge.server.TestData;
import org.referralbridge.server.web.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The program's figures over a seeded dataset: the 18 Synthea Patients of the repository's test data in the sandbox
 * EHR (some of their own Encounters too), six of them enrolled as advocates, twelve referred (with codes, or by a
 * channel only) at chosen dates, with finished visits at chosen days after so that some qualify (and one, of the
 * advocate without an Encounter of their own, is rejected). For four date ranges (one limited to a program) every
 * figure of every endpoint is compared with a computation of this test's own, from its record of what it created.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs-rewards",
            "referralbridge.practice.state=",
            "referralbridge.reports.metrics-initial-delay=PT1H"
        })
class ReportsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigDecimal CREDIT = new BigDecimal("15.00");
    private static final BigDecimal CASH = new BigDecimal("50.00");
    private static final String PASSWORD = "reports-password-1";
    /** The advocate without an Encounter of their own, whom the program's terms exclude as a referrer. */
    private static final int NOT_ELIGIBLE = 5;

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportMetrics metrics;

    Ehr ehr;
    AdminApi api;
    RestClient http;

    /** The Synthea patients as the test loaded them, in file order, with their new ids. */
    final List<Patient> synthea = new ArrayList<>();

    final List<String> patientIds = new ArrayList<>();
    final List<String> advocateCodes = new ArrayList<>();
    final List<String> advocatePatients = new ArrayList<>();

    /** What the test made: one per referred patient. */
    final List<Made> made = new ArrayList<>();

    /** Per patient, when each of their Appointments the EHR holds as booked was booked. */
    final Map<String, List<Instant>> bookings = new LinkedHashMap<>();

    Instant enrolledBy;

    /**
     * @param advocate index into the advocates, or -1 for a channel-only referral
     * @param program the program named, or null (the default, credit)
     * @param referredAt the captured time given, or (none given) a bound of when it was recorded
     * @param visitAt the finished AMB visit, or null
     */
    record Made(
            String patientId,
            int advocate,
            String channel,
            String program,
            Instant referredAt,
            Instant visitAt,
            boolean qualifies,
            LocalDate birthDate,
            String sex,
            String postalPrefix) {

        String status() {
            if (advocate < 0) {
                return "channel-only";
            }
            if (advocate == NOT_ELIGIBLE && visitAt != null) {
                return "rejected";
            }
            return qualifies ? "qualified" : "linked";
        }

        BigDecimal reward() {
            if (!qualifies) {
                return BigDecimal.ZERO;
            }
            return "cash".equals(program) ? CASH : CREDIT;
        }

        String programKey() {
            return program == null ? "credit" : program;
        }

        Made madeAt(Instant when) {
            return new Made(
                    patientId, advocate, channel, program, when, visitAt, qualifies, birthDate, sex, postalPrefix);
        }
    }

    @BeforeAll
    void seed() throws IOException {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
        List<Patient> patients = readSynthea();
        assertThat(patients).hasSize(18);
        // the advocates first: enrolled now, each with some of their own Encounter history
        for (int i = 0; i < 5; i++) {
            Patient patient = patients.get(i);
            String id = ehr.create(patient);
            patientIds.add(id);
            synthea.add(patient);
            advocatePatients.add(id);
            advocateCodes.add(api.enrol(id));
        }
        enrolledBy = Instant.now();
        loadHistory(patients.subList(0, 5)); // the program requires referrers to have a finished Encounter
        // a sixth advocate with no Encounter of their own: the program rejects their referral when it qualifies
        Patient withoutHistory = patients.get(17);
        String newcomer = ehr.create(withoutHistory);
        patientIds.add(newcomer);
        synthea.add(withoutHistory);
        advocatePatients.add(newcomer);
        advocateCodes.add(api.enrol(newcomer));
        enrolledBy = Instant.now();
        recognition(advocatePatients.get(0), "permit");
        recognition(advocatePatients.get(1), "deny");

        refer(patients.get(5), 0, "friend-family", null, "2026-09-05T10:00:00Z", 3, true);
        refer(patients.get(6), 0, "friend-family", null, "2026-09-20T09:00:00Z", 10, true);
        refer(patients.get(7), 1, "friend-family", null, "2026-09-25T15:00:00Z", 40, false);
        refer(patients.get(8), 1, "friend-family", "cash", "2026-10-03T12:00:00Z", 5, true);
        refer(patients.get(9), 2, "friend-family", null, "2026-10-18T08:30:00Z", -1, false);
        refer(patients.get(10), -1, "campaign", null, "2026-10-20T11:00:00Z", 2, false);
        refer(patients.get(11), 3, "friend-family", "cash", "2026-11-02T16:00:00Z", 1, true);
        refer(patients.get(12), 0, "friend-family", null, "2026-11-15T10:00:00Z", 20, true);
        refer(patients.get(13), 2, "friend-family", null, "2026-11-28T10:00:00Z", 7, true);
        refer(patients.get(14), -1, "web", null, "2026-11-10T10:00:00Z", -1, false);
        refer(patients.get(15), 4, "friend-family", null, null, -1, false);
        refer(patients.get(16), 5, "friend-family", null, "2026-10-10T10:00:00Z", 4, false);

        // Appointments: booked after the referral (the first one counts), before it (not counted), proposed only,
        // entered in error, booked without a created time (the EHR's lastUpdated counts), of an advocate (no referral)
        book(made.get(0).patientId(), made.get(0).referredAt(), 1.25, "booked");
        book(made.get(1).patientId(), made.get(1).referredAt(), 5, "fulfilled");
        book(made.get(1).patientId(), made.get(1).referredAt(), 2, "booked");
        book(made.get(2).patientId(), made.get(2).referredAt(), -3, "booked");
        book(made.get(2).patientId(), made.get(2).referredAt(), 6.5, "arrived");
        book(made.get(3).patientId(), made.get(3).referredAt(), 1, "proposed");
        String wrong = book(made.get(6).patientId(), made.get(6).referredAt(), 0.5, "booked");
        book(made.get(7).patientId(), null, 0, "booked");
        book(made.get(5).patientId(), made.get(5).referredAt(), 0.75, "checked-in");
        book(advocatePatients.get(0), made.get(0).referredAt(), 1, "booked");
        await().atMost(WAIT).until(() -> bookedRows() == 9);
        enteredInError(wrong);
        await().atMost(WAIT).until(() -> bookedRows() == 8);

        for (Made m : made) {
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> referral = api.referralOf(m.patientId());
                assertThat(referral).isNotNull();
                assertThat(referral.get("status")
                                .toString()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-'))
                        .isEqualTo(m.status());
                if (m.visitAt() != null) {
                    assertThat(referral.get("firstEncounterAt")).isNotNull();
                }
            });
            if (m.qualifies()) {
                await().atMost(WAIT).until(() -> rewardsOf(m.patientId()) > 0);
            }
        }
        // a referral without a captured time was made when the service recorded it: take that time from it
        for (int i = 0; i < made.size(); i++) {
            Map<String, Object> referral = api.referralOf(made.get(i).patientId());
            if (referral.get("capturedAt") == null) {
                made.set(i, made.get(i).madeAt(Instant.parse((String) referral.get("recordedAt"))));
            }
        }
        // this month's referral (recorded today) has an Appointment booked after it was recorded
        book(made.get(10).patientId(), null, 0, "booked");
        await().atMost(WAIT).until(() -> bookedRows() == 9);
        awaitQueuesIdle();
    }

    @Test
    void everyFigureOfEveryEndpointEqualsTheTestsOwnComputationForThreeRanges() {
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        String today = now.toString();
        // "September to today", but never longer than a report covers (the test may run years from now)
        LocalDate earliest = now.minusDays(ReportPeriod.MAX_DAYS - 1);
        String september = LocalDate.parse("2026-09-01").isBefore(earliest) ? earliest.toString() : "2026-09-01";
        List<String[]> ranges = List.of(
                new String[] {"2026-09-01", "2026-09-30", null},
                new String[] {"2026-10-01", "2026-11-30", null},
                new String[] {september, today, null},
                new String[] {september, today, "cash"});
        for (String[] range : ranges) {
            assertRange(LocalDate.parse(range[0]), LocalDate.parse(range[1]), range[2]);
        }
    }

    @Test
    void theCsvOfEachBreakdownHasAHeaderAndOneLinePerRowEndedByCrLf() {
        String query = "?from=2026-09-01&to=" + LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> status = get("/api/reports/referrals-by-status" + query, null, "text/csv");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = List.of(status.body().split("\r\n", -1));
        assertThat(lines.get(0)).isEqualTo("status,referrals");
        assertThat(lines).hasSize(1 + 7 + 1).last().isEqualTo("");
        assertThat(lines).contains("qualified," + count(made, m -> m.status().equals("qualified")));

        String summary = get("/api/reports/summary" + query, null, "text/csv").body();
        assertThat(summary).startsWith("metric,value\r\n").contains("\r\nreferrals," + made.size() + "\r\n");
        assertThat(summary)
                .contains("\r\nappointments-booked,"
                        + made.stream().filter(m -> firstBookedAfter(m) != null).count()
                        + "\r\n");

        String top = get("/api/reports/top-advocates" + query, null, "text/csv").body();
        assertThat(top.split("\r\n")[0]).isEqualTo("rank,name,referral-code,qualified,referred");
        assertThat(top.split("\r\n")[1]).startsWith("1,").contains(advocateCodes.get(0));
        for (String path : List.of(
                "referrals-by-channel",
                "conversion",
                "time-to-visit",
                "time-to-appointment",
                "by-segment",
                "by-advocate",
                "by-incentive",
                "reward-cost")) {
            HttpResponse<String> csv = get("/api/reports/" + path + query, null, "text/csv");
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            assertThat(csv.body()).as(path).endsWith("\r\n").doesNotContain("{");
            int columns = csv.body().split("\r\n")[0].split(",").length;
            for (String line : csv.body().split("\r\n")) {
                assertThat(line.split(",", -1)).as(path + ": " + line).hasSize(columns);
            }
        }
        assertThat(get("/api/reports/by-segment" + query, null, null).body()).startsWith("{");
    }

    @Test
    void aBadDateABackwardsRangeOrABadProgramIsA400NamingTheParameter() {
        HttpResponse<String> badFrom = get("/api/reports/summary?from=2026-13-01", null, null);
        assertThat(badFrom.statusCode()).isEqualTo(400);
        assertThat(badFrom.body()).contains("RB-2501", "\"parameter\":\"from\"").doesNotContain("2026-13-01");
        HttpResponse<String> backwards = get("/api/reports/conversion?from=2026-10-01&to=2026-09-01", null, null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("RB-2501", "\"parameter\":\"to\"");
        HttpResponse<String> tooLong = get("/api/reports/by-advocate?from=2000-01-01&to=2026-01-01", null, null);
        assertThat(tooLong.body()).contains("\"parameter\":\"to\"");
        HttpResponse<String> program = get("/api/reports/by-segment?program=%3Cscript%3E", null, "text/csv");
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(program.body()).contains("\"parameter\":\"program\"");
        assertThat(get("/api/reports/top-advocates?channel=billboard", null, null)
                        .body())
                .contains("\"parameter\":\"channel\"");
    }

    @Test
    void formatCsvIsTheSameAsAcceptTextCsvOnEveryReportSoThatALinkCanDownloadIt() {
        String query = "?from=2026-09-01&to=" + LocalDate.now(ZoneOffset.UTC);
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (String path : List.of(
                "summary",
                "referrals-by-status",
                "referrals-by-channel",
                "conversion",
                "time-to-visit",
                "by-segment",
                "by-advocate",
                "top-advocates",
                "by-incentive",
                "reward-cost",
                "new-patients")) {
            HttpResponse<String> linked = get("/api/reports/" + path + query + "&format=csv", null, browser);
            assertThat(linked.statusCode()).as(path).isEqualTo(200);
            assertThat(linked.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("text/csv");
            assertThat(linked.body())
                    .as(path)
                    .isEqualTo(get("/api/reports/" + path + query, null, "text/csv")
                            .body());
            HttpResponse<String> unknown = get("/api/reports/" + path + query + "&format=xlsx", null, null);
            assertThat(unknown.statusCode()).as(path).isEqualTo(400);
            assertThat(unknown.body()).as(path).contains("RB-2501", "\"parameter\":\"format\"");
            assertThat(get("/api/reports/" + path + query + "&format=json", null, "text/csv")
                            .body())
                    .as(path)
                    .startsWith("{");
        }
    }

    @Test
    void theNewPatientBaselineNextToARangeIsTheBaselineModulesFiguresForItsMonths() {
        // nothing backfilled here: no new patient, no referred one, no share; the launch is the programs' first start
        Map<String, Object> answer = json("/api/reports/new-patients?from=2026-09-01&to=2026-11-30");
        Map<?, ?> figure = (Map<?, ?>) answer.get("figure");
        assertThat(figure.get("firstMonth")).isEqualTo("2026-09");
        assertThat(figure.get("lastMonth")).isEqualTo("2026-11");
        assertThat(figure.get("newPatients")).isEqualTo(0);
        assertThat(figure.get("referredNewPatients")).isEqualTo(0);
        assertThat(figure.get("referralShare")).isNull();
        assertThat(figure.get("launchSource")).isIn("programs", "setting", "none");
        String csv = get("/api/reports/new-patients?from=2026-09-01&to=2026-11-30", null, "text/csv")
                .body();
        assertThat(csv)
                .startsWith("metric,value\r\n")
                .contains("\r\nfirst-month,2026-09\r\n", "\r\nnew-patients,0\r\n", "\r\nreferral-share,\r\n");
        assertThat(get("/api/reports/new-patients?program=%3Cscript%3E", null, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void programAdminsAndAuditorsReadTheReportsAndNobodyElse() {
        for (String role : List.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR)) {
            user(role);
        }
        for (String path : List.of("summary", "referrals-by-status", "top-advocates", "reward-cost")) {
            assertThat(get("/api/reports/" + path, Roles.PROGRAM_ADMIN, null).statusCode())
                    .isEqualTo(200);
            assertThat(get("/api/reports/" + path, Roles.AUDITOR, "text/csv").statusCode())
                    .isEqualTo(200);
            assertThat(get("/api/reports/" + path, Roles.FRONT_DESK, null).statusCode())
                    .isEqualTo(403);
            assertThat(get("/api/reports/" + path, Roles.CLINIC_IT, null).statusCode())
                    .isEqualTo(403);
            assertThat(get("/api/reports/" + path, "", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void prometheusShowsTheCurrentMonthsFiguresWithoutPatientData() {
        user(Roles.CLINIC_IT);
        metrics.refresh();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant monthStart =
                today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Made> thisMonth =
                made.stream().filter(m -> !m.referredAt().isBefore(monthStart)).toList();
        HttpResponse<String> scrape = get("/actuator/prometheus", Roles.CLINIC_IT, null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String body = scrape.body();
        assertThat(body).contains("referralbridge_program_advocates{kind=\"enrolled\"} " + advocateCodes.size() + ".0");
        assertThat(body)
                .contains("referralbridge_program_advocates{kind=\"referring\"} "
                        + thisMonth.stream()
                                .filter(m -> m.advocate() >= 0)
                                .map(Made::advocate)
                                .distinct()
                                .count()
                        + ".0");
        for (String status : List.of("linked", "qualified", "channel-only", "unmatched", "rejected")) {
            assertThat(body)
                    .contains("referralbridge_program_referrals{status=\"" + status + "\"} "
                            + count(thisMonth, m -> m.status().equals(status)) + ".0");
        }
        assertThat(body).containsPattern("referralbridge_program_conversion(\\{\\})? ");
        List<BigDecimal> visitDays = daysOf(thisMonth, Made::visitAt);
        List<BigDecimal> bookingDays = daysOf(thisMonth, this::firstBookedAfter);
        assertThat(body)
                .contains("referralbridge_program_time_to_first_visit_days{quantile=\"0.5\"} " + gauge(visitDays, 50))
                .contains("referralbridge_program_time_to_first_visit_days{quantile=\"0.9\"} " + gauge(visitDays, 90))
                .contains("referralbridge_program_time_to_first_appointment_booked_days{quantile=\"0.5\"} "
                        + gauge(bookingDays, 50))
                .contains("referralbridge_program_time_to_first_appointment_booked_days{quantile=\"0.9\"} "
                        + gauge(bookingDays, 90))
                .contains("referralbridge_program_reward_cost "
                        + thisMonth.stream()
                                .map(Made::reward)
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .doubleValue());
        List<String> programLines = body.lines()
                .filter(line -> line.startsWith("referralbridge_program"))
                .toList();
        assertThat(programLines).hasSizeGreaterThanOrEqualTo(10);
        java.util.regex.Pattern labels = java.util.regex.Pattern.compile("\\{([^}]*)}");
        List<String> allowed = List.of(
                "kind=\"enrolled\"",
                "kind=\"referring\"",
                "status=\"linked\"",
                "status=\"qualified\"",
                "status=\"channel-only\"",
                "status=\"unmatched\"",
                "status=\"in-review\"",
                "status=\"rejected\"",
                "status=\"reversed\"",
                "quantile=\"0.5\"",
                "quantile=\"0.9\"");
        for (String line : programLines) {
            java.util.regex.Matcher matcher = labels.matcher(line);
            if (matcher.find() && !matcher.group(1).isEmpty()) {
                assertThat(List.of(matcher.group(1).split(","))).as(line).allMatch(allowed::contains);
            }
            for (Patient patient : synthea) {
                assertThat(line)
                        .doesNotContain(patient.getNameFirstRep().getFamily())
                        .doesNotContain(patient.getBirthDateElement().getValueAsString());
            }
        }
        for (String code : advocateCodes) {
            assertThat(body).doesNotContain(code);
        }
    }

    @Test
    void theMeasureReportValidatesAndHoldsTheSummarysNumbersForAllAndForOneAdvocate() {
        ConformanceValidator validator = Conformance.validator(fhirContext);
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        LocalDate earliest = now.minusDays(ReportPeriod.MAX_DAYS - 1);
        String september = LocalDate.parse("2026-09-01").isBefore(earliest) ? earliest.toString() : "2026-09-01";
        for (String query : List.of(
                "?from=2026-09-01&to=2026-09-30",
                "?from=2026-10-01&to=2026-11-30",
                "?from=" + september + "&to=" + now,
                "?from=" + september + "&to=" + now + "&program=cash")) {
            MeasureReport report = measureReport(validator, query);
            assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
            assertThat(report.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
            assertThat(report.getMeasure()).startsWith(Canonicals.ReferralProgramMeasure.URL + "|");
            assertThat(report.hasSubject()).isFalse();
            Map<String, Object> summary = json("/api/reports/summary" + query);
            assertThat(report.getPeriod().getStartElement().getValueAsString())
                    .isEqualTo(((Map<?, ?>) summary.get("range")).get("from"));
            assertThat(report.getPeriod().getEndElement().getValueAsString())
                    .isEqualTo(((Map<?, ?>) summary.get("range")).get("to"));
            Map<?, ?> advocates = (Map<?, ?>) summary.get("activeAdvocates");
            Map<?, ?> conversion = (Map<?, ?>) summary.get("conversion");
            Map<?, ?> cost = (Map<?, ?>) summary.get("rewardCost");
            assertThat(populations(report))
                    .as(query)
                    .containsExactly(
                            "referrals initial-population=" + summary.get("referrals"),
                            "qualified-referrals initial-population=" + conversion.get("qualified"),
                            "conversion initial-population=" + conversion.get("referred"),
                            "conversion denominator=" + conversion.get("referred"),
                            "conversion numerator=" + conversion.get("qualified"),
                            "enrolled-advocates initial-population=" + advocates.get("enrolled"),
                            "referring-advocates initial-population=" + advocates.get("referring"),
                            "acquired-patients initial-population=" + cost.get("acquiredPatients"));
            assertThat(score(report)).as(query).isEqualTo(decimal(conversion.get("ratio")));
        }

        String query = "?from=" + september + "&to=" + now;
        Map<String, Object> byAdvocate = json("/api/reports/by-advocate" + query);
        for (int advocate = 0; advocate < advocateCodes.size(); advocate++) {
            String code = advocateCodes.get(advocate);
            MeasureReport report = measureReport(validator, query + "&advocate=" + code);
            assertThat(report.getSubject().getReference()).isEqualTo("Patient/" + advocatePatients.get(advocate));
            int index = advocate;
            Instant start =
                    LocalDate.parse(september).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<Made> theirs = made.stream()
                    .filter(m -> m.advocate() == index && !m.referredAt().isBefore(start))
                    .toList();
            long qualified = count(theirs, Made::qualifies);
            Map<Object, Object> row = ((List<?>) byAdvocate.get("rows"))
                    .stream()
                            .map(r -> (Map<?, ?>) r)
                            .map(r -> (Map<Object, Object>) new LinkedHashMap<Object, Object>(r))
                            .filter(r -> code.equals(r.get("referralCode")))
                            .findFirst()
                            .orElse(Map.<Object, Object>of("referred", 0, "qualified", 0));
            assertThat(row.get("referred")).isEqualTo((int) theirs.size());
            assertThat(row.get("qualified")).isEqualTo((int) qualified);
            assertThat(populations(report))
                    .as(code)
                    .containsExactly(
                            "referrals initial-population=" + theirs.size(),
                            "qualified-referrals initial-population=" + qualified,
                            "conversion initial-population=" + theirs.size(),
                            "conversion denominator=" + theirs.size(),
                            "conversion numerator=" + qualified,
                            "enrolled-advocates initial-population=1",
                            "referring-advocates initial-population=" + (theirs.isEmpty() ? 0 : 1),
                            "acquired-patients initial-population=" + count(theirs, m -> m.visitAt() != null));
            assertThat(score(report))
                    .as(code)
                    .isEqualTo(
                            theirs.isEmpty()
                                    ? null
                                    : BigDecimal.valueOf(qualified)
                                            .divide(BigDecimal.valueOf(theirs.size()), 4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void theMeasureReportOfABadRangeOrAnUnknownAdvocateIsA400AndOnlyAdminsAndAuditorsReadIt() {
        HttpResponse<String> backwards = get("/api/reports/measure-report?from=2026-10-01&to=2026-09-01", null, null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("RB-2501", "\"parameter\":\"to\"");
        HttpResponse<String> badDate = get("/api/reports/measure-report?from=yesterday", null, null);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("\"parameter\":\"from\"").doesNotContain("yesterday");
        HttpResponse<String> nobody = get("/api/reports/measure-report?advocate=NOBODY-42", null, null);
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("\"parameter\":\"advocate\"").doesNotContain("NOBODY-42");

        for (String role : List.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR)) {
            user(role);
        }
        assertThat(get("/api/reports/measure-report", Roles.PROGRAM_ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/reports/measure-report", Roles.AUDITOR, "application/fhir+json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/reports/measure-report", Roles.FRONT_DESK, null).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/reports/measure-report", Roles.CLINIC_IT, null).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/reports/measure-report", "", null).statusCode()).isEqualTo(401);
    }

    private MeasureReport measureReport(ConformanceValidator validator, String query) {
        HttpResponse<String> answer = get("/api/reports/measure-report" + query, null, null);
        assertThat(answer.statusCode()).as(query).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        ValidationReport validation = validator.validate(answer.body());
        assertThat(validation.errors()).as(query + ": " + validation.summary()).isEmpty();
        return fhirContext.newJsonParser().parseResource(MeasureReport.class, answer.body());
    }

    /** "group-code population-code=count" per population, in report order. */
    private static List<String> populations(MeasureReport report) {
        List<String> lines = new ArrayList<>();
        for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
            assertThat(group.getCode().getCodingFirstRep().getSystem())
                    .isEqualTo(Canonicals.ReferralProgramMeasure.GROUP_CODE_SYSTEM);
            for (MeasureReport.MeasureReportGroupPopulationComponent population : group.getPopulation()) {
                lines.add(group.getCode().getCodingFirstRep().getCode() + " "
                        + population.getCode().getCodingFirstRep().getCode() + "=" + population.getCount());
            }
        }
        return lines;
    }

    /** The conversion group's score, or null when it has none. */
    private static BigDecimal score(MeasureReport report) {
        return report.getGroup().stream()
                .filter(g -> g.getCode().getCodingFirstRep().getCode().equals("conversion"))
                .findFirst()
                .filter(MeasureReport.MeasureReportGroupComponent::hasMeasureScore)
                .map(g -> g.getMeasureScore().getValue().setScale(4, RoundingMode.HALF_UP))
                .orElse(null);
    }

    /** The sorted days from each referral to the event, for those with one at or after the referral. */
    private static List<BigDecimal> daysOf(List<Made> in, Function<Made, Instant> event) {
        return in.stream()
                .filter(m -> event.apply(m) != null && !event.apply(m).isBefore(m.referredAt()))
                .map(m -> BigDecimal.valueOf(
                                Duration.between(m.referredAt(), event.apply(m)).toSeconds())
                        .divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP))
                .sorted()
                .toList();
    }

    /** The gauge's value as Prometheus writes it: the nearest-rank percentile, or NaN without days. */
    private static String gauge(List<BigDecimal> sortedDays, int percent) {
        if (sortedDays.isEmpty()) {
            return "NaN";
        }
        return String.valueOf(sortedDays
                .get((int) Math.ceil(percent / 100.0 * sortedDays.size()) - 1)
                .doubleValue());
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(4, RoundingMode.HALF_UP);
    }

    // --- the test's own computation of every figure ---

    private void assertRange(LocalDate from, LocalDate to, String program) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Made> in = made.stream()
                .filter(m -> !m.referredAt().isBefore(start) && m.referredAt().isBefore(end))
                .filter(m -> program == null || program.equals(m.programKey()))
                .toList();
        String query = "?from=" + from + "&to=" + to + (program == null ? "" : "&program=" + program);
        String label = from + ".." + to + (program == null ? "" : " " + program);

        long enrolled = enrolledBy.isBefore(end) ? advocateCodes.size() : 0;
        long referring = in.stream()
                .filter(m -> m.advocate() >= 0)
                .map(Made::advocate)
                .distinct()
                .count();
        long qualified = count(in, Made::qualifies);
        long acquired = count(in, m -> m.visitAt() != null);
        BigDecimal cost = in.stream().map(Made::reward).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> days = in.stream()
                .filter(m -> m.visitAt() != null)
                .map(m -> BigDecimal.valueOf(
                                Duration.between(m.referredAt(), m.visitAt()).toSeconds())
                        .divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP))
                .sorted()
                .toList();
        List<BigDecimal> bookingDays = in.stream()
                .filter(m -> firstBookedAfter(m) != null)
                .map(m -> BigDecimal.valueOf(Duration.between(m.referredAt(), firstBookedAfter(m))
                                .toSeconds())
                        .divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP))
                .sorted()
                .toList();

        Map<String, Object> summary = json("/api/reports/summary" + query);
        assertThat(lines(List.of(summary)))
                .as(label)
                .containsExactly(line(
                        Map.of("from", from.toString(), "to", to.toString()),
                        Map.of("enrolled", enrolled, "referring", referring),
                        in.size(),
                        conversionLine(in.size(), qualified),
                        timeLine(days),
                        timeLine("appointments", bookingDays),
                        costLine(cost, acquired, qualified)));

        assertThat(rows("/api/reports/referrals-by-status" + query))
                .as(label)
                .containsExactlyElementsOf(List.of(
                        line("linked", count(in, m -> m.status().equals("linked"))),
                        line("qualified", qualified),
                        line("channel-only", count(in, m -> m.status().equals("channel-only"))),
                        line("unmatched", 0),
                        line("in-review", 0),
                        line("rejected", count(in, m -> m.status().equals("rejected"))),
                        line("reversed", 0)));

        assertThat(rows("/api/reports/referrals-by-channel" + query))
                .as(label)
                .containsExactlyElementsOf(grouped(in, Made::channel, g -> line(g.size())));

        List<String> conversion = new ArrayList<>();
        conversion.add(line("all", in.size(), qualified, ratio(qualified, in.size())));
        conversion.addAll(grouped(in, Made::programKey, g -> {
            long q = count(g, Made::qualifies);
            return line(g.size(), q, ratio(q, g.size()));
        }));
        assertThat(rows("/api/reports/conversion" + query)).as(label).containsExactlyElementsOf(conversion);

        assertThat(lines(List.of(json("/api/reports/time-to-visit" + query))))
                .as(label)
                .containsExactly(line(Map.of("from", from.toString(), "to", to.toString()), timeLine(days)));
        assertThat(lines(List.of(json("/api/reports/time-to-appointment" + query))))
                .as(label)
                .containsExactly(line(
                        Map.of("from", from.toString(), "to", to.toString()), timeLine("appointments", bookingDays)));

        List<String> segments = new ArrayList<>();
        segments.addAll(prefixed("age-band", grouped(in, this::ageBand, this::referredQualified)));
        segments.addAll(prefixed("sex", grouped(in, Made::sex, this::referredQualified)));
        segments.addAll(prefixed(
                "postal-prefix",
                grouped(in, m -> m.postalPrefix() == null ? "unknown" : m.postalPrefix(), this::referredQualified)));
        assertThat(rows("/api/reports/by-segment" + query)).as(label).containsExactlyElementsOf(segments);

        List<Made> linked = in.stream().filter(m -> m.advocate() >= 0).toList();
        Map<String, List<Made>> byCode = new TreeMap<>();
        for (Made m : linked) {
            byCode.computeIfAbsent(advocateCodes.get(m.advocate()), k -> new ArrayList<>())
                    .add(m);
        }
        List<String> advocates = new ArrayList<>();
        byCode.forEach((code, g) -> advocates.add(line(code, g.size(), count(g, Made::qualifies))));
        assertThat(rows("/api/reports/by-advocate" + query)).as(label).containsExactlyElementsOf(advocates);

        List<Map.Entry<String, List<Made>>> ranked = new ArrayList<>(byCode.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, List<Made>>>comparingLong(e -> -count(e.getValue(), Made::qualifies))
                .thenComparingLong(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            String code = ranked.get(i).getKey();
            boolean named = code.equals(advocateCodes.get(0)); // only advocate 0 permitted recognition
            List<Made> g = ranked.get(i).getValue();
            top.add(line(
                    i + 1,
                    named ? displayName(synthea.get(0)) : "an advocate",
                    named ? code : null,
                    count(g, Made::qualifies),
                    g.size()));
        }
        assertThat(rows("/api/reports/top-advocates" + query)).as(label).containsExactlyElementsOf(top);

        // each qualified referral earns its program's one item: credit-15 (service credit) or cash-50 (cash)
        List<String> incentives = grouped(
                in.stream().filter(Made::qualifies).toList(),
                m -> "cash".equals(m.programKey()) ? "cash-50" : "credit-15",
                g -> line(
                        "cash".equals(g.get(0).programKey()) ? "cash" : "service-credit",
                        g.size(),
                        g.stream().map(Made::reward).reduce(BigDecimal.ZERO, BigDecimal::add)));
        assertThat(rows("/api/reports/by-incentive" + query)).as(label).containsExactlyElementsOf(incentives);

        assertThat(lines(List.of(json("/api/reports/reward-cost" + query))))
                .as(label)
                .containsExactly(line(
                        Map.of("from", from.toString(), "to", to.toString()), costLine(cost, acquired, qualified)));
    }

    private String ageBand(Made m) {
        if (m.birthDate() == null) {
            return "unknown";
        }
        int age = Period.between(
                        m.birthDate(), m.referredAt().atZone(ZoneOffset.UTC).toLocalDate())
                .getYears();
        return age >= 65 ? "65+" : age >= 50 ? "50-64" : age >= 35 ? "35-49" : age >= 18 ? "18-34" : "0-17";
    }

    private String referredQualified(List<Made> g) {
        return line(g.size(), count(g, Made::qualifies));
    }

    private static List<String> prefixed(String dimension, List<String> rows) {
        return rows.stream().map(row -> dimension + "|" + row).toList();
    }

    /** Rows "key|rest" grouped by key in key order, as the reports sort them. */
    private static List<String> grouped(List<Made> in, Function<Made, String> key, Function<List<Made>, String> row) {
        Map<String, List<Made>> groups = new TreeMap<>(in.stream().collect(Collectors.groupingBy(key)));
        List<String> rows = new ArrayList<>();
        groups.forEach((k, g) -> rows.add(k + "|" + row.apply(g)));
        return rows;
    }

    private static String conversionLine(long referred, long qualified) {
        Map<String, Object> conversion = new TreeMap<>();
        conversion.put("referred", referred);
        conversion.put("qualified", qualified);
        conversion.put("ratio", ratio(qualified, referred));
        return line(conversion);
    }

    private static String timeLine(List<BigDecimal> days) {
        return timeLine("visits", days);
    }

    private static String timeLine(String counted, List<BigDecimal> days) {
        Map<String, Object> time = new TreeMap<>();
        time.put(counted, days.size());
        time.put("medianDays", days.isEmpty() ? null : days.get((int) Math.ceil(0.5 * days.size()) - 1));
        time.put("p90Days", days.isEmpty() ? null : days.get((int) Math.ceil(0.9 * days.size()) - 1));
        return line(time);
    }

    private static String costLine(BigDecimal cost, long acquired, long qualified) {
        Map<String, Object> figure = new TreeMap<>();
        figure.put("cost", cost);
        figure.put("currency", "USD");
        figure.put("acquiredPatients", acquired);
        figure.put("qualifiedReferrals", qualified);
        figure.put(
                "costPerAcquiredPatient",
                acquired == 0 ? null : cost.divide(BigDecimal.valueOf(acquired), 2, RoundingMode.HALF_UP));
        figure.put(
                "costPerQualifiedReferral",
                qualified == 0 ? null : cost.divide(BigDecimal.valueOf(qualified), 2, RoundingMode.HALF_UP));
        return line(figure);
    }

    private static BigDecimal ratio(long qualified, long referred) {
        return referred == 0
                ? null
                : BigDecimal.valueOf(qualified).divide(BigDecimal.valueOf(referred), 4, RoundingMode.HALF_UP);
    }

    private static long count(List<Made> in, java.util.function.Predicate<Made> which) {
        return in.stream().filter(which).count();
    }

    // --- canonical lines: every value of a row joined by "|", numbers without trailing zeros, maps by key ---

    private static String line(Object... values) {
        List<String> parts = new ArrayList<>();
        for (Object value : values) {
            parts.add(text(value));
        }
        return String.join("|", parts);
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
            return sorted.entrySet().stream()
                    .map(e -> e.getKey() + "=" + text(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List) {
            return ((List<?>) value)
                    .stream().map(ReportsIntegrationTests::text).collect(Collectors.joining(",", "[", "]"));
        }
        return value.toString();
    }

    /** The JSON answer's values in order (the range as a map, the program left out when null), as one line. */
    private static List<String> lines(List<Map<String, Object>> answers) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> answer : answers) {
            List<Object> values = new ArrayList<>();
            for (Map.Entry<String, Object> entry : answer.entrySet()) {
                Object value = entry.getValue();
                if (entry.getKey().equals("range")) {
                    Map<String, Object> range = new LinkedHashMap<>();
                    range.put("from", ((Map<?, ?>) value).get("from"));
                    range.put("to", ((Map<?, ?>) value).get("to"));
                    value = range;
                }
                values.add(value);
            }
            lines.add(line(values.toArray()));
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private List<String> rows(String path) {
        Map<String, Object> answer = json(path);
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) answer.get("rows")) {
            lines.add(line(row.values().toArray()));
        }
        return lines;
    }

    private Map<String, Object> json(String path) {
        return http.get()
                .uri(path)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    // --- seeding ---

    private List<Patient> readSynthea() throws IOException {
        List<Patient> patients = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TestData.path("synthea-r4/patients.ndjson.gz"))),
                StandardCharsets.UTF_8))) {
            String json;
            while ((json = reader.readLine()) != null) {
                if (!json.isBlank()) {
                    Patient patient = fhirContext.newJsonParser().parseResource(Patient.class, json);
                    patient.setUserData("synthea-id", patient.getIdElement().getIdPart());
                    patient.setId((String) null);
                    patients.add(patient);
                }
            }
        }
        return patients;
    }

    /** Up to five of each patient's own Synthea Encounters, subjects rewritten to their new ids. */
    private void loadHistory(List<Patient> patients) throws IOException {
        Map<String, String> newIds = new LinkedHashMap<>();
        for (Patient patient : patients) {
            newIds.put((String) patient.getUserData("synthea-id"), patientIds.get(synthea.indexOf(patient)));
        }
        Map<String, Integer> loaded = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TestData.path("synthea-r4/encounters.ndjson.gz"))),
                StandardCharsets.UTF_8))) {
            String json;
            while ((json = reader.readLine()) != null) {
                if (json.isBlank()) {
                    continue;
                }
                Encounter encounter = fhirContext.newJsonParser().parseResource(Encounter.class, json);
                String subject = encounter
                        .getSubject()
                        .getReference()
                        .replace("urn:uuid:", "")
                        .replace("Patient/", "");
                String id = newIds.get(subject);
                if (id != null && loaded.merge(id, 1, Integer::sum) <= 5) {
                    encounter.setId((String) null);
                    encounter.setSubject(new Reference("Patient/" + id));
                    encounter.getParticipant().clear();
                    encounter.setServiceProvider(null);
                    encounter.getLocation().clear();
                    encounter.getReasonReference().clear();
                    ehr.client().create().resource(encounter).execute();
                }
            }
        }
        assertThat(loaded.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
    }

    /**
     * Creates the Synthea patient referred by the advocate (or, with -1, by the channel only), captured then (null:
     * not said, so recorded now), with a finished AMB visit the given days after (-1: none).
     */
    private void refer(
            Patient patient,
            int advocate,
            String channel,
            String program,
            String captured,
            int visitDays,
            boolean qualifies) {
        Extension source = new Extension(ReferralSource.URL);
        source.addExtension(ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, channel, null));
        if (advocate >= 0) {
            source.addExtension(ReferralSource.CODE, new StringType(advocateCodes.get(advocate)));
        }
        if (program != null) {
            source.addExtension(ReferralSource.PROGRAM, new StringType(program));
        }
        if (captured != null) {
            source.addExtension(ReferralSource.CAPTURED_DATE, new DateTimeType(captured));
        }
        patient.addExtension(source);
        Instant before = Instant.now();
        String id = ehr.create(patient);
        patientIds.add(id);
        synthea.add(patient);
        // without a captured time the referral is made when it is recorded: after "before", on the same day
        Instant referredAt = captured != null ? Instant.parse(captured) : before;
        Instant visitAt = null;
        if (visitDays >= 0) {
            visitAt = referredAt.plus(visitDays, ChronoUnit.DAYS);
            ehr.client()
                    .create()
                    .resource(Patients.finishedEncounter(id, visitAt.toString()))
                    .execute();
        }
        Address address = patient.getAddress().stream()
                .filter(a -> a.getUse() == Address.AddressUse.HOME && a.hasPostalCode())
                .findFirst()
                .orElse(patient.getAddress().stream()
                        .filter(Address::hasPostalCode)
                        .findFirst()
                        .orElse(null));
        String postal = address == null ? null : address.getPostalCode().strip();
        made.add(new Made(
                id,
                advocate,
                channel,
                program,
                referredAt,
                visitAt,
                qualifies,
                patient.hasBirthDate()
                        ? LocalDate.parse(patient.getBirthDateElement().getValueAsString())
                        : null,
                patient.hasGender() ? patient.getGender().toCode() : "unknown",
                postal == null || postal.length() < 3 ? null : postal.substring(0, 3)));
    }

    /**
     * Creates an Appointment of the patient in the EHR with this status, created the given days after {@code from}
     * (null: no created time, so the EHR's lastUpdated stands for it), and records its booking time when it is one.
     */
    private String book(String patientId, Instant from, double days, String status) {
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.fromCode(status));
        Instant created = from == null ? null : from.plusSeconds(Math.round(days * 86_400));
        if (created != null) {
            appointment.setCreated(java.util.Date.from(created));
            appointment.setStart(java.util.Date.from(created.plus(14, ChronoUnit.DAYS)));
            appointment.setEnd(
                    java.util.Date.from(created.plus(14, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES)));
        }
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        String id =
                ehr.client().create().resource(appointment).execute().getId().getIdPart();
        if (!status.equals("proposed")) {
            Instant bookedAt = created;
            if (bookedAt == null) {
                bookedAt = ehr.client()
                        .read()
                        .resource(Appointment.class)
                        .withId(id)
                        .execute()
                        .getMeta()
                        .getLastUpdated()
                        .toInstant();
            }
            bookings.computeIfAbsent(patientId, k -> new ArrayList<>()).add(bookedAt);
        }
        return id;
    }

    /** The Appointment was entered in error: it was never booked. */
    private void enteredInError(String appointmentId) {
        Appointment appointment = ehr.client()
                .read()
                .resource(Appointment.class)
                .withId(appointmentId)
                .execute();
        String patientId = appointment
                .getParticipantFirstRep()
                .getActor()
                .getReferenceElement()
                .getIdPart();
        bookings.get(patientId).remove(appointment.getCreated().toInstant());
        appointment.setStatus(Appointment.AppointmentStatus.ENTEREDINERROR);
        ehr.client().update().resource(appointment).execute();
    }

    /** When the first of the referred patient's Appointments booked at or after the referral was booked, or null. */
    private Instant firstBookedAfter(Made m) {
        return bookings.getOrDefault(m.patientId(), List.of()).stream()
                .filter(at -> !at.isBefore(m.referredAt()))
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private long bookedRows() {
        return jdbc.sql("select count(*) from appointment_booking")
                .query(Long.class)
                .single();
    }

    private void recognition(String patientId, String decision) {
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
                        decision))
                .retrieve()
                .toBodilessEntity();
    }

    private static String displayName(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        return name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).strip();
    }

    private long rewardsOf(String referredPatientId) {
        Map<String, Object> page = http.get()
                .uri("/api/rewards?size=500")
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream()
                .filter(r -> referredPatientId.equals(r.get("referredPatientId")))
                .count();
    }

    private void awaitQueuesIdle() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private void user(String role) {
        http.post()
                .uri("/api/users")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "reports-" + role, "password", PASSWORD, "roles", List.of(role)))
                .exchange((request, response) -> response.getStatusCode().value());
    }

    /** GET as the admin (role null), the role's own user, or nobody (role ""). */
    private HttpResponse<String> get(String path, String role, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role == null) {
            request.header("Authorization", AdminApi.authorization());
        } else if (!role.isEmpty()) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            ("reports-" + role + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
