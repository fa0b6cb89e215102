package org.referralbridge.server.web;

/**
 * The four staff roles. Each endpoint names the roles that may call it next to itself, with
 * {@code @jakarta.annotation.security.RolesAllowed} (or {@code @PermitAll} where another check guards it, such as the
 * notification secret); an endpoint without either is refused to everyone.
 */
public final class Roles {

    /** Programs, rewards, overrides, users. */
    public static final String PROGRAM_ADMIN = "program-admin";

    /** The EHR connection, subscriptions, queues, mapping profiles. */
    public static final String CLINIC_IT = "clinic-it";

    /** Advocates, referrals, consents, review items. */
    public static final String FRONT_DESK = "front-desk";

    /** Read-only, and the audit trail. */
    public static final String AUDITOR = "auditor";

    private Roles() {}
}
