package org.referralbridge.server.reports;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.MeasureReport;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The program's figures as FHIR MeasureReports of the referral-program Measure: on request ({@code GET
 * /api/reports/measure-report?from=&to=&program=[&advocate=<code>]}), and the manual trigger of the monthly
 * MeasureReports in the EHR, for a month the schedule missed, a month whose data
 * came in late, or an installation that does not schedule them: {@code POST
 * /api/reports/measure-report/ehr?month=2026-09[&program=cash]} queues the month's reports on the write-back outbox
 * and answers 202 with what it queued; the reports are written (created, or updated in place) when the outbox worker
 * gets to them. Only a past calendar month: a month still running has no final figures. Audited as {@code
 * measure-report.queued} (entity {@code measure-report/<month>[:program:<key>]}).
 */
@RestController
@RequestMapping("/api/reports/measure-report")
class MeasureReportController {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final MonthlyMeasureReports reports;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final ReportSources sources;
    private final FhirContext fhirContext;

    MeasureReportController(
            MonthlyMeasureReports reports,
            ReportSources sources,
            FhirContext fhirContext,
            Clock clock,
            ApplicationEventPublisher events) {
        this.reports = reports;
        this.sources = sources;
        this.fhirContext = fhirContext;
        this.clock = clock;
        this.events = events;
    }

    /** One report queued: its identifier's value (under {@code system}), its program, its advocate's code. */
    record QueuedReport(String identifier, String program, String advocate) {}

    record Queued(String month, String program, String system, List<QueuedReport> reports) {}

    /**
     * The period's figures as a FHIR summary MeasureReport of the referral-program Measure; with {@code advocate} (a
     * referral code) only that advocate's referrals, the advocate's Patient as the report's subject.
     */
    @GetMapping
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<String> measureReport(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            @RequestParam(required = false) String advocate) {
        ReportPeriod period = ReportPeriod.of(from, to, program, clock);
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

    @PostMapping("/ehr")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<Queued> write(
            @RequestParam(required = false) String month, @RequestParam(required = false) String program) {
        YearMonth which = month(month);
        String key = program == null || program.isBlank() ? null : program.strip();
        String audited = "measure-report/" + which + (key == null ? "" : ":program:" + key);
        List<QueuedReport> queued;
        try {
            queued = reports.queue(which, key).stream()
                    .map(r -> new QueuedReport(r.identifierValue(), r.program(), r.advocateCode()))
                    .toList();
        } catch (RuntimeException failed) {
            events.publishEvent(ChangeMade.failed(AuditAction.MEASURE_REPORTS_QUEUED, audited));
            throw failed;
        }
        events.publishEvent(ChangeMade.succeeded(AuditAction.MEASURE_REPORTS_QUEUED, audited));
        return ResponseEntity.accepted()
                .body(new Queued(which.toString(), key, MonthlyMeasureReports.IDENTIFIER_SYSTEM, queued));
    }

    private YearMonth month(String text) {
        String problem = "month must be a past calendar month like 2026-09";
        if (text == null || !MONTH.matcher(text.strip()).matches()) {
            throw new InvalidReportParameter("month", problem);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidReportParameter("month", problem);
        }
        if (!month.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            throw new InvalidReportParameter("month", problem);
        }
        return month;
    }

    /** The same problem as the other report endpoints' ({@code RB-2501}, naming the parameter). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidReportParameter e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "RB-2501", "Invalid report parameter", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
