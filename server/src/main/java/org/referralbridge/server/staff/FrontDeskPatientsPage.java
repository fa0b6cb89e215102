package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
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

/** Find a patient in the EHR and enrol them as an advocate. */
@Controller
class FrontDeskPatientsPage {

    private final FrontDeskPatientSearch search;
    private final ReferralManagement referrals;
    private final ApplicationEventPublisher events;

    FrontDeskPatientsPage(
            FrontDeskPatientSearch search, ReferralManagement referrals, ApplicationEventPublisher events) {
        this.search = search;
        this.referrals = referrals;
        this.events = events;
    }

    @GetMapping(path = "/front-desk/patients", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String patients(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String birthDate,
            @RequestParam(required = false) String mrn,
            Model model) {
        boolean searched = blank(name) + blank(birthDate) + blank(mrn) < 3;
        List<Row> rows = searched
                ? search.search(name, birthDate, mrn).stream()
                        .map(found -> new Row(
                                found,
                                referrals.advocateOfPatient(found.patientId()).orElse(null)))
                        .toList()
                : List.of();
        model.addAttribute("name", name);
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("mrn", mrn);
        model.addAttribute("searched", searched);
        model.addAttribute("rows", rows);
        return "staff/front-desk/patients";
    }

    @PostMapping(path = "/front-desk/patients/{patientId}/enrol")
    @RolesAllowed(Roles.FRONT_DESK)
    String enrol(@PathVariable String patientId, RedirectAttributes redirect) {
        Enrolment enrolment = referrals.enrol(patientId);
        AdvocateView advocate = enrolment.advocate();
        if (enrolment.newlyEnrolled()) {
            events.publishEvent(ChangeMade.succeeded(AuditAction.ADVOCATE_ENROLLED, "Patient/" + patientId));
            redirect.addFlashAttribute(
                    "notice", "Enrolled as an advocate. Their referral code is " + advocate.referralCode() + ".");
        } else {
            redirect.addFlashAttribute(
                    "notice", "Already an advocate, with the referral code " + advocate.referralCode() + ".");
        }
        return "redirect:/front-desk/advocates/" + advocate.referralCode() + "/card";
    }

    private static int blank(String text) {
        return text == null || text.isBlank() ? 1 : 0;
    }

    record Row(FrontDeskPatientSearch.FoundPatient patient, AdvocateView advocate) {}
}
