package org.referralbridge.server.staff;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.referralbridge.server.web.SignInOptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The sign-in form (its POST is Spring Security's, at the same path) and the page a signed-in user sees when a page
 * is not for their roles. Both are open: the first to anyone, the second only words a refusal already made.
 */
@Controller
class SignInPage {

    private final SignInOptions options;

    SignInPage(SignInOptions options) {
        this.options = options;
    }

    /** The local form, or a button per identity provider of the clinic (oidc mode). */
    @GetMapping(path = "/login", produces = "text/html")
    @PermitAll
    String signIn(Model model) {
        model.addAttribute("options", options);
        return "staff/login";
    }

    /** Forwarded to by the security filter's access-denied handler; answers 403 with a page, not a broken one. */
    @RequestMapping(path = StaffPages.FORBIDDEN, produces = "text/html")
    @PermitAll
    String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "staff/forbidden";
    }
}
