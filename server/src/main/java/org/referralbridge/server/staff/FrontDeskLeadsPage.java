package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.referralbridge.server.landing.LeadList;
import org.referralbridge.server.landing.LeadView;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Friend leads": what referred friends sent from the landing page, for the front desk to call or write back. The
 * waiting ones first, oldest first; "Mark contacted" takes one off that list, "Close" off the open lists (the friend
 * is not interested), each audited as the API's is. A lead leaves the open lists on its own once the friend is a
 * Patient and the lead is linked.
 */
@Controller
class FrontDeskLeadsPage {

    static final int PAGE_SIZE = 25;
    static final Map<String, String> PREFERRED =
            Map.of("morning", "Morning", "afternoon", "Afternoon", "evening", "Evening", "any", "Any time");

    private final LeadList leads;

    FrontDeskLeadsPage(LeadList leads) {
        this.leads = leads;
    }

    @GetMapping(path = "/front-desk/leads", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String leads(
            @RequestParam(defaultValue = "waiting") String state,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String wanted = state.strip().toLowerCase(Locale.ROOT);
        if (!LeadList.STATES.contains(wanted)) {
            model.addAttribute("problem", "There is no such list: showing the leads waiting for a call back.");
            wanted = "waiting";
        }
        Page<LeadView> found = leads.leads(wanted, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("state", wanted);
        model.addAttribute("page", found);
        model.addAttribute("rows", found.getContent());
        model.addAttribute("waiting", leads.waiting());
        model.addAttribute("preferred", PREFERRED);
        return "staff/front-desk/leads";
    }

    @PostMapping(path = "/front-desk/leads/{id}/contacted", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String contacted(
            @PathVariable String id,
            @RequestParam(defaultValue = "waiting") String state,
            Principal caller,
            RedirectAttributes redirect) {
        found(() -> leads.contacted(uuid(id), caller.getName()));
        redirect.addFlashAttribute("notice", "Marked as contacted: the lead is now on the “Contacted” list.");
        return backTo(state);
    }

    @PostMapping(path = "/front-desk/leads/{id}/close", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String close(
            @PathVariable String id,
            @RequestParam(defaultValue = "waiting") String state,
            Principal caller,
            RedirectAttributes redirect) {
        found(() -> leads.close(uuid(id), caller.getName()));
        redirect.addFlashAttribute("notice", "Closed: the lead is now on the “Closed” list.");
        return backTo(state);
    }

    /** Runs a change of a lead (LeadList audits it); a lead that is not there is the 404 page. */
    private static void found(Runnable change) {
        try {
            change.run();
        } catch (LeadList.LeadNotFound gone) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such friend lead.");
        }
    }

    private static String backTo(String state) {
        return "redirect:/front-desk/leads?state=" + (LeadList.STATES.contains(state) ? state : "waiting");
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such friend lead.");
        }
    }
}
