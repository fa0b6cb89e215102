package org.referralbridge.server.staff;

/** Paths of the staff app that other modules name (the security filter forwards refusals to {@link #FORBIDDEN}). */
public final class StaffPages {

    /** The sign-in form. */
    public static final String SIGN_IN = "/login";

    /** The 403 page a signed-in user sees for a page their roles do not open. */
    public static final String FORBIDDEN = "/forbidden";

    /** Where sign-out lands. */
    public static final String SIGNED_OUT = SIGN_IN + "?signed-out";

    private StaffPages() {}
}
