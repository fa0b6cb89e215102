package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.referralbridge.server.baseline.BackfillProgress;
import org.referralbridge.server.baseline.BaselineBackfill;
import org.referralbridge.server.baseline.BaselineFigures;
import org.referralbridge.server.baseline.BaselineMonth;
import org.referralbridge.server.baseline.BaselineReport;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Baseline": the backfill of the EHR's history (its progress, start or resume, stop) and the monthly new patients
 * before and after the program's launch with the referral share, newest month first, a page of months at a time.
 */
@Controller
class ProgramBaselinePage {

    static final int PAGE_SIZE = 24;

    private final BaselineBackfill backfill;
    private final BaselineReport report;

    ProgramBaselinePage(BaselineBackfill backfill, BaselineReport report) {
        this.backfill = backfill;
        this.report = report;
    }

    @GetMapping(path = "/program/baseline", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String baseline(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("progress", backfill.progress());
        model.addAttribute("from", from == null ? "" : from.strip());
        model.addAttribute("to", to == null ? "" : to.strip());
        YearMonth first = month(from);
        YearMonth last = month(to);
        if (first == null && from != null && !from.isBlank()) {
            model.addAttribute("fromError", "Enter a month as YYYY-MM, e.g. 2024-01.");
        }
        if (last == null && to != null && !to.isBlank()) {
            model.addAttribute("toError", "Enter a month as YYYY-MM, e.g. 2024-12.");
        }
        if (first != null && last != null && last.isBefore(first)) {
            model.addAttribute("toError", "The last month must not be before the first.");
            last = null;
        }
        BaselineFigures figures = report.figures(first, last);
        List<BaselineMonth> months = new ArrayList<>(figures.months());
        Collections.reverse(months);
        boolean anyNewPatient = months.stream().anyMatch(month -> month.newPatients() > 0);
        int pages = Math.max(1, (months.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(page, 0), pages - 1);
        model.addAttribute("figures", figures);
        model.addAttribute("anyNewPatient", anyNewPatient);
        model.addAttribute(
                "months",
                anyNewPatient
                        ? months.subList(number * PAGE_SIZE, Math.min(months.size(), (number + 1) * PAGE_SIZE))
                        : List.of());
        model.addAttribute("totalMonths", months.size());
        model.addAttribute("pageNumber", number);
        model.addAttribute("totalPages", anyNewPatient ? pages : 1);
        return "staff/program/baseline";
    }

    /** The progress box alone, for htmx to refresh while the backfill runs. */
    @GetMapping(path = "/program/baseline/progress", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String progress(Model model) {
        model.addAttribute("progress", backfill.progress());
        return "staff/program/baseline :: progress";
    }

    @PostMapping(path = "/program/baseline/start")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String start(RedirectAttributes redirect) {
        BackfillProgress before = backfill.progress();
        if (backfill.start(null)) {
            redirect.addFlashAttribute(
                    "notice",
                    List.of("STOPPED", "FAILED", "RUNNING").contains(before.status())
                            ? "The backfill goes on from where it stopped."
                            : "The backfill has started.");
        } else {
            redirect.addFlashAttribute("problem", "The backfill is running already.");
        }
        return "redirect:/program/baseline";
    }

    @PostMapping(path = "/program/baseline/stop")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String stop(RedirectAttributes redirect) {
        if (backfill.stop()) {
            redirect.addFlashAttribute(
                    "notice", "The backfill stops after the page it is reading. Resume it when you like.");
        } else {
            redirect.addFlashAttribute("problem", "The backfill was not running.");
        }
        return "redirect:/program/baseline";
    }

    private static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException notAMonth) {
            return null;
        }
    }
}
