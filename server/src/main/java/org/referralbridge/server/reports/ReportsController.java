package org.referralbridge.server.reports;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.MeasureReport;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.referralbridge.server.reports.ProgramMetrics.ActiveAdvocates;
import org.referralbridge.server.reports.ProgramMetrics.AdvocateRow;
import org.referralbridge.server.reports.ProgramMetrics.ChannelCount;
import org.referralbridge.server.reports.ProgramMetrics.Conversion;
import org.referralbridge.server.reports.ProgramMetrics.IncentiveRow;
import org.referralbridge.server.reports.ProgramMetrics.ProgramRow;
import org.referralbridge.server.reports.ProgramMetrics.RewardCost;
import org.referralbridge.server.reports.ProgramMetrics.SegmentRow;
import org.referralbridge.server.reports.ProgramMetrics.StatusCount;
import org.referralbridge.server.reports.ProgramMetrics.TimeToAppointment;
import org.referralbridge.server.reports.ProgramMetrics.TimeToVisit;
import org.referralbridge.server.reports.ProgramMetrics.TopAdvocate;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The program's figures for a date range ({@code from}, {@code to}: ISO dates, both included, UTC) and optionally one
 * program: JSON, or CSV with {@code Accept: text/csv} or {@code format=csv}. Program admins and auditors read them. A
 * bad date, a backwards or too long range, or a malformed parameter is a 400 problem {@code RB-2501} naming the
 * parameter.
 */
