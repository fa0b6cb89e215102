package org.referralbridge.server.reports;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.reports.ProgramMetrics.ActiveAdvocates;
import org.referralbridge.server.reports.ProgramMetrics.Conversion;
import org.referralbridge.server.reports.ProgramMetrics.ProgramRow;
import org.referralbridge.server.reports.ProgramMetrics.RewardCost;
import org.referralbridge.server.reports.ProgramMetrics.TimeToAppointment;
import org.referralbridge.server.reports.ProgramMetrics.TimeToVisit;
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
    static final Set<String> RECOGNITION_CHANNELS = Set.of("newsletter", "social-media", "office-display");

    private final ReportSources sources;
    private final AdvocateRecognition recognition;
    private final NewPatientBaseline baseline;
    private final Clock clock;

    ReportsController(
            ReportSources sources, AdvocateRecognition recognition, NewPatientBaseline baseline, Clock clock) {
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

    /**
     * What every report endpoint is asked (query parameters): the range ({@code from}, {@code to}), the program, and
     * {@code format} ({@code csv} or {@code json}; without it the Accept header decides).
     */
    record Query(String from, String to, String program, String format) {}

    /** A query as read: the period it covers, and whether the answer is CSV. */
    private record Asked(ReportPeriod period, boolean csv) {}

    @GetMapping("/summary")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> summary(Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        ReportData data = sources.read(asked.period(), true, false);
        Summary summary = new Summary(
                Range.of(asked.period()),
                ProgramMetrics.activeAdvocates(data),
                data.referrals().size(),
                ProgramMetrics.conversion(data),
                ProgramMetrics.timeToVisit(data),
                ProgramMetrics.timeToAppointment(data),
                ProgramMetrics.rewardCost(data));
        if (!asked.csv()) {
            return ResponseEntity.ok(summary);
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(values("enrolled-advocates", summary.activeAdvocates().enrolled()));
        rows.add(values("referring-advocates", summary.activeAdvocates().referring()));
        rows.add(values("referrals", summary.referrals()));
        rows.add(values("qualified", summary.conversion().qualified()));
        rows.add(values("conversion", summary.conversion().ratio()));
        rows.add(values("visits", summary.timeToVisit().visits()));
        rows.add(values("median-days-to-visit", summary.timeToVisit().medianDays()));
        rows.add(values("p90-days-to-visit", summary.timeToVisit().p90Days()));
        rows.add(values("appointments-booked", summary.timeToAppointment().appointments()));
        rows.add(values(
                "median-days-to-appointment-booked", summary.timeToAppointment().medianDays()));
        rows.add(values(
                "p90-days-to-appointment-booked", summary.timeToAppointment().p90Days()));
        rows.add(values("reward-cost", summary.rewardCost().cost()));
        rows.add(values("acquired-patients", summary.rewardCost().acquiredPatients()));
        rows.add(values("cost-per-acquired-patient", summary.rewardCost().costPerAcquiredPatient()));
        rows.add(values("cost-per-qualified-referral", summary.rewardCost().costPerQualifiedReferral()));
        return csv(List.of("metric", "value"), rows);
    }

    @GetMapping("/referrals-by-status")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> referralsByStatus(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        return rows(
                asked,
                ProgramMetrics.referralsByStatus(sources.read(asked.period(), false, false)),
                List.of("status", "referrals"),
                r -> values(r.status(), r.referrals()));
    }

    @GetMapping("/referrals-by-channel")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> referralsByChannel(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        return rows(
                asked,
                ProgramMetrics.referralsByChannel(sources.read(asked.period(), false, false)),
                List.of("channel", "referrals"),
                r -> values(r.channel(), r.referrals()));
    }

    /** Conversion overall (first row, program {@code all}) and per program. */
    @GetMapping("/conversion")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> conversion(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        ReportData data = sources.read(asked.period(), false, false);
        Conversion all = ProgramMetrics.conversion(data);
        List<ProgramRow> rows = new ArrayList<>();
        rows.add(new ProgramRow("all", all.referred(), all.qualified(), all.ratio()));
        rows.addAll(ProgramMetrics.byProgram(data));
        return rows(
                asked,
                rows,
                List.of("program", "referred", "qualified", "ratio"),
                r -> values(r.program(), r.referred(), r.qualified(), r.ratio()));
    }

    @GetMapping("/time-to-visit")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> timeToVisit(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        TimeToVisit figure = ProgramMetrics.timeToVisit(sources.read(asked.period(), false, false));
        return figure(
                asked,
                figure,
                List.of("visits", "median-days", "p90-days"),
                values(figure.visits(), figure.medianDays(), figure.p90Days()));
    }

    @GetMapping("/time-to-appointment")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> timeToAppointment(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        TimeToAppointment figure = ProgramMetrics.timeToAppointment(sources.read(asked.period(), false, false));
        return figure(
                asked,
                figure,
                List.of("appointments", "median-days", "p90-days"),
                values(figure.appointments(), figure.medianDays(), figure.p90Days()));
    }

    @GetMapping("/by-segment")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> bySegment(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        return rows(
                asked,
                ProgramMetrics.bySegment(sources.read(asked.period(), false, true)),
                List.of("dimension", "value", "referred", "qualified"),
                r -> values(r.dimension(), r.value(), r.referred(), r.qualified()));
    }

    @GetMapping("/by-advocate")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> byAdvocate(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        return rows(
                asked,
                ProgramMetrics.byAdvocate(sources.read(asked.period(), false, false)),
                List.of("referral-code", "referred", "qualified"),
                r -> values(r.referralCode(), r.referred(), r.qualified()));
    }

    /**
     * The advocates with the most qualified referrals; named only with a current recognition consent on {@code
     * channel} (newsletter, social-media or office-display; default newsletter), else "an advocate".
     */
    @GetMapping("/top-advocates")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> topAdvocates(
            Query query,
            @RequestParam(defaultValue = "newsletter") String channel,
            @RequestParam(defaultValue = "10") String limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        if (!RECOGNITION_CHANNELS.contains(channel)) {
            throw new InvalidReportParameter("channel", "channel must be newsletter, social-media or office-display");
        }
        int top = limit(limit);
        ReportData data = sources.read(asked.period(), false, false);
        return rows(
                asked,
                ProgramMetrics.topAdvocates(data, top, recognition.names(data, channel)),
                List.of("rank", "name", "referral-code", "qualified", "referred"),
                r -> values(r.rank(), r.name(), r.referralCode(), r.qualified(), r.referred()));
    }

    @GetMapping("/by-incentive")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> byIncentive(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        return rows(
                asked,
                ProgramMetrics.byIncentive(sources.read(asked.period(), true, false)),
                List.of("item", "kind", "rewards", "cost"),
                r -> values(r.itemId(), r.itemKind(), r.rewards(), r.cost()));
    }

    @GetMapping("/reward-cost")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> rewardCost(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        RewardCost figure = ProgramMetrics.rewardCost(sources.read(asked.period(), true, false));
        return figure(
                asked,
                figure,
                List.of(
                        "cost",
                        "currency",
                        "acquired-patients",
                        "qualified-referrals",
                        "cost-per-acquired-patient",
                        "cost-per-qualified-referral"),
                values(
                        figure.cost(),
                        figure.currency(),
                        figure.acquiredPatients(),
                        figure.qualifiedReferrals(),
                        figure.costPerAcquiredPatient(),
                        figure.costPerQualifiedReferral()));
    }

    /**
     * The new-patient baseline next to the range (the baseline module's figures): the monthly new patients before
     * launch over the stored history, and over the months the range touches, those from launch on, the new patients,
     * the referred ones and the referral share. Not limited by {@code program}, which is only checked.
     */
    @GetMapping("/new-patients")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<?> newPatients(
            Query query, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Asked asked = asked(query, accept);
        ReportBreakdowns.NewPatients figure = baseline.of(asked.period());
        if (!asked.csv()) {
            return ResponseEntity.ok(new Figure<>(Range.of(asked.period()), figure));
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

    /** The query's period (format first: a bad format is named before a bad range, as always). */
    private Asked asked(Query query, String accept) {
        boolean csv = csv(accept(query.format(), accept));
        return new Asked(period(query.from(), query.to(), query.program()), csv);
    }

    /** Rows: JSON {@code {range, rows}}, or CSV of the header and one line per row. */
    private static <T> ResponseEntity<?> rows(
            Asked asked, List<T> rows, List<String> header, Function<T, List<Object>> csvRow) {
        if (!asked.csv()) {
            return ResponseEntity.ok(new Rows<>(Range.of(asked.period()), rows));
        }
        return csv(header, rows.stream().map(csvRow).toList());
    }

    /** One figure: JSON {@code {range, figure}}, or CSV of the header and its one line. */
    private static <T> ResponseEntity<?> figure(Asked asked, T figure, List<String> header, List<Object> csvRow) {
        if (!asked.csv()) {
            return ResponseEntity.ok(new Figure<>(Range.of(asked.period()), figure));
        }
        return csv(header, List.of(csvRow));
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

    /** A CSV row that may hold nulls (empty fields). */
    private static List<Object> values(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
