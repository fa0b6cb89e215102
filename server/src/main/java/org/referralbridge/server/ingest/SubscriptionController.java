package org.referralbridge.server.ingest;

import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import org.referralbridge.server.web.Roles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the service's Subscriptions on the EHR stand, and a way to re-check them now. */
@RestController
@RequestMapping("/api/ehr/subscriptions")
class SubscriptionController {

    private final EhrSubscriptions subscriptions;
    private final IngestStatus status;

    SubscriptionController(EhrSubscriptions subscriptions, IngestStatus status) {
        this.subscriptions = subscriptions;
        this.status = status;
    }

    @GetMapping
    @RolesAllowed({Roles.CLINIC_IT, Roles.AUDITOR})
    SubscriptionsView latest() {
        return SubscriptionsView.of(subscriptions.latest());
    }

    /** Re-creates or re-activates what is missing or off, then reports. */
    @PostMapping("/check")
    @RolesAllowed(Roles.CLINIC_IT)
    SubscriptionsView checkNow() {
        // the staff pages check through the same method: one audit record either way
        return status.checkNow();
    }

    record SubscriptionsView(Instant checkedAt, boolean healthy, String failure, List<SubscriptionView> subscriptions) {

        List<String> ids() {
            return subscriptions.stream()
                    .filter(s -> s.id() != null)
                    .map(s -> "Subscription/" + s.id())
                    .toList();
        }

        static SubscriptionsView of(EhrSubscriptions.Check check) {
            if (check == null) {
                return new SubscriptionsView(null, false, "not checked yet", List.of());
            }
            return new SubscriptionsView(
                    check.at(),
                    check.healthy(),
                    check.failure(),
                    check.subscriptions().stream()
                            .map(s -> new SubscriptionView(
                                    s.spec().criteria(),
                                    s.subscriptionId(),
                                    s.status(),
                                    s.action().name()))
                            .toList());
        }
    }

    /** @param lastAction what the latest check did: CREATED, REACTIVATED, UPDATED or UNCHANGED */
    record SubscriptionView(String criteria, String id, String status, String lastAction) {}
}
