package org.referralbridge.server.audit;

import java.util.List;

/**
 * Who made a change, as the audit trail records them.
 *
 * @param name the user name or client id; {@value #SYSTEM} for the service's own workers, {@value #ANONYMOUS} for a
 *     caller who is not signed in
 * @param roles the staff roles they hold ({@link org.referralbridge.server.web.Roles}), in that class's order
 * @param address the HTTP client's address when the change came in a request, else null
 */
public record Actor(String name, List<String> roles, String address) {

    /** The service itself: a worker, a scheduled job, anything outside a request. */
    public static final String SYSTEM = "system";

    /** A request without a signed-in principal. */
    public static final String ANONYMOUS = "anonymous";

    public Actor {
        roles = List.copyOf(roles);
    }

    static Actor system() {
        return new Actor(SYSTEM, List.of(), null);
    }
}
