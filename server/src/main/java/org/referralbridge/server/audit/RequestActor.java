package org.referralbridge.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The actor from the servlet request the current thread serves: its principal, the roles it is in, its client address;
 * the service itself outside a request. It asks the request rather than Spring Security, so that it works with any
 * sign-in: Spring Security wraps the request so that {@link HttpServletRequest#getUserPrincipal()} and
 * {@link HttpServletRequest#isUserInRole(String)} answer from its authentication.
 */
@Component
class RequestActor implements CurrentActor {

    static final List<String> ROLES = List.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR);

    @Override
    public Actor current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Actor.system();
        }
        HttpServletRequest request = attributes.getRequest();
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Actor(Actor.ANONYMOUS, List.of(), request.getRemoteAddr());
        }
        List<String> roles = ROLES.stream().filter(request::isUserInRole).toList();
        return new Actor(principal.getName(), roles, request.getRemoteAddr());
    }
}
