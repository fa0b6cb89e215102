package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.reports.ReportBreakdowns;
import org.referralbridge.server.reports.ReportBreakdowns.Breakdowns;
import org.referralbridge.server.reports.ReportBreakdowns.InvalidRange;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Reports": referrals by status, by channel and conversion per program for a date range (default this month) and
 * program, each as a chart (drawn by js/staff-reports.js from the page's JSON) and a table with the same numbers, with
 * a link to the matching CSV of {@code /api/reports}.
 */
@Controller
class ProgramReportsPage {

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
                        .map(view -> view.program().key())
                        .sorted()
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
        return "staff/program/reports";
    }

    /** The reports' message as a sentence: capital first letter and a full stop. */
    private static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }
}
