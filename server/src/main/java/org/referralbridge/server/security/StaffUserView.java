package org.referralbridge.server.security;

import java.time.Instant;
import java.util.Set;

/** A user as the API shows it: never the password or its hash. */
record StaffUserView(String username, Set<String> roles, Instant createdAt, String createdBy) {

    static StaffUserView of(StaffUser user) {
        return new StaffUserView(user.username(), user.roles(), user.createdAt(), user.createdBy());
    }
}
