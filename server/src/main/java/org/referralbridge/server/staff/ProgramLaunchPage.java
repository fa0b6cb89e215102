package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.messages.ProgramInvitations;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.Enrolment;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Launch with existing patients": the patients seen recently who are not advocates yet, and one click to enrol each
 * and send the program's invitation, which goes out only with the patient's program-messages consent on file.
 */
@Controller
class ProgramLaunchPage {

    static final int PAGE_SIZE = 20;
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3650;

    private final ProgramLaunchCandidates candidates;
    private final ReferralManagement referrals;
    private final ProgramInvitations invitations;
    private final ApplicationEventPublisher events;

    ProgramLaunchPage(
            ProgramLaunchCandidates candidates,
            ReferralManagement referrals,
            ProgramInvitations invitations,
            ApplicationEventPublisher events) {
        this.candidates = candidates;
        this.referrals = referrals;
        this.invitations = invitations;
        this.events = events;
    }

    @GetMapping(path = "/program/launch", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String launch(
            @RequestParam(required = false) String days,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String search = q == null ? "" : q.strip();
        model.addAttribute("q", search);
        model.addAttribute("maxDays", MAX_DAYS);
        Integer window = days(days);
        if (window == null) {
            model.addAttribute("days", days);
            model.addAttribute("daysError", "Enter a whole number of days from 1 to " + MAX_DAYS + ".");
            model.addAttribute("candidates", List.of());
            model.addAttribute("searched", false);
            return "staff/program/launch";
        }
        ProgramLaunchCandidates.Found found = candidates.candidates(window, search);
        List<ProgramLaunchCandidates.Candidate> all = found.candidates();
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(page, 0), pages - 1);
        model.addAttribute("days", window);
        model.addAttribute("searched", true);
        model.addAttribute(
                "candidates", all.subList(number * PAGE_SIZE, Math.min(all.size(), (number + 1) * PAGE_SIZE)));
        model.addAttribute("total", all.size());
        model.addAttribute("pageNumber", number);
        model.addAttribute("totalPages", pages);
        model.addAttribute("truncated", found.truncated());
        return "staff/program/launch";
    }

    @PostMapping(path = "/program/launch/{patientId}/enrol")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String enrolAndInvite(
            @PathVariable String patientId,
            @RequestParam(required = false) String days,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        String back = UriComponentsBuilder.fromPath("/program/launch")
                .queryParam("days", days(days) == null ? DEFAULT_DAYS : days(days))
                .queryParamIfPresent("q", java.util.Optional.ofNullable(q).filter(text -> !text.isBlank()))
                .queryParam("page", Math.max(page, 0))
                .build()
                .encode()
                .toUriString();
        // a patient the EHR no longer has is StaffErrors' page in plain words
        Enrolment enrolment = referrals.enrol(patientId);
        AdvocateView advocate = enrolment.advocate();
        if (enrolment.newlyEnrolled()) {
            events.publishEvent(ChangeMade.succeeded(AuditAction.ADVOCATE_ENROLLED, "Patient/" + patientId));
        }
        String enrolled = (enrolment.newlyEnrolled()
                        ? "Patient/" + patientId + " enrolled"
                        : "Patient/" + patientId + " was already an advocate")
                + " with the referral code " + advocate.referralCode() + "; ";
        ProgramInvitations.Outcome outcome = invitations.invite(patientId, advocate.referralCode());
        redirect.addFlashAttribute("notice", enrolled + invitationWords(outcome));
        return "redirect:" + back;
    }

    static String invitationWords(ProgramInvitations.Outcome outcome) {
        switch (outcome) {
            case QUEUED:
                return "invitation on its way by e-mail.";
            case ALREADY_INVITED:
                return "no new invitation sent: they were invited before.";
            case NO_CONSENT:
                return "no invitation sent: no program-messages consent on file.";
            case MESSAGES_OFF:
                return "no invitation sent: program messages are switched off for this practice.";
            default:
                return "no invitation sent.";
        }
    }

    /** The days field as a number of days, or null when it is not one from 1 to {@link #MAX_DAYS}. */
    private static Integer days(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(text.strip());
            return days >= 1 && days <= MAX_DAYS ? days : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
