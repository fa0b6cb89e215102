package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page of each section: what its pages are for, one link each. */
@Controller
class SectionPages {

    @GetMapping(path = "/front-desk", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String frontDesk() {
        return "staff/front-desk";
    }

    @GetMapping(path = "/program", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String program() {
        return "staff/program";
    }

    @GetMapping(path = "/it", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String clinicIt() {
        return "staff/it";
    }
}
