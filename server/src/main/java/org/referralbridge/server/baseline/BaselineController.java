package org.referralbridge.server.baseline;

import jakarta.annotation.security.RolesAllowed;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline backfill's progress, start (or resume) and stop, and the baseline figures as JSON or CSV
 * ({@code Accept: text/csv}). Program admins run it; auditors may read.
 */
@RestController
@RequestMapping("/api/baseline")
class BaselineController {

    private final BaselineBackfill backfill;
    private final BaselineReport report;

    BaselineController(BaselineBackfill backfill, BaselineReport report) {
        this.backfill = backfill;
        this.report = report;
    }

    @GetMapping("/backfill")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    BackfillProgress progress() {
        return backfill.progress();
    }

    /** Starts the backfill or resumes it from its checkpoint; {@code maxPages} makes this run stop after so many. */
    @PostMapping("/backfill")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<BackfillProgress> start(@RequestParam(required = false) Integer maxPages) {
        if (!backfill.start(maxPages)) {
            throw new BackfillRunning();
        }
        return ResponseEntity.accepted().body(backfill.progress());
    }

    @PostMapping("/backfill/stop")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<BackfillProgress> stop() {
        backfill.stop();
        return ResponseEntity.accepted().body(backfill.progress());
    }

    @GetMapping("/figures")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    BaselineFigures figures(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return report.figures(month(from), month(to));
    }

    @GetMapping(value = "/figures", produces = "text/csv")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ResponseEntity<String> figuresCsv(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        BaselineFigures figures = report.figures(month(from), month(to));
        StringBuilder csv = new StringBuilder("month,period,newPatients,referredNewPatients,referralShare\r\n");
        for (BaselineMonth month : figures.months()) {
            csv.append(month.month())
                    .append(',')
                    .append(month.afterLaunch() ? "after-launch" : "before-launch")
                    .append(',')
                    .append(month.newPatients())
                    .append(',')
                    .append(month.referredNewPatients())
                    .append(',')
                    .append(
                            month.referralShare() == null
                                    ? ""
                                    : String.format(Locale.ROOT, "%.4f", month.referralShare()))
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"baseline.csv\"")
                .body(csv.toString());
    }

    @ExceptionHandler
    ProblemDetail running(BackfillRunning e) {
        return Problems.of(
                HttpStatus.CONFLICT,
                "RB-3201",
                "Backfill running",
                "The baseline backfill is running already; stop it first or wait until it ends.");
    }

    @ExceptionHandler
    ProblemDetail badMonth(BadMonth e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "RB-3202", "Invalid month", e.getMessage());
    }

    private static YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(value.length() > 7 ? value.substring(0, 7) : value);
        } catch (DateTimeParseException e) {
            throw new BadMonth("from and to are months (YYYY-MM) or dates (YYYY-MM-DD)");
        }
    }

    static class BackfillRunning extends RuntimeException {
        BackfillRunning() {
            super("the baseline backfill is running already");
        }
    }

    static class BadMonth extends RuntimeException {
        BadMonth(String message) {
            super(message);
        }
    }
}
