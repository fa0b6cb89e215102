package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.reports.ReportBreakdowns;
import org.referralbridge.server.reports.ReportBreakdowns.Breakdowns;
import org.referralbridge.server.reports.ReportBreakdowns.InvalidRange;
import org.referralbridge.server.surveys.SurveyResults;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Reports": the program's figures for a date range (default this month) and program: key figures with the
 * new-patient baseline, referrals by status and channel, conversion per program, days to the first visit, by patient
 * segment, advocate and incentive, top advocates, reward cost and the survey's results. Each is a table (a chart over
 * it where one helps, drawn by js/staff-reports.js from the table's numbers) with a link to the matching CSV of the
 * API, so the page, its charts and its files never disagree. Everything comes from {@link ReportBreakdowns}.
 */
@Controller
class ProgramReportsPage {

    /** The survey comments the dashboard lists, newest first; all are on the Surveys page and in the CSV. */
    static final int COMMENTS = 20;

    /** A program as the filter offers it: its display name, and its key (what the reports filter by). */
    record ProgramChoice(String key, String name) {}

    private final ReportBreakdowns reports;
    private final ProgramCatalog catalog;

    ProgramReportsPage(ReportBreakdowns reports, ProgramCatalog catalog) {
        this.reports = reports;
        this.catalog = catalog;
    }

    @GetMapping(path = "/program/reports", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String reports(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String program,
            Model model) {
        model.addAttribute(
                "programs",
                catalog.all().stream()
                        .map(view -> new ProgramChoice(
                                view.program().key(),
                                view.program().name() == null
                                                || view.program().name().isBlank()
                                        ? view.program().key()
                                        : view.program().name()))
                        .sorted(Comparator.comparing(ProgramChoice::name, String.CASE_INSENSITIVE_ORDER)
                                .thenComparing(ProgramChoice::key))
                        .toList());
        Breakdowns breakdowns;
        try {
            breakdowns = reports.read(from, to, program);
        } catch (InvalidRange invalid) {
            model.addAttribute(invalid.parameter() + "Error", sentence(invalid.getMessage()));
            model.addAttribute("from", from == null ? "" : from.strip());
            model.addAttribute("to", to == null ? "" : to.strip());
            model.addAttribute("program", program == null ? "" : program.strip());
            return "staff/program/reports";
        }
        model.addAttribute("from", breakdowns.range().from().toString());
        model.addAttribute("to", breakdowns.range().to().toString());
        model.addAttribute(
                "program",
                breakdowns.range().program() == null ? "" : breakdowns.range().program());
        model.addAttribute("report", breakdowns);
        model.addAttribute(
                "referrals",
                breakdowns.byStatus().stream()
                        .mapToLong(ReportBreakdowns.Count::referrals)
                        .sum());
        List<SurveyResults.Comment> comments =
                new ArrayList<>(breakdowns.survey().comments());
        Collections.reverse(comments);
        model.addAttribute("comments", comments.subList(0, Math.min(COMMENTS, comments.size())));
        return "staff/program/reports";
    }

    /** The reports' message as a sentence: capital first letter and a full stop. */
    private static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }
}
