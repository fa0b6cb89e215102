package org.referralbridge.server.audit;

import java.util.List;

/**
 * A change a person or the system made, published by the module that made it; the audit module records who (from the
 * caller's sign-in, or the system when there is none), their roles, when and from which address.
 *
 * @param action what was done
 * @param resourceIds the ids the change touched ({@code Patient/123}, {@code inbox/42}); never names or other PHI
 * @param succeeded whether the change took effect
 */
public record ChangeMade(AuditAction action, List<String> resourceIds, boolean succeeded) {

    public ChangeMade {
        resourceIds = List.copyOf(resourceIds);
    }

    public static ChangeMade succeeded(AuditAction action, String... resourceIds) {
        return new ChangeMade(action, List.of(resourceIds), true);
    }

    public static ChangeMade failed(AuditAction action, String... resourceIds) {
        return new ChangeMade(action, List.of(resourceIds), false);
    }
}
