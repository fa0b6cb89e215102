package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A mistyped address inside a section (an old bookmark, a hand-edited link) gets the app's 404 page with a way back,
 * not the API's problem document. Every real page's mapping is more specific, so it wins.
 */
@Controller
class UnknownPages {

    private static final String NO_PAGE = "There is no page at this address. It may have moved, or the link may be"
            + " mistyped: start again from the section's page.";

    @GetMapping(path = "/front-desk/**", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String frontDesk(Model model, HttpServletResponse response) {
        return notFound(model, response);
    }

    @GetMapping(path = "/program/**", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String program(Model model, HttpServletResponse response) {
        return notFound(model, response);
    }

    @GetMapping(path = "/it/**", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String clinicIt(Model model, HttpServletResponse response) {
        return notFound(model, response);
    }

    private static String notFound(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("message", NO_PAGE);
        return "staff/error";
    }
}
