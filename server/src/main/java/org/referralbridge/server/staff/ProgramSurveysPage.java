package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.referralbridge.server.surveys.SurveyAdmin;
import org.referralbridge.server.surveys.SurveyResults;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The program-feedback survey's results for the program manager (recommend score, reward preferences, enrolment
 * experience, the advocates' comments, searchable, a page at a time) and the button that sends a new round to every
 * advocate with program-messages consent.
 */
@Controller
class ProgramSurveysPage {

    static final int PAGE_SIZE = 20;
    static final int DEFAULT_DAYS = 90;

    private final SurveyAdmin surveys;

    ProgramSurveysPage(SurveyAdmin surveys) {
        this.surveys = surveys;
    }

    @GetMapping(path = "/program/surveys", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String results(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String search = q == null ? "" : q.strip();
        model.addAttribute("q", search);
        model.addAttribute("messagesEnabled", surveys.messagesEnabled());
        LocalDate start = day(from, today.minusDays(DEFAULT_DAYS));
        LocalDate end = day(to, today);
        model.addAttribute("from", start == null ? from : start.toString());
        model.addAttribute("to", end == null ? to : end.toString());
        if (start == null) {
            model.addAttribute("fromError", "Enter a date as YYYY-MM-DD.");
        }
        if (end == null) {
            model.addAttribute("toError", "Enter a date as YYYY-MM-DD.");
        } else if (start != null && end.isBefore(start)) {
            model.addAttribute("toError", "Enter a date on or after the first day.");
        }
        if (model.containsAttribute("fromError") || model.containsAttribute("toError")) {
            model.addAttribute("results", null);
            model.addAttribute("comments", List.of());
            return "staff/program/surveys";
        }
        SurveyResults results = surveys.results(start, end);
        String needle = search.toLowerCase(Locale.ROOT);
        List<SurveyResults.Comment> matching = results.comments().stream()
                .filter(comment -> needle.isEmpty()
                        || comment.text().toLowerCase(Locale.ROOT).contains(needle)
                        || comment.patientId().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(page, 0), pages - 1);
        model.addAttribute("results", results);
        model.addAttribute(
                "comments", matching.subList(number * PAGE_SIZE, Math.min(matching.size(), (number + 1) * PAGE_SIZE)));
        model.addAttribute("commentTotal", matching.size());
        model.addAttribute("pageNumber", number);
        model.addAttribute("totalPages", pages);
        return "staff/program/surveys";
    }

    @PostMapping(path = "/program/surveys/send")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String send(RedirectAttributes redirect) {
        if (!surveys.messagesEnabled()) {
            redirect.addFlashAttribute(
                    "problem", "No survey sent: program messages are switched off for this practice.");
            return "redirect:/program/surveys";
        }
        SurveyAdmin.RoundSent sent = surveys.sendToAllAdvocates();
        redirect.addFlashAttribute(
                "notice",
                "Survey round sent: " + sent.queued() + " e-mail(s) on their way; " + sent.noConsent()
                        + " advocate(s) without program-messages consent were not asked.");
        return "redirect:/program/surveys";
    }

    private static LocalDate day(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
