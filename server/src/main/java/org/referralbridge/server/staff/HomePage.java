package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in: the sections the user's roles open, each with what it is for. */
@Controller
class HomePage {

    @GetMapping(path = "/", produces = "text/html")
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.AUDITOR})
    String home() {
        return "staff/home";
    }
}