@RestController
@RequestMapping("/api/reports")
class ReportsController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    static final Set<String> RECOGNITION_CHANNELS = Set.of("newsletter", "social-media", "office-display");

    private final ReportSources sources;
    private final AdvocateRecognition recognition;
    private final NewPatientBaseline baseline;
    private final Clock clock;
    private final FhirContext fhirContext;

    ReportsController(
            ReportSources sources,
            AdvocateRecognition recognition,
            NewPatientBaseline baseline,
            Clock clock,
            FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.sources = sources;
        this.recognition = recognition;
        this.baseline = baseline;
        this.clock = clock;
    }

    /** The range and program a report answers for, as it read them. */
    record Range(LocalDate from, LocalDate to, String program) {
        static Range of(ReportPeriod period) {
            return new Range(period.from(), period.to(), period.program());
        }
    }

    record Summary(
            Range range,
            ActiveAdvocates activeAdvocates,
            long referrals,
            Conversion conversion,
            TimeToVisit timeToVisit,
            TimeToAppointment timeToAppointment,
            RewardCost rewardCost) {}

    record Rows<T>(Range range, List<T> rows) {}

    record Figure<T>(Range range, T figure) {}

    @GetMapping("/summary")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> summary(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        ReportData data = sources.read(period, true, false);
        Summary summary = new Summary(
                Range.of(period),
                ProgramMetrics.activeAdvocates(data),
                data.referrals().size(),
                ProgramMetrics.conversion(data),
                ProgramMetrics.timeToVisit(data),
                ProgramMetrics.timeToAppointment(data),
                ProgramMetrics.rewardCost(data));
        if (!csv(accept)) {
            return ResponseEntity.ok(summary);
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("enrolled-advocates", summary.activeAdvocates().enrolled()));
        rows.add(List.of("referring-advocates", summary.activeAdvocates().referring()));
        rows.add(List.of("referrals", summary.referrals()));
        rows.add(List.of("qualified", summary.conversion().qualified()));
        rows.add(row("conversion", summary.conversion().ratio()));
        rows.add(List.of("visits", summary.timeToVisit().visits()));
        rows.add(row("median-days-to-visit", summary.timeToVisit().medianDays()));
        rows.add(row("p90-days-to-visit", summary.timeToVisit().p90Days()));
        rows.add(List.of("appointments-booked", summary.timeToAppointment().appointments()));
        rows.add(row(
                "median-days-to-appointment-booked", summary.timeToAppointment().medianDays()));
        rows.add(row(
                "p90-days-to-appointment-booked", summary.timeToAppointment().p90Days()));
        rows.add(row("reward-cost", summary.rewardCost().cost()));
        rows.add(List.of("acquired-patients", summary.rewardCost().acquiredPatients()));
        rows.add(row("cost-per-acquired-patient", summary.rewardCost().costPerAcquiredPatient()));
        rows.add(row("cost-per-qualified-referral", summary.rewardCost().costPerQualifiedReferral()));
        return csv(List.of("metric", "value"), rows);
    }

    @GetMapping("/referrals-by-status")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> referralsByStatus(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        List<StatusCount> rows = ProgramMetrics.referralsByStatus(sources.read(period, false, false));
        return answer(accept, period, rows, List.of("status", "referrals"), r -> List.of(r.status(), r.referrals()));
    }

    @GetMapping("/referrals-by-channel")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> referralsByChannel(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        List<ChannelCount> rows = ProgramMetrics.referralsByChannel(sources.read(period, false, false));
        return answer(accept, period, rows, List.of("channel", "referrals"), r -> List.of(r.channel(), r.referrals()));
    }

    /** Conversion overall (first row, program {@code all}) and per program. */
    @GetMapping("/conversion")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> conversion(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        ReportData data = sources.read(period, false, false);
        Conversion all = ProgramMetrics.conversion(data);
        List<ProgramRow> rows = new ArrayList<>();
        rows.add(new ProgramRow("all", all.referred(), all.qualified(), all.ratio()));
        rows.addAll(ProgramMetrics.byProgram(data));
        return answer(
                accept,
                period,
                rows,
                List.of("program", "referred", "qualified", "ratio"),
                r -> values(r.program(), r.referred(), r.qualified(), r.ratio()));
    }

    @GetMapping("/time-to-visit")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> timeToVisit(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        TimeToVisit figure = ProgramMetrics.timeToVisit(sources.read(period, false, false));
        if (!csv(accept)) {
            return ResponseEntity.ok(new Figure<>(Range.of(period), figure));
        }
        return csv(
                List.of("visits", "median-days", "p90-days"),
                List.of(values(figure.visits(), figure.medianDays(), figure.p90Days())));
    }

    @GetMapping("/time-to-appointment")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> timeToAppointment(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        TimeToAppointment figure = ProgramMetrics.timeToAppointment(sources.read(period, false, false));
        if (!csv(accept)) {
            return ResponseEntity.ok(new Figure<>(Range.of(period), figure));
        }
        return csv(
                List.of("appointments", "median-days", "p90-days"),
                List.of(values(figure.appointments(), figure.medianDays(), figure.p90Days())));
    }

    @GetMapping("/by-segment")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> bySegment(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        List<SegmentRow> rows = ProgramMetrics.bySegment(sources.read(period, false, true));
        return answer(
                accept,
                period,
                rows,
                List.of("dimension", "value", "referred", "qualified"),
                r -> List.of(r.dimension(), r.value(), r.referred(), r.qualified()));
    }

    @GetMapping("/by-advocate")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> byAdvocate(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        List<AdvocateRow> rows = ProgramMetrics.byAdvocate(sources.read(period, false, false));
        return answer(
                accept,
                period,
                rows,
                List.of("referral-code", "referred", "qualified"),
                r -> List.of(r.referralCode(), r.referred(), r.qualified()));
    }

    /**
     * The advocates with the most qualified referrals; named only with a current recognition consent on {@code
     * channel} (newsletter, social-media or office-display; default newsletter), else "an advocate".
     */
    @GetMapping("/top-advocates")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> topAdvocates(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(defaultValue = "newsletter") String channel,
            @RequestParam(defaultValue = "10") String limit,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        if (!RECOGNITION_CHANNELS.contains(channel)) {
            throw new InvalidReportParameter("channel", "channel must be newsletter, social-media or office-display");
        }
        int top = limit(limit);
        ReportData data = sources.read(period, false, false);
        List<TopAdvocate> rows = ProgramMetrics.topAdvocates(data, top, recognition.names(data, channel));
        return answer(
                accept,
                period,
                rows,
                List.of("rank", "name", "referral-code", "qualified", "referred"),
                r -> values(r.rank(), r.name(), r.referralCode(), r.qualified(), r.referred()));
    }

    @GetMapping("/by-incentive")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> byIncentive(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        List<IncentiveRow> rows = ProgramMetrics.byIncentive(sources.read(period, true, false));
        return answer(
                accept,
                period,
                rows,
                List.of("item", "kind", "rewards", "cost"),
                r -> values(r.itemId(), r.itemKind(), r.rewards(), r.cost()));
    }

    @GetMapping("/reward-cost")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> rewardCost(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        RewardCost figure = ProgramMetrics.rewardCost(sources.read(period, true, false));
        if (!csv(accept)) {
            return ResponseEntity.ok(new Figure<>(Range.of(period), figure));
        }
        return csv(
                List.of(
                        "cost",
                        "currency",
                        "acquired-patients",
                        "qualified-referrals",
                        "cost-per-acquired-patient",
                        "cost-per-qualified-referral"),
                List.of(values(
                        figure.cost(),
                        figure.currency(),
                        figure.acquiredPatients(),
                        figure.qualifiedReferrals(),
                        figure.costPerAcquiredPatient(),
                        figure.costPerQualifiedReferral())));
    }

    /**
     * The new-patient baseline next to the range (the baseline module's figures): the monthly new patients before
     * launch over the stored history, and over the months the range touches, those from launch on, the new patients,
     * the referred ones and the referral share. Not limited by {@code program}, which is only checked.
     */
    @GetMapping("/new-patients")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> newPatients(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String header) {
        String accept = accept(format, header);
        ReportPeriod period = period(from, to, program);
        ReportBreakdowns.NewPatients figure = baseline.of(period);
        if (!csv(accept)) {
            return ResponseEntity.ok(new Figure<>(Range.of(period), figure));
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(values("launch-date", figure.launchDate()));
        rows.add(values("launch-source", figure.launchSource()));
        rows.add(values("first-month", figure.firstMonth()));
        rows.add(values("last-month", figure.lastMonth()));
        rows.add(values("monthly-before-launch", figure.monthlyBeforeLaunch()));
        rows.add(values("monthly-after-launch", figure.monthlyAfterLaunch()));
        rows.add(values("new-patients", figure.newPatients()));
        rows.add(values("referred-new-patients", figure.referredNewPatients()));
        rows.add(values("referral-share", figure.referralShare()));
        return csv(List.of("metric", "value"), rows);
    }

    /**
     * The period's figures as a FHIR summary MeasureReport of the referral-program Measure; with {@code advocate} (a
     * referral code) only that advocate's referrals, the advocate's Patient as the report's subject.
     */
    @GetMapping("/measure-report")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<String> measureReport(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String advocate) {
        ReportPeriod period = period(from, to, program);
        ReportData data = sources.read(period, false, false);
        String subject = null;
        if (advocate != null) {
            AdvocateFact found = data.advocates().stream()
                    .filter(a -> a.referralCode().equals(advocate.strip()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidReportParameter(
                            "advocate", "advocate must be the referral code of an enrolled advocate"));
            data = ProgramMeasureReport.ofAdvocate(data, found);
            subject = found.patientId();
        }
        MeasureReport report = ProgramMeasureReport.of(data, subject, clock.instant());
        return ResponseEntity.ok()
                .contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(report));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidReportParameter e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "RB-2501", "Invalid report parameter", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The segment breakdown and the top advocates' names read the EHR; when it cannot answer, a 503 says so. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> ehrUnreachable(EhrPatients.EhrUnreachable e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "RB-2502",
                "EHR unreachable",
                "the EHR could not be asked for the patient facts this report needs; try again later");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ReportPeriod period(String from, String to, String program) {
        return ReportPeriod.of(from, to, program, clock);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidReportParameter("limit", "limit must be a whole number from 1 to 100");
    }

    private static <T> ResponseEntity<?> answer(
            String accept, ReportPeriod period, List<T> rows, List<String> header, Function<T, List<Object>> csvRow) {
        if (!csv(accept)) {
            return ResponseEntity.ok(new Rows<>(Range.of(period), rows));
        }
        return csv(header, rows.stream().map(csvRow).toList());
    }

    private static ResponseEntity<String> csv(List<String> header, List<List<Object>> rows) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(Csv.of(header, rows));
    }

    /**
     * {@code format=csv} (a link cannot set Accept, e.g. the dashboard's "Download CSV") counts as Accept: text/csv,
     * {@code format=json} as Accept: application/json; any other format is a 400.
     */
    static String accept(String format, String header) {
        if (format == null || format.isBlank()) {
            return header;
        }
        switch (format.strip()) {
            case "csv":
                return "text/csv";
            case "json":
                return MediaType.APPLICATION_JSON_VALUE;
            default:
                throw new InvalidReportParameter("format", "format must be csv or json");
        }
    }

    /** Whether the caller asked for CSV (text/csv among the types it accepts, before any JSON). */
    static boolean csv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue)
                    .reversed());
            for (MediaType type : types) {
                if (CSV.equalsTypeAndSubtype(type)) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                    return false;
                }
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static List<Object> row(String metric, BigDecimal value) {
        return values(metric, value);
    }

    /** A CSV row that may hold nulls (empty fields). */
    private static List<Object> values(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
