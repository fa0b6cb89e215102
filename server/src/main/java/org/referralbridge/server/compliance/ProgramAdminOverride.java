package org.referralbridge.server.compliance;

import java.util.Objects;

/**
 * A program admin's decision to reward a referral of a government-program beneficiary after all; only with a reason,
 * which is stored with the decision.
 *
 * @param adminId id of the program admin (a user id, never a name)
 * @param reason why, as the admin wrote it
 */
public record ProgramAdminOverride(String adminId, String reason) {

    public ProgramAdminOverride {
        Objects.requireNonNull(adminId, "adminId");
        Objects.requireNonNull(reason, "reason");
        if (adminId.isBlank()) {
            throw new IllegalArgumentException("an override needs the admin's id");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an override needs a recorded reason");
        }
    }
}
